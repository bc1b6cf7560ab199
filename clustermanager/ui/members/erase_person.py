"""Tools > Erase a person…: the GDPR erasure of one contact, then the offer to erase them from the backups.

The work is Qt-free (services/privacy.py erases, services/privacy_files.py vacuums the file, finds the
backups that still hold the person and purges them); here it runs on the task runner, one step after the
other, each confirmed by the user.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox

from clustermanager.i18n import _
from clustermanager.ui import operations
from clustermanager.ui.activities.detail import ContactPicker
from clustermanager.ui.common import dialogs, errors
from clustermanager.ui.operations import Change


class PersonPicker(ContactPicker):
    """The contact picker, for one person."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setWindowTitle(_("Erase a person"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).setText(_("Erase…"))


def choose_person(window) -> tuple[int, str] | None:
    """The contact to erase and its text in the list (tests replace this function)."""
    picker = PersonPicker(window.ctx, window)
    if picker.exec() != PersonPicker.DialogCode.Accepted or not picker.list.selectedItems():
        return None
    item = picker.list.selectedItems()[0]
    return picker.chosen()[0], item.text()


def erase_person(window) -> None:
    chosen = choose_person(window)
    if chosen is None:
        return
    contact_id, name = chosen
    if not dialogs.confirm(window, _("Erase a person"), _(
            "Erase {name} for good? Their name, e-mail, phone and role are removed, and their participations "
            "are kept without a name. This cannot be undone.").format(name=name), action=_("Erase")):
        return
    from clustermanager.services import privacy

    operations.change(window.ctx, lambda session: privacy.erase_person(session, contact_id),
                      changes=(Change.MEMBERS, Change.ACTIVITIES), parent=window, label=_("Erasing…"),
                      on_success=lambda result: _after_erasure(window, contact_id))


def _after_erasure(window, contact_id: int) -> None:
    """Vacuum the file, then say which backups still hold the person and offer to purge them."""
    from clustermanager.services import privacy_files

    db = window.ctx.db

    def find(_session, _progress):
        privacy_files.compact(db)  # the erased text leaves the file's free pages too
        return privacy_files.backups_holding(db.path, contact_id), privacy_files.server_note(db)

    window.ctx.tasks.run(find, label=_("Removing the erased data from the file…"),
                         on_success=lambda found: offer_purge(window, contact_id, *found))


def offer_purge(window, contact_id: int, holding: list, note: str | None) -> None:
    text = _("Contact {id} is erased.").format(id=contact_id)
    if note:
        text += "\n\n" + note
    if not holding:
        if db_has_file(window):
            text += "\n\n" + _("No backup holds the person any more.")
        errors.message_box(window, _("Erase a person"), text)
        return
    listed = "\n".join(f"  {p}" for p in holding)
    if not dialogs.confirm(window, _("Erase a person"), text + "\n\n" + _(
            "These backups still hold the person:\n{backups}\nErase the person from them too?").format(
            backups=listed), action=_("Erase from the backups")):
        return
    from clustermanager.services import privacy_files

    window.ctx.tasks.run(lambda _session, _progress: privacy_files.purge_backups(list(holding), contact_id),
                         label=_("Erasing from the backups…"), on_success=lambda result: _purged(window, result))


def db_has_file(window) -> bool:
    return window.ctx.db.path is not None


def _purged(window, result) -> None:
    lines = [_("Erased from {n} backups.").format(n=len(result.purged))]
    lines += [_("Could not change {path}: {reason}").format(path=p, reason=why) for p, why in result.failed]
    errors.message_box(window, _("Erase a person"), "\n".join(lines), critical=bool(result.failed))
