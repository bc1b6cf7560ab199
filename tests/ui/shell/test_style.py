"""Light and dark: every text readable on its background (WCAG AA, 4.5:1), on every screen and dialog."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit, QWidget

from clustermanager.ui.shell import style
from tests.helpers.dialogs import DIALOGS, pages

AA = 4.5


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor | str, b: QColor | str) -> float:
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


PAIRS = [  # (text, background) as the style sheet and the models use them
    ("text", "base"), ("text", "window"), ("text", "alt_base"), ("muted", "base"), ("muted", "window"),
    ("muted", "alt_base"), ("heading", "base"), ("heading", "window"), ("header_text", "header_bg"),
    ("header_text", "base"), ("text", "sidebar_bg"), ("text", "sidebar_hover"),
    ("sidebar_sel_text", "sidebar_sel_bg"), ("text", "button_bg"), ("text", "button_hover"),
    ("accent_text", "accent"), ("accent_text", "accent_hover"), ("warning_text", "warning_bg"),
    ("ok_text", "ok_bg"), ("heading", "selection_bg"), ("text", "row_new"), ("text", "row_update"),
    ("text", "row_unchanged"), ("text", "row_error"),
    *((name, bg) for name in ("error", "success", "info", "caution", "neutral") for bg in ("base", "alt_base")),
]


@pytest.mark.parametrize("scheme", [style.LIGHT, style.DARK], ids=lambda s: s.name)
@pytest.mark.parametrize(("fg", "bg"), PAIRS)
def test_every_text_colour_of_the_scheme_is_readable_on_its_background(scheme, fg, bg):
    assert contrast(getattr(scheme, fg), getattr(scheme, bg)) >= AA


def test_the_appearance_follows_the_choice_and_the_system(qapp, monkeypatch):
    assert style.apply_style(qapp, "dark") is style.DARK
    assert qapp.palette().color(qapp.palette().ColorRole.Window) == QColor(style.DARK.window)
    assert style.colour("text") == QColor(style.DARK.text)
    monkeypatch.setattr(style, "system_is_dark", lambda _app: True)
    assert style.apply_style(qapp, "system") is style.DARK
    monkeypatch.setattr(style, "system_is_dark", lambda _app: False)
    style._follow_system(qapp)  # the desktop switched to light while the app runs
    assert style.current() is style.LIGHT
    assert style.apply_style(qapp, "light") is style.LIGHT


def _unreadable(root: QWidget) -> list[str]:
    bad = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if not isinstance(widget, QLabel | QAbstractButton | QComboBox | QLineEdit):
            continue
        if isinstance(widget, QLabel) and not widget.text().strip():
            continue
        palette = widget.palette()
        ratio = contrast(palette.color(widget.foregroundRole()), palette.color(widget.backgroundRole()))
        if ratio < AA:
            name = widget.objectName() or type(widget).__name__
            bad.append(f"{name} {getattr(widget, 'text', lambda: '')()!r}: {ratio:.2f}")
    return bad


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_every_screen_and_dialog_is_readable(qtbot, demo_db, shown_messages, appearance):
    from clustermanager.ui.app import create_main_window
    from clustermanager.ui.shell import registry

    app = QApplication.instance()
    style.apply_style(app, appearance)
    try:
        win = create_main_window(demo_db)
        qtbot.addWidget(win)
        win.resize(1280, 680)
        win.show()
        problems = {}
        for spec in registry.screens():
            win.show_screen(spec.key)
            assert win.ctx.tasks.wait_idle()
            problems[spec.key] = _unreadable(win)
        for name, open_dialog in DIALOGS.items():  # every dialog and each of its tabs
            dialog = open_dialog(win)
            for tab in pages(dialog):
                problems[f"{name}:{tab}"] = _unreadable(dialog)
            dialog.reject()
        assert {k: v for k, v in problems.items() if v} == {}
        win.close()
    finally:
        style.apply_style(app, "light")


def test_view_appearance_switches_the_scheme_and_is_remembered(window):
    from clustermanager.config import AppSettings

    try:
        dark = window.appearance_menu.findChild(type(window.appearance_menu.actions()[0]), "appearance-dark")
        dark.trigger()
        assert style.current() is style.DARK and dark.isChecked()
        assert AppSettings.load().appearance == "dark"
    finally:
        style.apply_style(QApplication.instance(), "light")


def test_the_first_window_fits_a_small_laptop_screen():
    from PySide6.QtCore import QRect, QSize

    from clustermanager.ui.main_window import first_size

    assert first_size(QRect(0, 0, 1280, 680)) == QSize(1200, 640)  # 1280 x 720 less a taskbar
    assert first_size(QRect(0, 0, 1920, 1040)) == QSize(1200, 760)
    assert first_size(None) == QSize(1200, 760)


NON_TEXT = [  # (mark, background): check boxes and focus rings need 3:1 (WCAG 1.4.11 non-text contrast)
    ("control_border", "base"), ("control_border", "window"), ("focus", "base"), ("focus", "window"),
    ("focus", "button_bg"), ("focus_on_accent", "accent"),
    ("focus_on_accent", "window"), ("accent", "base"),
]


@pytest.mark.parametrize("scheme", [style.LIGHT, style.DARK], ids=lambda s: s.name)
@pytest.mark.parametrize(("fg", "bg"), NON_TEXT)
def test_check_boxes_and_focus_rings_stand_out(scheme, fg, bg):
    assert contrast(getattr(scheme, fg), getattr(scheme, bg)) >= 3


def _arrow_points_up(image, rect, background: QColor) -> bool:
    """A chevron's tip is its middle column: above its ends when it points up, below when down."""
    ink = []
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            c = image.pixelColor(x, y)
            weight = abs(c.red() - background.red()) + abs(c.green() - background.green()) + abs(
                c.blue() - background.blue())
            if weight > 40:
                ink.append((x, y, weight))
    assert ink, "no sort arrow drawn"
    left, right = min(x for x, _y, _w in ink), max(x for x, _y, _w in ink)
    assert right - left >= 4, "no sort arrow drawn"

    def height(columns) -> float:
        points = [(y, w) for x, y, w in ink if x in columns]
        return sum(y * w for y, w in points) / sum(w for _y, w in points)

    middle = (left + right) // 2
    return height({middle, middle + (right - left) % 2}) < height({left, left + 1, right - 1, right})


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_the_sort_arrow_points_up_for_a_to_z_and_down_for_z_to_a(qtbot, qapp, appearance):
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    scheme = style.apply_style(qapp, appearance)
    try:
        model = QStandardItemModel(0, 2)
        model.setHorizontalHeaderLabels(["", ""])  # only the arrow draws in the header
        for text in ("b", "a", "c"):
            model.appendRow([QStandardItem(text), QStandardItem(text)])
        table = QTableView()
        qtbot.addWidget(table)
        table.setModel(model)
        table.setSortingEnabled(True)
        table.resize(400, 200)
        table.show()
        header = table.horizontalHeader()
        section = QRect(header.sectionViewportPosition(0) + 2, 2, header.sectionSize(0) - 3, header.height() - 5)
        shapes = {}
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.sortByColumn(0, order)
            up = _arrow_points_up(header.grab().toImage(), section, QColor(scheme.header_bg))
            shapes[order] = "up" if up else "down"
        assert model.item(0, 0).text() == "c"  # descending: the last sort
        assert shapes == {Qt.SortOrder.AscendingOrder: "up", Qt.SortOrder.DescendingOrder: "down"}
    finally:
        style.apply_style(qapp, "light")


def test_dialog_buttons_carry_no_icons_even_where_the_desktop_asks_for_them(qtbot, qapp):
    """Linux desktops tell Fusion to put icons on Save and Cancel; the app's buttons are text only."""
    from PySide6.QtWidgets import QDialogButtonBox, QProxyStyle, QStyle

    class IconsPlease(QProxyStyle):
        def styleHint(self, hint, option=None, widget=None, data=None):
            if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
                return 1
            return super().styleHint(hint, option, widget, data)

    original = qapp.style().name()
    qapp.setStyle(IconsPlease("Fusion"))
    try:
        qapp.setStyleSheet("")
        plain = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(plain)
        assert not plain.button(QDialogButtonBox.StandardButton.Save).icon().isNull()  # the desktop's wish
        qapp.setStyleSheet(style.style_sheet(style.LIGHT))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert all(b.icon().isNull() for b in box.buttons())
    finally:
        qapp.setStyle(original)
        style.apply_style(qapp, "light")
