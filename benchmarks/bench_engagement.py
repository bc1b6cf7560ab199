"""Time the activity and project figures and lists on a large synthetic cluster (prints figures).

    PYTHONPATH=. python benchmarks/bench_engagement.py [--members 100000] [--db /tmp/bench.cmdb]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from sqlalchemy import func, select

from clustermanager.db import open_database
from clustermanager.demo import generate_demo
from clustermanager.io.registrations import RegistrationRow
from clustermanager.models import Contact, Member, Participation
from clustermanager.services import activities, engagement, projects, registrations


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<48} {time.perf_counter() - start:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/bench-engagement.cmdb")
    args = parser.parse_args()
    path = Path(args.db)
    fresh = not path.exists()
    db = open_database(path)
    if fresh:
        with db.session() as s:
            timed(f"demo with {args.members:,} members", lambda: generate_demo(s, members=args.members, seed=1,
                                                                               year=2025))
    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    with db.session() as s:
        print(f"members {s.scalar(select(func.count()).select_from(Member)):,}, participations "
              f"{s.scalar(select(func.count()).select_from(Participation)):,}")
        e = timed("period_engagement (one year)", lambda: engagement.period_engagement(s, *year))
        print(f"  {e.activities} activities, {e.distinct_people:,} people, share {e.share_members_reached}")
        timed("period_engagement (whole history)", lambda: engagement.period_engagement(
            s, dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
        rows = timed("list_activities (all, with counts)", lambda: activities.list_activities(s))
        print(f"  {len(rows):,} activities")
        timed("activity_figures (one)", lambda: engagement.activity_figures(s, rows[0].id))
        member_id = s.scalar(select(Participation.member_id).where(Participation.member_id.is_not(None)).limit(1))
        timed("member_engagement (one member, all years)", lambda: engagement.member_engagement(
            s, member_id, dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
        prows = timed("list_projects (all, with partner counts)", lambda: projects.list_projects(s))
        print(f"  {len(prows):,} projects")
        timed("project_figures (one year)", lambda: projects.project_figures(s, *year))
        contacts = s.execute(select(Contact.first_name, Contact.last_name, Contact.email, Member.name)
                             .join(Member).limit(500)).all()
        rows_in = [RegistrationRow(i + 2, f"{f} {la}", f, la, e if i % 3 else None, m, None)
                   for i, (f, la, e, m) in enumerate(contacts)]
        preview = timed("preview of a 500-row registration list", lambda: registrations.preview_registrations(
            s, rows[0].id, rows_in))
        print(f"  {preview.counts()}")
        s.rollback()
    db.close()


if __name__ == "__main__":
    main()
