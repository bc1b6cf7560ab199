"""`privacy export CONTACT --out FILE`, `privacy erase CONTACT`: a person's rights under the GDPR."""

from __future__ import annotations

import sys
from pathlib import Path

from clustermanager.cli.context import to_jsonable
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.services import privacy


def register(subparsers, common) -> None:
    group = subparsers.add_parser("privacy", help=_("personal data: export or erase one person"), parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")

    p = actions.add_parser("export", help=_("everything held on one person (.json, .txt or .xlsx)"),
                           parents=[common])
    p.add_argument("contact", help=_("contact id, e-mail or full name"))
    p.add_argument("--out", required=True, metavar="FILE", help=_("the file to write (.json, .txt or .xlsx)"))
    p.set_defaults(handler=run_export, read_only=True)

    p = actions.add_parser("erase", help=_("erase a person (name and details replaced; counts kept)"),
                           parents=[common])
    p.add_argument("contact", help=_("contact id, e-mail or full name"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.set_defaults(handler=run_erase)

    p = actions.add_parser("purge-backups", help=_("erase an erased person from the backups that still hold them"),
                           parents=[common])
    p.add_argument("contact", type=int, help=_("the erased contact's id"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.set_defaults(handler=run_purge_backups, read_only=True)


def run_export(args, ctx) -> int:
    with ctx.db.session() as session:
        export = privacy.export_person(session, privacy.find_contact_id(session, args.contact))
    path = privacy.write_export(export, Path(args.out).expanduser())
    ctx.emit({"contact_id": export.contact_id, "file": path},
             _("Personal data of contact {id} written to {path}.").format(id=export.contact_id, path=path))
    return 0


def run_erase(args, ctx) -> int:
    with ctx.db.session() as session:
        contact_id = privacy.find_contact_id(session, args.contact)
        if not args.yes:
            if not sys.stdin.isatty():
                raise ValidationError("--yes", "", _("erasing cannot be undone: add --yes to confirm"))
            answer = input(_("Erase contact {id} for good? [y/N] ").format(id=contact_id))
            if answer.strip().lower() not in ("y", "yes", "j", "ja", "o", "oui"):
                print(_("Nothing was erased."))
                return 0
        result = privacy.erase_person(session, contact_id)
    from clustermanager.services import privacy_files

    privacy_files.compact(ctx.db)  # the erased text leaves the file's free pages too
    holding = privacy_files.backups_holding(ctx.db.path, result.contact_id)
    lines = [_("Contact {id} erased; {n} participations kept, anonymised.").format(
        id=result.contact_id, n=result.participations_anonymised)]
    if holding:
        lines.append(_("These backups still hold the person ({n}):").format(n=len(holding)))
        lines += [f"  {p}" for p in holding]
        lines.append(_("Erase the person there too with: clustermanager privacy purge-backups {id}").format(
            id=result.contact_id))
    elif ctx.db.path is not None:
        lines.append(_("No backup holds the person any more."))
    note = privacy_files.server_note(ctx.db)
    if note:
        lines.append(note)
    ctx.emit({**to_jsonable(result), "backups_holding": [str(p) for p in holding], "server_note": note},
             "\n".join(lines))
    return 0


def run_purge_backups(args, ctx) -> int:
    from clustermanager.services import privacy_files

    holding = privacy_files.backups_holding(ctx.db.path, args.contact)
    if holding and not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError("--yes", "", _("changing backups cannot be undone: add --yes to confirm"))
        answer = input(_("Erase contact {id} from {n} backups? [y/N] ").format(id=args.contact, n=len(holding)))
        if answer.strip().lower() not in ("y", "yes", "j", "ja", "o", "oui"):
            print(_("Nothing was changed."))
            return 0
    result = privacy_files.purge_backups(holding, args.contact)
    lines = [_("Contact {id} erased from {n} backups.").format(id=args.contact, n=len(result.purged))]
    lines += [_("Could not change {path}: {reason}").format(path=p, reason=why) for p, why in result.failed]
    ctx.emit({"purged": [str(p) for p in result.purged], "failed": [{"backup": str(p), "reason": why}
                                                                    for p, why in result.failed]}, "\n".join(lines))
    return 2 if result.failed else 0
