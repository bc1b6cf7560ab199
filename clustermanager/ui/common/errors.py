"""Errors in the window: a UserError is one clear dialog; a bug is logged and named in one sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clustermanager.errors import UserError, file_system_error
from clustermanager.i18n import _
from clustermanager.logging_setup import log_bug

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def message_box(parent: QWidget | None, title: str, text: str, *, critical: bool = False) -> None:
    """The one place a message box is shown (tests replace this function)."""
    from PySide6.QtWidgets import QMessageBox  # its type and enums cost 2 ms: not before the first paint

    box = QMessageBox(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.exec()


def describe_error(exc: BaseException, where: str = "window") -> tuple[str, str, bool]:
    """(title, text, is_bug) for an exception; a bug is logged with its traceback first."""
    exc = file_system_error(exc) or exc  # a file the system refused (read-only folder, disk full) is no bug
    if isinstance(exc, UserError):
        return _("Cannot do that"), str(exc), False
    log_path = log_bug(exc, where)
    text = _("Something unexpected went wrong; the details were written to {path}.").format(path=log_path)
    return _("Unexpected error"), text, True


def show_error(parent: QWidget | None, exc: BaseException, *, where: str = "window") -> None:
    title, text, is_bug = describe_error(exc, where)
    # Look the function up at call time so a test's monkeypatch of message_box takes effect.
    import clustermanager.ui.common.errors as module

    module.message_box(parent, title, text, critical=is_bug)
