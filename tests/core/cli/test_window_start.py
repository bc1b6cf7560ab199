"""`clustermanager` without a command starts the window before the commands (and SQLAlchemy) load."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clustermanager.cli import _window_options

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(("argv", "db", "verbose"), [
    ([], None, False),
    (["--db", "robotics.cmdb"], "robotics.cmdb", False),
    (["-v", "--lang", "nl", "--db", "x.cmdb"], "x.cmdb", True),
])
def test_no_command_means_the_window_with_its_options(argv, db, verbose):
    options = _window_options(argv)
    assert options is not None and options.db == db and options.verbose is verbose


@pytest.mark.parametrize("argv", [["members", "list"], ["--db", "x.cmdb", "members"], ["--help"], ["--version"],
                                  ["--lang", "xx"], ["--db"]])
def test_a_command_help_or_a_bad_option_goes_to_the_full_parser(argv):
    assert _window_options(argv) is None


def test_importing_the_command_line_does_not_load_sqlalchemy(tmp_path):
    code = "import sys, clustermanager.cli; print('sqlalchemy' in sys.modules)"
    env = dict(os.environ, PYTHONPATH=str(ROOT), CLUSTERMANAGER_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
