"""Which tables the history records, how a record is named, whom it belongs to, what is personal.

Every mapped table is recorded by default (a new model is covered without registering it); a table
that is not user data is left out with `exclude()`. `register()` gives a table a better name for
its records, its owner (whose History tab shows it) and its personal fields (erased with a person).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from clustermanager.i18n import N_, _

EXCLUDED = {"change_action", "change_record", "alembic_version", "frozen_report"}


@dataclass(frozen=True)
class TableInfo:
    label: str  # a translatable noun for the table ("member")
    name: Callable[[dict], str] | None = None  # the record's name from its values
    owner: tuple[str, str] | None = None  # (owner table, column holding its id)
    person: str | None = None  # the column holding the contact id ("id" for the contact itself)
    personal: tuple[str, ...] = field(default=())  # erased with the person


TABLES: dict[str, TableInfo] = {}


def register(table: str, info: TableInfo) -> None:
    TABLES[table] = info


def exclude(table: str) -> None:
    EXCLUDED.add(table)


def is_recorded(table: str) -> bool:
    return table not in EXCLUDED


def label_of(table: str) -> str:
    info = TABLES.get(table)
    return _(info.label) if info else table.replace("_", " ")


def name_of(table: str, values: dict) -> str:
    info = TABLES.get(table)
    try:
        if info and info.name:
            text = info.name(values)
        else:
            text = values.get("name") or values.get("title") or values.get("key") or ""
    except (KeyError, TypeError, ValueError):
        text = ""
    text = str(text or "").strip()
    return (text or f"#{values.get('id', '')}")[:300]


def owner_of(table: str, values: dict) -> tuple[str | None, int | None]:
    info = TABLES.get(table)
    if info and info.owner:
        return info.owner[0], values.get(info.owner[1])
    return None, None


def person_of(table: str, values: dict) -> int | None:
    info = TABLES.get(table)
    return values.get(info.person) if info and info.person else None


def _money(v) -> str:
    return "" if v is None else str(v)


register("member", TableInfo(N_("member")))
register("contact", TableInfo(
    N_("contact"), lambda v: f"{v.get('first_name') or ''} {v.get('last_name') or ''}", ("member", "member_id"),
    "id", ("first_name", "last_name", "email", "phone", "role", "consent_on")))
register("activity", TableInfo(N_("activity")))
register("participation", TableInfo(
    N_("participant"), lambda v: v.get("name") or v.get("organisation") or
    (f"contact #{v['contact_id']}" if v.get("contact_id") else ""), ("activity", "activity_id"),
    "contact_id", ("name", "email")))
register("project", TableInfo(N_("project")))
register("project_partner", TableInfo(
    N_("project partner"), lambda v: f"member #{v.get('member_id')}", ("project", "project_id")))
register("fee_schedule", TableInfo(N_("fee"), lambda v: f"{v.get('year')} {v.get('category')}"))
register("fee_call", TableInfo(N_("fee call"), lambda v: v.get("number") or v.get("structured_communication"),
                               ("member", "member_id")))
register("payment", TableInfo(
    N_("payment"), lambda v: " ".join(str(x) for x in (v.get("paid_on"), _money(v.get("amount")),
                                                       v.get("counterparty_name") or "") if x)))
register("in_kind_contribution", TableInfo(N_("in-kind contribution"), lambda v: v.get("description"),
                                           ("member", "member_id")))
register("cluster_profile", TableInfo(N_("cluster profile")))
register("cluster_year", TableInfo(N_("cluster year"), lambda v: str(v.get("year"))))
register("setting", TableInfo(N_("setting")))
register("report_narrative", TableInfo(N_("report text"), lambda v: f"{v.get('period_start')} - {v.get('period_end')}"))
register("project_status_change", TableInfo(N_("project status"), lambda v: f"{v.get('status')} {v.get('changed_on')}",
                                            ("project", "project_id")))
