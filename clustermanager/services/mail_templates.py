"""Mail templates: a subject and a body with `{field}` placeholders, per language (nl, fr, en).

The app ships `invitation`, `fee-call` and `reminder` (`mail_texts.SHIPPED`); the user may edit them
or add their own (a name of lower-case letters, digits and dashes). Edits are stored in the database
(table `mail_template`), so a team sharing a database shares its templates; removing an edit restores
the shipped text. A template's purpose follows from its fields: one that uses `fee_*` fields needs a
fee call, one that uses `activity_*` fields needs an activity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clustermanager import validation as v
from clustermanager.errors import FieldProblem, NotFoundError, ValidationError
from clustermanager.i18n import N_, _
from clustermanager.models import MailTemplate
from clustermanager.services.mail_texts import SHIPPED

FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")

FIELDS = {  # field -> what it holds (for the docs, the editor and error messages)
    "first_name": N_("the contact's first name"),
    "last_name": N_("the contact's last name"),
    "name": N_("the contact's full name"),
    "email": N_("the contact's e-mail address"),
    "role": N_("the contact's role"),
    "organisation": N_("the member organisation's name"),
    "cluster": N_("the cluster's name (from the cluster profile)"),
    "cluster_email": N_("the cluster's e-mail address"),
    "cluster_phone": N_("the cluster's phone number"),
    "cluster_website": N_("the cluster's website"),
    "iban": N_("the cluster's bank account"),
    "fee_year": N_("the fee call's year"),
    "fee_number": N_("the invoice number"),
    "fee_amount": N_("the amount of the fee call, VAT included"),
    "fee_outstanding": N_("what is still to be paid"),
    "fee_communication": N_("the structured communication, +++123/4567/89002+++"),
    "fee_due_date": N_("the due date"),
    "activity_title": N_("the activity's title"),
    "activity_date": N_("the activity's date (and last day)"),
    "activity_time": N_("the start time, e.g. 14:00"),
    "activity_time_text": N_("' at 14:00' in the letter's language, or nothing"),
    "activity_place": N_("the location, or the online link"),
    "activity_link": N_("the online link, if any"),
    "activity_organiser": N_("the activity's organiser"),
    "activity_description": N_("the activity's description"),
}
FEE_TEMPLATES = ("fee-call", "reminder")  # may be sent to contacts without consent, as a legal notice


@dataclass(frozen=True)
class TemplateData:
    name: str
    language: str
    subject: str
    body: str
    edited: bool  # the user's text (in the database), not the shipped one

    @property
    def fields(self) -> set[str]:
        return fields_in(self.subject) | fields_in(self.body)

    @property
    def needs_fee_call(self) -> bool:
        return self.name in FEE_TEMPLATES or any(f.startswith("fee_") for f in self.fields)

    @property
    def needs_activity(self) -> bool:
        return self.name == "invitation" or any(f.startswith("activity_") for f in self.fields)


def fields_in(text: str) -> set[str]:
    return set(FIELD.findall(text or ""))


def _check_fields(problems: list[FieldProblem], field_name: str, text: str) -> None:
    unknown = sorted(fields_in(text) - set(FIELDS))
    if unknown:
        problems.append(FieldProblem(field_name, "{" + unknown[0] + "}", _(
            "is not a template field; the fields are: {fields}").format(fields=", ".join(sorted(FIELDS)))))


def _language(language: str | None) -> str:
    lang = v.language(language)
    if lang is None:
        raise ValidationError("language", language, _("use nl, fr or en"))
    return lang


def template_names(session: Session) -> list[str]:
    own = set(session.scalars(select(MailTemplate.name)))
    return list(SHIPPED) + sorted(own - set(SHIPPED))


def get_template(session: Session, name: str, language: str) -> TemplateData:
    """The template in this language: the user's edit, else the shipped text, else (for a template of
    the user's own in another language) its text in English, Dutch or French, whichever exists."""
    lang = _language(language)
    rows = {r.language: r for r in session.scalars(select(MailTemplate).where(MailTemplate.name == name))}
    for candidate in (lang, "en", "nl", "fr"):
        if candidate in rows:
            r = rows[candidate]
            return TemplateData(name, candidate, r.subject, r.body, True)
        if candidate in SHIPPED.get(name, {}):
            subject, body = SHIPPED[name][candidate]
            return TemplateData(name, candidate, subject, body, False)
    names = ", ".join(template_names(session))
    raise NotFoundError(_("There is no mail template {name} (templates: {names}).").format(name=name, names=names))


def list_templates(session: Session) -> list[TemplateData]:
    return [get_template(session, name, lang) for name in template_names(session) for lang in v.MAIL_LANGUAGES]


def set_template(session: Session, name: str, language: str, subject: str, body: str) -> TemplateData:
    """Save the user's text of a template in one language (a new name makes a template of their own)."""
    problems: list[FieldProblem] = []
    name = (name or "").strip().lower()
    if not NAME.match(name):
        problems.append(FieldProblem("name", name, _("use lower-case letters, digits and dashes")))
    lang = _language(language)
    subject = (subject or "").strip()
    if not subject:
        problems.append(FieldProblem("subject", subject, _("is required")))
    elif len(subject) > 300 or "\n" in subject:
        problems.append(FieldProblem("subject", subject[:40], _("must be one line of at most 300 characters")))
    if not (body or "").strip():
        problems.append(FieldProblem("body", body, _("is required")))
    _check_fields(problems, "subject", subject)
    _check_fields(problems, "body", body)
    if problems:
        raise ValidationError.from_problems(problems)
    row = session.scalar(select(MailTemplate).where(MailTemplate.name == name, MailTemplate.language == lang))
    if row is None:
        row = MailTemplate(name=name, language=lang)
        session.add(row)
    row.subject, row.body = subject, body
    session.flush()
    return TemplateData(name, lang, subject, body, True)


def reset_template(session: Session, name: str, language: str) -> None:
    """Remove the user's text: a shipped template is back to the app's text, an own one is gone."""
    row = session.scalar(select(MailTemplate).where(MailTemplate.name == name,
                                                    MailTemplate.language == _language(language)))
    if row is not None:
        session.delete(row)
        session.flush()


def render(text: str, values: dict[str, str]) -> str:
    """Fill `{field}` placeholders; a field with no value becomes empty, an unknown one is an error."""
    problems: list[FieldProblem] = []
    _check_fields(problems, "template", text)
    if problems:
        raise ValidationError.from_problems(problems)
    return FIELD.sub(lambda m: str(values.get(m.group(1)) or ""), text)
