"""`demo`: fill a database with a realistic demo cluster (or a large synthetic one)."""

from __future__ import annotations

import sys
import time

from clustermanager.demo import generate_demo
from clustermanager.i18n import _


def register(subparsers, common) -> None:
    p = subparsers.add_parser("demo", help=_("fill an empty database with a demo cluster"), parents=[common])
    p.add_argument("--members", type=int, default=120, help=_("number of members (default 120; up to 1,000,000)"))
    p.add_argument("--seed", type=int, default=2016, help=_("random seed: the same seed gives the same cluster"))
    p.add_argument("--year", type=int, help=_("the last year of data (default: this year)"))
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    started = time.perf_counter()

    def progress(percent: int, what: str) -> None:
        if not ctx.json:
            print(f"\r{percent:3d}%  {what:<40}", end="", file=sys.stderr, flush=True)

    with ctx.db.session() as session:
        summary = generate_demo(session, members=args.members, seed=args.seed, year=args.year, progress=progress)
    if not ctx.json:
        print(file=sys.stderr)
    ctx.emit(summary, _(
        "Demo cluster written to {db} in {s:.1f} s: {m} members, {c} contacts, {f} fee calls, {p} payments, "
        "{a} activities, {pa} participations, {pr} projects."
    ).format(db=ctx.db.display_name, s=time.perf_counter() - started, m=summary.members, c=summary.contacts,
             f=summary.fee_calls, p=summary.payments, a=summary.activities, pa=summary.participations,
             pr=summary.projects))
    return 0
