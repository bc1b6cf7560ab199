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
    QLayout,
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
    """A field in a form row is named by its row's label (Qt does not always make the link).

    Asked through `labelForField` and `indexOf`, never through the layout's items: a Python wrapper of a
    layout item outlives the item Qt deletes, and PySide then hands it out for a widget at that address.
    """
    forms = root.findChildren(QFormLayout)
    if not forms:
        return
    for control in root.findChildren(QWidget):
        if isinstance(control, FIELDS) and not control.accessibleName():
            label = _form_label(forms, control, root)
            if label:
                control.setAccessibleName(label)


def _form_label(forms: list[QFormLayout], control: QWidget, root: QWidget) -> str:
    """The label of the form row holding `control`, itself, a widget around it, or a row's sub-layout
    ("Postcode, municipality": several fields after one label)."""
    widget = control
    while widget is not None:
        for form in forms:
            label = form.labelForField(widget)
            if label is None:
                for sub in form.findChildren(QLayout):
                    if sub.indexOf(widget) >= 0:
                        label = form.labelForField(sub)
                        break
            if isinstance(label, QLabel):
                return _plain(label.text())
        if widget is root:
            break
        widget = widget.parentWidget()
    return ""


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
    top = parent.layout() if parent is not None else None
    if top is None:
        return ""
    for layout in [top, *top.findChildren(QLayout)]:
        index = layout.indexOf(control)
        if index > 0:
            before = next((w for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                           if layout.indexOf(w) == index - 1), None)
            return _plain(before.text()) if isinstance(before, QLabel) and not before.wordWrap() else ""
        if index == 0:
            return ""
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
