"""The government's yearly cluster monitoring list: one row per member organisation of a year.

A member organisation **of year Y** is one whose membership overlaps Y (the report's
`active_during_clause`). Its status:
- **leaving**: no longer a member on 31 December of Y (it left before that day), whenever it joined;
- **new**: joined within Y and still a member on 31 December;
- **staying**: joined before Y and still a member on 31 December.
So staying + new = the report's members at the end of the year (`members.end.total`); a membership
ending ON 31 December still counts at the year end, hence as staying or new.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager.errors import UserError
from clustermanager.i18n import _, translator
from clustermanager.io.atomic import atomic_write
from clustermanager.io.excel_safety import add_sheet, is_formula_like, save_workbook
from clustermanager.models import Member
from clustermanager.reports.labels import label
from clustermanager.reports.period import year_period
from clustermanager.reports.summary import figures_by_key
from clustermanager.services.members import active_during_clause

STAYING, NEW, LEAVING = "staying", "new", "leaving"


@dataclass(frozen=True)
class MonitoringRow:
    enterprise_number: str | None  # 10 digits; a foreign member has its VAT number instead
    vat_number: str | None
    name: str
    kind: str
    size_class: str | None
    nace_code: str | None
    joined_on: dt.date
    left_on: dt.date | None
    status: str  # staying, new, leaving


@dataclass(frozen=True)
class MonitoringList:
    year: int
    rows: tuple[MonitoringRow, ...]
    staying: int
    new: int
    leaving: int
    members_at_year_end: int  # the report's members.end.total for the year

    @property
    def reconciles(self) -> bool:
        return self.staying + self.new == self.members_at_year_end


def status_of(joined_on: dt.date, left_on: dt.date | None, year: int) -> str:
    end = dt.date(year, 12, 31)
    if left_on is not None and left_on < end:
        return LEAVING
    return NEW if joined_on >= dt.date(year, 1, 1) else STAYING


def monitoring_list(session: Session, year: int) -> MonitoringList:
    period = year_period(year)
    rows = tuple(
        MonitoringRow(r.enterprise_number, r.vat_number, r.name, r.kind.value,
                      r.size_class.value if r.size_class else None, r.nace_code, r.joined_on, r.left_on,
                      status_of(r.joined_on, r.left_on, year))
        for r in session.execute(
            select(Member.enterprise_number, Member.vat_number, Member.name, Member.kind, Member.size_class,
                   Member.nace_code, Member.joined_on, Member.left_on)
            .where(active_during_clause(period.start, period.end)).order_by(Member.name, Member.id)))
    from clustermanager.reports.figures import build_report

    report = build_report(session, period, lists=False, targets=False)
    counts = {s: sum(1 for r in rows if r.status == s) for s in (STAYING, NEW, LEAVING)}
    return MonitoringList(year, rows, counts[STAYING], counts[NEW], counts[LEAVING],
                          int(figures_by_key(report)["members.end.total"].value))


def headers(lang: str | None = None) -> list[str]:
    _ = translator(lang)
    return [_("Enterprise number"), _("VAT number"), _("Name"), _("Kind"), _("Size class"), _("NACE"),
            _("Joined"), _("Left"), _("Status")]


def _cells(row: MonitoringRow, lang: str | None) -> list:
    _ = translator(lang)
    number = (f"{row.enterprise_number[:4]}.{row.enterprise_number[4:7]}.{row.enterprise_number[7:]}"
              if row.enterprise_number and len(row.enterprise_number) == 10 else row.enterprise_number)
    status_text = {STAYING: _("staying"), NEW: _("new"), LEAVING: _("leaving")}[row.status]
    return [number, row.vat_number, row.name, label("member_kind", row.kind, lang=lang),
            label("size_class", row.size_class, lang=lang) if row.size_class else None, row.nace_code,
            row.joined_on, row.left_on, status_text]


def sheet_title(year: int, lang: str | None = None) -> str:
    _ = translator(lang)
    return _("Members {year}").format(year=year)


def write_monitoring(data: MonitoringList, path: str | os.PathLike, lang: str | None = None) -> Path:
    """`.xlsx` (through the formula-safe writer) or `.csv` (UTF-8 with BOM, `;`), written atomically."""
    target = Path(path)
    suffix = target.suffix.lower()
    rows = [_cells(r, lang) for r in data.rows]
    if suffix == ".xlsx":
        wb = Workbook(write_only=True)
        add_sheet(wb, sheet_title(data.year, lang), headers(lang), rows,
                  widths=[16, 16, 40, 22, 14, 10, 12, 12, 12])
        save_workbook(wb, target)
    elif suffix == ".csv":
        with atomic_write(target) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";")
            writer.writerow(headers(lang))
            for row in rows:
                writer.writerow([_csv_text(v) for v in row])
    else:
        raise UserError(_("The monitoring list is written as .xlsx or .csv, not {suffix}.").format(
            suffix=suffix or _("(no extension)")))
    return target


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if is_formula_like(text) else text
