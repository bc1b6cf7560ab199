"""The self-test runs its steps in order, skips absent features, and names what failed."""

from __future__ import annotations

import io

from clustermanager.cli import main
from clustermanager.cli.selftest import STEPS, Step, StepFailed, run_steps
from tests.helpers.log_isolation import fresh_log_file  # noqa: F401 (autouse fixture)


def _run(steps, **kw) -> tuple[int, str]:
    out = io.StringIO()
    return run_steps(steps, out=out, **kw), out.getvalue()


def test_the_core_steps_pass_on_a_fresh_demo_database():
    core = [s for s in STEPS if s.requires is None]
    failures, output = _run(core)
    assert failures == 0, output
    assert output.count("ok    ") == len(core)
    assert output.rstrip().endswith("Self-test passed.")


def test_a_failing_step_is_named_and_the_others_still_run():
    seen = []

    def broken(ws):
        raise StepFailed("no fonts")

    steps = [Step("first", lambda ws: seen.append(ws.database)), Step("fonts", broken),
             Step("last", lambda ws: seen.append("last"))]
    failures, output = _run(steps)
    assert failures == 1
    assert "FAIL  fonts: no fonts" in output
    assert "Self-test failed: fonts." in output
    assert seen[-1] == "last" and not seen[0].parent.exists()  # the temporary folder is removed


def test_a_step_whose_feature_is_absent_is_skipped_unless_strict():
    steps = [Step("reports", lambda ws: None, requires="clustermanager.no_such_feature.cli")]
    assert _run(steps)[0] == 0
    failures, output = _run(steps, strict=True)
    assert failures == 1 and "skip  reports: clustermanager.no_such_feature.cli is not in this build" in output


def test_the_command_exits_non_zero_when_a_step_fails(monkeypatch, capsys):
    from clustermanager.cli import selftest

    monkeypatch.setattr(selftest, "STEPS", [Step("boom", lambda ws: 1 / 0)])
    assert main(["selftest"]) == 1
    assert "FAIL  boom: Traceback" in capsys.readouterr().out
