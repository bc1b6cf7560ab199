"""`fees schedule|copy-schedule|call|invoices|einvoices|status|overdue|reminders|cancel|credit|self-funding`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from clustermanager import validation as v
from clustermanager.cli.context import report_language_option, table
from clustermanager.errors import UserError
from clustermanager.formatting import format_percent, format_vat_rate
from clustermanager.i18n import _
from clustermanager.models.invoicing import VatGround
from clustermanager.reports import einvoices, invoices
from clustermanager.services import cluster, invoicing
from clustermanager.services import fees as svc
from clustermanager.services import members as member_svc
from clustermanager.services import self_funding as sf


def register(subparsers, common) -> None:
    group = subparsers.add_parser("fees", help=_("membership fees: schedule, calls, invoices, status"),
                                  parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")

    p = actions.add_parser("schedule", help=_("show or set a year's fee schedule"), parents=[common])
    p.add_argument("--year", type=int, help=_("the year (default: the latest with a schedule)"))
    p.add_argument("--set", nargs=3, metavar=("CATEGORY", "AMOUNT", "VAT"), action="append",
                   help=_("set the fee of a category, excluding VAT, and its VAT rate in percent"))
    p.add_argument("--ground", choices=["exempt", "reverse_charge", "outside_scope"],
                   help=_("with --set and VAT 0: why no VAT is charged (default: exempt)"))
    p.add_argument("--article", help=_("with --ground exempt: the article your accountant names, e.g. "
                                      "\"Art. 44, §2, 11° WBTW\""))
    p.add_argument("--vatex", metavar="CODE", help=_("with --ground exempt: the exemption's code in the e-invoice, "
                                                     "e.g. VATEX-EU-132-1L (non-profit organisations to members)"))
    p.set_defaults(handler=schedule)

    p = actions.add_parser("copy-schedule", help=_("copy a year's schedule to another year"), parents=[common])
    p.add_argument("--from", dest="from_year", type=int, required=True)
    p.add_argument("--to", dest="to_year", type=int, required=True)
    p.add_argument("--increase", default="0", metavar="PCT", help=_("raise every fee by this percentage"))
    p.set_defaults(handler=copy_schedule)

    p = actions.add_parser("call", help=_("generate the year's fee calls (again: only the missing ones)"),
                           parents=[common])
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--issued", metavar="DATE", help=_("invoice date (default: today)"))
    p.add_argument("--due", metavar="DATE", help=_("due date (default: 30 days after the invoice date)"))
    p.set_defaults(handler=call)

    p = actions.add_parser("invoices", help=_("write the year's invoices as PDF"), parents=[common])
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--member", help=_("only this member's invoice: id, enterprise number or exact name"))
    p.add_argument("--out", required=True, metavar="DIR", help=_("folder to write to (made when missing)"))
    p.add_argument("--batch", action="store_true", help=_("one PDF for all, instead of one per call"))
    p.add_argument("--ubl", action="store_true",
                   help=_("also write each Peppol e-invoice (UBL XML) beside its PDF"))
    report_language_option(p)
    p.set_defaults(handler=write_invoices)

    p = actions.add_parser("einvoices", help=_("write the year's Peppol e-invoices and e-credit notes (UBL XML)"),
                           parents=[common])
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--out", required=True, metavar="DIR", help=_("folder to write to (made when missing)"))
    report_language_option(p)
    p.set_defaults(handler=write_einvoices)

    p = actions.add_parser("status", help=_("the year's calls: paid, partly paid, open, overdue"), parents=[common])
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--status", choices=[s.value for s in svc.CallStatus])
    p.add_argument("--search", metavar="TEXT")
    p.set_defaults(handler=status)

    p = actions.add_parser("overdue", help=_("overdue calls with the contact to chase"), parents=[common])
    p.add_argument("--year", type=int)
    p.add_argument("--reminders", metavar="FILE.pdf", help=_("also write reminder letters to this PDF"))
    report_language_option(p)
    p.set_defaults(handler=overdue)

    p = actions.add_parser("cancel", help=_("cancel a call issued by mistake (it is kept)"), parents=[common])
    p.add_argument("call", help=_("invoice number, structured communication or id"))
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cancel)

    p = actions.add_parser("credit", help=_("credit (part of) a call"), parents=[common])
    p.add_argument("call", help=_("invoice number, structured communication or id"))
    p.add_argument("--reason", required=True)
    p.add_argument("--amount", help=_("VAT included; default: all that is left"))
    p.add_argument("--out", metavar="DIR", help=_("write the credit note's PDF and e-invoice to this folder"))
    report_language_option(p)
    p.set_defaults(handler=credit)

    p = actions.add_parser("budget", help=_("set a year's budget and the agency's subsidy"), parents=[common])
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--budget", required=True, help=_("the year's total budget"))
    p.add_argument("--subsidy", required=True, help=_("the agency's subsidy for the year"))
    p.set_defaults(handler=budget)

    p = actions.add_parser("in-kind", help=_("list or add in-kind contributions of a year"), parents=[common])
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--add", nargs=2, metavar=("DESCRIPTION", "VALUE"), help=_("add a contribution and its value"))
    p.add_argument("--member", help=_("the contributing member: id, enterprise number or exact name"))
    p.set_defaults(handler=in_kind)

    p = actions.add_parser("self-funding", help=_("the self-funding ledger: own share reached versus required"),
                           parents=[common])
    p.add_argument("--year", type=int, help=_("one year (default: every year with a budget)"))
    p.set_defaults(handler=self_funding)


def _money(amount) -> str:
    return invoices.money(amount)


def _ground(entry) -> str:
    """`Exempt from VAT, Art. 44 §2 11° WBTW (VATEX-EU-132-1L)`; empty for a taxed fee."""
    if not entry.vat_ground:
        return ""
    text = ", ".join(p for p in (_(VatGround(entry.vat_ground).label), entry.vat_article) if p)
    return f"{text} ({entry.vat_exemption_code})" if entry.vat_exemption_code else text


def schedule(args, ctx) -> int:
    with ctx.db.session() as session:
        year = args.year
        if year is None:
            years = svc.schedule_years(session)
            if not years and not args.set:
                ctx.emit([], _("No fee schedule yet: fees schedule --year 2026 --set small 750 21"))
                return 0
            year = years[-1]
        for category, amount, vat in args.set or []:
            given = {k: value for k, value in (("vat_ground", args.ground), ("vat_article", args.article),
                                               ("vat_exemption_code", args.vatex)) if value is not None}
            svc.set_fee(session, year, category, amount, vat, **given)  # what is not given stays
        entries = svc.get_schedule(session, year)
    rows = [[e.category, _money(e.amount), format_vat_rate(e.vat_rate), _money(e.total),
             _ground(e)] for e in entries]
    ctx.emit({"year": year, "entries": entries},
             _("Fee schedule {year}").format(year=year) + "\n" +
             table(rows, [_("category"), _("excl. VAT"), _("VAT"), _("total"), _("0% ground")]))
    return 0


def copy_schedule(args, ctx) -> int:
    with ctx.db.session() as session:
        entries = svc.copy_schedule(session, args.from_year, args.to_year, args.increase)
    ctx.emit({"year": args.to_year, "entries": entries},
             _("{n} fees copied from {a} to {b}.").format(n=len(entries), a=args.from_year, b=args.to_year))
    return 0


def call(args, ctx) -> int:
    with ctx.db.session() as session:
        result = svc.generate_calls(session, args.year, issued_on=v.parse_date_text(args.issued, "--issued"),
                                    due_on=v.parse_date_text(args.due, "--due"))
    lines = [_("{n} fee calls created for {year}; {m} members already had one.").format(
        n=len(result.created), year=result.year, m=result.already_called)]
    lines += [_("Skipped {name}: {reason}").format(name=s.member_name, reason=s.reason) for s in result.skipped]
    ctx.emit(result, "\n".join(lines))
    return 0


def write_invoices(args, ctx) -> int:
    with ctx.db.session() as session:
        member_id = member_svc.find_member_id(session, args.member) if args.member else None
        if member_id is not None and not invoices.year_call_ids(session, args.year, member_id):
            raise UserError(_("{member} has no fee call for {year}.").format(member=args.member, year=args.year))
        paths = invoices.export_invoices(session, args.year, Path(args.out), batch=args.batch, member_id=member_id,
                                         lang=args.report_lang, ubl=args.ubl)
    pdfs = [p for p in paths if p.suffix == ".pdf"]
    text = _("{n} PDF files written to {dir}.").format(n=len(pdfs), dir=args.out)
    if args.ubl:
        text += " " + _("{n} e-invoices (UBL) beside them.").format(n=len(paths) - len(pdfs))
    ctx.emit([str(p) for p in paths], text)
    return 0


def write_einvoices(args, ctx) -> int:
    with ctx.db.session() as session:
        paths, left_out = einvoices.export_einvoices(session, args.year, Path(args.out), lang=args.report_lang)
    text = _("{n} e-invoices written to {dir}.").format(n=len(paths), dir=args.out)
    if left_out:
        text += "\n" + _("Without e-invoice (no Peppol ID, or opted out; send them the PDF): {names}").format(
            names=", ".join(left_out))
    ctx.emit({"files": [str(p) for p in paths], "without_einvoice": left_out}, text)
    return 0


def _call_json(row: svc.FeeCallRow) -> dict:
    data = dataclasses.asdict(row)
    data.update(due=row.due, outstanding=row.outstanding, communication=row.communication_text)
    return data


def status(args, ctx) -> int:
    with ctx.db.session() as session:
        rows = svc.list_calls(session, year=args.year, status=svc.CallStatus(args.status) if args.status else None,
                              search=args.search)
        totals = svc.year_totals(session, args.year)
    text = table([[r.number or "", r.member_name, _money(r.due), _money(r.paid), _money(r.outstanding),
                   r.due_on.isoformat(), r.status.label] for r in rows],
                 [_("number"), _("member"), _("due"), _("paid"), _("outstanding"), _("due on"), _("status")])
    text += "\n" + _("{year}: {n} calls, called {called} ({excl} excl. VAT), received {received}, "
                     "outstanding {outstanding}, {overdue} overdue.").format(
        year=args.year, n=totals.calls, called=_money(totals.called_total), excl=_money(totals.called_excl_vat),
        received=_money(totals.received), outstanding=_money(totals.outstanding), overdue=totals.overdue_count)
    ctx.emit({"totals": totals, "calls": [_call_json(r) for r in rows]}, text)
    return 0


def overdue(args, ctx) -> int:
    with ctx.db.session() as session:
        rows = svc.overdue_calls(session, year=args.year)
        written = None
        if args.reminders and rows:
            written, reminded = invoices.export_reminders(session, args.reminders, year=args.year,
                                                          lang=args.report_lang)
            invoicing.mark_reminded(session, reminded)
    text = table([[o.call.number or "", o.call.member_name, _money(o.call.outstanding), str(o.days_overdue),
                   o.contact_name or "", o.contact_email or o.member_email or "", o.contact_phone or ""] for o in rows],
                 [_("number"), _("member"), _("outstanding"), _("days late"), _("contact"), _("e-mail"), _("phone")])
    if written:
        text += "\n" + _("Reminders written to {file}.").format(file=written)
    ctx.emit([{**dataclasses.asdict(o), "call": _call_json(o.call)} for o in rows], text)
    return 0


def cancel(args, ctx) -> int:
    with ctx.db.session() as session:
        row = svc.cancel_call(session, svc.find_call_id(session, args.call), args.reason)
    ctx.emit(_call_json(row), _("Fee call {number} cancelled.").format(number=row.number))
    return 0


def credit(args, ctx) -> int:
    with ctx.db.session() as session:
        note = invoicing.issue_credit_note(session, svc.find_call_id(session, args.call), args.reason, args.amount)
        # Written in the same transaction: a credit note whose files cannot be made is not issued.
        paths = invoices.export_credit_notes(session, [note.id], Path(args.out), lang=args.report_lang) \
            if args.out else []
        row = svc.get_call(session, note.fee_call_id)
    text = _("Fee call {number} credited with credit note {note}; {left} left to pay.").format(
        number=row.number, note=note.number, left=_money(row.outstanding))
    if paths:
        text += "\n" + "\n".join(str(p) for p in paths)
    ctx.emit({**_call_json(row), "credit_note": note, "files": [str(p) for p in paths]}, text)
    return 0


def budget(args, ctx) -> int:
    with ctx.db.session() as session:
        figures = cluster.set_year(session, args.year, args.budget, args.subsidy)
        year = sf.self_funding(session, args.year)
    ctx.emit(year, _("{year}: budget {budget}, subsidy {subsidy}. {verdict}").format(
        year=figures.year, budget=_money(figures.budget), subsidy=_money(figures.subsidy), verdict=_verdict(year)))
    return 0


def in_kind(args, ctx) -> int:
    with ctx.db.session() as session:
        if args.add:
            member_id = member_svc.find_member_id(session, args.member) if args.member else None
            sf.add_in_kind(session, args.year, args.add[0], args.add[1], member_id=member_id)
        rows = sf.list_in_kind(session, args.year)
    ctx.emit(rows, table([[r.contributed_on.isoformat() if r.contributed_on else "", r.member_name or "",
                           r.description, _money(r.value)] for r in rows],
                         [_("date"), _("member"), _("description"), _("value")]))
    return 0


def self_funding(args, ctx) -> int:
    with ctx.db.session() as session:
        years = [sf.self_funding(session, args.year)] if args.year else sf.ledger(session)
    rows = [[str(y.year), _money(y.budget), _money(y.required_amount), _money(y.fees_received), _money(y.in_kind),
             format_percent(y.share_reached, decimals=1) if y.share_reached is not None else "-",
             _verdict(y)] for y in years]
    ctx.emit(years, table(rows, [_("year"), _("budget"), _("required"), _("fees (excl. VAT)"), _("in kind"),
                                 _("reached"), _("result")]))
    return 0


def _verdict(year: sf.SelfFundingYear) -> str:
    if not year.has_budget:
        return _("no budget set")
    return _("met") if year.met else _("short by {x}").format(x=_money(year.shortfall))
