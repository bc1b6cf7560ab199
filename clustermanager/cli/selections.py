"""`selections list|show`: the saved selections of contacts, evaluated now."""

from __future__ import annotations

from clustermanager.cli.context import table
from clustermanager.i18n import _
from clustermanager.services import selections as svc


def register(subparsers, common) -> None:
    group = subparsers.add_parser("selections", help=_("saved selections of contacts for mailings"),
                                  parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser("list", help=_("the saved selections and how many they reach today"), parents=[common])
    p.set_defaults(handler=list_selections, read_only=True)
    p = actions.add_parser("show", help=_("one selection: its criteria and the contacts it gives today"),
                           parents=[common])
    p.add_argument("selection", help=_("the selection's name or id"))
    p.set_defaults(handler=show_selection, read_only=True)


def _counts(session, sel) -> dict:
    people = svc.audience(session, sel.criteria)
    return {"contacts": len(people.recipients) + len(people.without_consent) + len(people.without_email),
            "reachable": len(people.recipients), "without_consent": len(people.without_consent),
            "without_email": len(people.without_email), "explanation": people.explanation()}


def list_selections(args, ctx) -> int:
    with ctx.db.session() as session:
        data = [{"id": s.id, "name": s.name, "description": s.description, "criteria": s.criteria_text,
                 **_counts(session, s)} for s in svc.list_selections(session)]
    lines = [[str(d["id"]), d["name"], str(d["contacts"]), str(d["reachable"]), "; ".join(d["criteria"])]
             for d in data]
    ctx.emit(data, table(lines, [_("id"), _("name"), _("contacts"), _("with consent"), _("criteria")]))
    return 0


def show_selection(args, ctx) -> int:
    with ctx.db.session() as session:
        sel = svc.get_selection(session, args.selection)
        people = svc.audience(session, sel.criteria)
    everyone = sorted(people.recipients + people.without_consent + people.without_email,
                      key=lambda r: (r.organisation.lower(), r.last_name.lower(), r.first_name.lower()))
    everyone = list({r.contact_id: r for r in everyone}.values())
    data = {"id": sel.id, "name": sel.name, "description": sel.description, "criteria": sel.criteria_text,
            "explanation": people.explanation(),
            "contacts": [{"contact_id": r.contact_id, "name": r.full_name, "organisation": r.organisation,
                          "email": r.email, "language": r.language, "consent": r.consent, "main": r.is_main}
                         for r in everyone]}
    lines = [sel.name, *("  " + c for c in sel.criteria_text), "",
             table([[r.full_name, r.organisation, r.email or "", r.language, _("yes") if r.consent else _("no")]
                    for r in everyone], [_("name"), _("organisation"), _("e-mail"), _("language"), _("consent")]),
             people.explanation()]
    ctx.emit(data, "\n".join(lines))
    return 0
