"""The Mailings tab of the member detail: every mailing written to the member's contacts (what, when)."""

from __future__ import annotations

from dataclasses import dataclass

from clustermanager.i18n import N_, _
from clustermanager.services import mailing_log
from clustermanager.ui.common.member_rows_tab import MemberRowsTab
from clustermanager.ui.mailings.log_panel import _when
from clustermanager.ui.operations import Change
from clustermanager.ui.tables.row_table import Column


@dataclass(frozen=True)
class LogRow:
    entry: mailing_log.MailingLogEntry

    @property
    def id(self) -> int:
        return self.entry.mailing_id

    @property
    def search_text(self) -> str:
        return f"{self.entry.subject} {self.entry.contact_name} {self.entry.template}".lower()


COLUMNS = (
    Column("written_at", N_("Written"), lambda r: _when(r.entry), lambda r: r.entry.written_at, 130),
    Column("contact", N_("Contact"), lambda r: r.entry.contact_name, lambda r: r.entry.contact_name.lower(), 160),
    Column("template", N_("Template"), lambda r: r.entry.template, lambda r: r.entry.template, 100),
    Column("title", N_("Subject"), lambda r: r.entry.subject, lambda r: r.entry.subject.lower(), 300),
    Column("consent", N_("Legal notice"), lambda r: _("without consent") if r.entry.without_consent else "",
           lambda r: r.entry.without_consent, 120),
)


class MemberMailingsTab(MemberRowsTab):
    columns = COLUMNS
    shown = tuple(c.key for c in COLUMNS)
    stretch = 3
    topic = Change.MAILINGS

    def load(self, session):
        return [LogRow(e) for e in mailing_log.member_mailings(session, self.member_id)]

    def describe(self, rows) -> str:
        if not rows:
            return _("No mailings written to this member's contacts yet (Mailings screen).")
        return _("{n} drafts written to this member's contacts, newest first").format(n=len(rows))
