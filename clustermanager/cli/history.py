"""`history`, `undo [--steps N]`, `redo`, `trash list|restore|empty|retention`: every change, taken back.

On the command line "the last actions" are this user's on that database (each command is its own
run of the app); in the window they are the window's own (docs/history.md).
"""

from __future__ import annotations

import sys

from clustermanager import validation as v
from clustermanager.cli.context import table
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.services.history import current_user, entries, replay, trash
from clustermanager.services.history.display import shown_value


def register(subparsers, common) -> None:
    p = subparsers.add_parser("history", help=_("every change: when, who, which action, old and new values"),
                              parents=[common])
    p.add_argument("--record", metavar="RECORD",
                   help=_("one record and what belongs to it: TABLE:ID (member:12), TABLE:NAME or a name"))
    p.add_argument("--since", metavar="DATE", help=_("changes on or after this date"))
    p.add_argument("--user", help=_("changes by this user"))
    p.add_argument("--action", dest="kind", help=_("save, import, bank_statement, fee_call_run, delete, undo ..."))
    p.add_argument("--limit", type=int, default=200, help=_("at most this many entries (0: all)"))
    p.set_defaults(handler=run_history, read_only=True)

    p = subparsers.add_parser("undo", help=_("take back your last actions on this database"), parents=[common])
    p.add_argument("--steps", type=int, default=1, metavar="N", help=_("how many actions (an import is one)"))
    p.set_defaults(handler=run_undo)

    p = subparsers.add_parser("redo", help=_("do the last undone action again"), parents=[common])
    p.set_defaults(handler=run_redo)

    group = subparsers.add_parser("trash", help=_("deleted members, activities and projects"), parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser("list", help=_("what is in the trash"), parents=[common])
    p.set_defaults(handler=run_trash_list, read_only=True)
    p = actions.add_parser("restore", help=_("bring an item back with what hung on it"), parents=[common])
    p.add_argument("item", help=_("the item's number, TABLE:ID or the record's name"))
    p.set_defaults(handler=run_trash_restore)
    p = actions.add_parser("empty", help=_("forget the items older than the retention period"), parents=[common])
    p.add_argument("--all", action="store_true", help=_("every item, however recent"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.set_defaults(handler=run_trash_empty)
    p = actions.add_parser("retention", help=_("show or set how many days deleted items are kept"),
                           parents=[common])
    p.add_argument("days", nargs="?", type=int, help=_("the new retention in days"))
    p.set_defaults(handler=run_trash_retention)


def _value(value) -> str:
    return "" if value is None else str(value)


def _shown(entry, change, value) -> str:
    """An enum code by its label ("Small" for "small"); `--json` keeps the stored code."""
    return _value(shown_value(entry.table, change.field, value))


def run_history(args, ctx) -> int:
    since = v.parse_date_text(args.since, "--since") if args.since else None
    record = entries.parse_record(args.record) if args.record else None
    with ctx.db.session() as session:
        found = entries.history(session, record=record, since=since, user=args.user, kind=args.kind,
                                limit=args.limit or None)
    rows = [[f"{e.at:%Y-%m-%d %H:%M}", e.user, e.action, f"{e.record_kind} {e.record}", e.op,
             "; ".join(f"{c.field}: {_shown(e, c, c.old)} -> {_shown(e, c, c.new)}" if e.op == "update" else
                       f"{c.field}={_shown(e, c, c.new if e.op == 'insert' else c.old)}" for c in e.changes)[:160]]
            for e in found]
    ctx.emit(found, table(rows, [_("When"), _("User"), _("Action"), _("Record"), _("Change"), _("Values")])
             if rows else _("No changes recorded."))
    return 0


def run_undo(args, ctx) -> int:
    if args.steps < 1:
        raise ValidationError("--steps", args.steps, _("must be 1 or more"))
    with ctx.db.session() as session:
        done = replay.undo(session, args.steps, user=current_user(session))
    ctx.emit(done, "\n".join(_("Undone: {action} ({n} rows)").format(action=d.label, n=d.rows) for d in done))
    return 0


def run_redo(args, ctx) -> int:
    with ctx.db.session() as session:
        done = replay.redo(session, user=current_user(session))
    ctx.emit(done, _("Redone: {action} ({n} rows)").format(action=done.label, n=done.rows))
    return 0


def run_trash_list(args, ctx) -> int:
    with ctx.db.session() as session:
        items = trash.list_trash(session)
        days = trash.retention_days(session)
    rows = [[str(i.id), f"{i.kind} {i.name}", f"{i.deleted_at:%Y-%m-%d %H:%M}", i.user, str(i.rows),
             _("yes") if i.due else ""] for i in items]
    text = table(rows, [_("Item"), _("Record"), _("Deleted"), _("User"), _("Rows"),
                        _("Older than {n} days").format(n=days)]) if rows else _("The trash is empty.")
    ctx.emit(items, text)
    return 0


def run_trash_restore(args, ctx) -> int:
    with ctx.db.session() as session:
        done = trash.restore(session, trash.find_item(session, args.item))
    ctx.emit(done, _("Restored: {action} ({n} rows)").format(action=done.label, n=done.rows))
    return 0


def run_trash_empty(args, ctx) -> int:
    with ctx.db.session() as session:
        items = [i for i in trash.list_trash(session) if args.all or i.due]
        if not items:
            ctx.emit({"emptied": 0}, _("Nothing to empty."))
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                raise ValidationError("--yes", "", _("emptying the trash cannot be undone: add --yes to confirm"))
            answer = input(_("Forget {n} deleted items for good? [y/N] ").format(n=len(items)))
            if answer.strip().lower() not in ("y", "yes", "j", "ja", "o", "oui"):
                print(_("Nothing was emptied."))
                return 0
        n = trash.empty(session, everything=args.all)
    ctx.emit({"emptied": n}, _("{n} items emptied from the trash.").format(n=n))
    return 0


def run_trash_retention(args, ctx) -> int:
    with ctx.db.session() as session:
        days = trash.set_retention_days(session, args.days) if args.days is not None else trash.retention_days(session)
    ctx.emit({"retention_days": days}, _("Deleted items are kept {n} days.").format(n=days))
    return 0
