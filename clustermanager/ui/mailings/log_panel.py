"""The mailing log: every mailing written, when, from which template and selection, to how many contacts."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from clustermanager.i18n import N_, _, ngettext
from clustermanager.services import mailing_log
from clustermanager.ui import operations
from clustermanager.ui.common.numbers import day
from clustermanager.ui.common.register_screen import configure_table
from clustermanager.ui.tables.layout import fit_columns
from clustermanager.ui.tables.list_model import Column, ListTableModel


def _when(m) -> str:
    local = m.written_at.astimezone() if m.written_at.tzinfo else m.written_at
    return f"{day(local.date())} {local:%H:%M}"


LOG_COLUMNS = (
    Column("written_at", N_("Written"), _when, lambda m: m.written_at, 130),
    Column("template", N_("Template"), lambda m: m.template, lambda m: m.template, 100),
    Column("subject", N_("Subject"), lambda m: m.subject, lambda m: m.subject.lower(), 280),
    Column("selection", N_("Selection"), lambda m: m.selection or "", lambda m: (m.selection or "").lower(), 150),
    Column("recipients", N_("Contacts"), lambda m: str(m.recipients), lambda m: m.recipients, 80, align_right=True),
    Column("legal_notice", N_("Legal notice"), lambda m: _("yes") if m.legal_notice else "",
           lambda m: m.legal_notice, 100),
)


class LogModel(ListTableModel):
    def __init__(self, parent=None):
        super().__init__(LOG_COLUMNS, parent, search_text=lambda m: m.subject.lower())


class MailingLogPanel(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.summary = QLabel()
        self.model = LogModel(self)
        self.table = QTableView()
        configure_table(self.table, self.model, LOG_COLUMNS)
        self.table.setSortingEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        operations.query(self.ctx, mailing_log.list_mailings, owner=self, on_success=self._show)

    def _show(self, rows) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table, stretch=2)
        self.summary.setText(ngettext(
            "{n} mailing written; it is kept on the contacts it reached (see the member's Mailings tab).",
            "{n} mailings written; each is kept on the contacts it reached (see the member's Mailings tab).",
            len(rows)).format(n=len(rows)) if rows
                             else _("No mailings written yet."))
