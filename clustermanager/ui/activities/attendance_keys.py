"""Ticking attendance from the sign-in sheet, quickly, with the keyboard: the participants are listed in the
sheet's order (organisation, then name); Space ticks or clears Attended on the current person and moves to
the next, so a signed sheet is entered top to bottom without the mouse."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt


def sheet_order(rows) -> list:
    """The registered participants in the order of the sign-in sheet (`reports.event_sheets.sheet_rows`),
    then the others (walk-ins added afterwards) in the same order."""
    def key(p):
        return (not p.registered, (p.organisation or "").lower(), p.name.lower())

    return sorted(rows, key=key)


class AttendanceKeys(QObject):
    """Space on the participants table: tick (or clear) Attended, then go to the next row."""

    def __init__(self, table, model, toggle, parent=None):
        super().__init__(parent or table)
        self.table, self.model, self.toggle = table, model, toggle
        table.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.tick()
            return True
        return False

    def tick(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        person = self.model.rows[index.row()]
        self.toggle(person, "attended", not person.attended)
        following = min(index.row() + 1, self.model.rowCount() - 1)
        self.table.setCurrentIndex(self.model.index(following, index.column()))
