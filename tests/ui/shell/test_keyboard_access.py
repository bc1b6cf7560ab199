"""Keyboard only and screen readers: first field focused, Tab leaves notes and tables, every control named."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QWidget

from clustermanager.ui.shell import keyboard_access
from clustermanager.ui.shell.keyboard_access import CONTROLS
from tests.helpers.dialogs import DIALOGS, pages


def _unnamed(root: QWidget) -> list[str]:
    bad = []
    for control in [root, *root.findChildren(QWidget)]:
        if not isinstance(control, CONTROLS) or not control.isVisible():
            continue
        interface = QAccessible.queryAccessibleInterface(control)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not (name or control.accessibleName()).strip():
            bad.append(f"{type(control).__name__} {control.objectName()!r} in {type(control.parent()).__name__}")
        if isinstance(control, QAbstractItemView) and not control.accessibleDescription():
            bad.append(f"table without description in {type(control.parent()).__name__}")
    return bad


def _prepared(widget: QWidget) -> QWidget:
    widget.show()
    QApplication.processEvents()
    keyboard_access.prepare(widget)  # what the show filter does one event-loop turn later
    return widget


def test_every_screen_and_dialog_names_its_controls(window, qtbot):
    from clustermanager.ui.shell import registry

    window.show()
    problems = {}
    for spec in registry.screens():
        window.show_screen(spec.key)
        assert window.ctx.tasks.wait_idle()
        problems[spec.key] = _unnamed(_prepared(window))
    for name, open_dialog in DIALOGS.items():  # every dialog and each of its tabs
        dialog = _prepared(open_dialog(window))
        for tab in pages(dialog):
            problems[f"{name}:{tab}"] = _unnamed(dialog)
        dialog.reject()
    assert {k: v for k, v in problems.items() if v} == {}


def test_a_dialog_opens_with_the_focus_in_its_first_field_and_tab_leaves_the_notes(window, qtbot):
    members = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    dialog = _prepared(members.open_member(None))
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.form.name)
    notes = dialog.findChild(QPlainTextEdit)
    assert notes.tabChangesFocus()
    tables = dialog.findChildren(QAbstractItemView)
    assert tables and all(not t.tabKeyNavigation() for t in tables)
    dialog.reject()


def test_a_form_field_is_named_by_its_label(window):
    members = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    dialog = _prepared(members.open_member(None))
    assert dialog.form.name.accessibleName() == "Name"
    dialog.reject()


def test_a_dialog_does_it_itself_when_it_shows(window, qtbot):
    members = window.show_screen("members")
    assert window.ctx.tasks.wait_idle()
    dialog = members.open_member(None)
    dialog.show()  # no prepare() here: the dialog's show event does it
    qtbot.waitUntil(lambda: dialog.form.name.accessibleName() == "Name")
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.form.name)
    dialog.reject()


def test_a_screen_is_prepared_when_the_window_builds_it(window):
    window.show()
    members = window.show_screen("members")  # built now, after the window was shown
    tables = members.findChildren(QAbstractItemView)
    assert tables and all(t.accessibleDescription() and not t.tabKeyNavigation() for t in tables)


def test_the_fast_starts_frame_is_named_when_it_is_first_painted_and_prepared_just_after(qtbot, demo_db_path,
                                                                                          tmp_path, shown_messages):
    """The frame's manners wait until after its first paint (loading them costs a few ms); its only
    control, the sidebar, names itself, so a screen reader never meets it unnamed."""
    import shutil

    from PySide6.QtCore import QEvent, QObject

    from clustermanager import config
    from clustermanager.ui.startup import FastStart

    prepared = []
    original = keyboard_access.prepare
    at_paint = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint and not at_paint:
                at_paint.append((_unnamed(watched), list(prepared)))
            return False

    keyboard_access.prepare = lambda widget: prepared.append(widget) or original(widget)
    try:
        path = shutil.copyfile(demo_db_path, tmp_path / "cluster.cmdb")  # its own: opening it locks it
        start = FastStart(str(path), config.AppSettings())
        window = start.window
        qtbot.addWidget(window)
        watcher = FirstPaint(window)
        window.installEventFilter(watcher)
        qtbot.waitUntil(lambda: window.ctx is not None, timeout=15_000)
    finally:
        keyboard_access.prepare = original
    assert at_paint == [([], [])]  # painted first, nothing unnamed
    assert window in prepared and not window.keyboard_access_after_paint  # then prepared; later shows as before
    window.ctx.tasks.wait_idle()
    window.close()
    start.finish(0)
