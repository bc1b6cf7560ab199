"""The fee categories a member can be given: those of the fee schedule, by name, for the member form.

A member's fee category picks its row in the year's fee schedule; a category the schedule does not
have gets no fee call. So the form offers the schedule's categories (every year's, the newest first)
by their names ("Small company", not `small`), plus "by kind and size" (no category of its own: the one
`fees.fee_category_for` derives), plus the member's current category if no schedule has it any more.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager.i18n import _
from clustermanager.models import FeeSchedule
from clustermanager.services import fees


@dataclass(frozen=True)
class CategoryChoice:
    code: str
    label: str


def fee_category_choices(session: Session, current: str | None = None) -> list[CategoryChoice]:
    """The schedule's categories: those of the newest year first, the built-in ones in their order
    (micro to large, then knowledge, government, other), a cluster's own by name; the member's
    `current` category is kept (marked as not in the schedule) when no year has it."""
    newest = func.max(FeeSchedule.year)
    rows = session.execute(select(FeeSchedule.category, newest).group_by(FeeSchedule.category)).all()
    built_in = list(fees.FEE_CATEGORY_LABELS)

    def order(row) -> tuple:
        code, year = row
        return -year, built_in.index(code) if code in built_in else len(built_in), fees.category_label(code).lower()

    choices = [CategoryChoice(code, fees.category_label(code)) for code, _year in sorted(rows, key=order)]
    if current and current.lower() not in {c.code for c in choices}:
        choices.append(CategoryChoice(current.lower(), _("{category} (not in the fee schedule)").format(
            category=fees.category_label(current))))
    return choices
