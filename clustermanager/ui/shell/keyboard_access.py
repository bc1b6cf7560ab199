"""Keyboard and screen-reader manners for every window and dialog, applied in one place when it shows.

- A dialog opens with the focus in its first field, not on its tab bar, so what is typed first lands.
- Tab leaves multi-line fields and tables (Ctrl+Tab moves inside them), as in a form on paper.
- Every control has an accessible name (a form field: its label; a search box: its hint) and every
  table an accessible description (what it lists), so a screen reader says what it is.

`prepare(widget)` does it: every dialog calls it when it shows (ui/common/dialog.py), the main window
when it shows and for each screen it builds. tests/ui/shell/test_keyboard_access.py walks every screen
and dialog and fails on an unnamed control.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from clustermanager.i18n import _

FIELDS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QCheckBox)
CONTROLS = (*FIELDS, QAbstractButton, QAbstractItemView)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":").strip()


def name_form_fields(root: QWidget) -> None:
    """A field in a form row is named by its row's label (Qt does not always make the link)."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or not isinstance(label.widget(), QLabel):
                continue
            text = _plain(label.widget().text())
            targets = [field.widget()] if field.widget() is not None else []
            if field.layout() is not None:  # "Postcode, municipality": several fields after one label
                targets = [field.layout().itemAt(i).widget() for i in range(field.layout().count())]
            for widget in targets:
                for control in [widget, *widget.findChildren(QWidget)] if widget is not None else []:
                    if isinstance(control, FIELDS) and not control.accessibleName():
                        control.setAccessibleName(text)


def name_the_rest(root: QWidget) -> None:
    for control in root.findChildren(QWidget):
        if isinstance(control, QPlainTextEdit | QTextEdit):
            control.setTabChangesFocus(True)  # Tab leaves the notes; Ctrl+Tab types a tab
        if isinstance(control, QAbstractItemView):
            control.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
            if not control.accessibleDescription():
                control.setAccessibleDescription(_table_description(control))
            if not control.accessibleName():
                control.setAccessibleName(_("List"))
            continue
        if not isinstance(control, CONTROLS) or control.accessibleName():
            continue
        label = _label_before(control)
        if label:  # "Sheet:" above its list, "Lead partner" beside its box
            control.setAccessibleName(label)
        elif isinstance(control, QLineEdit) and isinstance(control.parent(), QComboBox):  # an editable combo's field
            combo = control.parent()
            control.setAccessibleName(combo.accessibleName() or combo.toolTip() or combo.currentText() or _("List"))
        elif isinstance(control, QLineEdit) and control.placeholderText():
            control.setAccessibleName(control.placeholderText())
        elif isinstance(control, QComboBox) and control.count():
            control.setAccessibleName(control.toolTip() or control.itemText(0))
        elif isinstance(control, QAbstractButton) and not control.text() and control.toolTip():
            control.setAccessibleName(control.toolTip())


def _label_before(control: QWidget) -> str:
    """The text of the label just before `control` in the layout that holds it, if there is one."""
    parent = control.parentWidget()
    layouts = [parent.layout()] if parent is not None and parent.layout() is not None else []
    while layouts:
        layout = layouts.pop()
        items = [layout.itemAt(i) for i in range(layout.count())]
        for index, item in enumerate(items):
            if item.layout() is not None:
                layouts.append(item.layout())
            elif item.widget() is control and index > 0:
                before = items[index - 1].widget()
                return _plain(before.text()) if isinstance(before, QLabel) and not before.wordWrap() else ""
    return ""


def _table_description(view: QAbstractItemView) -> str:
    model = view.model()
    try:
        columns = model.columnCount(QModelIndex()) if model is not None else 0
    except TypeError:  # a widget's own list model (QListWidget) keeps columnCount private
        columns = 1
    if columns <= 1:  # a plain list (the sidebar, a picker)
        return _("A list")
    titles = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    return _("A list with the columns {columns}").format(columns=", ".join(t for t in titles if t))


def focus_first_field(dialog: QDialog) -> None:
    """Put the focus in the dialog's first field when Qt left it on the tab bar, a button or nowhere."""
    current = dialog.focusWidget()
    if current is not None and isinstance(current, FIELDS) and current.isVisible():
        return
    if current is not None and not isinstance(current, QTabBar | QAbstractButton):
        return
    widget = dialog.nextInFocusChain()
    seen = set()
    while widget is not None and widget is not dialog and id(widget) not in seen:
        seen.add(id(widget))
        if isinstance(widget, FIELDS) and widget.isVisible() and widget.isEnabled():
            widget.setFocus()
            return
        widget = widget.nextInFocusChain()


def prepare(window: QWidget) -> None:
    name_form_fields(window)
    name_the_rest(window)
    if isinstance(window, QDialog):
        focus_first_field(window)
