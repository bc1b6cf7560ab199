"""dev.py: `app` and `test` share one environment, and switching between them installs nothing."""

from __future__ import annotations

import dev


def _fake_venv(tmp_path, monkeypatch):
    calls: list[tuple] = []
    python = tmp_path / "python"
    python.write_text("")
    project = tmp_path / "pyproject.toml"
    project.write_text("[project]\n")
    monkeypatch.setattr(dev, "PY", python)
    monkeypatch.setattr(dev, "STAMP", tmp_path / ".installed")
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    monkeypatch.setattr(dev, "run", lambda *cmd, check=True: calls.append(cmd) or 0)
    return calls, project


def _installs(calls) -> list[str]:
    return [str(c[-1]) for c in calls if "-e" in c]


def test_switching_between_test_and_app_installs_nothing(tmp_path, monkeypatch):
    calls, _project = _fake_venv(tmp_path, monkeypatch)
    dev.ensure_venv("build,postgres,test")
    dev.ensure_venv("postgres")  # what `app` needs is already there
    dev.ensure_venv("build,postgres,test")
    assert _installs(calls) == [".[build,postgres,test]"]


def test_a_missing_extra_installs_the_union_and_a_changed_pyproject_installs_again(tmp_path, monkeypatch):
    import os

    calls, project = _fake_venv(tmp_path, monkeypatch)
    dev.ensure_venv("postgres")
    dev.ensure_venv("test")
    stat = project.stat()
    os.utime(project, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    dev.ensure_venv("postgres")
    assert _installs(calls) == [".[postgres]", ".[postgres,test]", ".[postgres,test]"]


def test_help_says_how_to_open_the_window(capsys):
    import pytest

    from clustermanager.cli import main

    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    assert "Without a command, clustermanager opens the window" in capsys.readouterr().out
