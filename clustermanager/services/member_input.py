"""What a member and a contact are said to be (by a form, an import row, the command line), and their
validation into column values: every problem at once, named by field. The rules that need the database
(unique enterprise number and name) are checked by `services.members` when saving."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from clustermanager import validation as v
from clustermanager.errors import FieldProblem, ValidationError
from clustermanager.i18n import _
from clustermanager.models import MemberKind, SizeClass
from clustermanager.postcodes import province_for_postcode
from clustermanager.services.input_checks import checked, enum_value


@dataclass(frozen=True)
class MemberInput:
    """What a form, an import row or the command line says a member is. Enums may be given as text."""

    name: str
    kind: MemberKind | str
    joined_on: dt.date
    size_class: SizeClass | str | None = None
    enterprise_number: str | None = None
    vat_number: str | None = None
    nace_code: str | None = None
    nace_version: str | None = None
    street: str | None = None
    postcode: str | None = None
    municipality: str | None = None
    province: str | None = None
    country: str = "BE"
    website: str | None = None
    email: str | None = None
    fee_category: str | None = None
    notes: str | None = None
    left_on: dt.date | None = None
    peppol_id: str | None = None  # empty: 0208 + the enterprise number
    einvoice_opt_out: bool = False  # cannot receive e-invoices: PDF only


@dataclass(frozen=True)
class ContactInput:
    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    phone: str | None = None
    role: str | None = None
    is_main: bool = False
    consent: bool = False
    consent_on: dt.date | None = None
    language: str | None = None
    extra: dict = field(default_factory=dict, compare=False)


def validate_member(data: MemberInput) -> dict:
    """Normalised column values, or ValidationError listing every problem at once."""
    problems: list[FieldProblem] = []
    out: dict = {}
    out["name"] = checked(problems, v.clean_text, data.name, "name", required=True)
    out["kind"] = enum_value(MemberKind, data.kind, "kind", problems, required=True)
    out["size_class"] = enum_value(SizeClass, data.size_class, "size_class", problems, required=False)
    if out["size_class"] is not None and out["kind"] not in (None, MemberKind.COMPANY):
        problems.append(FieldProblem("size_class", data.size_class, _("only companies have a size class")))
    country = checked(problems, v.country, data.country)
    out["country"] = country or str(data.country or "BE").upper()[:2]
    out["enterprise_number"] = checked(problems, v.enterprise_number, data.enterprise_number)
    out["vat_number"] = checked(problems, v.foreign_vat_number, data.vat_number)
    if out["vat_number"] and out["vat_number"].startswith("BE"):
        problems.append(FieldProblem("vat_number", data.vat_number, _("a Belgian member uses its enterprise number")))
    for name, limit in (("nace_code", 10), ("nace_version", 10), ("street", 200), ("postcode", 16),
                        ("municipality", 100), ("province", 50), ("website", 200), ("fee_category", 50)):
        out[name] = checked(problems, v.clean_text, getattr(data, name), name, max_length=limit)
    if country == "BE" and out.get("postcode"):
        out["postcode"] = checked(problems, v.belgian_postcode, out["postcode"])
    if not out["province"] and out["country"] == "BE":
        out["province"] = province_for_postcode(out["postcode"])  # a foreign or odd postcode leaves it empty
    out["notes"] = checked(problems, v.clean_text, data.notes, "notes", max_length=10000)
    out["email"] = checked(problems, v.email, data.email)
    out["peppol_id"], out["einvoice_opt_out"] = checked(problems, v.peppol_id, data.peppol_id), bool(data.einvoice_opt_out)
    out["joined_on"] = checked(problems, v.date_in_range, data.joined_on, "joined_on", required=True)
    if out["joined_on"]:
        out["joined_on"] = checked(problems, v.not_far_ahead, out["joined_on"], "joined_on")
    out["left_on"] = checked(problems, v.date_in_range, data.left_on, "left_on")
    if out["joined_on"] and out["left_on"] and out["left_on"] < out["joined_on"]:
        problems.append(FieldProblem(
            "left_on", out["left_on"].isoformat(),
            _("lies before the joining date {date}").format(date=out["joined_on"].isoformat()),
        ))
    if problems:
        raise ValidationError.from_problems(problems)
    return out


def validate_contact(data: ContactInput) -> dict:
    problems: list[FieldProblem] = []
    out = {
        "first_name": checked(problems, v.clean_text, data.first_name, "first_name", max_length=100) or "",
        "last_name": checked(problems, v.clean_text, data.last_name, "last_name", max_length=100) or "",
        "email": checked(problems, v.email, data.email),
        "phone": checked(problems, v.clean_text, data.phone, "phone", max_length=50),
        "role": checked(problems, v.clean_text, data.role, "role", max_length=100),
        "is_main": bool(data.is_main),
        "consent": bool(data.consent),
        "consent_on": checked(problems, v.date_in_range, data.consent_on, "consent_on"),
        "language": checked(problems, v.language, data.language),
    }
    if not out["first_name"] and not out["last_name"] and not problems:
        problems.append(FieldProblem("last_name", "", _("a contact needs a name")))
    if out["consent"] and out["consent_on"] is None:
        out["consent_on"] = dt.date.today()
    if problems:
        raise ValidationError.from_problems(problems)
    return out
