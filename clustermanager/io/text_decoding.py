"""Bytes of a text file to text, as Excel and Belgian PCs write them, and a clear word when they are not text.

Excel's "Unicode Text" export is UTF-16 (little-endian, with a byte-order mark, tab-separated); other
tools write UTF-16 without the mark. UTF-8 (with or without mark) is tried next, then Windows-1252.
"""

from __future__ import annotations

from clustermanager.errors import FileFormatError
from clustermanager.i18n import _

_SAMPLE = 4096


def utf16_codec(data: bytes) -> str | None:
    """'utf-16' (with a byte-order mark), 'utf-16-le' or 'utf-16-be' (without: every other byte zero), else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > 0.4 and zero_even < 0.05:  # 'n\x00a\x00a\x00m\x00': ASCII-heavy text, low byte first
        return "utf-16-le"
    if zero_even > 0.4 and zero_odd < 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> str:
    """UTF-16 (with or without byte-order mark), UTF-8 (with or without), else Windows-1252."""
    codec = utf16_codec(data)
    if codec is not None:
        return data.decode(codec, errors="replace").lstrip("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def refuse_nul(text: str, path: str) -> None:
    """A NUL character is never in a text file: say where, what the file probably is and what to do."""
    at = text.find("\x00")
    if at < 0:
        return
    line = text.count("\n", 0, at) + 1
    error = FileFormatError(_(
        "This is not a plain text (CSV) file: line {line} contains a NUL character (byte 0), which text never "
        "holds; it may be a binary or damaged file. In Excel, use Save as > \"CSV UTF-8 (comma delimited)\" or "
        "\"Unicode Text\" and import that file.").format(line=line), path=path)
    error.row = line
    raise error
