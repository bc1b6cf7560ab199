"""The files a draft carries: the member's invoice (and e-invoice, when the invoicing produces one),
a reminder letter, the activity's calendar invitation.

The invoice files come from the invoicing code (`reports.invoices.export_invoices` with `ubl`), not
from a copy of it: the PDF and, for a member who receives structured e-invoices, the validated UBL file.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from clustermanager.io.eml import Attachment
from clustermanager.reports import invoices
from clustermanager.services import fees


class AttachmentCache:
    """Builds each file once per mailing (two contacts of one member share their member's invoice)."""

    def __init__(self, session: Session, today: dt.date | None = None):
        self.session = session
        self.today = today or dt.date.today()
        self._done: dict[tuple, tuple[Attachment, ...]] = {}
        self._folder = tempfile.TemporaryDirectory(prefix="clustermanager-mail-")

    def close(self) -> None:
        self._folder.cleanup()

    def __enter__(self) -> AttachmentCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _files(self, key: tuple, make) -> tuple[Attachment, ...]:
        if key not in self._done:
            folder = Path(self._folder.name) / "-".join(map(str, key))
            folder.mkdir(parents=True, exist_ok=True)
            self._done[key] = tuple(Attachment(p.name, p.read_bytes()) for p in make(folder))
        return self._done[key]

    def invoice(self, call: fees.FeeCallRow, lang: str) -> tuple[Attachment, ...]:
        def make(folder: Path) -> list[Path]:
            return invoices.export_invoices(self.session, call.year, folder, call_ids=[call.id], lang=lang, ubl=True)
        return self._files(("invoice", call.id, lang), make)

    def reminder(self, call: fees.FeeCallRow, lang: str) -> tuple[Attachment, ...]:
        def make(folder: Path) -> list[Path]:
            data = invoices.load_invoice_data(self.session, [call.id], lang)
            name = "reminder-" + data[0].file_name().split("-", 1)[1]
            return [invoices.write_batch(data, folder / name, reminders=True, today=self.today)]
        return self._files(("reminder", call.id, lang), make)

    def calendar(self, file_name: str, content: bytes) -> tuple[Attachment, ...]:
        return (Attachment(file_name, content, "text/calendar"),)
