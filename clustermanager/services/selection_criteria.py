"""What a selection asks for: criteria over what the app knows about members and their contacts.

`Criteria` is a frozen dataclass; a saved selection keeps it as JSON (`to_json`/`from_json`), so
the same criteria give today's people each time they are used. Every criterion left empty is no
restriction; given criteria must all hold (AND), the values inside one criterion are alternatives (OR).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, fields

from clustermanager import validation as v
from clustermanager.errors import FieldProblem, ValidationError
from clustermanager.i18n import _
from clustermanager.models import MemberKind, ProjectStatus, SizeClass

# Fee statuses a selection can ask for: the call statuses of services.fees, plus "none" (no fee call).
FEE_STATUSES = ("paid", "partly_paid", "open", "overdue", "credited", "cancelled", "none")


@dataclass(frozen=True)
class Criteria:
    kinds: tuple[str, ...] = ()  # MemberKind values
    sizes: tuple[str, ...] = ()  # SizeClass values
    provinces: tuple[str, ...] = ()  # as written on the member, compared case-insensitively
    fee_year: int | None = None
    fee_statuses: tuple[str, ...] = ()  # FEE_STATUSES; needs fee_year
    attended_from: dt.date | None = None  # the contact attended an activity in this period
    attended_to: dt.date | None = None
    activity_kinds: tuple[str, ...] = ()  # ... of these kinds (with a period, or on their own)
    project_partners: bool = False  # the contact's organisation is a partner in a project
    project_statuses: tuple[str, ...] = ()  # ... in a project with one of these statuses
    roles: tuple[str, ...] = ()  # a word in the contact's role ("CEO", "innovation")
    main_contact_only: bool = False
    languages: tuple[str, ...] = ()  # nl, fr, en (a contact without a language counts as the default)
    received_template: str | None = None  # received a mailing of this template ...
    received_year: int | None = None  # ... in this year (the fee or activity year, else the year written)
    not_received: bool = False  # turn the two above round: who did NOT receive it
    include_former_members: bool = False  # by default only members active today

    def to_json(self) -> str:
        return json.dumps({k: val for k, val in _plain(self).items() if val not in ([], None, False)},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Criteria:
        try:
            data = json.loads(text or "{}")
        except json.JSONDecodeError as exc:
            raise ValidationError("criteria", text, _("is not valid JSON")) from exc
        if not isinstance(data, dict):
            raise ValidationError("criteria", text, _("must be an object of criteria"))
        return criteria_from_dict(data)

    def is_empty(self) -> bool:
        return self == Criteria()


def _plain(c: Criteria) -> dict:
    out = asdict(c)
    for key, value in out.items():
        if isinstance(value, dt.date):
            out[key] = value.isoformat()
        elif isinstance(value, tuple):
            out[key] = list(value)
    return out


def _codes(problems, name: str, value, allowed: tuple[str, ...] | None) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or ())
    out = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        code = text.lower()
        if allowed is not None and code not in allowed:
            problems.append(FieldProblem(name, text, _("must be one of: {allowed}").format(
                allowed=", ".join(allowed))))
            continue
        out.append(code if allowed is not None else text)
    return tuple(dict.fromkeys(out))


def criteria_from_dict(data: dict) -> Criteria:
    """Criteria from plain values (JSON, a form, the command line); a clear error names the field."""
    known = {f.name for f in fields(Criteria)}
    problems: list[FieldProblem] = [FieldProblem(key, data[key], _("is not a selection criterion"))
                                    for key in data if key not in known]

    def day(name):
        value = data.get(name)
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return v.parse_date_text(str(value), name, required=True)
        except ValidationError as exc:
            problems.extend(exc.problems)
            return None

    def year(name):
        value = data.get(name)
        if value in (None, ""):
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not 1900 <= number <= 2200:
            problems.append(FieldProblem(name, value, _("is not a year")))
            return None
        return number

    criteria = Criteria(
        kinds=_codes(problems, "kinds", data.get("kinds"), tuple(k.value for k in MemberKind)),
        sizes=_codes(problems, "sizes", data.get("sizes"), tuple(s.value for s in SizeClass)),
        provinces=_codes(problems, "provinces", data.get("provinces"), None),
        fee_year=year("fee_year"),
        fee_statuses=_codes(problems, "fee_statuses", data.get("fee_statuses"), FEE_STATUSES),
        attended_from=day("attended_from"),
        attended_to=day("attended_to"),
        activity_kinds=_codes(problems, "activity_kinds", data.get("activity_kinds"), None),
        project_partners=bool(data.get("project_partners")),
        project_statuses=_codes(problems, "project_statuses", data.get("project_statuses"),
                                tuple(s.value for s in ProjectStatus)),
        roles=_codes(problems, "roles", data.get("roles"), None),
        main_contact_only=bool(data.get("main_contact_only")),
        languages=_codes(problems, "languages", data.get("languages"), v.MAIL_LANGUAGES),
        received_template=(str(data.get("received_template") or "").strip() or None),
        received_year=year("received_year"),
        not_received=bool(data.get("not_received")),
        include_former_members=bool(data.get("include_former_members")),
    )
    if criteria.fee_statuses and criteria.fee_year is None:
        problems.append(FieldProblem("fee_year", None, _("say which year's fee status you mean")))
    if criteria.attended_from and criteria.attended_to and criteria.attended_to < criteria.attended_from:
        problems.append(FieldProblem("attended_to", criteria.attended_to.isoformat(),
                                     _("lies before the start of the period")))
    if (criteria.received_year or criteria.not_received) and not criteria.received_template:
        problems.append(FieldProblem("received_template", None, _("say which mailing (template) you mean")))
    if problems:
        raise ValidationError.from_problems(problems)
    return criteria


def describe(c: Criteria) -> list[str]:
    """The criteria in words, one line each, for the screen and `selections show`."""
    lines = []
    if c.kinds:
        lines.append(_("member kind: {v}").format(v=", ".join(_(MemberKind(k).label) for k in c.kinds)))
    if c.sizes:
        lines.append(_("size: {v}").format(v=", ".join(_(SizeClass(s).label) for s in c.sizes)))
    if c.provinces:
        lines.append(_("province: {v}").format(v=", ".join(c.provinces)))
    if c.fee_statuses:
        lines.append(_("fee {year}: {v}").format(year=c.fee_year, v=", ".join(c.fee_statuses)))
    if c.attended_from or c.attended_to or c.activity_kinds:
        period = " – ".join(d.isoformat() if d else "…" for d in (c.attended_from, c.attended_to))
        kinds = f" ({', '.join(c.activity_kinds)})" if c.activity_kinds else ""
        lines.append(_("attended an activity: {v}").format(v=period + kinds))
    if c.project_partners or c.project_statuses:
        statuses = f" ({', '.join(c.project_statuses)})" if c.project_statuses else ""
        lines.append(_("partner in a project") + statuses)
    if c.roles:
        lines.append(_("role contains: {v}").format(v=", ".join(c.roles)))
    if c.main_contact_only:
        lines.append(_("main contacts only"))
    if c.languages:
        lines.append(_("language: {v}").format(v=", ".join(c.languages)))
    if c.received_template:
        what = c.received_template + (f" {c.received_year}" if c.received_year else "")
        lines.append((_("did not receive: {v}") if c.not_received else _("received: {v}")).format(v=what))
    lines.append(_("members who left included") if c.include_former_members else _("current members only"))
    return lines
