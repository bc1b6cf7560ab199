"""The message fixture turns an unexpected "bug" dialog into a failed test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clustermanager.errors import UserError
from clustermanager.ui.common.errors import show_error

pytest_plugins = ["pytester"]


@pytest.mark.expects_bug_dialog
def test_a_test_that_expects_a_bug_dialog_may_see_one(shown_messages, qapp):
    show_error(None, RuntimeError("a bug, on purpose"))
    [(_title, text, critical)] = shown_messages
    assert critical and "unexpected" in text


def test_a_user_error_is_no_bug_dialog(shown_messages, qapp):
    show_error(None, UserError("Say what to do."))
    assert shown_messages == [("Cannot do that", "Say what to do.", False)]


def test_an_unexpected_bug_dialog_fails_the_test(pytester, monkeypatch):
    # The inner run starts in a temporary folder: put the checkout on its path so that
    # `tests.ui.conftest` imports on a clean clone too (not only where PYTHONPATH is set).
    root = str(Path(__file__).resolve().parents[2])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    pytester.makeconftest("from tests.ui.conftest import *  # noqa: F401,F403\n")
    pytester.makepyfile("""
        from clustermanager.ui.common.errors import show_error

        def test_it(shown_messages, qapp):
            show_error(None, RuntimeError("a bug"))
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.stdout.fnmatch_lines(["*unexpected-error dialog*"])
    assert result.ret != 0
