"""An activity's documents: the calendar invitation (.ics, for one or several activities), invitation
e-mails to a selection, the sign-in sheet, name badges and certificates of attendance (PDF, in nl, fr or en).

Every file is written on the task runner; what was written is said in the `message` label of the widget
that asked, and the PDF opens in the desktop's viewer.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

from clustermanager import validation as v
from clustermanager.i18n import _, current_language
from clustermanager.reports import badges, certificates, event_sheets
from clustermanager.services import invitations
from clustermanager.ui.common.dialogs import DISCARD, SAVE, ask_save_first
from clustermanager.ui.common.errors import show_error
from clustermanager.ui.mailings import files

LANGUAGES = {"nl": "Nederlands", "fr": "Français", "en": "English"}


def _say(parent, text: str) -> None:
    label = getattr(parent, "message", None)
    if label is not None:
        label.setText(text)


def _run(parent, ctx, fn, label: str, what: str, *, open_file: bool = True) -> None:
    def done(path) -> None:
        _say(parent, what.format(path=path))
        if open_file:
            files.open_path(path)

    ctx.tasks.run(lambda session, _progress: fn(session), label=label, on_success=done,
                  on_error=lambda exc: show_error(parent, exc))


def write_invitation(parent, ctx, activity_ids: list[int], path: str | None = None) -> None:
    """The calendar invitation of one activity, or of several in one file."""
    if not activity_ids:
        return
    name = "activities.ics" if len(activity_ids) > 1 else f"activity-{activity_ids[0]}.ics"
    path = path or files.choose_save_file(parent, _("Calendar invitation"), name, _("iCalendar (*.ics)"))
    if path:
        ids = list(activity_ids)
        _run(parent, ctx, lambda s: invitations.write_invitation(s, ids, path), _("Writing the invitation…"),
             _("Calendar invitation written to {path}."), open_file=False)


def write_pdf(parent, ctx, activity_id: int, kind: str, *, lang: str | None = None, layout: str | None = None,
              path: str | None = None) -> None:
    """kind: "sign-in-sheet", "badges" or "certificates"."""
    titles = {"sign-in-sheet": _("Sign-in sheet"), "badges": _("Name badges"), "certificates": _("Certificates")}
    path = path or files.choose_save_file(parent, titles[kind], f"{kind}-{activity_id}.pdf", _("PDF (*.pdf)"))
    if not path:
        return
    if kind == "sign-in-sheet":
        def fn(s):
            return event_sheets.write_sign_in_sheet(s, activity_id, path, lang=lang)
    elif kind == "badges":
        def fn(s):
            return badges.write_badges(s, activity_id, path, layout=layout or badges.DEFAULT_LAYOUT, lang=lang)
    else:
        def fn(s):
            return certificates.write_certificates(s, activity_id, path, lang=lang)
    _run(parent, ctx, fn, _("Writing {what}…").format(what=titles[kind].lower()),
         _("{what} written to {{path}}.").format(what=titles[kind]))


def invite_by_email(parent, ctx, activity_id: int):
    """The invitation drafts: the Mailings screen, with the template and the activity chosen; the
    activity's own dialog closes to make room. Its participants are saved as they are ticked; unsaved
    edits on its General tab are first saved (Save, through the dialog's own save with its checks and
    conflict handling: a refused save keeps the dialog open and goes no further), discarded, or the
    invitation is cancelled."""
    holder = parent
    while holder is not None and not hasattr(holder, "show_screen"):
        holder = holder.parentWidget()
    if holder is None:
        return None
    dialog = parent.window()

    def go():
        screen = holder.show_screen("mailings")
        screen.prepare(template="invitation", activity_id=activity_id)
        if dialog is not holder and dialog.isVisible():
            dialog.close()
        return screen

    unsaved = getattr(dialog, "has_unsaved_changes", None)
    if dialog is holder or unsaved is None or not unsaved():
        return go()
    answer = ask_save_first(dialog, _("Invite by e-mail"),
                            _("Save changes first? The activity has changes that are not saved yet."))
    if answer == SAVE:
        dialog.save(then=go)  # goes on only once the save succeeded
    elif answer == DISCARD:
        return go()
    return None


class EventDocumentsBar(QWidget):
    """The buttons on one activity: invitation, e-mails, sign-in sheet, badges, certificates."""

    def __init__(self, ctx, activity_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.activity_id = ctx, activity_id
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData((current_language() or "nl")[:2])))
        self.language.setToolTip(_("The language of the sign-in sheet, badges and certificates"))
        self.layout_choice = QComboBox()
        for code, spec in badges.LAYOUTS.items():
            self.layout_choice.addItem(f"{code} ({spec.columns}×{spec.rows})", code)
        self.layout_choice.setToolTip(_("The label sheet for the badges (A4)"))
        self.invitation_button = QPushButton(_("Calendar invitation…"))
        self.email_button = QPushButton(_("Invite by e-mail…"))
        self.sheet_button = QPushButton(_("Sign-in sheet…"))
        self.badges_button = QPushButton(_("Badges…"))
        self.certificates_button = QPushButton(_("Certificates…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.invitation_button.clicked.connect(lambda: write_invitation(self, ctx, [self.activity_id]))
        self.email_button.clicked.connect(lambda: invite_by_email(self, ctx, self.activity_id))
        self.sheet_button.clicked.connect(lambda: self.pdf("sign-in-sheet"))
        self.badges_button.clicked.connect(lambda: self.pdf("badges"))
        self.certificates_button.clicked.connect(lambda: self.pdf("certificates"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.invitation_button, self.email_button, self.sheet_button, self.badges_button,
                       self.layout_choice, self.certificates_button, self.language):
            row.addWidget(widget)
        row.addWidget(self.message, 1)

    def pdf(self, kind: str, path: str | None = None) -> None:
        write_pdf(self, self.ctx, self.activity_id, kind, lang=self.language.currentData(),
                  layout=self.layout_choice.currentData(), path=path)


def documents_menu(screen) -> QToolButton:
    """The Activities screen's "Documents" button: the same documents for the selected activities."""
    button = QToolButton()
    button.setText(_("Documents"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    lang = (current_language() or "nl")[:2] if (current_language() or "nl")[:2] in v.MAIL_LANGUAGES else "nl"

    def one() -> int | None:
        ids = screen.selected_ids()
        if not ids:
            _say(screen, _("Select an activity first."))
        return ids[0] if ids else None

    def pdf(kind: str) -> None:
        activity_id = one()
        if activity_id is not None:
            write_pdf(screen, screen.ctx, activity_id, kind, lang=lang)

    menu.addAction(_("Calendar invitation of the selected activities…"),
                   lambda: write_invitation(screen, screen.ctx, screen.selected_ids()))
    menu.addAction(_("Invite by e-mail…"), lambda: one() is not None and invite_by_email(screen, screen.ctx, one()))
    menu.addSeparator()
    menu.addAction(_("Sign-in sheet…"), lambda: pdf("sign-in-sheet"))
    menu.addAction(_("Name badges…"), lambda: pdf("badges"))
    menu.addAction(_("Certificates of attendance…"), lambda: pdf("certificates"))
    button.setMenu(menu)
    button.menu_ = menu  # kept for the tests
    return button
