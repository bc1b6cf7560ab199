"""What both statement parsers produce (`BankStatement` of `StatementLine`s) and what they share:
reading the file, telling the formats apart, a structured communication in free text, line errors."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from clustermanager import validation as v
from clustermanager.errors import FileFormatError, ValidationError
from clustermanager.i18n import _
from clustermanager.io.text_decoding import utf16_codec

CODA, CAMT053 = "coda", "camt053"
MAX_STATEMENT_BYTES = 50 * 1024 * 1024  # a year of a busy account is a few MB
# A structured communication typed as free text: +++090/9337/55493+++, ***...***, 090/9337/55493,
# or the 12 digits alone. Bare digits inside longer text are not trusted (an account number could pass).
_OGM_DELIMITED = re.compile(r"(?:\+{3}|\*{3})\s*(\d{3})\s*/?\s*(\d{4})\s*/?\s*(\d{5})\s*(?:\+{3}|\*{3})")
_OGM_SLASHED = re.compile(r"(?<!\d)(\d{3})/(\d{4})/(\d{5})(?!\d)")
_OGM_ALONE = re.compile(r"^\s*(\d{3})\s*(\d{4})\s*(\d{5})\s*$")


def structured_in_text(text: str | None) -> str | None:
    """The first valid structured communication written in free text, as 12 digits, else None."""
    if not text:
        return None
    for pattern in (_OGM_DELIMITED, _OGM_SLASHED, _OGM_ALONE):
        for match in pattern.finditer(text):
            try:
                return v.structured_communication("".join(match.groups()))
            except ValidationError:
                continue
    return None


@dataclass(frozen=True)
class StatementLine:
    """One booked movement. `amount` is signed: money in is positive."""

    line: int  # where it starts in the file (1-based), for messages
    bank_reference: str  # unique per movement across statements: what makes a re-import harmless
    booked_on: dt.date
    amount: Decimal
    counterparty_name: str | None
    counterparty_iban: str | None
    communication: str | None  # free text as the payer typed it
    structured_communication: str | None  # 12 digits when the bank gave a structured one


@dataclass(frozen=True)
class BankStatement:
    format: str
    account: str | None
    statement_id: str
    lines: tuple[StatementLine, ...]

    @property
    def credits(self) -> tuple[StatementLine, ...]:
        return tuple(line for line in self.lines if line.amount > 0)


def line_error(message: str, path: str | None, line: int) -> FileFormatError:
    """A FileFormatError saying 'line N' (a statement has lines, not rows); `row` holds N too."""
    error = FileFormatError(_("line {n}: {message}").format(n=line, message=message), path=path)
    error.row = line
    return error


def read_bytes(path: str | os.PathLike) -> bytes:
    target = Path(path)
    if not target.is_file():
        raise FileFormatError(_("the file does not exist"), path=str(path))
    if target.stat().st_size > MAX_STATEMENT_BYTES:
        raise FileFormatError(_("the file is too large for a bank statement"), path=str(path))
    return target.read_bytes()


def detect_format(data: bytes) -> str | None:
    """'camt053' for ISO 20022 statement XML, 'coda' for CODA records, else None."""
    codec = utf16_codec(data)
    if codec is not None:  # UTF-16 XML (the parser reads it as it is) or UTF-16 text
        data = data[:8192].decode(codec, errors="replace").lstrip("\ufeff").encode("utf-8", "replace")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return CAMT053 if b"camt.053" in data[:4096] or b"BkToCstmrStmt" in data[:20000] else None
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    if first.startswith(b"0000") and len(first) <= 128 and first[127:128] in (b"1", b"2", b""):
        return CODA
    return None
