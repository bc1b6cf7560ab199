"""`check`: integrity, migration state and the domain's rules."""

from __future__ import annotations

from clustermanager.i18n import _
from clustermanager.services.integrity import run_checks


def register(subparsers, common) -> None:
    p = subparsers.add_parser("check", help=_("check the database's integrity and the domain's rules"),
                              parents=[common])
    p.set_defaults(handler=run, read_only=True)


def run(args, ctx) -> int:
    report = run_checks(ctx.db)
    lines = [f"{'ok  ' if f.ok else 'FAIL'}  {f.message}" for f in report.findings]
    lines.append(_("All checks passed.") if report.ok else _("Some checks failed."))
    ctx.emit(report, "\n".join(lines))
    return 0 if report.ok else 2
