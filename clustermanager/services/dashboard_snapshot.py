"""The dashboard's last figures, kept in the database they were computed from (docs/performance.md).

At start-up the window shows them at once, marked with the moment they were computed, while the
fresh ones are computed; then the fresh ones replace them and are kept in their turn. Kept in the
database itself (the `setting` row `dashboard.last_figures`), so figures are never shown for another
database: a copy or a restored backup carries the figures of its own data.

What is kept is what the dashboard showed (the texts of its cards, in the language they were written
in): showing them needs neither SQLAlchemy nor the number formats, only the standard library's
`sqlite3` (`read_from_file`), so the window can show them before the rest of the app is loaded.
Written outside the history (`session.connection()`): a kept picture of the figures is no change a
user made or could undo.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path

KEY = "dashboard.last_figures"
FORMAT = 1  # bumped when the stored shape changes: an older snapshot is then ignored


@dataclass(frozen=True)
class CardText:
    value: str
    note: str = ""
    tone: str | None = None  # "warning": the card is drawn red
    tooltip: str = ""  # shown over the card (the targets card states its rule)


@dataclass(frozen=True)
class BarText:
    label: str
    count: int
    text: str  # the count as the language writes it


@dataclass(frozen=True)
class DashboardSnapshot:
    computed_at: str  # ISO date-time, local time of the computer that computed them
    language: str  # the language the texts are in
    title: str | None  # the cluster's name
    day: str  # ISO date the figures are for
    computed_text: str  # `computed_at` as the language writes it ("1 Dec 2026, 23:10")
    cards: dict[str, CardText] = field(default_factory=dict)  # by card key ("active", "extra:<target>")
    kinds: tuple[BarText, ...] = ()
    sizes: tuple[BarText, ...] = ()

    @property
    def computed(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.computed_at)

    def to_json(self) -> str:
        data = asdict(self)
        data["format"] = FORMAT
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str | None) -> DashboardSnapshot | None:
    """The snapshot in `text`; None for anything that is not one of this format (never an error:
    a kept picture that cannot be read is simply not shown)."""
    try:
        data = json.loads(text or "null")
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        snapshot = DashboardSnapshot(
            computed_at=str(data["computed_at"]), language=str(data["language"]),
            title=None if data.get("title") is None else str(data["title"]), day=str(data["day"]),
            computed_text=str(data.get("computed_text") or data["computed_at"]),
            cards={str(k): CardText(str(v["value"]), str(v.get("note") or ""), v.get("tone") or None,
                                     str(v.get("tooltip") or ""))
                   for k, v in dict(data.get("cards") or {}).items()},
            kinds=tuple(BarText(str(b["label"]), int(b["count"]), str(b["text"])) for b in data.get("kinds") or ()),
            sizes=tuple(BarText(str(b["label"]), int(b["count"]), str(b["text"])) for b in data.get("sizes") or ()),
        )
        snapshot.computed  # noqa: B018 (a date that does not parse: not a snapshot)
        dt.date.fromisoformat(snapshot.day)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return snapshot


def sqlite_file(location) -> Path | None:
    """The SQLite file a database location names (a path or a sqlite:/// URL); None for a server, an
    in-memory database or no file yet."""
    text = str(location or "")
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    elif "://" in text or text in ("", ":memory:"):
        return None
    path = Path(text).expanduser()
    return path if path.is_file() else None


def read_from_file(location) -> DashboardSnapshot | None:
    """The snapshot kept in the SQLite file at `location`, read with the standard library only and
    read-only; None when there is none or the file cannot be read (a new, locked or damaged file)."""
    path = sqlite_file(location)
    if path is None:
        return None
    with contextlib.suppress(sqlite3.Error, OSError, ValueError):
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            row = connection.execute("SELECT value FROM setting WHERE key = ?", (KEY,)).fetchone()
        finally:
            connection.close()
        return from_json(row[0]) if row else None
    return None


def load(session) -> DashboardSnapshot | None:
    """The snapshot kept in the session's database (any backend)."""
    from sqlalchemy import select

    from clustermanager.models import Setting

    return from_json(session.scalar(select(Setting.value).where(Setting.key == KEY)))


def save(session, snapshot: DashboardSnapshot) -> None:
    """Keep `snapshot` in the session's database, replacing the one before (outside the history)."""
    from sqlalchemy import insert, update

    from clustermanager.models import Setting
    from clustermanager.models.base import utcnow

    table = Setting.__table__
    connection = session.connection()
    text = snapshot.to_json()
    changed = connection.execute(update(table).where(table.c.key == KEY)
                                 .values(value=text, updated_at=utcnow(), version=table.c.version + 1))
    if not changed.rowcount:
        connection.execute(insert(table).values(key=KEY, value=text))
