"""A cluster manager who works with the keyboard only: add a member, record a payment and export the
progress report with key presses alone (the file name is the one thing a native save dialog asks)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from clustermanager.services import members as member_service
from clustermanager.services import payments

MODAL_EXEC = QDialog.exec  # before tests/ui/conftest.py refuses modal dialogs: this test answers them by keys


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    if QApplication.activeWindow() is None:  # a dialog closed: the window manager activates the window again
        window = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow")
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _tab_to(qtbot, widget, limit: int = 60) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is widget:
            return
        _press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {widget.text() if hasattr(widget, 'text') else widget}")


def test_add_a_member_record_a_payment_and_export_the_report_by_keyboard(window, qtbot, qapp, monkeypatch,
                                                                        tmp_path):
    from clustermanager.ui.reports import screen as reports_screen

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctx = window.ctx

    # 1. File > New member (Ctrl+N): the focus is in the name; Return saves.
    _press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    members = window.screens["members"]
    dialog = members.dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.name)
    _type(qtbot, "Keyboard Works NV")
    _press(qtbot, Qt.Key.Key_Return)
    assert ctx.tasks.wait_idle()
    with ctx.db.session() as s:
        assert any(r.name == "Keyboard Works NV" for r in member_service.list_members(s))

    number = {spec.key: n for n, spec in enumerate(window.specs, start=1)}  # View > the screens: Ctrl+1, …
    digit = {n: getattr(Qt.Key, f"Key_{n}") for n in range(1, 10)}

    # 2. View > Membership fees (Ctrl+3), Find (Ctrl+F), the member's name, down to its call, Return: the
    #    payment dialog proposes what is outstanding, Return records it.
    _press(qtbot, digit[number["fees"]], Qt.KeyboardModifier.ControlModifier)
    fees = window.screens["fees"]
    assert ctx.tasks.wait_idle()
    call = next(c for c in fees.snapshot.calls if c.outstanding > 0)
    _press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is fees.search
    _type(qtbot, call.number)
    _tab_to(qtbot, fees.table)
    _press(qtbot, Qt.Key.Key_Home)  # the first (the only) call found
    assert fees.selected_call().id == call.id
    answered = []

    def answer_by_keys(dialog):
        def keys(attempt: int = 0) -> None:
            modal, focus = QApplication.activeModalWidget(), QApplication.focusWidget()
            if modal is None or focus is None or focus.window() is not modal:  # not shown and focused yet
                if attempt > 100:
                    dialog.reject()  # fail below instead of waiting for ever
                    return
                QTimer.singleShot(20, lambda: keys(attempt + 1))
                return
            answered.append((type(modal).__name__, type(focus).__name__))
            qtbot.keyClick(focus, Qt.Key.Key_Return)
            QTimer.singleShot(3000, lambda: dialog.isVisible() and dialog.reject())

        QTimer.singleShot(0, keys)
        return MODAL_EXEC(dialog)

    monkeypatch.setattr(QDialog, "exec", answer_by_keys)
    _press(qtbot, Qt.Key.Key_Return)
    assert answered == [("PaymentDialog", "QLineEdit")]  # the focus in the amount, Return records it
    assert ctx.tasks.wait_idle()
    with ctx.db.session() as s:
        assert any(p.fee_call_id == call.id and p.amount == call.outstanding
                   for p in payments.list_payments(s, fee_call_id=call.id))

    # 3. View > Progress report (Ctrl+7), Tab to "Export PDF…", Space: the report is written.
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(reports_screen, "ask_save_path", lambda *_a: str(target))
    opened = []
    monkeypatch.setattr(reports_screen, "open_file", opened.append)  # no PDF viewer offscreen
    _press(qtbot, digit[number["reports"]], Qt.KeyboardModifier.ControlModifier)
    report = window.screens["reports"]
    assert ctx.tasks.wait_idle()
    pdf = next(b for b in report.findChildren(QPushButton) if b is report.pdf_button)
    _tab_to(qtbot, pdf)
    _press(qtbot, Qt.Key.Key_Space)
    assert ctx.tasks.wait_idle()
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    assert [str(p) for p in opened] == [str(target)]
