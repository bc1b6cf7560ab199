"""`indicators list|add|status|targets set|targets import|targets list|values set|earmarked set|as-of`:
the agency's indicators, targets and whether the cluster is on track (docs/indicators.md);
`export monitoring --year Y FILE`: the government's monitoring list."""

from __future__ import annotations

from clustermanager import validation as v
from clustermanager.cli.context import table
from clustermanager.cli.exchange import _group
from clustermanager.i18n import N_, _
from clustermanager.models import TargetSource
from clustermanager.reports import monitoring
from clustermanager.reports.indicators import store
from clustermanager.reports.indicators.catalogue import BUILTIN
from clustermanager.reports.indicators.results import indicator_status
from clustermanager.reports.indicators.sheet import import_targets
from clustermanager.reports.summary import format_as

STATUS_TEXT = {"on_track": N_("on track"), "at_risk": N_("at risk"), "behind": N_("behind"),
               "no_target": N_("no target")}


def _year(p, required: bool = True) -> None:
    p.add_argument("--year", type=int, required=required, metavar="YEAR")


def register(subparsers, common) -> None:
    group = subparsers.add_parser("indicators", parents=[common], help=_("the agency's indicators and targets"),
                                  description=_("Indicators, their targets and whether the cluster is on track."))
    actions = group.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser("list", parents=[common], help=_("every indicator with its stable key"))
    p.set_defaults(handler=list_indicators, read_only=True)

    p = actions.add_parser("add", parents=[common], help=_("define a custom indicator (filled in by hand)"))
    p.add_argument("key", help=_("a stable key: lower-case letters, digits and _"))
    p.add_argument("--name", required=True)
    p.add_argument("--unit", default="")
    p.add_argument("--cumulative", action="store_true", help=_("the years add up (else: each year stands alone)"))
    p.set_defaults(handler=add_custom)

    p = actions.add_parser("status", parents=[common], help=_("targets against results for a year: on track?"))
    _year(p)
    p.add_argument("--as-of", metavar="DATE", help=_("judge on this day (default: the cluster's day, else today)"))
    p.set_defaults(handler=status, read_only=True)

    targets = actions.add_parser("targets", parents=[common], help=_("targets per year or for the funding period"))
    targets.set_defaults(handler=None)
    t_actions = targets.add_subparsers(dest="targets_action", metavar="ACTION")
    p = t_actions.add_parser("set", parents=[common], help=_("set one target"))
    p.add_argument("key")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--year", type=int, metavar="YEAR")
    when.add_argument("--period", action="store_true", help=_("the target for the whole funding period"))
    p.add_argument("--value", required=True)
    p.add_argument("--source", default=TargetSource.SUPPORT_AGREEMENT.value, choices=[s.value for s in TargetSource])
    p.set_defaults(handler=set_target)
    p = t_actions.add_parser("import", parents=[common], help=_("a target sheet: one row per indicator, one column "
                                                                 "per year"))
    p.add_argument("file", help=_(".xlsx or .csv file"))
    p.add_argument("--sheet", help=_("the sheet to read (default: the first)"))
    p.add_argument("--dry-run", action="store_true", help=_("only check the sheet"))
    p.set_defaults(handler=import_target_sheet)
    p = t_actions.add_parser("list", parents=[common], help=_("the targets entered"))
    p.set_defaults(handler=list_targets, read_only=True)

    values = actions.add_parser("values", parents=[common], help=_("values of custom indicators"))
    values.set_defaults(handler=None)
    p = values.add_subparsers(dest="values_action", metavar="ACTION").add_parser(
        "set", parents=[common], help=_("a custom indicator's value for a year"))
    p.add_argument("key")
    _year(p)
    p.add_argument("--value", required=True)
    p.set_defaults(handler=set_value)

    earmarked = actions.add_parser("earmarked", parents=[common], help=_("the earmarked project budget per year"))
    earmarked.set_defaults(handler=None)
    p = earmarked.add_subparsers(dest="earmarked_action", metavar="ACTION").add_parser(
        "set", parents=[common], help=_("the government's earmarked project budget for a year"))
    _year(p)
    p.add_argument("--value", required=True)
    p.set_defaults(handler=set_earmarked)

    p = actions.add_parser("as-of", parents=[common], help=_("the day the targets are judged on"))
    p.add_argument("date", help=_('a date, or "today" to follow the calendar again'))
    p.set_defaults(handler=set_as_of)

    exports = _group(subparsers, "export", _("send data out to spreadsheets"), common)
    p = exports.add_parser("monitoring", parents=[common], help=_("the yearly monitoring list of member organisations"))
    _year(p)
    p.add_argument("file", help=_(".xlsx or .csv file to write"))
    p.add_argument("--report-lang", choices=["en", "nl", "fr"], metavar="LANG",
                   help=_("language of the file written: en, nl or fr (default: the language of messages)"))
    p.set_defaults(handler=export_monitoring, read_only=True)


def list_indicators(args, ctx) -> int:
    with ctx.db.session() as session:
        custom = store.custom_indicators(session)
        targets = store.targets(session)
    by_key: dict[str, dict] = {}
    for t in targets:
        by_key.setdefault(t.key, {})["period" if t.year is None else str(t.year)] = t.value
    rows = [{"key": i.key, "name": i.label_in(), "kind": i.kind, "unit": "", "custom": False,
             "figure": i.figure, "pro_rata": i.pro_rata, "higher_is_better": i.higher_is_better,
             "targets": by_key.get(i.key, {})} for i in BUILTIN]
    rows += [{"key": c.key, "name": c.name, "kind": "number", "unit": c.unit, "custom": True,
              "cumulative": c.cumulative, "values": {str(y): val for y, val in c.values.items()},
              "targets": by_key.get(c.key, {})} for c in custom]
    text = table([[r["key"], r["name"], r["unit"] or r["kind"], _("custom") if r["custom"] else _("built-in"),
                   ", ".join(f"{y}: {val.normalize():f}" for y, val in r["targets"].items())] for r in rows],
                 [_("key"), _("indicator"), _("unit"), _("type"), _("targets")])
    ctx.emit(rows, text)
    return 0


def add_custom(args, ctx) -> int:
    with ctx.db.session() as session:
        row = store.add_custom(session, args.key, args.name, args.unit, cumulative=args.cumulative)
    ctx.emit(row, _("Indicator {key} added.").format(key=row.key))
    return 0


def status(args, ctx) -> int:
    as_of = v.parse_date_text(args.as_of, "--as-of") if args.as_of else None
    with ctx.db.session() as session:
        rows = indicator_status(session, args.year, as_of=as_of)
    labels = {i.key: i.label_in() for i in BUILTIN}
    payload = {"year": args.year, "as_of": rows[0].as_of if rows else None, "indicators": [
        {"key": r.key, "name": r.name or labels[r.key], "target": r.target, "basis": r.basis or None,
         "expected": r.expected, "result": r.result, "status": r.status} for r in rows]}
    text = table([[r.key, format_as(r.target, r.kind, "—"), format_as(r.expected, r.kind, "—"),
                   format_as(r.result, r.kind, "—"), _(STATUS_TEXT[r.status])] for r in rows],
                 [_("key"), _("target"), _("expected by now"), _("result"), _("status")])
    if rows:
        text = _("Judged on {date}.").format(date=rows[0].as_of.isoformat()) + "\n" + text
    ctx.emit(payload, text)
    return 0


def set_target(args, ctx) -> int:
    with ctx.db.session() as session:
        row = store.set_target(session, args.key, None if args.period else args.year, args.value, args.source)
    ctx.emit(row, _("Target for {key} ({year}): {value}.").format(
        key=row.key, year=row.year if row.year is not None else _("funding period"), value=f"{row.value.normalize():f}"))
    return 0


def import_target_sheet(args, ctx) -> int:
    with ctx.db.session() as session:
        result = import_targets(session, args.file, sheet=args.sheet, dry_run=args.dry_run)
    text = (_("{n} targets on {rows} indicators checked; nothing written (--dry-run).") if args.dry_run
            else _("{n} targets on {rows} indicators imported.")).format(n=result.targets, rows=result.rows)
    ctx.emit(result, text)
    return 0


def list_targets(args, ctx) -> int:
    with ctx.db.session() as session:
        rows = store.targets(session)
    ctx.emit(rows, table([[r.key, str(r.year) if r.year is not None else _("funding period"),
                           f"{r.value.normalize():f}", r.source.value] for r in rows],
                         [_("key"), _("year"), _("target"), _("source")]))
    return 0


def set_value(args, ctx) -> int:
    with ctx.db.session() as session:
        row = store.set_custom_value(session, args.key, args.year, args.value)
    ctx.emit(row, _("{key} in {year}: {value}.").format(key=row.key, year=args.year,
                                                          value=f"{row.values[args.year].normalize():f}"))
    return 0


def set_earmarked(args, ctx) -> int:
    with ctx.db.session() as session:
        value = store.set_earmarked_budget(session, args.year, args.value)
    ctx.emit({"year": args.year, "earmarked_budget": value},
             _("Earmarked project budget {year}: {value}.").format(year=args.year, value=format_as(value, "money")))
    return 0


def set_as_of(args, ctx) -> int:
    day = None if args.date.strip().lower() in ("today", "none", "") else v.parse_date_text(args.date, "date")
    with ctx.db.session() as session:
        store.set_as_of(session, day)
    ctx.emit({"as_of": day}, _("Targets are judged on {date}.").format(date=day.isoformat()) if day
             else _("Targets are judged on the day itself."))
    return 0


def export_monitoring(args, ctx) -> int:
    with ctx.db.session() as session:
        data = monitoring.monitoring_list(session, store.check_year(args.year))
    path = monitoring.write_monitoring(data, args.file, lang=args.report_lang)
    payload = {"year": data.year, "file": str(path), "rows": len(data.rows), "staying": data.staying, "new": data.new,
               "leaving": data.leaving, "members_at_year_end": data.members_at_year_end,
               "reconciles": data.reconciles}
    ctx.emit(payload, _("Written: {file} ({rows} members: {staying} staying, {new} new, {leaving} leaving; "
                        "{end} at the end of {year}).").format(
        file=path, rows=len(data.rows), staying=data.staying, new=data.new, leaving=data.leaving,
        end=data.members_at_year_end, year=data.year))
    return 0
