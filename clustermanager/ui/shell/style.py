"""A calm, modern look that follows the system's light or dark setting: Fusion, one palette and one
style sheet per colour scheme, and every colour of the window (tables, cards, charts) from it.

The user chooses System, Light or Dark (View > Appearance, saved as `AppSettings.appearance`); with
System the window follows Qt's style hints and changes with the desktop while it runs. Text colours
are chosen for a contrast of at least 4.5:1 on their background (WCAG AA); tests/ui/shell/test_style.py
checks every pair and walks the screens and dialogs in both schemes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

APPEARANCES = ("system", "light", "dark")
ICONS = (Path(__file__).resolve().parents[1] / "icons").as_posix()  # check mark and sort arrows
ACCENT = "#2563eb"  # white text on it: 5.2:1 in both schemes


@dataclass(frozen=True)
class Scheme:
    name: str
    window: str
    base: str  # fields, tables, cards
    alt_base: str
    text: str
    muted: str  # subtitles, notes, former members
    heading: str
    border: str
    grid: str
    header_bg: str
    header_text: str
    sidebar_bg: str
    sidebar_hover: str
    sidebar_sel_bg: str
    sidebar_sel_text: str
    button_bg: str
    button_hover: str
    button_pressed: str
    disabled_bg: str
    disabled_text: str
    selection_bg: str
    focus: str  # the focus ring
    control_border: str  # check boxes: 3:1 against their background (WCAG non-text contrast)
    warning_bg: str
    warning_border: str
    warning_text: str
    ok_bg: str
    ok_text: str
    error: str  # error text and a field in error
    success: str  # paid, matched
    info: str  # open, new
    caution: str  # partly paid, doubtful, below the three-companies rule
    neutral: str  # credited, skipped
    bar_track: str
    row_new: str  # import preview backgrounds
    row_update: str
    row_unchanged: str
    row_error: str
    series: tuple[str, ...] = ("#1F4E79", "#F4A340", "#5B9BD5", "#70AD47")  # the report's, as in the PDF
    bars: tuple[str, ...] = ("#2563eb", "#0d9488", "#d97706", "#7c3aed", "#db2777", "#64748b")
    accent: str = ACCENT
    accent_hover: str = "#1d4ed8"
    accent_text: str = "#ffffff"
    focus_on_accent: str = "#0b1533"  # the focus ring around the primary (blue) button


    @property
    def dark(self) -> bool:
        return self.name == "dark"


LIGHT = Scheme(
    name="light", window="#fafbfc", base="#ffffff", alt_base="#f8f9fb", text="#111827", muted="#5f6672",
    heading="#111827", border="#d6dae1", grid="#eceff3", header_bg="#f6f7f9", header_text="#374151",
    sidebar_bg="#f1f3f6", sidebar_hover="#e4e8ee", sidebar_sel_bg="#dbe6fd", sidebar_sel_text="#1e3a8a",
    button_bg="#ffffff", button_hover="#f3f5f8", button_pressed="#e8ebf0", disabled_bg="#f3f4f6",
    disabled_text="#9ca3af", selection_bg="#dbe6fd", focus="#1d4ed8", control_border="#7b8494", warning_bg="#fef2f2",
    warning_border="#f87171", warning_text="#991b1b", ok_bg="#f0fdf4", ok_text="#166534", error="#b91c1c",
    success="#15803d", info="#1d4ed8", caution="#b45309", neutral="#5f6672", bar_track="#eef1f5",
    row_new="#dff0d8", row_update="#fcf3cf", row_unchanged="#f2f2f2", row_error="#f8d7da",
)
DARK = Scheme(
    name="dark", window="#16181d", base="#1e2128", alt_base="#23262e", text="#e5e7eb", muted="#a3aab6",
    heading="#f3f4f6", border="#3a404c", grid="#2a2f38", header_bg="#23262e", header_text="#d1d5db",
    sidebar_bg="#1b1e24", sidebar_hover="#262a33", sidebar_sel_bg="#1e3a8a", sidebar_sel_text="#e0e7ff",
    button_bg="#262a33", button_hover="#2e333d", button_pressed="#353b46", disabled_bg="#1f2228",
    disabled_text="#6b7280", selection_bg="#1e3a8a", focus="#93c5fd", control_border="#7d8597", warning_bg="#3b1d1d",
    warning_border="#f87171", warning_text="#fca5a5", ok_bg="#14301f", ok_text="#86efac", error="#f87171",
    success="#4ade80", info="#93c5fd", caution="#fbbf24", neutral="#a3aab6", bar_track="#2a2f38",
    row_new="#14301f", row_update="#3a3113", row_unchanged="#23262e", row_error="#3b1d1d",
    series=("#5B9BD5", "#F4A340", "#9DC3E6", "#70AD47"), focus_on_accent="#ffffff",
)
SCHEMES = {"light": LIGHT, "dark": DARK}
_current: Scheme = LIGHT


def current() -> Scheme:
    """The scheme the window shows now."""
    return _current


def colour(name: str) -> QColor:
    """A named colour of the current scheme (`colour("caution")`), for models and painters."""
    return QColor(getattr(_current, name))


def style_sheet(s: Scheme) -> str:
    return f"""
QListWidget#sidebar {{
    background: {s.sidebar_bg}; border: none; border-right: 1px solid {s.border}; padding: 10px 8px; outline: 0;
}}
QListWidget#sidebar::item {{ padding: 4px 10px; border-radius: 6px; color: {s.text}; margin: 1px 0; }}
QListWidget#sidebar::item:hover {{ background: {s.sidebar_hover}; }}
QListWidget#sidebar::item:selected {{ background: {s.sidebar_sel_bg}; color: {s.sidebar_sel_text}; }}
QLabel#screenTitle {{ font-size: 18pt; font-weight: 600; color: {s.heading}; }}
QLabel#screenSubtitle {{ color: {s.muted}; }}
QFrame#card {{ background: {s.base}; border: 1px solid {s.border}; border-radius: 10px; }}
QLabel#cardValue {{ font-size: 24pt; font-weight: 600; color: {s.heading}; }}
QLabel#cardTitle {{ color: {s.header_text}; font-weight: 600; }}
QLabel#cardNote {{ color: {s.muted}; }}
QFrame#card[tone="warning"] {{ background: {s.warning_bg}; border: 1px solid {s.warning_border}; }}
QLabel#cardValue[tone="warning"] {{ color: {s.warning_text}; }}
QLabel#cardNote[tone="warning"] {{ color: {s.warning_text}; font-weight: 600; }}
QLabel#cardValue:disabled, QLabel#cardNote:disabled, QLabel#cardTitle:disabled {{ color: {s.disabled_text}; }}
QLabel#fieldError {{ color: {s.error}; }}
QLabel[tone="warning"] {{ color: {s.caution}; font-weight: 600; }}
QLabel[verdict="short"] {{ background: {s.warning_bg}; color: {s.warning_text}; font-weight: bold; }}
QLabel[verdict="met"] {{ background: {s.ok_bg}; color: {s.ok_text}; }}
QTableView {{ gridline-color: {s.grid}; selection-background-color: {s.selection_bg};
    selection-color: {s.heading}; alternate-background-color: {s.alt_base}; border: 1px solid {s.border};
    background: {s.base}; color: {s.text}; }}
QTableView:focus {{ border: 1px solid {s.focus}; }}
QHeaderView::section {{ background: {s.header_bg}; border: none; border-bottom: 1px solid {s.border};
    border-right: 1px solid {s.grid}; padding: 5px 8px; font-weight: 600; color: {s.header_text}; }}
QLineEdit, QComboBox, QDateEdit {{ min-height: 24px; }}
QLineEdit[invalid="true"] {{ border: 1px solid {s.error}; border-radius: 3px; }}
QTableView::item {{ padding: 0 6px; }}
QPushButton {{ padding: 5px 14px; border: 1px solid {s.border}; border-radius: 6px; background: {s.button_bg};
    color: {s.text}; min-height: 20px; }}
QPushButton:hover {{ background: {s.button_hover}; }}
QPushButton:pressed {{ background: {s.button_pressed}; }}
QPushButton:focus {{ border: 2px solid {s.focus}; padding: 4px 13px; }}
QPushButton:default, QPushButton#primary {{ background: {s.accent}; border-color: {s.accent};
    color: {s.accent_text}; }}
QPushButton:default:hover, QPushButton#primary:hover {{ background: {s.accent_hover}; }}
QPushButton:default:focus, QPushButton#primary:focus, QPushButton:default:focus:hover,
QPushButton#primary:focus:hover {{ background: {s.accent}; border: 3px solid {s.focus_on_accent};
    padding: 3px 12px; text-decoration: underline; }}
QPushButton:disabled, QPushButton#primary:disabled {{ background: {s.disabled_bg}; border-color: {s.border};
    color: {s.disabled_text}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QLabel#dialogTitle {{ font-size: 15pt; font-weight: 600; color: {s.heading}; }}
QLabel#dialogSubtitle {{ color: {s.muted}; }}
QTabBar::tab {{ background: transparent; color: {s.muted}; border: none; border-bottom: 2px solid transparent;
    padding: 6px 12px; margin-right: 6px; }}
QTabBar::tab:hover {{ color: {s.text}; border-bottom: 2px solid {s.border}; }}
QTabBar::tab:selected {{ color: {s.heading}; border-bottom: 2px solid {s.accent}; }}
QTabBar::tab:focus {{ color: {s.heading}; background: {s.button_hover}; border-radius: 4px; }}
QCheckBox {{ spacing: 8px; }}
QCheckBox::indicator, QTableView::indicator {{ width: 16px; height: 16px; border: 1px solid {s.control_border};
    border-radius: 4px; background: {s.base}; }}
QCheckBox::indicator:hover, QTableView::indicator:hover {{ border-color: {s.focus}; }}
QCheckBox::indicator:checked, QTableView::indicator:checked {{ background: {s.accent}; border-color: {s.accent};
    image: url({ICONS}/check.svg); }}
QCheckBox::indicator:disabled {{ background: {s.disabled_bg}; border-color: {s.border}; }}
QCheckBox:focus {{ color: {s.heading}; }}
QCheckBox::indicator:focus {{ border: 2px solid {s.focus}; }}
/* Fusion drew the sort arrow pointing down for A to Z; it points up for ascending (A to Z, oldest first). */
QHeaderView::up-arrow {{ image: url({ICONS}/sort-up-{s.name}.svg); width: 10px; height: 10px; }}
QHeaderView::down-arrow {{ image: url({ICONS}/sort-down-{s.name}.svg); width: 10px; height: 10px; }}
QScrollArea, QWidget#dashboardContent {{ background: transparent; }}
QTabWidget::pane {{ border: none; border-top: 1px solid {s.border}; }}
QToolTip {{ background: {s.base}; color: {s.text}; border: 1px solid {s.border}; }}
"""


STYLE_SHEET = style_sheet(LIGHT)


def palette(s: Scheme) -> QPalette:
    """Every role of Qt's palette from the scheme, so nothing falls back to the platform's other scheme
    (a dark desktop's light menu text on a forced light menu bar was unreadable)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, s.window), (roles.WindowText, s.text), (roles.Base, s.base),
        (roles.AlternateBase, s.alt_base), (roles.Text, s.text), (roles.Button, s.button_bg),
        (roles.ButtonText, s.text), (roles.BrightText, s.heading), (roles.ToolTipBase, s.base),
        (roles.ToolTipText, s.text), (roles.PlaceholderText, s.muted), (roles.Highlight, s.accent),
        (roles.HighlightedText, s.accent_text), (roles.Link, s.info), (roles.LinkVisited, s.info),
        (roles.Light, s.button_hover), (roles.Midlight, s.button_bg), (roles.Mid, s.border),
        (roles.Dark, s.border), (roles.Shadow, "#000000"),
    ):
        p.setColor(role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(s.disabled_text))
    return p


def system_is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve(appearance: str, app: QApplication) -> Scheme:
    """The scheme for a preference: "light", "dark", or "system" (the desktop's setting)."""
    if appearance in SCHEMES:
        return SCHEMES[appearance]
    return DARK if system_is_dark(app) else LIGHT


_appearance = "system"


def apply_style(app: QApplication, appearance: str | None = None) -> Scheme:
    """Fusion, the font, and the palette and style sheet of the chosen appearance (None: keep the
    current choice). With "system" the window follows the desktop when it changes."""
    global _current, _appearance
    if appearance is not None:
        _appearance = appearance if appearance in APPEARANCES else "system"
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
        font = app.font()
        if font.pointSizeF() < 10:
            font.setPointSizeF(10)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        app.setFont(font)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
    _current = resolve(_appearance, app)
    app.setPalette(palette(_current))
    app.setStyleSheet(style_sheet(_current))
    for widget in app.allWidgets():  # painters and models read colour() when they draw
        widget.update()
    return _current


def _follow_system(app: QApplication) -> None:
    if _appearance == "system":
        apply_style(app)


def scheme_colours(s: Scheme) -> dict[str, str]:
    return {f.name: getattr(s, f.name) for f in fields(s) if isinstance(getattr(s, f.name), str)}
