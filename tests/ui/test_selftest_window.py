"""The self-test's window step builds every screen over a fresh demo database."""

from __future__ import annotations

import io
import os

from clustermanager.cli.selftest import STEPS, run_steps


def test_the_window_steps_pass_and_leave_the_users_settings_alone(qapp, _isolated_home):
    wanted = {"demo database", "Qt translations", "main window"}
    steps = [s for s in STEPS if s.name in wanted]
    assert len(steps) == 3
    out = io.StringIO()
    assert run_steps(steps, strict=True, out=out) == 0, out.getvalue()
    assert out.getvalue().count("ok    ") == 3
    assert os.environ["CLUSTERMANAGER_HOME"] == str(_isolated_home)
    assert not (_isolated_home / "settings.json").exists()  # the window remembered the temporary database elsewhere
