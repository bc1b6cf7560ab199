"""Edit > Undo and Redo: take back this session's last action (one user action: an import, a bank
statement, a save), or do again what was undone, named in the menu ("Undo import of 38 members").

The texts follow the data: after every change announced in the window the candidates are read again
on the task runner. The step runs through `operations.change`, which announces the topics of the
tables the action touched, so the screens showing them refresh. A refusal (a colleague changed the
record since, on a shared database) is the core's ConflictError, shown as its message: it names the
record and the change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence

from clustermanager.change_recording import recorder
from clustermanager.i18n import _, ngettext
from clustermanager.services.history import entries, replay, trash
from clustermanager.ui import operations
from clustermanager.ui.common.numbers import count
from clustermanager.ui.operations import Change

TOPICS = {  # table -> the Change topic of the screens that show it; a table not listed refreshes all
    "member": Change.MEMBERS, "contact": Change.MEMBERS,
    "fee_schedule": Change.FEES, "fee_call": Change.FEES, "payment": Change.FEES, "credit_note": Change.FEES,
    "document_sequence": Change.FEES,
    "activity": Change.ACTIVITIES, "participation": Change.ACTIVITIES,
    "project": Change.PROJECTS, "project_partner": Change.PROJECTS, "project_status_change": Change.PROJECTS,
    "in_kind_contribution": Change.PROJECTS,
    "cluster_profile": Change.PROFILE, "cluster_year": Change.PROFILE,
    "report_narrative": Change.REPORTS,
    "saved_selection": Change.MAILINGS, "mail_template": Change.MAILINGS, "mailing": Change.MAILINGS,
    "mailing_recipient": Change.MAILINGS,
}


def topics_of(tables) -> tuple[Change, ...]:
    found = set()
    for table in tables:
        found |= {TOPICS[table]} if table in TOPICS else set(Change)
    return tuple(c for c in Change if c in found)


def _candidate(infos, session):
    """(id, label, topics) of the first candidate, or None."""
    if not infos:
        return None
    info = infos[0]
    return info.id, info.label, topics_of(entries.action_tables(session, info.id))


def read_candidates(session):
    return (_candidate(replay.undo_candidates(session, session_key=recorder.SESSION_KEY, limit=1), session),
            _candidate(replay.redo_candidates(session, session_key=recorder.SESSION_KEY, limit=1), session))


class UndoRedo(QObject):
    """The two entries of the Edit menu and what they would do now."""

    def __init__(self, window, menu):
        super().__init__(window)
        self.window, self.ctx = window, window.ctx
        self.next_undo = self.next_redo = None
        self.undo_action = QAction(_("&Undo"), menu)
        self.undo_action.setObjectName("undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))  # Ctrl+Z
        self.redo_action = QAction(_("&Redo"), menu)
        self.redo_action.setObjectName("redo")
        shortcuts = [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
        self.redo_action.setShortcuts(list({s.toString(): s for s in shortcuts if not s.isEmpty()}.values()))
        self.undo_action.triggered.connect(lambda _checked=False: self.undo())
        self.redo_action.triggered.connect(lambda _checked=False: self.redo())
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, [self.undo_action, self.redo_action])
        menu.insertSeparator(first)
        self._show((None, None))
        self._later = QTimer(self)  # several topics of one change: read once
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.update)
        self.ctx.data_changed.connect(lambda _topic: self._later.start(0))
        self.ctx.database_changed.connect(lambda: self._later.start(0))
        self.update()

    def update(self) -> None:
        """Read again what Undo and Redo would do (on the task runner)."""
        operations.query(self.ctx, read_candidates, owner=self, key="candidates", on_success=self._show,
                         on_error=lambda _exc: self._show((None, None)))  # a menu text is not worth an error dialog

    def _show(self, candidates) -> None:
        self.next_undo, self.next_redo = candidates
        for action, found, plain, named in (
                (self.undo_action, self.next_undo, _("&Undo"), _("&Undo {action}")),
                (self.redo_action, self.next_redo, _("&Redo"), _("&Redo {action}"))):
            action.setEnabled(found is not None)
            action.setText(named.format(action=replay.lower_first(found[1])) if found else plain)

    def undo(self) -> None:
        self._step(self.next_undo, lambda session, action_id: replay.revert(session, action_id),
                   _("Undoing…"), _("Undone: {action}"))

    def redo(self) -> None:
        self._step(self.next_redo, lambda session, action_id: replay.reapply(session, action_id),
                   _("Redoing…"), _("Done again: {action}"))

    def _step(self, candidate, step, busy: str, done: str) -> None:
        if candidate is None:
            return
        action_id, label, topics = candidate
        self.undo_action.setEnabled(False)  # until the step is done: one click, one step
        self.redo_action.setEnabled(False)

        def finished(_result) -> None:
            self.window.statusBar().showMessage(done.format(action=replay.lower_first(label)), 8000)

        def failed(exc: BaseException) -> None:
            from clustermanager.ui.common.errors import show_error

            show_error(self.window, exc)  # a refusal names the record and the colleague's change
            self.update()

        operations.change(self.ctx, lambda session: step(session, action_id), changes=topics or tuple(Change),
                          on_success=finished, parent=self.window, label=busy, on_error=failed)


def install(window, menus) -> UndoRedo:
    """The menu hook (history/__init__.py): Undo and Redo on top of the Edit menu; and, once, a word in
    the status bar when the trash holds items older than the retention (emptied only when asked)."""
    window.undo_redo = UndoRedo(window, menus["edit"])
    operations.query(window.ctx, lambda session: sum(i.due for i in trash.list_trash(session)), owner=window,
                     key="trash-due", on_success=lambda n: _trash_due(window, n), on_error=lambda _exc: None)
    return window.undo_redo


def _trash_due(window, n: int) -> None:
    if n:
        window.statusBar().showMessage(ngettext(
            "{n} item in the Trash is older than you keep it: open the Trash to empty it.",
            "{n} items in the Trash are older than you keep them: open the Trash to empty them.", n).format(
            n=count(n)), 30000)
