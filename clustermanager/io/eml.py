"""Draft e-mails as `.eml` files (RFC 5322, the standard library's `email` package).

Outlook opens a file with `X-Unsent: 1` as a draft ready to send (with a Send button); Apple Mail and
Thunderbird open any `.eml`. Display names with accents are encoded as RFC 2047 words by
`email.headerregistry.Address`, the body is UTF-8, attachments are base64.
"""

from __future__ import annotations

import mimetypes
import os
import re
import unicodedata
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from clustermanager.io.atomic import atomic_write


@dataclass(frozen=True)
class Attachment:
    file_name: str
    content: bytes
    mime_type: str | None = None  # guessed from the file name when None


def address(name: str, email: str) -> Address:
    local, _, domain = email.partition("@")
    return Address(display_name=" ".join((name or "").split()), username=local, domain=domain)


def build_draft(*, sender: Address | None, to: Address, subject: str, body: str,
                attachments: tuple[Attachment, ...] | list[Attachment] = (), reply_to: Address | None = None,
                headers: dict[str, str] | None = None) -> EmailMessage:
    msg = EmailMessage(policy=policy.SMTP)
    msg["X-Unsent"] = "1"
    if sender is not None:
        msg["From"] = sender
    msg["To"] = to
    if reply_to is not None:
        msg["Reply-To"] = reply_to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.domain if sender is not None and sender.domain else None)
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    for a in attachments:
        kind = a.mime_type or mimetypes.guess_type(a.file_name)[0] or "application/octet-stream"
        main, _, sub = kind.partition("/")
        params = {"method": "PUBLISH"} if kind == "text/calendar" else {}
        msg.add_attachment(a.content, maintype=main, subtype=sub, filename=a.file_name, params=params)
    return msg


ADDRESS_HEADERS = ("From", "To", "Cc", "Reply-To")


def needs_utf8(msg: EmailMessage) -> bool:
    """An address with accents in it (zoë@…): it cannot be an encoded word (RFC 2047 forbids that in
    an address), so the message is written with UTF-8 headers (RFC 6532), as mail programs read them."""
    return any(not a.addr_spec.isascii() for h in ADDRESS_HEADERS for a in getattr(msg[h], "addresses", ()))


def write_eml(msg: EmailMessage, path: str | os.PathLike) -> Path:
    data = msg.as_bytes(policy=policy.SMTPUTF8 if needs_utf8(msg) else policy.SMTP)
    with atomic_write(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def safe_file_name(text: str, max_length: int = 80) -> str:
    """A file name from any text: accents dropped, only letters, digits, dashes and dots."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^A-Za-z0-9.-]+", "-", plain).strip("-.")
    return (plain or "x")[:max_length].rstrip("-.")
