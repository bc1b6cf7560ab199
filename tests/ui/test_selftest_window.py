"""The self-test's window step builds every screen over a fresh demo database."""

from __future__ import annotations

import io
import os

from clustermanager.cli.selftest import STEPS, run_steps
from tests.helpers.log_isolation import fresh_log_file  # noqa: F401 (autouse fixture)


def test_the_window_steps_pass_and_leave_the_users_settings_alone(qapp, _isolated_home):
    wanted = {"demo database", "Qt translations", "main window"}
    steps = [s for s in STEPS if s.name in wanted]
    assert len(steps) == 3
    out = io.StringIO()
    assert run_steps(steps, strict=True, out=out) == 0, out.getvalue()
    assert out.getvalue().count("ok    ") == 3
    assert os.environ["CLUSTERMANAGER_HOME"] == str(_isolated_home)
    assert not (_isolated_home / "settings.json").exists()  # the window remembered the temporary database elsewhere


def test_an_error_dialog_fails_the_window_step_instead_of_waiting_for_a_click(qapp, monkeypatch):
    from clustermanager.ui import app as ui_app
    from clustermanager.ui.common import errors as ui_errors

    real_create = ui_app.create_main_window

    def create_with_failing_work(database):
        window = real_create(database)
        window.specs = window.specs[:1]  # one screen is enough here

        def job(_session, _progress):
            raise RuntimeError("a screen's background query broke")

        window.ctx.tasks.run(job, label="broken")
        return window

    monkeypatch.setattr(ui_app, "create_main_window", create_with_failing_work)
    real_message_box = ui_errors.message_box
    steps = [s for s in STEPS if s.name in {"demo database", "main window"}]
    out = io.StringIO()
    assert run_steps(steps, out=out) == 1
    assert "FAIL  main window: the window showed an error: Unexpected error" in out.getvalue()
    assert ui_errors.message_box is real_message_box  # restored for whoever runs next
