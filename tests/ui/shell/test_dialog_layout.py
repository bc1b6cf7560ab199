"""Every dialog fits a 1280 x 720 laptop (1280 x 680 above the taskbar) in English, Dutch and French, and
shows every button and label whole: a squeezed button loses letters ("emand van buiten de cluster
toevoegen…"), a label narrower than its text is cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QTabBar,
    QWidget,
)

from tests.helpers.dialogs import DIALOGS, pages

SCREEN = QRect(0, 0, 1280, 680)
TITLE_BAR = 32  # the window manager's frame; offscreen dialogs have none


def _inside_scrolled_or_table(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractItemView | QTabBar) or (
                isinstance(parent, QAbstractScrollArea) and widget is not parent):
            return True
        parent = parent.parentWidget()
    return False


def cut_texts(root: QWidget) -> list[str]:
    """Visible buttons, labels and combo boxes narrower than their text, or reaching outside the dialog."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or _inside_scrolled_or_table(widget, root):
            continue
        where = widget.mapTo(root, QPoint(0, 0))
        rect = QRect(where, widget.size())
        text = getattr(widget, "currentText", getattr(widget, "text", lambda: ""))()
        if not isinstance(widget, QAbstractButton | QLabel | QComboBox):
            continue
        if not root.rect().contains(rect):
            problems.append(f"{type(widget).__name__} {text!r} reaches outside the dialog ({rect})")
        if isinstance(widget, QLabel) and (widget.wordWrap() or not text.strip() or widget.pixmap() is not None
                                           and not widget.pixmap().isNull()):
            continue
        if isinstance(widget, QAbstractButton) and not text.strip():
            continue
        needed = widget.minimumSizeHint().width() if isinstance(widget, QComboBox) else widget.sizeHint().width()
        if widget.width() < needed:
            problems.append(f"{type(widget).__name__} {text!r}: {widget.width()} px of {needed}")
    return problems


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_every_dialog_fits_a_small_laptop_and_cuts_no_text(window, qapp, language):
    from clustermanager import i18n
    from clustermanager.ui.shell.style import apply_style

    apply_style(qapp, "light")  # the app's padding and fonts, as the window shows them
    window.resize(SCREEN.size())
    before = i18n.current_language()
    i18n.set_language(language)  # dialogs are built in the language of the moment they open
    problems = {}
    try:
        for name, open_dialog in DIALOGS.items():
            dialog = open_dialog(window)
            for tab in pages(dialog):
                where = f"{name}:{tab}" if tab else name
                size = dialog.frameGeometry().size()
                if size.width() > SCREEN.width() or size.height() + TITLE_BAR > SCREEN.height():
                    problems[where] = [f"the dialog is {size.width()} x {size.height()} px"]
                found = cut_texts(dialog)
                if found:
                    problems.setdefault(where, []).extend(found)
            dialog.reject()
    finally:
        i18n.set_language(before)
    assert problems == {}
