"""`members list|show|add|end`: the member register from the command line."""

from __future__ import annotations

import dataclasses
import datetime as dt

from clustermanager import validation as v
from clustermanager.cli.context import table
from clustermanager.i18n import _
from clustermanager.models import MemberKind, SizeClass
from clustermanager.services import invoicing
from clustermanager.services import members as svc


def register(subparsers, common) -> None:
    group = subparsers.add_parser("members", help=_("the member register"), parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")

    p = actions.add_parser("list", help=_("list members"), parents=[common])
    p.add_argument("--active-on", metavar="DATE", help=_("only members active on this date"))
    p.add_argument("--search", metavar="TEXT", help=_("name, enterprise number, municipality or contact"))
    p.add_argument("--kind", choices=[k.value for k in MemberKind])
    p.add_argument("--size", choices=[s.value for s in SizeClass])
    p.add_argument("--former", action="store_true", help=_("only former members"))
    p.set_defaults(handler=list_members, read_only=True)

    p = actions.add_parser("show", help=_("one member with its contacts"), parents=[common])
    p.add_argument("member", help=_("id, enterprise number or exact name"))
    p.set_defaults(handler=show_member, read_only=True)

    p = actions.add_parser("add", help=_("add a member"), parents=[common])
    p.add_argument("--name", required=True)
    p.add_argument("--kind", required=True, choices=[k.value for k in MemberKind])
    p.add_argument("--size", choices=[s.value for s in SizeClass], help=_("size class (companies)"))
    p.add_argument("--enterprise-number", help=_("Belgian enterprise number, e.g. 0417.497.106"))
    p.add_argument("--vat", help=_("foreign VAT number, e.g. NL004495445B01"))
    p.add_argument("--joined", metavar="DATE", help=_("membership start (default: today)"))
    for name in ("street", "postcode", "municipality", "province", "email", "website", "fee-category", "nace"):
        p.add_argument(f"--{name}")
    p.add_argument("--country", default="BE")
    p.add_argument("--peppol-id", help=_("Peppol ID for e-invoices (default: 0208 + the enterprise number)"))
    p.add_argument("--no-einvoices", action="store_true", help=_("the member cannot receive e-invoices: PDF only"))
    p.set_defaults(handler=add_member)

    p = actions.add_parser("einvoicing", help=_("show or change where a member's e-invoices go"), parents=[common])
    p.add_argument("member", help=_("id, enterprise number or exact name"))
    p.add_argument("--peppol-id", help=_("Peppol ID (scheme:identifier); \"\" for the default"))
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--opt-out", dest="opt_out", action="store_true", default=None,
                        help=_("send this member no e-invoices (PDF only)"))
    choice.add_argument("--opt-in", dest="opt_out", action="store_false", help=_("send e-invoices again"))
    p.set_defaults(handler=einvoicing)

    p = actions.add_parser("end", help=_("end a membership (history is kept)"), parents=[common])
    p.add_argument("member", help=_("id, enterprise number or exact name"))
    p.add_argument("--on", metavar="DATE", required=True, help=_("the last day of membership"))
    p.set_defaults(handler=end_member)


def _row(m: svc.MemberRow) -> list[str]:
    return [str(m.id), m.name, m.kind.value, m.size_class.value if m.size_class else "",
            v.format_enterprise_number(m.enterprise_number) or (m.vat_number or ""), m.municipality or "",
            m.joined_on.isoformat(), m.left_on.isoformat() if m.left_on else ""]


def list_members(args, ctx) -> int:
    with ctx.db.session() as session:
        rows = svc.list_members(
            session,
            active_on=v.parse_date_text(args.active_on, "--active-on") if args.active_on else None,
            search=args.search, kind=MemberKind(args.kind) if args.kind else None,
            size_class=SizeClass(args.size) if args.size else None, former_only=args.former,
        )
    headers = [_("id"), _("name"), _("kind"), _("size"), _("number"), _("municipality"), _("joined"), _("left")]
    data = [{k: val for k, val in vars_of(m).items() if k != "search_text"} for m in rows]
    ctx.emit(data, table([_row(m) for m in rows], headers) + "\n" + _("{n} members").format(n=len(rows)))
    return 0


def vars_of(obj) -> dict:
    from dataclasses import asdict

    return asdict(obj)


def show_member(args, ctx) -> int:
    with ctx.db.session() as session:
        detail = svc.get_member(session, svc.find_member_id(session, args.member))
    lines = [
        f"{detail.name}  (#{detail.id})",
        f"{_('kind')}: {detail.kind.value}" + (f" / {detail.size_class.value}" if detail.size_class else ""),
        f"{_('number')}: {v.format_enterprise_number(detail.enterprise_number) or detail.vat_number or '-'}",
        f"{_('address')}: {detail.street or ''}, {detail.postcode or ''} {detail.municipality or ''} ({detail.country})",
        f"{_('member')}: {detail.joined_on.isoformat()} – {detail.left_on.isoformat() if detail.left_on else ''}",
        _("contacts") + ":",
        *[f"  {c.full_name}  {c.email or ''}  {c.role or ''}{'  *' if c.is_main else ''}" for c in detail.contacts],
    ]
    ctx.emit(detail, "\n".join(lines))
    return 0


def add_member(args, ctx) -> int:
    joined = v.parse_date_text(args.joined, "--joined") if args.joined else dt.date.today()
    data = svc.MemberInput(
        name=args.name, kind=args.kind, size_class=args.size, enterprise_number=args.enterprise_number,
        vat_number=args.vat, joined_on=joined, street=args.street, postcode=args.postcode,
        municipality=args.municipality, province=args.province, email=args.email, website=args.website,
        fee_category=args.fee_category, nace_code=args.nace, country=args.country,
        peppol_id=args.peppol_id, einvoice_opt_out=args.no_einvoices,
    )
    with ctx.db.session() as session:
        detail = svc.create_member(session, data)
    ctx.emit(detail, _("Added member {name} (#{id}).").format(name=detail.name, id=detail.id))
    return 0


def einvoicing(args, ctx) -> int:
    with ctx.db.session() as session:
        member_id = svc.find_member_id(session, args.member)
        detail = svc.get_member(session, member_id)
        if args.peppol_id is not None or args.opt_out is not None:
            data = dataclasses.replace(
                detail.to_input(),
                peppol_id=(args.peppol_id or None) if args.peppol_id is not None else detail.peppol_id,
                einvoice_opt_out=detail.einvoice_opt_out if args.opt_out is None else args.opt_out)
            detail = svc.update_member(session, member_id, data)
    address = invoicing.einvoice_address(detail)
    ctx.emit({"member_id": detail.id, "name": detail.name, "peppol_id": detail.peppol_id,
              "einvoice_opt_out": detail.einvoice_opt_out, "einvoice_address": address},
             _("{name}: e-invoices to {address}").format(name=detail.name, address=address) if address
             else _("{name}: no e-invoices (PDF only)").format(name=detail.name))
    return 0


def end_member(args, ctx) -> int:
    left = v.parse_date_text(args.on, "--on", required=True)
    with ctx.db.session() as session:
        detail = svc.end_membership(session, svc.find_member_id(session, args.member), left)
    ctx.emit(detail, _("Membership of {name} ends on {date}.").format(name=detail.name, date=left.isoformat()))
    return 0
