"""Optimistic locking: a colleague's change in between becomes a ConflictError showing both values.

Every table has a `version` checked by each UPDATE (see models.base). A service that edits a record
wraps its flush in `version_guard(...)`: SQLAlchemy's StaleDataError (the row's version moved on) is
turned into a ConflictError carrying the committed values (`theirs`) and the user's (`mine`), so the
form can show both and let the user choose. Never a silent overwrite.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
from collections.abc import Callable, Iterator

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clustermanager.errors import ConflictError
from clustermanager.i18n import _


def _shown(value) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    return "" if value is None else str(value)


def differences(theirs, mine) -> list[tuple[str, str, str]]:
    """(field, their value, my value) for every field both records have and that differ."""
    if theirs is None or mine is None or not dataclasses.is_dataclass(mine):
        return []
    out = []
    for f in dataclasses.fields(mine):
        if f.name in ("version", "id", "extra") or not hasattr(theirs, f.name):
            continue
        a, b = _shown(getattr(theirs, f.name)), _shown(getattr(mine, f.name))
        if a != b:
            out.append((f.name, a, b))
    return out


def conflict_error(name: str, theirs, mine) -> ConflictError:
    lines = [_("Someone else changed {name} since you opened it.").format(name=name)]
    if theirs is None:
        lines = [_("Someone else deleted {name} since you opened it.").format(name=name)]
    for field, a, b in differences(theirs, mine):
        lines.append(_("{field}: saved by them {theirs!r}, yours {mine!r}").format(field=field, theirs=a, mine=b))
    return ConflictError("\n".join(lines), theirs=theirs, mine=mine)


@contextlib.contextmanager
def version_guard(session: Session, model, row_id: int, *, name: str, mine, describe: Callable) -> Iterator[None]:
    """Turn a stale UPDATE inside the block into a ConflictError with the committed values."""
    try:
        yield
    except StaleDataError as exc:
        # The session must be rolled back by its owner; read what was committed with a fresh one.
        with Session(bind=session.get_bind()) as fresh:
            row = fresh.get(model, row_id)
            theirs = describe(row) if row is not None else None
        raise conflict_error(name, theirs, mine) from exc
