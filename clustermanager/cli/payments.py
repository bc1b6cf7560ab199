"""`payments add|import|unmatched|match|list`: money received, from the bank or by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clustermanager import validation as v
from clustermanager.cli.context import table
from clustermanager.formatting import format_money as money
from clustermanager.i18n import _
from clustermanager.services import bank_import
from clustermanager.services import fees as fee_svc
from clustermanager.services import payments as svc


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
    p.set_defaults(handler=match)


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
        row = svc.match_payment(session, args.payment, fee_svc.find_call_id(session, args.call))
    ctx.emit(row, _("Payment {id} matched to {number}.").format(id=row.id, number=row.fee_call_number))
    return 0
