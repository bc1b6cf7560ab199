"""A mailing planned: for each contact of a selection who may receive it, the subject and body in their
language, and what the draft is about (the member's fee call, the activity).

Nothing is written here: `reports.mailings.write_mailing` turns a plan into `.eml` drafts with their
attachments and logs it. The consent rule is `services.selections.split_audience`; only the fee
templates (`mail_templates.FEE_TEMPLATES`, or a template using fee fields) may be sent as a legal
notice to contacts without consent, and then the draft says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session
from stdnum import iban as stdnum_iban

from clustermanager import validation as v
from clustermanager.errors import UserError, ValidationError
from clustermanager.formatting import format_date, format_money
from clustermanager.i18n import _, translator
from clustermanager.services import activities, cluster, fees, selections
from clustermanager.services import mail_templates as tpl
from clustermanager.services.mail_texts import LEGAL_NOTICE
from clustermanager.services.selection_criteria import Criteria


@dataclass(frozen=True)
class Draft:
    recipient: selections.Recipient
    language: str
    subject: str
    body: str
    call: fees.FeeCallRow | None = None
    without_consent: bool = False  # a legal notice to someone without consent: the body says so


@dataclass(frozen=True)
class Skipped:
    recipient: selections.Recipient
    reason: str


@dataclass(frozen=True)
class MailingPlan:
    template: str
    selection: str | None
    audience: selections.Audience
    drafts: tuple[Draft, ...]
    skipped: tuple[Skipped, ...]  # in the audience, but nothing to send (no fee call, nothing overdue)
    profile: cluster.ProfileData | None
    activity: activities.ActivityDetail | None = None
    year: int | None = None
    legal_notice: bool = False

    def explanation(self) -> str:
        text = self.audience.explanation()
        if self.skipped:
            text += " " + _("{n} skipped: {reason}.").format(n=len(self.skipped), reason=self.skipped[0].reason)
        return text


def is_link(text: str | None) -> bool:
    return bool(text) and text.strip().lower().startswith(("http://", "https://"))


def activity_fields(a: activities.ActivityDetail, lang: str) -> dict[str, str]:
    _ = translator(lang)
    day = format_date(a.starts_on, lang, "long")
    if a.ends_on and a.ends_on != a.starts_on:
        day = f"{day} – {format_date(a.ends_on, lang, 'long')}"
    link = a.location.strip() if is_link(a.location) else ""
    place = a.location or (_("online") if a.online else "")
    return {
        "activity_title": a.title, "activity_date": day, "activity_time": a.start_time or "",
        "activity_time_text": _(" at {time}").format(time=a.start_time) if a.start_time else "",
        "activity_place": place, "activity_link": link, "activity_organiser": a.organiser or "",
        "activity_description": (a.description or "").strip(),
    }


def fee_fields(call: fees.FeeCallRow, lang: str) -> dict[str, str]:
    return {
        "fee_year": str(call.year), "fee_number": call.number or str(call.id),
        "fee_amount": format_money(call.due, lang), "fee_outstanding": format_money(call.outstanding, lang),
        "fee_communication": call.communication_text, "fee_due_date": format_date(call.due_on, lang, "long"),
    }


def person_fields(r: selections.Recipient, profile: cluster.ProfileData | None) -> dict[str, str]:
    p = profile
    return {
        "first_name": r.first_name or r.full_name, "last_name": r.last_name, "name": r.full_name,
        "email": r.email or "", "role": r.role or "", "organisation": r.organisation,
        "cluster": p.name if p else "", "cluster_email": (p.email or "") if p else "",
        "cluster_phone": (p.phone or "") if p else "", "cluster_website": (p.website or "") if p else "",
        "iban": stdnum_iban.format(p.iban) if p and p.iban else "",
    }


def _calls_for(session: Session, template: tpl.TemplateData, year: int | None, today: dt.date
               ) -> dict[int, fees.FeeCallRow]:
    """Member id -> the fee call a draft is about: the year's call, or for a reminder the oldest overdue."""
    if template.name == "reminder":
        overdue = fees.overdue_calls(session, year=year, today=today)
        out: dict[int, fees.FeeCallRow] = {}
        for o in sorted(overdue, key=lambda o: (o.call.year, o.call.id)):
            out.setdefault(o.call.member_id, o.call)
        return out
    if year is None:
        raise ValidationError("--year", None, _("say which year's fee call the mailing is about"))
    return {c.member_id: c for c in fees.list_calls(session, year=year, today=today)
            if c.status is not fees.CallStatus.CANCELLED}


def plan_mailing(session: Session, *, template: str, selection: str | None = None, criteria: Criteria | None = None,
                 activity_id: int | None = None, year: int | None = None, legal_notice: bool = False,
                 default_language: str | None = None, today: dt.date | None = None,
                 contact_ids: set[int] | None = None, call_id: int | None = None) -> MailingPlan:
    """Who gets what: the selection (saved, by name) or the criteria, evaluated now.
    `contact_ids` narrows the selection further (the window's preview of one draft); `call_id`: the
    drafts are about this fee call (one member's invoice), not the year's."""
    today = today or dt.date.today()
    if criteria is None:
        if selection is None:
            raise ValidationError("--selection", None, _("say which selection the mailing goes to"))
        saved = selections.get_selection(session, selection)
        criteria, selection = saved.criteria, saved.name
    sample = tpl.get_template(session, template, default_language or "en")
    if legal_notice and not sample.needs_fee_call:
        raise ValidationError("--legal-notice", template, _(
            "only an invoice or a payment reminder may go to people without consent"))
    activity = None
    if sample.needs_activity:
        if activity_id is None:
            raise ValidationError("--activity", None, _("say which activity the invitation is for"))
        activity = activities.get_activity(session, activity_id)
    elif activity_id is not None:
        activity = activities.get_activity(session, activity_id)
    if call_id is not None:
        chosen = fees.get_call(session, call_id, today)
        calls, year = {chosen.member_id: chosen}, chosen.year
    else:
        calls = _calls_for(session, sample, year, today) if sample.needs_fee_call else {}
    people = selections.evaluate(session, criteria, today=today, default_language=default_language)
    if contact_ids is not None:
        people = [p for p in people if p.contact_id in contact_ids]
    audience = selections.split_audience(people, legal_notice=legal_notice)
    profile = cluster.get_profile(session)
    drafts, skipped = [], []
    templates: dict[str, tpl.TemplateData] = {}
    for person in audience.recipients:
        call = calls.get(person.member_id)
        if sample.needs_fee_call and call is None:
            reason = (_("nothing overdue") if template == "reminder"
                      else _("no fee call for {year}").format(year=year))
            skipped.append(Skipped(person, reason))
            continue
        lang = person.language if person.language in v.MAIL_LANGUAGES else "en"
        t = templates.get(lang) or templates.setdefault(lang, tpl.get_template(session, template, lang))
        values = person_fields(person, profile)
        if activity is not None:
            values |= activity_fields(activity, t.language)
        if call is not None:
            values |= fee_fields(call, t.language)
        body = tpl.render(t.body, values).strip() + "\n"
        without_consent = legal_notice and not person.consent
        if without_consent:
            body += "\n-- \n" + LEGAL_NOTICE[t.language] + "\n"
        drafts.append(Draft(person, t.language, " ".join(tpl.render(t.subject, values).split()), body, call,
                            without_consent))
    if not drafts and not contact_ids:
        raise UserError(_("Nobody to write to: {why}").format(why=MailingPlan(
            template, selection, audience, (), tuple(skipped), profile).explanation()))
    mail_year = year if year is not None else (activity.starts_on.year if activity else None)
    return MailingPlan(template, selection, audience, tuple(drafts), tuple(skipped), profile, activity,
                       mail_year, legal_notice)


def invoice_plan(session: Session, call_id: int, *, template: str = "fee-call", default_language: str | None = None,
                 today: dt.date | None = None) -> MailingPlan:
    """The draft of one member's invoice (or reminder) for the member's main contacts with an e-mail
    address (all its contacts with one when no main contact has one). An invoice is a legal notice: a
    contact without consent gets it too, and the draft says so."""
    call = fees.get_call(session, call_id, today)
    people = [p for p in selections.evaluate(session, Criteria(include_former_members=True), today=today,
                                             default_language=default_language)
              if p.member_id == call.member_id and p.email]
    chosen = [p for p in people if p.is_main] or people
    if not chosen:
        raise UserError(_("{member} has no contact with an e-mail address: add one on the member first.").format(
            member=call.member_name))
    plan = plan_mailing(session, template=template, criteria=Criteria(include_former_members=True),
                        legal_notice=True, default_language=default_language, today=today,
                        contact_ids={p.contact_id for p in chosen}, call_id=call.id)
    if not plan.drafts:
        raise UserError(_("Nothing to write to {member}: {why}").format(member=call.member_name,
                                                                       why=plan.explanation()))
    return plan
