"""`mailings write|bcc|newsletter-csv`: draft e-mails for a selection, Bcc links, a newsletter list."""

from __future__ import annotations

from clustermanager.i18n import _
from clustermanager.reports.mailings import write_mailing
from clustermanager.services import mail_exports, selections
from clustermanager.services.mailings import plan_mailing


def register(subparsers, common) -> None:
    group = subparsers.add_parser("mailings", help=_("draft e-mails (.eml) to a selection, respecting consent"),
                                  parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser("write", help=_("one draft .eml per contact, for your mail program to send"),
                           parents=[common])
    p.add_argument("--selection", required=True, help=_("a saved selection's name or id"))
    p.add_argument("--template", required=True, help=_("invitation, fee-call, reminder or your own template"))
    p.add_argument("--out", required=True, metavar="DIR", help=_("the folder for the drafts"))
    p.add_argument("--activity", type=int, help=_("the activity an invitation is for"))
    p.add_argument("--year", type=int, help=_("the fee year of a fee call or reminder"))
    p.add_argument("--legal-notice", action="store_true",
                   help=_("an invoice or reminder: include contacts without consent (the draft says so)"))
    p.add_argument("--default-language", choices=["nl", "fr", "en"],
                   help=_("for contacts without a language (default: the app's)"))
    p.set_defaults(handler=write)
    p = actions.add_parser("bcc", help=_("mailto: links with the addresses in Bcc, 50 per link"), parents=[common])
    p.add_argument("--selection", required=True)
    p.add_argument("--size", type=int, default=50, help=_("addresses per link (default 50)"))
    p.set_defaults(handler=bcc, read_only=True)
    p = actions.add_parser("newsletter-csv", help=_("a CSV list for newsletter tools (consent only)"),
                           parents=[common])
    p.add_argument("--selection", required=True)
    p.add_argument("--out", required=True, metavar="FILE.csv")
    p.set_defaults(handler=newsletter, read_only=True)


def write(args, ctx) -> int:
    with ctx.db.session() as session:
        plan = plan_mailing(session, template=args.template, selection=args.selection, activity_id=args.activity,
                            year=args.year, legal_notice=args.legal_notice, default_language=args.default_language)
        result = write_mailing(session, plan, args.out)
    ctx.emit({"folder": result.folder, "files": [p.name for p in result.files], "mailing": result.mailing,
              "explanation": result.explanation},
             _("{n} drafts written to {folder}.").format(n=len(result.files), folder=result.folder)
             + " " + result.explanation)
    return 0


def bcc(args, ctx) -> int:
    with ctx.db.session() as session:
        sel = selections.get_selection(session, args.selection)
        groups = mail_exports.bcc_links(session, sel.criteria, size=args.size)
    ctx.emit({"links": groups.links, "groups": groups.groups, "explanation": groups.audience.explanation()},
             "\n".join([*groups.links, groups.audience.explanation()]))
    return 0


def newsletter(args, ctx) -> int:
    with ctx.db.session() as session:
        sel = selections.get_selection(session, args.selection)
        path, people = mail_exports.export_newsletter(session, sel.criteria, args.out)
    ctx.emit({"file": path, "rows": len(people.recipients), "explanation": people.explanation()},
             _("{n} contacts written to {file}.").format(n=len(people.recipients), file=path) + " "
             + people.explanation())
    return 0
