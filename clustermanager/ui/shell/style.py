"""A calm, modern look on every platform: Fusion with a light palette and a few style-sheet touches."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2563eb"

STYLE_SHEET = """
QListWidget#sidebar {
    background: #f1f3f6; border: none; border-right: 1px solid #dde1e7; padding: 10px 8px; outline: 0;
}
QListWidget#sidebar::item { padding: 4px 10px; border-radius: 6px; color: #1f2933; margin: 1px 0; }
QListWidget#sidebar::item:hover { background: #e4e8ee; }
QListWidget#sidebar::item:selected { background: #dbe6fd; color: #1e3a8a; }
QLabel#screenTitle { font-size: 18pt; font-weight: 600; color: #111827; }
QLabel#screenSubtitle { color: #6b7280; }
QFrame#card { background: white; border: 1px solid #e3e6eb; border-radius: 10px; }
QLabel#cardValue { font-size: 24pt; font-weight: 600; color: #111827; }
QLabel#cardTitle { color: #4b5563; font-weight: 600; }
QLabel#cardNote { color: #6b7280; }
QFrame#card[tone="warning"] { background: #fef2f2; border: 1px solid #f87171; }
QLabel#cardValue[tone="warning"] { color: #b91c1c; }
QLabel#cardNote[tone="warning"] { color: #991b1b; font-weight: 600; }
QLabel#fieldError { color: #b91c1c; }
QTableView { gridline-color: #eceff3; selection-background-color: #dbe6fd; selection-color: #111827;
    alternate-background-color: #f8f9fb; border: 1px solid #e3e6eb; }
QHeaderView::section { background: #f6f7f9; border: none; border-bottom: 1px solid #e3e6eb;
    border-right: 1px solid #eceff3; padding: 5px 8px; font-weight: 600; color: #374151; }
QLineEdit, QComboBox, QDateEdit { min-height: 24px; }
QTableView::item { padding: 0 6px; }
QPushButton { padding: 5px 14px; border: 1px solid #cfd4dc; border-radius: 6px; background: #ffffff;
    color: #1f2933; min-height: 20px; }
QPushButton:hover { background: #f3f5f8; }
QPushButton:pressed { background: #e8ebf0; }
QPushButton:default, QPushButton#primary { background: #2563eb; border-color: #2563eb; color: white; }
QPushButton:default:hover, QPushButton#primary:hover { background: #1d4ed8; }
QPushButton:disabled { background: #f3f4f6; border-color: #e5e7eb; color: #9ca3af; }
QPushButton#primary:disabled { background: #f3f4f6; border-color: #e5e7eb; color: #9ca3af; }
QTabWidget::pane { border: none; border-top: 1px solid #e3e6eb; }
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#fafbfc"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f8f9fb"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#111827"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#111827"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#f3f4f6"))
    app.setPalette(palette)
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
