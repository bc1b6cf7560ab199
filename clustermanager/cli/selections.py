"""`selections list|show|create|update|rename|delete`: the saved selections of contacts, evaluated now."""

from __future__ import annotations

import json

from clustermanager.cli.context import table
from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.models import MemberKind, SizeClass
from clustermanager.services import selections as svc
from clustermanager.services.selection_criteria import FEE_STATUSES, criteria_from_dict

# option -> criterion; a list option may be repeated or take commas ("--kind company,university")
LIST_OPTIONS = {"kind": "kinds", "size": "sizes", "province": "provinces", "fee_status": "fee_statuses",
                "activity_kind": "activity_kinds", "project_status": "project_statuses", "role": "roles",
                "language": "languages"}
VALUE_OPTIONS = {"fee_year": "fee_year", "attended_from": "attended_from", "attended_to": "attended_to",
                 "received": "received_template", "received_year": "received_year"}
FLAG_OPTIONS = {"project_partners": "project_partners", "main_contact_only": "main_contact_only",
                "not_received": "not_received", "former_members": "include_former_members"}


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
    p = actions.add_parser("create", help=_("save criteria under a new name"), parents=[common])
    p.add_argument("name", help=_("the new selection's name"))
    _criteria_options(p)
    p.set_defaults(handler=create_selection)
    p = actions.add_parser("update", help=_("change a saved selection's criteria (the options given replace "
                                            "those criteria; --clear starts from none)"), parents=[common])
    p.add_argument("selection", help=_("the selection's name or id"))
    p.add_argument("--clear", action="store_true", help=_("drop every criterion first"))
    _criteria_options(p)
    p.set_defaults(handler=update_selection)
    p = actions.add_parser("rename", help=_("give a saved selection another name"), parents=[common])
    p.add_argument("selection", help=_("the selection's name or id"))
    p.add_argument("new_name", help=_("its new name"))
    p.set_defaults(handler=rename_selection)
    p = actions.add_parser("delete", help=_("delete a saved selection (the contacts stay)"), parents=[common])
    p.add_argument("selection", help=_("the selection's name or id"))
    p.set_defaults(handler=delete_selection)


def _criteria_options(p) -> None:
    p.add_argument("--description", help=_("what the selection is for"))
    p.add_argument("--criteria", metavar="JSON", help=_("criteria as JSON, as `selections show --json` "
                                                       "prints them under criteria_values"))
    p.add_argument("--kind", action="append", help=_("member kind: {v}").format(
        v=", ".join(k.value for k in MemberKind)))
    p.add_argument("--size", action="append", help=_("company size: {v}").format(
        v=", ".join(k.value for k in SizeClass)))
    p.add_argument("--province", action="append", help=_("the member's province"))
    p.add_argument("--fee-year", help=_("the year of --fee-status"))
    p.add_argument("--fee-status", action="append", help=_("fee status in --fee-year: {v}").format(
        v=", ".join(FEE_STATUSES)))
    p.add_argument("--attended-from", metavar="DATE", help=_("attended an activity on or after this day"))
    p.add_argument("--attended-to", metavar="DATE", help=_("attended an activity on or before this day"))
    p.add_argument("--activity-kind", action="append", help=_("attended an activity of this kind"))
    p.add_argument("--project-partners", action="store_true", help=_("the organisation is a project partner"))
    p.add_argument("--project-status", action="append", help=_("... in a project with this status"))
    p.add_argument("--role", action="append", help=_("a word in the contact's role"))
    p.add_argument("--main-contact-only", action="store_true", help=_("only the members' main contacts"))
    p.add_argument("--language", action="append", help=_("the contact's language: nl, fr, en"))
    p.add_argument("--received", metavar="TEMPLATE", help=_("received a mailing of this template"))
    p.add_argument("--received-year", help=_("... in this year"))
    p.add_argument("--not-received", action="store_true", help=_("turn --received round: who did not get it"))
    p.add_argument("--former-members", action="store_true", help=_("include members who left"))


def _given(args) -> dict:
    """The criteria the options name (only those given)."""
    data: dict = {}
    if args.criteria:
        try:
            parsed = json.loads(args.criteria)
        except json.JSONDecodeError as exc:
            raise ValidationError("--criteria", args.criteria, _("is not valid JSON")) from exc
        if not isinstance(parsed, dict):
            raise ValidationError("--criteria", args.criteria, _("must be an object of criteria"))
        data.update(parsed)
    for option, key in LIST_OPTIONS.items():
        values = getattr(args, option)
        if values:
            data[key] = [part.strip() for value in values for part in value.split(",") if part.strip()]
    for option, key in VALUE_OPTIONS.items():
        if getattr(args, option) is not None:
            data[key] = getattr(args, option)
    for option, key in FLAG_OPTIONS.items():
        if getattr(args, option):
            data[key] = True
    return data


def _saved(ctx, sel, text: str) -> int:
    ctx.emit({"id": sel.id, "name": sel.name, "description": sel.description, "criteria": sel.criteria_text,
              "version": sel.version}, "\n".join([text, *("  " + c for c in sel.criteria_text)]))
    return 0


def create_selection(args, ctx) -> int:
    with ctx.db.session() as session:
        sel = svc.save_selection(session, args.name, _given(args), description=args.description)
    return _saved(ctx, sel, _("Selection {name} saved.").format(name=sel.name))


def update_selection(args, ctx) -> int:
    with ctx.db.session() as session:
        old = svc.get_selection(session, args.selection)
        data = {} if args.clear else {k: val for k, val in json.loads(old.criteria.to_json()).items()}
        data.update(_given(args))
        criteria = criteria_from_dict(data)
        description = args.description if args.description is not None else old.description
        sel = svc.save_selection(session, old.name, criteria, description=description, selection_id=old.id)
    return _saved(ctx, sel, _("Selection {name} changed.").format(name=sel.name))


def rename_selection(args, ctx) -> int:
    with ctx.db.session() as session:
        sel = svc.rename_selection(session, args.selection, args.new_name)
    return _saved(ctx, sel, _("Selection renamed to {name}.").format(name=sel.name))


def delete_selection(args, ctx) -> int:
    with ctx.db.session() as session:
        sel = svc.get_selection(session, args.selection)
        svc.delete_selection(session, sel.id)
    ctx.emit({"id": sel.id, "name": sel.name, "deleted": True},
             _("Selection {name} deleted.").format(name=sel.name))
    return 0


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
            "criteria_values": json.loads(sel.criteria.to_json()),
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
