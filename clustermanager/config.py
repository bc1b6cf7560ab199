"""Where files go (platformdirs) and the few settings that live outside the database."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "ClusterManager"
APP_AUTHOR = "ClusterManager"
DATABASE_SUFFIX = ".cmdb"


def data_dir() -> Path:
    """The user's data folder; `CLUSTERMANAGER_HOME` overrides it (tests, portable installs)."""
    override = os.environ.get("CLUSTERMANAGER_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    return log_dir() / "clustermanager.log"


def default_database_path() -> Path:
    return data_dir() / f"cluster{DATABASE_SUFFIX}"


def settings_file() -> Path:
    return data_dir() / "settings.json"


@dataclass
class AppSettings:
    """Per-user preferences; cluster data never lives here, only in the database."""

    language: str = ""  # empty: follow the system
    appearance: str = "system"  # the window's colours: "system" (follow the desktop), "light" or "dark"
    last_database: str = ""
    recent_databases: list[str] = field(default_factory=list)
    backup_keep_days: int = 14

    @classmethod
    def load(cls) -> AppSettings:
        path = settings_file()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def save(self) -> None:
        path = settings_file()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(tmp, path)

    def remember_database(self, location: str, keep: int = 8) -> None:
        self.last_database = location
        self.recent_databases = [location, *(d for d in self.recent_databases if d != location)][:keep]
