"""Field codes (`enterprise_number`, `joined_on`) as people call them, for messages shown to users.

Errors keep the code (`ValidationError.problems[i].field`, the CLI's `--json` output): programs and
forms match on it. What a person reads names the field with its label in their language:
"Enterprise number: ..." / "Ondernemingsnummer: ..." / "Numéro d'entreprise : ...".
"""

from __future__ import annotations

from clustermanager.i18n import N_, translator

FIELD_LABELS = {
    # members and contacts
    "url": N_("Server address"), "name": N_("Name"), "enterprise_number": N_("Enterprise number"), "vat_number": N_("VAT number"),
    "kind": N_("Type"), "size_class": N_("Size"), "email": N_("E-mail"), "joined_on": N_("Member since"),
    "left_on": N_("Member until"), "street": N_("Street"), "postcode": N_("Postcode"),
    "municipality": N_("Municipality"), "province": N_("Province"), "country": N_("Country"),
    "website": N_("Website"), "nace_code": N_("NACE code"), "fee_category": N_("Fee category"),
    "notes": N_("Notes"), "note": N_("Note"), "phone": N_("Phone"), "first_name": N_("First name"),
    "last_name": N_("Last name"), "role": N_("Role"), "contact": N_("Contact"), "member": N_("Member"),
    "members": N_("Members"), "organisation": N_("Organisation"), "search": N_("Search"),
    "language": N_("Language"),
    # selections and mail templates
    "criteria": N_("Criteria"), "kinds": N_("Member kinds"), "sizes": N_("Sizes"), "provinces": N_("Provinces"),
    "fee_year": N_("Fee year"), "fee_statuses": N_("Fee statuses"), "attended_from": N_("Attended from"),
    "attended_to": N_("Attended until"), "activity_kinds": N_("Activity kinds"),
    "project_statuses": N_("Project statuses"), "roles": N_("Roles"), "languages": N_("Languages"),
    "received_template": N_("Received mailing"), "subject": N_("Subject"), "body": N_("Text"),
    # the cluster profile
    "iban": N_("IBAN"), "bic": N_("BIC"), "funding_start": N_("Start of the funding period"),
    "funding_end": N_("End of the funding period"), "funding_rate": N_("Funding rate"),
    "budget": N_("Budget"), "subsidy": N_("Agency subsidy"), "in_kind_hours": N_("In-kind hours"),
    "legal_form": N_("Legal form"), "vat_registered": N_("VAT-registered"),
    "legal_register": N_("Register of legal entities"), "court_division": N_("Court division"),
    "registered_office": N_("Registered office"), "peppol_id": N_("Peppol ID"),
    "einvoice_opt_out": N_("No e-invoices"),
    "vat_ground": N_("Ground for 0% VAT"), "vat_article": N_("Exemption article"),
    "vat_exemption_code": N_("E-invoice exemption code"),
    # fees and payments
    "year": N_("Year"), "from_year": N_("From year"), "to_year": N_("To year"), "category": N_("Category"),
    "amount": N_("Amount"), "vat_rate": N_("VAT rate"), "increase": N_("Increase"),
    "issued_on": N_("Invoice date"), "due_on": N_("Due date"), "fee_call": N_("Fee call"),
    "payment": N_("Payment"), "paid_on": N_("Paid on"), "refunded_on": N_("Refunded on"), "counterparty_name": N_("Counterparty"),
    "structured_communication": N_("Structured communication"), "reason": N_("Reason"),
    "contributed_on": N_("Date of the contribution"), "description": N_("Description"), "value": N_("Value"),
    # activities and projects
    "activity": N_("Activity"), "title": N_("Title"), "starts_on": N_("Start date"), "ends_on": N_("End date"),
    "start_time": N_("Start time"), "registered": N_("Registered"), "action": N_("Action"),
    "status": N_("Status"), "changed_on": N_("Date of the status change"), "programme": N_("Programme"),
    # reports, files and the command line
    "period": N_("Period"), "start": N_("Start"), "end": N_("End"), "template": N_("Template"),
    "mapping": N_("Column mapping"), "out": N_("Output folder"), "database": N_("Database"), "id": N_("Id"),
    # history and the trash
    "record": N_("Record"), "item": N_("Trash item"), "retention_days": N_("Days kept in the trash"),
    # indicators
    "key": N_("Indicator key"), "source": N_("Source of the target"),
    "earmarked_budget": N_("Earmarked project budget"), "unit": N_("Unit"),
}


def field_label(field: str, lang: str | None = None) -> str:
    """The field's label in `lang` (None: the app's); an unknown code (a command-line option such as
    `--today`, a column of the user's own) as it is."""
    text = FIELD_LABELS.get(field)
    return translator(lang)(text) if text else field
