"""`report`: build the progress report and write it as Excel, PDF or a filled agency template;
`report frozen list|export|changes`: reports as they were submitted."""

from __future__ import annotations

import datetime as dt

from clustermanager import validation as v
from clustermanager.cli.context import report_language_option, table
from clustermanager.i18n import _
from clustermanager.reports import archive as report_archive
from clustermanager.reports.data import ReportData, to_dict
from clustermanager.reports.figures import build_report
from clustermanager.reports.outputs import write_outputs
from clustermanager.reports.period import parse_period
from clustermanager.reports.summary import HEADING, figure_groups, format_as, format_value
from clustermanager.services.cluster import get_profile


def _output_options(p) -> None:
    p.add_argument("--xlsx", metavar="FILE", help=_("write the Excel workbook"))
    p.add_argument("--pdf", metavar="FILE", help=_("write the PDF"))
    p.add_argument("--template", metavar="FILE", help=_("the agency's .xlsx template with {{placeholders}}"))
    p.add_argument("--filled", metavar="FILE", help=_("where to write the filled template"))
    report_language_option(p)


def register(subparsers, common) -> None:
    group = subparsers.add_parser("report", parents=[common], help=_("the progress report for the agency"),
                                  description=_("Build the progress report for a period and export it."))
    group.add_argument("--period", metavar="PERIOD",
                       help=_('"2025", "2023-2025" or "funding" (default: last calendar year)'))
    _output_options(group)
    group.add_argument("--submit", action="store_true",
                       help=_("keep these figures as the submitted report (they can be exported again later)"))
    group.add_argument("--today", metavar="DATE", help=_("the day that decides which fees are overdue"))
    group.set_defaults(handler=make_report)
    actions = group.add_subparsers(dest="report_action", metavar="ACTION")
    frozen = actions.add_parser("frozen", parents=[common], help=_("submitted reports"))
    frozen.set_defaults(handler=None)  # `report frozen` alone shows its help
    frozen_actions = frozen.add_subparsers(dest="frozen_action", metavar="ACTION")
    p = frozen_actions.add_parser("list", parents=[common], help=_("list submitted reports"))
    p.set_defaults(handler=list_frozen)
    p = frozen_actions.add_parser("export", parents=[common], help=_("export a submitted report again"))
    p.add_argument("id", type=int)
    _output_options(p)
    p.set_defaults(handler=export_frozen)
    p = frozen_actions.add_parser("changes", parents=[common], help=_("what changed since it was submitted"))
    p.add_argument("id", type=int)
    p.set_defaults(handler=frozen_changes)


def figures_text(data: ReportData) -> str:
    lines = []
    for group in figure_groups(data):
        if group.key == "narrative":
            continue
        lines += ["", group.title.upper()]
        for fig in group.figures:
            indent = "    " * (fig.level + 1)
            value = "" if fig.kind == HEADING else format_value(fig)
            lines.append(f"{indent}{fig.label}: {value}" if value else f"{indent}{fig.label}")
    return "\n".join(lines).strip("\n")


def _export(args, ctx, data: ReportData, extra: dict | None = None) -> int:
    written = write_outputs(data, xlsx=args.xlsx, pdf=args.pdf, template=args.template, filled=args.filled,
                            lang=args.report_lang)
    text = figures_text(data)
    if written:
        text += "\n\n" + "\n".join(_("Written: {file}").format(file=f) for f in written)
    payload = {"report": to_dict(data), "written": [str(f) for f in written], **(extra or {})}
    ctx.emit(payload, text)
    return 0


def make_report(args, ctx) -> int:
    today = v.parse_date_text(args.today, "--today") if args.today else None
    with ctx.db.session() as session:
        text = args.period or str(dt.date.today().year - 1)
        period = parse_period(text, get_profile(session))
        data = build_report(session, period, today=today)
        submitted = report_archive.submit_report(session, data) if args.submit else None
    extra = {"submitted": submitted} if submitted else {}
    code = _export(args, ctx, data, extra)
    if submitted and not ctx.json:
        print(_("Submitted as report {id} on {date}.").format(id=submitted.id,
                                                             date=submitted.submitted_at.strftime("%d/%m/%Y")))
    return code


def list_frozen(args, ctx) -> int:
    with ctx.db.session() as session:
        rows = report_archive.list_frozen(session)
    ctx.emit(rows, table([[str(r.id), r.label, r.period_start.isoformat(), r.period_end.isoformat(),
                           r.submitted_at.strftime("%Y-%m-%d %H:%M")] for r in rows],
                         [_("id"), _("period"), _("from"), _("to"), _("submitted")]))
    return 0


def export_frozen(args, ctx) -> int:
    with ctx.db.session() as session:
        data = report_archive.load_frozen(session, args.id)
    return _export(args, ctx, data)


def frozen_changes(args, ctx) -> int:
    with ctx.db.session() as session:
        result = report_archive.changes_since(session, args.id)
    rows = [[c.label, format_as(c.submitted, c.kind, "—"), format_as(c.current, c.kind, "—")]
            for c in result.changes]
    text = (_("Nothing changed since report {id} was submitted.").format(id=args.id) if result.unchanged
            else table(rows, [_("figure"), _("submitted"), _("now")]))
    ctx.emit(result, text)
    return 0
