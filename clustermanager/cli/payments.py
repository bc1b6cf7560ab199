"""`payments add|import|unmatched|match|credits|apply-credit|refund|list`: money received, from the bank or by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clustermanager import validation as v
from clustermanager.cli.context import table
from clustermanager.formatting import format_money as money
from clustermanager.i18n import _
from clustermanager.services import bank_import, credits
from clustermanager.services import fees as fee_svc
from clustermanager.services import payments as svc
from clustermanager.services.members import find_member_id


def register(subparsers, common) -> None:
    group = subparsers.add_parser("payments", help=_("payments: record, import bank statements, match"),
                                  parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")

    p = actions.add_parser("add", help=_("record a payment by hand (partial payments are fine)"), parents=[common])
    p.add_argument("--call", required=True, help=_("invoice number, structured communication or id"))
    p.add_argument("--amount", required=True, help=_("amount received, VAT included"))
    p.add_argument("--date", metavar="DATE", help=_("day received (default: today)"))
    p.add_argument("--note")
    p.set_defaults(handler=add)

    p = actions.add_parser("import", help=_("import a bank statement (CODA or camt.053, detected)"),
                           parents=[common])
    p.add_argument("file")
    p.set_defaults(handler=import_file)

    p = actions.add_parser("unmatched", help=_("payments waiting to be matched by hand"), parents=[common])
    p.set_defaults(handler=unmatched)

    p = actions.add_parser("match", help=_("match a waiting payment to a fee call"), parents=[common])
    p.add_argument("payment", type=int, help=_("payment id (see payments unmatched)"))
    p.add_argument("call", help=_("invoice number, structured communication or id"))
    p.add_argument("--credit-surplus", action="store_true",
                   help=_("if the payment is more than the call still asks, keep the rest as a credit of the member"))
    p.set_defaults(handler=match)

    p = actions.add_parser("credits", help=_("unapplied credits of members (money above what a call asked)"),
                           parents=[common])
    p.add_argument("--member", help=_("only this member (id, number or name)"))
    p.add_argument("--all", action="store_true", help=_("also credits already applied or refunded"))
    p.set_defaults(handler=list_credits, read_only=True)

    p = actions.add_parser("apply-credit", help=_("use a member's credit for another of their fee calls"),
                           parents=[common])
    p.add_argument("credit", type=int, help=_("credit id (see payments credits)"))
    p.add_argument("call", help=_("invoice number, structured communication or id"))
    p.set_defaults(handler=apply_credit)

    p = actions.add_parser("refund", help=_("mark a member's credit as paid back"), parents=[common])
    p.add_argument("credit", type=int, help=_("credit id (see payments credits)"))
    p.add_argument("--date", metavar="DATE", help=_("day paid back (default: today)"))
    p.add_argument("--note")
    p.set_defaults(handler=refund)


def _rows(rows: list[svc.PaymentRow]) -> str:
    return table([[str(p.id), p.paid_on.isoformat(), money(p.amount), p.counterparty_name or "",
                   p.communication or (v.format_structured_communication(p.structured_communication)
                                       if p.structured_communication else ""), p.fee_call_number or ""]
                  for p in rows],
                 [_("id"), _("date"), _("amount"), _("from"), _("communication"), _("fee call")])


def add(args, ctx) -> int:
    paid_on = v.parse_date_text(args.date, "--date") if args.date else dt.date.today()
    with ctx.db.session() as session:
        row = svc.record_payment(session, fee_svc.find_call_id(session, args.call), args.amount, paid_on,
                                 note=args.note)
    ctx.emit(row, _("Recorded {amount} on {number}.").format(amount=money(row.amount), number=row.fee_call_number))
    return 0


def import_file(args, ctx) -> int:
    with ctx.db.session() as session:
        result = bank_import.import_statement(session, Path(args.file))
    ctx.emit(result, result.summary)
    return 0


def unmatched(args, ctx) -> int:
    with ctx.db.session() as session:
        rows = svc.list_unmatched(session)
    ctx.emit(rows, _rows(rows) + "\n" + _("{n} payments to match").format(n=len(rows)))
    return 0


def match(args, ctx) -> int:
    with ctx.db.session() as session:
        row = svc.match_payment(session, args.payment, fee_svc.find_call_id(session, args.call),
                                surplus_to_credit=args.credit_surplus)
    ctx.emit(row, _("Payment {id} matched to {number}.").format(id=row.id, number=row.fee_call_number))
    return 0


def _credit_rows(rows: list[credits.CreditRow]) -> str:
    return table([[str(c.id), c.member_name, c.received_on.isoformat(), money(c.amount), c.from_fee_call or "",
                   c.applied_to or (_("refunded {date}").format(date=c.refunded_on.isoformat()) if c.refunded_on
                                    else _("open"))] for c in rows],
                 [_("id"), _("member"), _("received"), _("amount"), _("from call"), _("state")])


def list_credits(args, ctx) -> int:
    with ctx.db.session() as session:
        member_id = find_member_id(session, args.member) if args.member else None
        rows = credits.list_credits(session, member_id=member_id, include_closed=args.all)
        total = credits.open_credit_total(session, member_id)
    ctx.emit(rows, _credit_rows(rows) + "\n" + _("{amount} in open credits").format(amount=money(total)))
    return 0


def apply_credit(args, ctx) -> int:
    with ctx.db.session() as session:
        row = credits.apply_credit(session, args.credit, fee_svc.find_call_id(session, args.call))
    ctx.emit(row, _("Credit {id} ({amount}) applied to {number}.").format(id=row.id, amount=money(row.amount),
                                                                           number=row.applied_to))
    return 0


def refund(args, ctx) -> int:
    on = v.parse_date_text(args.date, "--date") if args.date else None
    with ctx.db.session() as session:
        row = credits.refund_credit(session, args.credit, on, args.note)
    ctx.emit(row, _("Credit {id} ({amount}) marked as refunded on {date}.").format(
        id=row.id, amount=money(row.amount), date=row.refunded_on.isoformat()))
    return 0
