"""What the mailing parts ask the desktop: a folder, a file name, and opening a link or a file with the
user's own programs. Module functions, so the tests replace them."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog


def choose_folder(parent, title: str) -> str | None:
    return QFileDialog.getExistingDirectory(parent, title) or None


def choose_save_file(parent, title: str, name: str, file_filter: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, title, name, file_filter)
    return path or None


def ask_name(parent, title: str, label: str, text: str = "") -> str | None:
    name, ok = QInputDialog.getText(parent, title, label, text=text)
    return name if ok else None


def open_url(url: str) -> bool:
    """A mailto: link in the mail program, an https link in the browser."""
    return QDesktopServices.openUrl(QUrl(url))


def open_path(path) -> bool:
    """A file (an .eml draft opens in the mail program) or a folder, with the desktop's own program."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
