"""`profile show|set`: the cluster's own profile, with the legal identity its invoices carry."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from clustermanager.cli.context import table
from clustermanager.errors import UserError
from clustermanager.field_labels import field_label
from clustermanager.i18n import _
from clustermanager.models import ClusterKind
from clustermanager.services import cluster

# option -> profile field; text options take the value as typed ("" clears it)
TEXT_OPTIONS = ("name", "legal_form", "enterprise_number", "vat_number", "legal_register", "court_division",
                "registered_office", "street", "postcode", "municipality", "country", "email", "phone", "website",
                "iban", "bic", "peppol_id")


def register(subparsers, common) -> None:
    group = subparsers.add_parser("profile", help=_("the cluster's profile and legal identity"), parents=[common])
    actions = group.add_subparsers(dest="action", metavar="ACTION")
    p = actions.add_parser("show", help=_("show the cluster profile"), parents=[common])
    p.set_defaults(handler=show, read_only=True)
    p = actions.add_parser("set", help=_("change fields of the cluster profile"), parents=[common])
    for name in TEXT_OPTIONS:
        p.add_argument("--" + name.replace("_", "-"), dest=name, metavar="TEXT")
    p.add_argument("--kind", choices=[k.value for k in ClusterKind])
    vat = p.add_mutually_exclusive_group()
    vat.add_argument("--vat-registered", dest="vat_registered", action="store_true", default=None,
                     help=_("the cluster is VAT-registered (its fees carry VAT)"))
    vat.add_argument("--not-vat-registered", dest="vat_registered", action="store_false",
                     help=_("the cluster is not VAT-registered: invoices are outside the scope of VAT"))
    p.add_argument("--funding-rate", metavar="FRACTION", help=_("the agency's share of the budget (0.5 = 50%)"))
    p.set_defaults(handler=set_profile)


def _json(profile: cluster.ProfileData) -> dict:
    data = dataclasses.asdict(profile)
    data.update(effective_vat_number=profile.effective_vat_number, effective_peppol_id=profile.effective_peppol_id)
    return data


def _text(profile: cluster.ProfileData) -> str:
    rows = []
    for f in dataclasses.fields(profile):
        value = getattr(profile, f.name)
        if f.name == "vat_number":
            value = profile.effective_vat_number
        elif f.name == "peppol_id":
            value = profile.effective_peppol_id
        elif isinstance(value, bool):
            value = _("yes") if value else _("no")
        rows.append([field_label(f.name), "" if value is None else str(value)])
    return table(rows, [_("field"), _("value")])


def show(args, ctx) -> int:
    with ctx.db.session() as session:
        profile = cluster.get_profile(session)
    if profile is None:
        raise UserError(_("The cluster has no profile yet: profile set --name ... --enterprise-number ..."))
    ctx.emit(_json(profile), _text(profile))
    return 0


def set_profile(args, ctx) -> int:
    changes = {name: (getattr(args, name) or None) for name in TEXT_OPTIONS if getattr(args, name) is not None}
    if args.kind:
        changes["kind"] = ClusterKind(args.kind)
    if args.vat_registered is not None:
        changes["vat_registered"] = args.vat_registered
    if args.funding_rate is not None:
        from clustermanager.validation import parse_decimal_text

        changes["funding_rate"] = Decimal(parse_decimal_text(args.funding_rate, "funding_rate"))
    with ctx.db.session() as session:
        current = cluster.get_profile(session)
        if current is None:
            if not changes.get("name"):
                raise UserError(_("The cluster has no profile yet: give at least --name."))
            current = cluster.ProfileData(name=changes["name"], kind=ClusterKind.IBN)
        if "enterprise_number" in changes and "vat_number" not in changes:
            changes["vat_number"] = None  # follows the new enterprise number
        saved = cluster.save_profile(session, dataclasses.replace(current, **changes))
    ctx.emit(_json(saved), _("Cluster profile saved.") + "\n" + _text(saved))
    return 0
