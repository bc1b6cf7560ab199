"""Quick mailings: `mailto:` links with the addresses in Bcc, in groups a mail program accepts."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

GROUP_SIZE = 50  # Outlook and most providers refuse more recipients per message, and long links


def bcc_groups(addresses: Iterable[str], size: int = GROUP_SIZE) -> list[list[str]]:
    """The addresses (doubles removed, order kept) cut into groups of `size`."""
    if size < 1:
        raise ValueError("size must be at least 1")
    unique = list(dict.fromkeys(a.strip() for a in addresses if a and a.strip()))
    return [unique[i:i + size] for i in range(0, len(unique), size)]


def mailto_link(bcc: list[str], *, to: str | None = None, subject: str | None = None) -> str:
    """`mailto:to?bcc=a,b&subject=...`; commas separate addresses, the rest is percent-encoded."""
    query = ["bcc=" + ",".join(quote(a, safe="@") for a in bcc)]
    if subject:
        query.append("subject=" + quote(subject, safe=""))
    return f"mailto:{quote(to, safe='@') if to else ''}?" + "&".join(query)
