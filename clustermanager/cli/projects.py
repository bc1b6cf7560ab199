"""`projects list|add|show|add-partner|set-status|history|correct-status-date|figures|pipeline|set-programme|
set-funding`: collaboration projects between members, and their way to funding (docs/projects.md)."""

from __future__ import annotations

from clustermanager import validation as v
from clustermanager.cli.context import table
from clustermanager.i18n import _
from clustermanager.models import FundingSource, PartnerRole, Programme, ProjectKind, ProjectStatus
from clustermanager.services import project_pipeline as pipeline_service
from clustermanager.services import project_status as history
from clustermanager.services import projects as svc
from clustermanager.services.members import find_member_id


def register(subparsers, common) -> None:
    group = subparsers.add_parser("projects", help=_("collaboration projects"), parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")

    p = actions.add_parser("list", help=_("list projects with partner counts"), parents=[common])
    p.add_argument("--kind", choices=[k.value for k in ProjectKind])
    p.add_argument("--status", choices=[s.value for s in ProjectStatus])
    p.add_argument("--search", metavar="TEXT", help=_("title, description or a partner's name"))
    p.add_argument("--member", help=_("only projects of this member (id, number or name)"))
    p.add_argument("--below-rule", action="store_true", help=_("only projects with fewer than three companies"))
    p.set_defaults(handler=list_projects)

    p = actions.add_parser("add", help=_("add a project"), parents=[common])
    p.add_argument("--kind", required=True, choices=[k.value for k in ProjectKind])
    p.add_argument("--title", required=True)
    p.add_argument("--status", default=ProjectStatus.IDEA.value, choices=[s.value for s in ProjectStatus])
    p.add_argument("--start", metavar="DATE")
    p.add_argument("--end", metavar="DATE")
    p.add_argument("--budget", help=_("total budget in euro, e.g. 120000 or 120.000,00"))
    p.add_argument("--funding", choices=[f.value for f in FundingSource])
    p.add_argument("--description")
    p.set_defaults(handler=add_project)

    p = actions.add_parser("show", help=_("one project with its partners"), parents=[common])
    p.add_argument("project", help=_("id or exact title"))
    p.set_defaults(handler=show_project)

    p = actions.add_parser("add-partner", help=_("add a member as partner"), parents=[common])
    p.add_argument("project", help=_("id or exact title"))
    p.add_argument("member", help=_("id, enterprise number or exact name"))
    p.add_argument("--role", choices=[r.value for r in PartnerRole],
                   help=_("default: lead if the project has none yet, else partner"))
    p.add_argument("--share", help=_("the partner's budget share in euro"))
    p.add_argument("--hours", help=_("in-kind hours"))
    p.set_defaults(handler=add_partner)

    p = actions.add_parser("set-status", help=_("change a project's status on a date (the history keeps the old one)"),
                           parents=[common])
    p.add_argument("project", help=_("id or exact title"))
    p.add_argument("status", choices=[s.value for s in ProjectStatus])
    p.add_argument("--on", metavar="DATE", help=_("the day the status changed (default: today)"))
    p.add_argument("--note", help=_("why, or what was decided"))
    p.set_defaults(handler=set_status)

    p = actions.add_parser("history", help=_("a project's dated status changes"), parents=[common])
    p.add_argument("project", help=_("id or exact title"))
    p.set_defaults(handler=show_history, read_only=True)

    p = actions.add_parser("correct-status-date", help=_("correct the date of one status change"),
                           parents=[common])
    p.add_argument("change", type=int, help=_("the change's id (see: projects history)"))
    p.add_argument("date", metavar="DATE")
    p.set_defaults(handler=correct_status_date)

    p = actions.add_parser("figures", help=_("project figures over a period"), parents=[common])
    p.add_argument("--from", dest="start", metavar="DATE", required=True)
    p.add_argument("--to", dest="end", metavar="DATE", required=True)
    p.set_defaults(handler=show_figures)

    p = actions.add_parser("pipeline", help=_("the pipeline over a period: ideas, submitted, approved, conversion"),
                           parents=[common])
    p.add_argument("--from", dest="start", metavar="DATE", required=True)
    p.add_argument("--to", dest="end", metavar="DATE", required=True)
    p.set_defaults(handler=show_pipeline, read_only=True)
    p = actions.add_parser("set-programme", help=_("the funding programme a project is submitted to"),
                           parents=[common])
    p.add_argument("project", help=_("id or exact title"))
    p.add_argument("programme", choices=[x.value for x in Programme])
    p.add_argument("--call", help=_("the call's name or reference"))
    p.set_defaults(handler=set_programme)
    p = actions.add_parser("set-funding", help=_("a partner's requested and granted funding"), parents=[common])
    p.add_argument("project", help=_("id or exact title"))
    p.add_argument("member", help=_("id, enterprise number or exact name"))
    p.add_argument("--requested", required=True, help=_("in euro"))
    p.add_argument("--granted", help=_("in euro, once decided"))
    p.set_defaults(handler=set_funding)


def _money(amount) -> str:
    return "" if amount is None else f"{amount:,.2f}"


def list_projects(args, ctx) -> int:
    with ctx.db.session() as session:
        member_id = find_member_id(session, args.member) if args.member else None
        rows = svc.list_projects(session, kind=ProjectKind(args.kind) if args.kind else None,
                                 status=ProjectStatus(args.status) if args.status else None, search=args.search,
                                 member_id=member_id, below_company_rule=args.below_rule)
    lines = [[str(r.id), r.title, r.kind.value, r.status.value, r.starts_on.isoformat() if r.starts_on else "",
              _money(r.budget), str(r.partners), str(r.companies) + ("" if r.meets_company_rule else " !"),
              r.lead_name or ""] for r in rows]
    headers = [_("id"), _("title"), _("kind"), _("status"), _("start"), _("budget"), _("partners"),
               _("companies"), _("lead")]
    data = [{**{k: val for k, val in vars(r).items() if k != "search_text"},
             "meets_company_rule": r.meets_company_rule} for r in rows]
    ctx.emit(data, table(lines, headers) + "\n" + _("{n} projects; ! = fewer than three companies").format(
        n=len(rows)))
    return 0


def add_project(args, ctx) -> int:
    data = svc.ProjectInput(
        kind=args.kind, title=args.title, status=args.status,
        starts_on=v.parse_date_text(args.start, "--start"), ends_on=v.parse_date_text(args.end, "--end"),
        budget=args.budget, funding_source=args.funding, description=args.description,
    )
    with ctx.db.session() as session:
        detail = svc.create_project(session, data)
    ctx.emit(detail, _("Added project {title} (#{id}).").format(title=detail.title, id=detail.id))
    return 0


def _detail_text(detail: svc.ProjectDetail) -> str:
    period = " – ".join(d.isoformat() for d in (detail.starts_on, detail.ends_on) if d)
    lines = [
        f"{detail.title}  (#{detail.id})",
        f"{_('kind')}: {detail.kind.label}",
        f"{_('status')}: {detail.status.label}  {period}",
        f"{_('budget')}: {_money(detail.budget) or '-'}"
        + (f"  ({detail.funding_source.label})" if detail.funding_source else ""),
        _("{n} companies among the partners").format(n=detail.company_count),
    ]
    if detail.warning:
        lines.append(_("Warning: {text}").format(text=detail.warning))
    lines += ["", table([[p.member_name, p.member_kind.value, p.role.value, _money(p.budget_share),
                          "" if p.in_kind_hours is None else str(p.in_kind_hours)] for p in detail.partners],
                        [_("partner"), _("kind"), _("role"), _("budget share"), _("in-kind hours")])]
    return "\n".join(lines)


def show_project(args, ctx) -> int:
    with ctx.db.session() as session:
        detail = svc.get_project(session, svc.find_project_id(session, args.project))
    ctx.emit(detail, _detail_text(detail))
    return 0


def add_partner(args, ctx) -> int:
    with ctx.db.session() as session:
        project_id = svc.find_project_id(session, args.project)
        data = svc.PartnerInput(find_member_id(session, args.member), args.role, args.share, args.hours)
        detail = svc.add_partner(session, project_id, data)
    ctx.emit(detail, _detail_text(detail))
    return 0


def _history_text(title: str, changes: list[history.StatusChangeData]) -> str:
    rows = [[str(c.id), c.changed_on.isoformat(), _(c.status.label), c.note or ""] for c in changes]
    return title + "\n" + table(rows, [_("id"), _("date"), _("status"), _("note")])


def set_status(args, ctx) -> int:
    on = v.parse_date_text(args.on, "--on")
    with ctx.db.session() as session:
        project_id = svc.find_project_id(session, args.project)
        history.set_status(session, project_id, args.status, on=on, note=args.note)
        detail = svc.get_project(session, project_id)
        changes = history.status_history(session, project_id)
    ctx.emit({"project": detail, "history": changes}, _history_text(
        _("{title} is now {status}.").format(title=detail.title, status=_(detail.status.label)), changes))
    return 0


def show_history(args, ctx) -> int:
    with ctx.db.session() as session:
        project_id = svc.find_project_id(session, args.project)
        detail = svc.get_project(session, project_id)
        changes = history.status_history(session, project_id)
    ctx.emit(changes, _history_text(f"{detail.title}  (#{detail.id})", changes))
    return 0


def correct_status_date(args, ctx) -> int:
    on = v.parse_date_text(args.date, "DATE", required=True)
    with ctx.db.session() as session:
        change = history.correct_status_date(session, args.change, on)
        changes = history.status_history(session, change.project_id)
    ctx.emit(changes, _history_text(_("Date corrected."), changes))
    return 0


def _funding_label(key: str) -> str:
    return _("not set") if key == svc.UNSPECIFIED else _(FundingSource(key).label)


def show_figures(args, ctx) -> int:
    start = v.parse_date_text(args.start, "--from", required=True)
    end = v.parse_date_text(args.end, "--to", required=True)
    with ctx.db.session() as session:
        f = svc.project_figures(session, start, end)
    lines = [
        _("{started} started, {running} running, {completed} completed; {total} in the period").format(
            started=f.started, running=f.running, completed=f.completed, total=f.total),
        _("{n} meet the three-companies rule; {p} members involved").format(
            n=f.meeting_company_rule, p=f.partners_involved),
        *[f"  {ProjectKind(k).label}: {n}" for k, n in sorted(f.by_kind.items())],
        *[f"  {_funding_label(k)}: {_money(amount)}" for k, amount in sorted(f.budget_by_funding_source.items())],
    ]
    ctx.emit(f, "\n".join(lines))
    return 0


def _share(value) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def show_pipeline(args, ctx) -> int:
    start = v.parse_date_text(args.start, "--from", required=True)
    end = v.parse_date_text(args.end, "--to", required=True)
    with ctx.db.session() as session:
        f = pipeline_service.pipeline(session, start, end)
    lines = [
        _("{ideas} new ideas, {submitted} submitted, {approved} approved, {rejected} rejected, {started} started, "
          "{completed} completed").format(ideas=f.ideas, submitted=f.submitted, approved=f.approved,
                                          rejected=f.rejected, started=f.started, completed=f.completed),
        _("Conversion: ideas to submitted {a}, submitted to approved {b}").format(
            a=_share(f.conversion_submitted), b=_share(f.conversion_approved)),
        _("Funding requested {requested}, granted {granted}").format(
            requested=_money(f.funding_requested), granted=_money(f.funding_granted)),
    ]
    ctx.emit(f, "\n".join(lines))
    return 0


def set_programme(args, ctx) -> int:
    with ctx.db.session() as session:
        project_id = svc.find_project_id(session, args.project)
        pipeline_service.set_programme(session, project_id, args.programme, args.call)
        data = pipeline_service.application(session, project_id)
    ctx.emit(data, _("Programme set: {programme}").format(programme=_(Programme(args.programme).label)))
    return 0


def set_funding(args, ctx) -> int:
    with ctx.db.session() as session:
        project_id = svc.find_project_id(session, args.project)
        pipeline_service.set_partner_funding(session, project_id, find_member_id(session, args.member),
                                             args.requested, args.granted)
        data = pipeline_service.application(session, project_id)
    ctx.emit(data, "\n".join(f"{name}: {_money(req)} / {_money(gr)}" for name, req, gr in data.funding))
    return 0
