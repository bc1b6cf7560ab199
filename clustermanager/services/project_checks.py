"""The project-history rule `check` verifies (appended to services.integrity.DOMAIN_CHECKS)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clustermanager.i18n import _
from clustermanager.models import Project, ProjectStatusChange
from clustermanager.services.findings import Finding
from clustermanager.services.project_status import statuses_on
from clustermanager.validation import LATEST_DATE


def check_status_history(session: Session) -> Finding:
    """Every project has a dated status history whose latest change is the status it shows."""
    without = session.scalar(select(func.count()).select_from(Project).where(
        Project.id.not_in(select(ProjectStatusChange.project_id))))
    latest = statuses_on(session, LATEST_DATE)
    differ = sum(1 for pid, status in session.execute(select(Project.id, Project.status))
                 if pid in latest and latest[pid] is not status)
    ok = not without and not differ
    return Finding("project_status_history", ok, _("Every project's status has a dated history") if ok else
                   _("{a} projects have no status history, {b} show another status than their latest change")
                   .format(a=without, b=differ))


PROJECT_CHECKS = [check_status_history]
