"""`backup [--to FILE]`, `restore FILE`, `backups list`: copies of a database file and getting one back."""

from __future__ import annotations

from pathlib import Path

from clustermanager import backup as bk
from clustermanager.cli.context import table
from clustermanager.db import open_database, to_url
from clustermanager.errors import DatabaseError
from clustermanager.i18n import _
from clustermanager.instance_lock import InstanceLock


def register(subparsers, common) -> None:
    p = subparsers.add_parser("backup", help=_("copy the database file (consistent, while in use)"),
                              parents=[common])
    p.add_argument("--to", metavar="FILE", help=_("where to write the copy (default: the backups folder)"))
    p.set_defaults(handler=run_backup, read_only=True)

    p = subparsers.add_parser("restore", help=_("replace the database by a backup (the current file is backed up first)"),
                              parents=[common])
    p.add_argument("file", metavar="FILE", help=_("the backup to restore"))
    p.set_defaults(handler=run_restore, read_only=True)

    group = subparsers.add_parser("backups", help=_("the backups of the database"), parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser("list", help=_("list the backups beside the database, newest first"), parents=[common])
    p.set_defaults(handler=run_list, read_only=True)


def database_file(args) -> Path:
    url = to_url(getattr(args, "db", None))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise DatabaseError(_("Backups here are for a database file; back up a server with pg_dump."))
    return Path(url.database)


def run_backup(args, ctx) -> int:
    target = Path(args.to).expanduser() if args.to else None
    if target is not None and bk.is_folder(target):
        raise DatabaseError(_("{path} is a folder: give a file name.").format(path=target))
    path = bk.backup_database(ctx.db, target)
    ctx.emit({"backup": path}, _("Backup written to {path}.").format(path=path))
    return 0


def run_restore(args, ctx) -> int:
    path = database_file(args)
    with InstanceLock(path):  # refuses while a window has the database open
        result = bk.restore(path, Path(args.file).expanduser())
        open_database(path).close()  # upgrades an older backup's schema and proves it opens
    text = _("Restored {path} from {backup}.").format(path=path, backup=result.restored_from)
    if result.safety_copy:
        text += "\n" + _("The database as it was is kept in {copy}.").format(copy=result.safety_copy)
    ctx.emit(result, text)
    return 0


def run_list(args, ctx) -> int:
    backups = bk.list_backups(database_file(args))
    rows = [[b.taken_at.isoformat(sep=" "), b.reason, f"{b.size / 1_000_000:.1f} MB", str(b.path)] for b in backups]
    text = table(rows, [_("taken"), _("reason"), _("size"), _("file")]) + "\n" + _("{n} backups").format(
        n=len(backups))
    ctx.emit(backups, text)
    return 0
