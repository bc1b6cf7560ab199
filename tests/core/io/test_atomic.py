"""atomic_write: the old file survives a crash mid-write; a locked target is named in the message."""

from __future__ import annotations

import os

import pytest

from clustermanager.errors import UserError
from clustermanager.io.atomic import atomic_write


def test_writes_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    with atomic_write(target) as tmp:
        tmp.write_text("new", encoding="utf-8")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "new"
    assert list(tmp_path.iterdir()) == [target]


def test_crash_mid_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "report.xlsx"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("the exporter crashed")
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_target_locked_by_another_program_names_the_file(tmp_path, monkeypatch):
    target = tmp_path / "members.xlsx"
    target.write_text("old", encoding="utf-8")

    def locked(src, dst):  # what Windows says when Excel holds the file open
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(UserError, match="members.xlsx") as info, atomic_write(target) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert "open in another program" in str(info.value)
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises((UserError, PermissionError)), atomic_write(folder / "x.txt") as tmp:
            tmp.write_text("x")
    finally:
        folder.chmod(0o700)


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(UserError, match="nowhere"), atomic_write(tmp_path / "nowhere" / "x.txt"):
        pass
