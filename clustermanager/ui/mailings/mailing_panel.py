"""Writing to a selection: a template (and the fee year or the activity it needs), a preview of one draft,
the `.eml` drafts written to a folder (on the task runner, with progress, then logged), the addresses in Bcc
in the mail program, and the newsletter list.

`source()` gives the selection as (criteria values, saved selection's name or None), read on the main
thread when a button is pressed; the Mailings screen and the activity's "Invite by e-mail" both use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clustermanager.i18n import _
from clustermanager.reports import mailings as mail_reports
from clustermanager.services import activities, cluster, mail_exports, mail_templates, mailings
from clustermanager.services.selection_criteria import criteria_from_dict
from clustermanager.ui import operations
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.common.forms import form_layout
from clustermanager.ui.mailings import files
from clustermanager.ui.operations import Change

Source = Callable[[], tuple[dict, str | None]]


@dataclass(frozen=True)
class DraftPreview:
    text: str  # the headers a person reads, then the body
    attachments: tuple[str, ...]
    explanation: str
    drafts: int


def preview_of(message, plan: mailings.MailingPlan) -> DraftPreview:
    body = message.get_body(("plain",))
    names = tuple(part.get_filename() or "" for part in message.iter_attachments())
    lines = [_("From: {v}").format(v=message["From"] or ""), _("To: {v}").format(v=message["To"]),
             _("Subject: {v}").format(v=message["Subject"])]
    if names:
        lines.append(_("Attachments: {v}").format(v=", ".join(names)))
    if message["X-ClusterManager-Legal-Notice"]:
        lines.append(_("Legal notice: sent without consent to mailings"))
    text = "\n".join(lines) + "\n\n" + (body.get_content() if body is not None else "")
    return DraftPreview(text, names, plan.explanation(), len(plan.drafts))


class MailingPanel(QWidget):
    written = Signal(object)  # the MailingResult of drafts written

    def __init__(self, ctx, source: Source, parent=None, *, activity_id: int | None = None,
                 template: str | None = None):
        super().__init__(parent)
        self.ctx, self.source, self.fixed_activity = ctx, source, activity_id
        self._templates: dict[str, mail_templates.TemplateData] = {}
        self._wanted_template = template
        self._wanted_activity: int | None = None
        self.template = QComboBox()
        self.fields = QLabel()
        self.fields.setWordWrap(True)
        self.fields.setObjectName("screenSubtitle")
        self.activity = QComboBox()
        self.year = QSpinBox()
        self.year.setRange(2000, 2200)
        self.year.setValue(dt.date.today().year)
        # a short box and its explanation wrapped beneath: a check box cannot wrap, and the whole
        # sentence made the screen wider than a laptop in Dutch and French
        self.legal_notice = QCheckBox(_("Legal notice (invoice, reminder)"))
        self.legal_notice_note = QLabel(_("Includes contacts without consent to mailings; the draft says so."))
        self.legal_notice_note.setWordWrap(True)
        self.legal_notice_note.setObjectName("screenSubtitle")
        self.draft_number = QSpinBox()
        self.draft_number.setRange(1, 1)
        self.draft_number.setPrefix(_("Draft "))
        self.preview_button = QPushButton(_("Preview"))
        self.write_button = QPushButton(_("Write drafts…"))
        self.write_button.setDefault(True)
        self.bcc_button = QPushButton(_("Open in mail program (Bcc)"))
        self.bcc_button.setToolTip(_("One new message per group of 50 addresses, all in Bcc; consent only"))
        self.csv_button = QPushButton(_("Newsletter list (CSV)…"))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(_("Preview shows the draft of the first contact as it will be written."))
        self.message = QLabel()
        self.message.setWordWrap(True)

        form = form_layout()
        form.addRow(_("Template"), self.template)
        form.addRow("", self.fields)
        form.addRow(_("Activity"), self.activity)
        form.addRow(_("Fee year"), self.year)
        form.addRow("", self.legal_notice)
        form.addRow("", self.legal_notice_note)
        # drafts on one row, the quick alternatives on the next: one row of five was wider than a
        # laptop in French
        drafts, quick = QHBoxLayout(), QHBoxLayout()
        for row, widgets in ((drafts, (self.draft_number, self.preview_button, self.write_button)),
                             (quick, (self.bcc_button, self.csv_button))):
            for widget in widgets:
                row.addWidget(widget)
            row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(drafts)
        layout.addLayout(quick)
        layout.addWidget(self.message)
        layout.addWidget(self.preview, 1)

        self.template.currentIndexChanged.connect(self._template_changed)
        self.preview_button.clicked.connect(self.show_preview)
        self.draft_number.valueChanged.connect(lambda _n: self.show_preview())
        self.write_button.clicked.connect(lambda: self.write_drafts())
        self.bcc_button.clicked.connect(self.open_bcc)
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.reload()

    # -- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        fixed = self.fixed_activity

        def load(session):
            templates = {t.name: t for t in mail_templates.list_templates(session) if t.language == "en"}
            if fixed is not None:
                a = activities.get_activity(session, fixed)
                return templates, [(a.id, f"{a.starts_on:%d/%m/%Y}  {a.title}")]
            rows = sorted(activities.list_activities(session), key=lambda r: r.starts_on, reverse=True)
            return templates, [(r.id, f"{r.starts_on:%d/%m/%Y}  {r.title}") for r in rows]

        operations.query(self.ctx, load, owner=self, key="templates", on_success=self._loaded)

    def _loaded(self, result) -> None:
        templates, choices = result
        self._templates = templates
        wanted = self._wanted_template or self.template.currentData()
        self.template.blockSignals(True)
        self.template.clear()
        for name in templates:
            self.template.addItem(name, name)
        self.template.setCurrentIndex(max(0, self.template.findData(wanted)))
        self.template.blockSignals(False)
        chosen = self._wanted_activity or self.activity.currentData()
        self.activity.clear()
        if self.fixed_activity is None:
            self.activity.addItem(_("— none —"), None)
        for activity_id, text in choices:
            self.activity.addItem(text, activity_id)
        self.activity.setCurrentIndex(max(0, self.activity.findData(chosen)))
        self._template_changed()

    def _template_changed(self) -> None:
        t = self._templates.get(self.template.currentData())
        if t is None:
            return
        self._wanted_template = t.name
        fields = ", ".join("{" + f + "}" for f in sorted(t.fields)) or "—"
        needs = []
        if t.needs_fee_call:
            needs.append(_("about each member's fee call of the year below"))
        if t.needs_activity:
            needs.append(_("about the activity below, with its calendar invitation attached"))
        self.fields.setText(_("Fields: {fields}").format(fields=fields) + ("; " + "; ".join(needs) if needs else ""))
        self.year.setEnabled(t.needs_fee_call)
        self.legal_notice.setEnabled(t.needs_fee_call)
        if not t.needs_fee_call:
            self.legal_notice.setChecked(False)
        self.activity.setEnabled(self.fixed_activity is None)

    def choose(self, template: str | None, activity_id: int | None) -> None:
        """Pick the template and the activity (now, or once they are loaded)."""
        self._wanted_template = template or self._wanted_template
        self._wanted_activity = activity_id
        if template and self.template.findData(template) >= 0:
            self.template.setCurrentIndex(self.template.findData(template))
        if activity_id is not None and self.activity.findData(activity_id) >= 0:
            self.activity.setCurrentIndex(self.activity.findData(activity_id))

    # -- what the buttons do -----------------------------------------------------------------------

    def plan_kwargs(self) -> dict:
        values, selection = self.source()
        t = self._templates.get(self.template.currentData())
        return {"template": self.template.currentData(), "values": values, "selection": selection,
                "activity_id": self.activity.currentData(),
                "year": self.year.value() if t is not None and t.needs_fee_call else None,
                "legal_notice": self.legal_notice.isChecked() and self.legal_notice.isEnabled()}

    @staticmethod
    def plan(session, kwargs: dict, *, contact_ids=None) -> mailings.MailingPlan:
        return mailings.plan_mailing(
            session, template=kwargs["template"], criteria=criteria_from_dict(kwargs["values"]),
            selection=kwargs["selection"], activity_id=kwargs["activity_id"], year=kwargs["year"],
            legal_notice=kwargs["legal_notice"], contact_ids=contact_ids)

    def show_preview(self) -> None:
        kwargs, index = self.plan_kwargs(), self.draft_number.value() - 1

        def build(session) -> DraftPreview:
            plan = self.plan(session, kwargs)
            return preview_of(mail_reports.preview(session, plan, index), plan)

        operations.query(self.ctx, build, owner=self, key="preview", on_success=self._previewed,
                         on_error=self._failed)

    def _previewed(self, p: DraftPreview) -> None:
        self.preview.setPlainText(p.text)
        self.message.setText(p.explanation)
        self.draft_number.blockSignals(True)
        self.draft_number.setMaximum(max(1, p.drafts))
        self.draft_number.setSuffix(" " + _("of {n}").format(n=p.drafts))
        self.draft_number.blockSignals(False)

    def _failed(self, exc: BaseException) -> None:
        from clustermanager.errors import UserError

        if isinstance(exc, UserError):
            self.message.setText(str(exc))
        else:
            show_error(self, exc)

    def write_drafts(self, folder: str | None = None) -> None:
        kwargs = self.plan_kwargs()
        folder = folder or files.choose_folder(self, _("Folder for the drafts"))
        if not folder:
            return

        def job(session, progress):
            plan = self.plan(session, kwargs)

            def report(percent: int, name: str) -> None:
                progress.check()
                progress.report(percent, name)

            return mail_reports.write_mailing(session, plan, folder, progress=report)

        def done(result) -> None:
            self.message.setText(_("{n} drafts written to {folder}. Open them in your mail program and send them "
                                   "(docs: Mailings).").format(n=len(result.files), folder=result.folder)
                                 + " " + result.explanation)
            operations.announce(self.ctx, (Change.MAILINGS, Change.MEMBERS))
            self.written.emit(result)

        self.ctx.tasks.run(job, label=_("Writing drafts…"), on_success=done, on_error=self._failed,
                           cancellable=True)

    def open_bcc(self) -> None:
        values, _selection = self.source()

        def links(session):
            profile = cluster.get_profile(session)
            return mail_exports.bcc_links(session, criteria_from_dict(values), to=profile.email if profile else None)

        operations.query(self.ctx, links, owner=self, key="bcc", on_success=self._open_links,
                         on_error=self._failed)

    def _open_links(self, groups: mail_exports.BccGroups) -> None:
        for link in groups.links:
            files.open_url(link)
        self.message.setText(_("{n} messages opened in your mail program, at most 50 addresses each, in Bcc.").format(
            n=len(groups.links)) + " " + groups.audience.explanation())

    def export_csv(self, path: str | None = None) -> None:
        values, _selection = self.source()
        path = path or files.choose_save_file(self, _("Newsletter list"), "newsletter.csv", _("CSV (*.csv)"))
        if not path:
            return

        def job(session, _progress):
            return mail_exports.export_newsletter(session, criteria_from_dict(values), path)

        def done(result) -> None:
            written, people = result
            self.message.setText(_("{n} contacts written to {file}.").format(n=len(people.recipients), file=written)
                                 + " " + people.explanation())

        self.ctx.tasks.run(job, label=_("Writing the newsletter list…"), on_success=done, on_error=self._failed)
