"""`privacy export CONTACT --out FILE`, `privacy erase CONTACT`: a person's rights under the GDPR."""

from __future__ import annotations

import sys
from pathlib import Path

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
    ctx.emit(result, _("Contact {id} erased; {n} participations kept, anonymised. Backups taken before today "
                       "still hold the old data until they are rotated away.").format(
        id=result.contact_id, n=result.participations_anonymised))
    return 0
