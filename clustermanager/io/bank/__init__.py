"""Bank statements: CODA (Belgian banks' fixed-width format) and ISO 20022 camt.053 XML.

Both parsers turn a file into one `BankStatement` of `StatementLine`s, or raise FileFormatError
naming the line; nothing is written to the database here (see services.bank_import).
"""

from __future__ import annotations

import os

from clustermanager.i18n import _
from clustermanager.io.bank import camt053, coda
from clustermanager.io.bank.statement import (
    CAMT053,
    CODA,
    MAX_STATEMENT_BYTES,
    BankStatement,
    StatementLine,
    detect_format,
    line_error,
    read_bytes,
    structured_in_text,
)
from clustermanager.io.text_decoding import utf16_codec

__all__ = ["CAMT053", "CODA", "MAX_STATEMENT_BYTES", "BankStatement", "StatementLine", "detect_format",
           "line_error", "parse_statement", "read_bytes", "structured_in_text"]


def parse_statement(path: str | os.PathLike) -> BankStatement:
    """Read a CODA or camt.053 file, whichever it is."""
    data = read_bytes(path)
    kind = detect_format(data)
    if kind == CODA:
        return coda.parse(data, path=str(path))
    if kind == CAMT053:
        return camt053.parse(data, path=str(path))
    if utf16_codec(data) is not None:
        raise line_error(_("this is UTF-16 text but neither a CODA statement nor a camt.053 XML statement; export "
                           "the statement again from your bank as CODA or camt.053"), str(path), 1)
    raise line_error(_("this is neither a CODA statement nor a camt.053 XML statement"), str(path), 1)
