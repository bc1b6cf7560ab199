"""Submitted (frozen) reports: the figures exactly as they were sent, and what changed since.

Submitting stores the whole ReportData as JSON with the date, so a report can be exported again
years later with the same figures even though members, fees and activities changed meanwhile.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager.errors import NotFoundError, UserError
from clustermanager.i18n import _
from clustermanager.models import FrozenReport
from clustermanager.models.base import utcnow
from clustermanager.reports.data import SCHEMA_VERSION, ReportData, from_json, to_json
from clustermanager.reports.figures import build_report
from clustermanager.reports.summary import HEADING, TEXT, figures_by_key, qualified_labels


@dataclass(frozen=True)
class FrozenReportInfo:
    id: int
    label: str
    period_start: dt.date
    period_end: dt.date
    submitted_at: dt.datetime


@dataclass(frozen=True)
class FigureChange:
    key: str
    label: str
    kind: str
    submitted: object  # the value in the frozen report (None: the figure did not exist then)
    current: object  # the value now (None: the figure no longer exists)


@dataclass(frozen=True)
class ReportChanges:
    frozen: FrozenReportInfo
    changes: tuple[FigureChange, ...]

    @property
    def unchanged(self) -> bool:
        return not self.changes


def _info(row: FrozenReport) -> FrozenReportInfo:
    return FrozenReportInfo(row.id, row.label, row.period_start, row.period_end, row.submitted_at)


def submit_report(session: Session, data: ReportData, submitted_at: dt.datetime | None = None) -> FrozenReportInfo:
    """Keep `data` as submitted to the agency."""
    row = FrozenReport(period_start=data.period.start, period_end=data.period.end, label=data.period.label,
                       submitted_at=(submitted_at or utcnow()).replace(microsecond=0), data_json=to_json(data))
    session.add(row)
    session.flush()
    return _info(row)


def list_frozen(session: Session) -> list[FrozenReportInfo]:
    """Submitted reports, the latest first."""
    rows = session.scalars(select(FrozenReport).order_by(FrozenReport.submitted_at.desc(), FrozenReport.id.desc()))
    return [_info(r) for r in rows]


def _row(session: Session, frozen_id: int) -> FrozenReport:
    row = session.get(FrozenReport, frozen_id)
    if row is None:
        raise NotFoundError(_("There is no submitted report {id}.").format(id=frozen_id))
    return row


def load_frozen(session: Session, frozen_id: int) -> ReportData:
    """The ReportData exactly as it was submitted."""
    row = _row(session, frozen_id)
    try:
        raw = json.loads(row.data_json)
        if int(raw.get("schema_version", 1)) > SCHEMA_VERSION:
            raise UserError(_("Submitted report {id} was stored by a newer version of the app.").format(id=row.id))
        return from_json(row.data_json)
    except (ValueError, TypeError, KeyError) as exc:
        raise UserError(_("Submitted report {id} cannot be read: {error}").format(id=row.id, error=exc)) from exc


def compare(old: ReportData, new: ReportData) -> tuple[FigureChange, ...]:
    """The named figures whose value differs (the narrative and dates of the build are left out)."""
    before, after = figures_by_key(old), figures_by_key(new)
    labels = {**qualified_labels(old), **qualified_labels(new)}
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        if key.startswith(("narrative.", "report.")):
            continue
        a, b = before.get(key), after.get(key)
        old_value, new_value = (a.value if a else None), (b.value if b else None)
        if old_value != new_value:
            fig = b or a
            if fig.kind == HEADING or (fig.kind == TEXT and key.startswith("cluster.")):
                continue
            changes.append(FigureChange(key, labels.get(key, fig.label), fig.kind, old_value, new_value))
    return tuple(changes)


def changes_since(session: Session, frozen_id: int, today: dt.date | None = None) -> ReportChanges:
    """What a fresh build of the same period says differently from the submitted report."""
    frozen = load_frozen(session, frozen_id)
    fresh = build_report(session, frozen.period, today=today)
    return ReportChanges(_info(_row(session, frozen_id)), compare(frozen, fresh))
