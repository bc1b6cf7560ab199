"""A contact list for newsletter tools (Mailchimp, Brevo, Sendinblue, Laposta): a UTF-8 CSV file with
e-mail, first and last name, organisation, language and tags. Who may be on it is decided by the
caller (services.selections: consent only)."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from clustermanager.io.atomic import atomic_write
from clustermanager.io.excel_safety import safe_cell_value

COLUMNS = ("email", "first_name", "last_name", "organisation", "language", "tags")


@dataclass(frozen=True)
class NewsletterRow:
    email: str
    first_name: str
    last_name: str
    organisation: str
    language: str
    tags: tuple[str, ...] = ()


def write_newsletter_csv(rows: Iterable[NewsletterRow], path: str | os.PathLike) -> Path:
    """Comma-separated, UTF-8 with a byte order mark (Excel reads the accents right); tags joined by
    commas in one quoted column, which the common tools import as a tag list."""
    with atomic_write(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for r in rows:
            out.writerow([_text(r.email), _text(r.first_name), _text(r.last_name), _text(r.organisation),
                          r.language, _text(",".join(r.tags))])
    return Path(path)


def _text(value: str) -> str:
    cleaned = safe_cell_value(value or "")
    return cleaned if isinstance(cleaned, str) else str(cleaned)
