"""History, undo and the trash (docs/history.md). Qt-free; the recorder is installed by `db.open_database`."""

from clustermanager.change_recording.recorder import SESSION_KEY, current_user, install, paused, recording

__all__ = ["SESSION_KEY", "current_user", "install", "paused", "recording"]
