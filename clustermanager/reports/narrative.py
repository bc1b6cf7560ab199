"""The story of a progress report (achievements, challenges, plans), kept per period."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import FieldProblem, ValidationError
from clustermanager.models import ReportNarrative
from clustermanager.reports.data import Narrative
from clustermanager.reports.figures import narrative_for
from clustermanager.reports.period import ReportPeriod

MAX_LENGTH = 20_000  # characters per part: several pages in the PDF


def get_narrative(session: Session, period: ReportPeriod) -> Narrative:
    return narrative_for(session, period)


def save_narrative(session: Session, period: ReportPeriod, narrative: Narrative) -> Narrative:
    """Store the three parts for exactly this period (another period has its own story)."""
    problems: list[FieldProblem] = []
    values = {}
    for name in ("achievements", "challenges", "plans"):
        try:
            values[name] = v.clean_text(getattr(narrative, name), name, max_length=MAX_LENGTH) or ""
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError.from_problems(problems)
    row = session.scalar(select(ReportNarrative).where(ReportNarrative.period_start == period.start,
                                                       ReportNarrative.period_end == period.end))
    if row is None:
        row = ReportNarrative(period_start=period.start, period_end=period.end)
        session.add(row)
    for name, text in values.items():
        setattr(row, name, text)
    session.flush()
    return Narrative(**values)
