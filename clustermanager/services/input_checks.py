"""Collecting every problem of a form at once: each field's check adds its problem to a list instead of
raising, and the service raises one ValidationError naming them all (members, projects, activities)."""

from __future__ import annotations

from clustermanager.errors import FieldProblem, ValidationError
from clustermanager.i18n import _


def enum_value(enum_cls, value, field_name: str, problems: list[FieldProblem], *, required: bool):
    """`value` as a member of `enum_cls` (text is read case-blind); None, with a problem noted, if it is not."""
    if value is None or value == "":
        if required:
            problems.append(FieldProblem(field_name, value, _("is required")))
        return None
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(m.value for m in enum_cls)
        problems.append(FieldProblem(field_name, value, _("must be one of: {allowed}").format(allowed=allowed)))
        return None


def checked(problems: list[FieldProblem], fn, *args, **kwargs):
    """`fn(*args, **kwargs)`, or None with its problems noted when it raises ValidationError."""
    try:
        return fn(*args, **kwargs)
    except ValidationError as exc:
        problems.extend(exc.problems)
        return None
