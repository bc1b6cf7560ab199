"""A planned mailing written out: one draft `.eml` per contact, with its attachments, in a folder,
and the mailing logged on every contact it reached (in the caller's transaction)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy.orm import Session

from clustermanager.errors import UserError
from clustermanager.i18n import _
from clustermanager.io import eml
from clustermanager.progress import OnProgress
from clustermanager.reports.mail_attachments import AttachmentCache
from clustermanager.services import invitations, mailing_log
from clustermanager.services.mailings import Draft, MailingPlan


@dataclass(frozen=True)
class MailingResult:
    folder: Path
    files: tuple[Path, ...]
    mailing: mailing_log.MailingData
    explanation: str


def draft_message(plan: MailingPlan, draft: Draft, cache: AttachmentCache) -> EmailMessage:
    """The e-mail of one draft, attachments included."""
    profile = plan.profile
    sender = eml.address(profile.name, profile.email) if profile and profile.email else None
    r = draft.recipient
    attachments = []
    if draft.call is not None:
        if plan.template == "reminder":
            attachments += cache.reminder(draft.call, draft.language)
        else:
            attachments += cache.invoice(draft.call, draft.language)
    if plan.activity is not None:
        name = eml.safe_file_name(plan.activity.title, 60) + ".ics"
        attachments += cache.calendar(name, invitations.invitation_bytes(cache.session, [plan.activity.id]))
    headers = {"X-ClusterManager-Template": plan.template}
    if draft.without_consent:
        headers["X-ClusterManager-Legal-Notice"] = "sent without consent to mailings"
    return eml.build_draft(sender=sender, to=eml.address(r.full_name, r.email), subject=draft.subject,
                           body=draft.body, attachments=attachments, headers=headers)


def draft_file_name(number: int, draft: Draft) -> str:
    r = draft.recipient
    return f"{number:04d}-{eml.safe_file_name(r.organisation, 40)}-{eml.safe_file_name(r.full_name, 40)}.eml"


def write_mailing(session: Session, plan: MailingPlan, out_dir: str | os.PathLike, *,
                  progress: OnProgress | None = None, today: dt.date | None = None) -> MailingResult:
    """Write every draft of the plan into `out_dir` (each file atomically) and log the mailing."""
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise UserError(_("{folder} is a file, not a folder.").format(folder=folder))
    if not folder.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=folder.parent))
    created_folder = not folder.exists()
    folder.mkdir(exist_ok=True)
    report = progress or (lambda _p, _m: None)
    files, new_files, reached = [], [], []
    try:
        with AttachmentCache(session, today) as cache:
            for i, draft in enumerate(plan.drafts, start=1):
                target = folder / draft_file_name(i, draft)
                existed = target.exists()
                path = eml.write_eml(draft_message(plan, draft, cache), target)
                files.append(path)
                if not existed:
                    new_files.append(path)
                reached.append(mailing_log.Reached(draft.recipient.contact_id, draft.recipient.member_id,
                                                   path.name, draft.without_consent))
                report(int(100 * i / len(plan.drafts)), draft.recipient.full_name)
    except BaseException:  # cancelled or failed: the log rolls back with the transaction, the drafts go too
        _remove_written(new_files, folder if created_folder else None)
        raise
    subject = plan.drafts[0].subject if plan.drafts else plan.template
    logged = mailing_log.record_mailing(
        session, template=plan.template, subject=subject, reached=reached, selection=plan.selection,
        year=plan.year, activity_id=plan.activity.id if plan.activity else None, legal_notice=plan.legal_notice)
    return MailingResult(folder, tuple(files), logged, plan.explanation())


def _remove_written(paths: list[Path], folder: Path | None) -> None:
    """Remove the drafts this run wrote (never a file that was there before), and the folder if this run
    made it and it is empty now."""
    for path in paths:
        path.unlink(missing_ok=True)
    if folder is not None and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def preview(session: Session, plan: MailingPlan, index: int = 0) -> EmailMessage:
    """One draft of the plan as the message that would be written (nothing written, nothing logged)."""
    if not plan.drafts:
        raise UserError(_("There is no draft to preview."))
    with AttachmentCache(session) as cache:
        return draft_message(plan, plan.drafts[min(index, len(plan.drafts) - 1)], cache)
