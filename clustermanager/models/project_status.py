"""The dated history of a project's status: one row per change, kept when the status changes again.

`Project.status` is the status of the latest change (by date, then by entry order); the report asks the
history for the status on a day (`services.project_status.statuses_on`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from clustermanager.models.base import Base, enum_column
from clustermanager.models.project import ProjectStatus


class ProjectStatusChange(Base):
    __tablename__ = "project_status_change"
    __table_args__ = (Index("ix_project_status_change_project_day", "project_id", "changed_on"),)

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    # The same stored values as Project.status: a new ProjectStatus member needs no schema change here.
    status: Mapped[ProjectStatus] = mapped_column(enum_column(ProjectStatus))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

