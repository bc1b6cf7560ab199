"""`activities list|add|show|import-participants|engagement`: activities and who took part."""

from __future__ import annotations

from pathlib import Path

from clustermanager import validation as v
from clustermanager.cli.context import table
from clustermanager.errors import ValidationError
from clustermanager.formatting import format_percent
from clustermanager.i18n import _
from clustermanager.io.registrations import read_registrations
from clustermanager.services import activities as svc
from clustermanager.services import engagement
from clustermanager.services import registrations as reg
from clustermanager.services.members import find_member_id


def register(subparsers, common) -> None:
    group = subparsers.add_parser("activities", help=_("activities and their participants"), parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")

    p = actions.add_parser("list", help=_("list activities with participant counts"), parents=[common])
    p.add_argument("--from", dest="start", metavar="DATE", help=_("starting on or after this date"))
    p.add_argument("--to", dest="end", metavar="DATE", help=_("starting on or before this date"))
    p.add_argument("--kind", help=_("an activity kind code, e.g. workshop"))
    p.add_argument("--search", metavar="TEXT", help=_("title, location, organiser or tags"))
    p.add_argument("--member", help=_("only activities of this member's people (id, number or name)"))
    p.set_defaults(handler=list_activities)

    p = actions.add_parser("add", help=_("add an activity"), parents=[common])
    p.add_argument("--kind", required=True, help=_("workshop, webinar, matchmaking, ... or your own kind"))
    p.add_argument("--title", required=True)
    p.add_argument("--date", required=True, metavar="DATE", help=_("the (first) day"))
    p.add_argument("--end", metavar="DATE", help=_("the last day of a multi-day activity"))
    p.add_argument("--time", help=_("start time, e.g. 14:00"))
    p.add_argument("--location")
    p.add_argument("--online", action="store_true")
    p.add_argument("--international", action="store_true", help=_("with foreign partners"))
    p.add_argument("--organiser")
    p.add_argument("--description")
    p.add_argument("--tags", help=_("comma-separated"))
    p.set_defaults(handler=add_activity)

    p = actions.add_parser("show", help=_("one activity with its participants and figures"), parents=[common])
    p.add_argument("activity", type=int, help=_("activity id"))
    p.set_defaults(handler=show_activity)

    p = actions.add_parser("import-participants", parents=[common],
                           help=_("import a registration list (.xlsx or .csv) into an activity"))
    p.add_argument("file", help=_("the registration list"))
    p.add_argument("--activity", type=int, help=_("the activity (required unless --dry-run)"))
    p.add_argument("--dry-run", action="store_true", help=_("only show the preview; save nothing"))
    p.add_argument("--attended", action="store_true",
                   help=_("the list is an attendance list: mark everyone attended"))
    p.add_argument("--doubtful", choices=["skip", "outside"], default="skip",
                   help=_("what to do with doubtful rows (default: skip them)"))
    p.set_defaults(handler=import_participants)

    p = actions.add_parser("engagement", help=_("engagement figures over a period"), parents=[common])
    p.add_argument("--from", dest="start", metavar="DATE", required=True)
    p.add_argument("--to", dest="end", metavar="DATE", required=True)
    p.set_defaults(handler=show_engagement)

    p = actions.add_parser("invitation", help=_("the activity's calendar invitation (.ics)"), parents=[common])
    p.add_argument("activity", type=int, nargs="+", help=_("activity id (several: one file with all)"))
    p.add_argument("--out", required=True, metavar="FILE.ics")
    p.set_defaults(handler=write_invitation, read_only=True)

    for name, text in (("sign-in-sheet", _("the activity's sign-in sheet (PDF)")),
                       ("badges", _("name badges on A4 label sheets (PDF)")),
                       ("certificates", _("a certificate of attendance per attendee (PDF)"))):
        p = actions.add_parser(name, help=text, parents=[common])
        p.add_argument("activity", type=int, help=_("activity id"))
        p.add_argument("--out", required=True, metavar="FILE.pdf")
        p.add_argument("--report-lang", choices=["nl", "fr", "en"], help=_("the language of the document"))
        if name == "badges":
            p.add_argument("--layout", default="L7163", help=_("label sheet: L7163 (2x7), L7159 (3x8), L7165 (2x4)"))
            p.add_argument("--outline", action="store_true", help=_("draw the label edges (for a test print)"))
        p.set_defaults(handler=write_event_document, document=name, read_only=True)


def list_activities(args, ctx) -> int:
    with ctx.db.session() as session:
        member_id = find_member_id(session, args.member) if args.member else None
        rows = svc.list_activities(session, start=v.parse_date_text(args.start, "--from"), end=v.parse_date_text(args.end, "--to"),
                                   kind=args.kind, search=args.search, member_id=member_id)
    lines = [[str(r.id), r.starts_on.isoformat(), r.kind_label, r.title, r.location or "", str(r.registered),
              str(r.attended), str(r.member_organisations)] for r in rows]
    headers = [_("id"), _("date"), _("kind"), _("title"), _("location"), _("registered"), _("attended"),
               _("members")]
    data = [{k: val for k, val in _fields(r).items() if k != "search_text"} for r in rows]
    ctx.emit(data, table(lines, headers) + "\n" + _("{n} activities").format(n=len(rows)))
    return 0


def _fields(obj) -> dict:
    from dataclasses import asdict

    return asdict(obj)


def add_activity(args, ctx) -> int:
    data = svc.ActivityInput(
        kind=args.kind, title=args.title, starts_on=v.parse_date_text(args.date, "--date", required=True),
        ends_on=v.parse_date_text(args.end, "--end"), start_time=args.time, location=args.location, online=args.online,
        international=args.international, organiser=args.organiser, description=args.description, tags=args.tags,
    )
    with ctx.db.session() as session:
        detail = svc.create_activity(session, data)
    ctx.emit(detail, _("Added activity {title} (#{id}).").format(title=detail.title, id=detail.id))
    return 0


def show_activity(args, ctx) -> int:
    with ctx.db.session() as session:
        detail = svc.get_activity(session, args.activity)
        figures = engagement.activity_figures(session, args.activity)
    when = detail.starts_on.isoformat() + (f" – {detail.ends_on.isoformat()}" if detail.ends_on else "")
    lines = [
        f"{detail.title}  (#{detail.id}, {detail.kind_label})",
        f"{_('when')}: {when} {detail.start_time or ''}".rstrip(),
        f"{_('where')}: {_('online') if detail.online else (detail.location or '-')}"
        + (f"  ({_('international')})" if detail.international else ""),
        _("{registered} registered, {attended} attended, {members} member organisations").format(
            registered=figures.registered, attended=figures.attended, members=figures.member_organisations),
        "",
        table([[p.name, p.organisation or "", p.email or "", _("outside") if p.is_outside else _("member"),
                "x" if p.registered else "", "x" if p.attended else ""] for p in detail.participants],
              [_("name"), _("organisation"), _("e-mail"), "", _("registered"), _("attended")]),
    ]
    ctx.emit({"activity": detail, "figures": figures}, "\n".join(lines))
    return 0


def import_participants(args, ctx) -> int:
    if args.activity is None and not args.dry_run:
        raise ValidationError("--activity", None, _("say which activity the list belongs to (or use --dry-run)"))
    rows = read_registrations(Path(args.file))
    with ctx.db.session() as session:
        preview = reg.preview_registrations(session, args.activity, rows, source=args.file, attended=args.attended)
        if args.doubtful == "outside":
            for line in preview.doubtful:
                preview = preview.resolve(line.row, reg.Action.OUTSIDE)
        result = None if args.dry_run else reg.apply_registrations(session, preview)
    lines = [table([[str(line.row), line.status.value, line.name, line.organisation or "", line.email or "",
                     line.reason] for line in preview.lines],
                   [_("row"), _("status"), _("name"), _("organisation"), _("e-mail"), _("what happens")])]
    counts = preview.counts()
    lines.append(_("{matched} matched, {new} new, {doubtful} doubtful, {skipped} repeated").format(**counts))
    if result is None:
        lines.append(_("Dry run: nothing was saved."))
    else:
        lines.append(_("Saved: {added} added, {updated} already on the list, {contacts} new contacts, "
                       "{skipped} skipped.").format(added=result.added, updated=result.updated,
                                                    contacts=result.new_contacts, skipped=result.skipped))
    ctx.emit({"preview": preview, "counts": counts, "result": result}, "\n".join(lines))
    return 0


def show_engagement(args, ctx) -> int:
    start, end = v.parse_date_text(args.start, "--from", required=True), v.parse_date_text(args.end, "--to", required=True)
    with ctx.db.session() as session:
        figures = engagement.period_engagement(session, start, end)
    share = "-" if figures.share_members_reached is None else format_percent(figures.share_members_reached, decimals=1)
    lines = [
        _("{n} activities ({i} international)").format(n=figures.activities, i=figures.international_activities),
        _("{r} registrations, {a} attendances").format(r=figures.participations, a=figures.attendances),
        _("{p} distinct people attended, {o} of them from outside").format(
            p=figures.distinct_people, o=figures.outside_participants),
        _("{m} of {n} members took part ({share})").format(
            m=figures.distinct_member_organisations, n=figures.members_active_during, share=share),
    ]
    ctx.emit(figures, "\n".join(lines))
    return 0


def write_invitation(args, ctx) -> int:
    from clustermanager.services.invitations import write_invitation as write

    with ctx.db.session() as session:
        path = write(session, args.activity, args.out)
    ctx.emit({"file": path, "activities": args.activity}, _("Written: {file}").format(file=path))
    return 0


def write_event_document(args, ctx) -> int:
    from clustermanager.reports.badges import write_badges
    from clustermanager.reports.certificates import write_certificates
    from clustermanager.reports.event_sheets import write_sign_in_sheet

    with ctx.db.session() as session:
        if args.document == "badges":
            path = write_badges(session, args.activity, args.out, layout=args.layout, lang=args.report_lang,
                                outline=args.outline)
        elif args.document == "certificates":
            path = write_certificates(session, args.activity, args.out, lang=args.report_lang)
        else:
            path = write_sign_in_sheet(session, args.activity, args.out, lang=args.report_lang)
    ctx.emit({"file": path}, _("Written: {file}").format(file=path))
    return 0
