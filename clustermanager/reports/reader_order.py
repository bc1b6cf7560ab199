"""Lists the way a Dutch or French reader expects them: sorted without regard to case or accents
(`Ébénisterie` between `Ebben` and `Eclat`, `de Smet` beside `De Smet`), and counted in words
("102 members", not "102 lines")."""

from __future__ import annotations

import unicodedata

from clustermanager.formatting import format_number
from clustermanager.i18n import plural_translator


def reader_key(text: str | None) -> tuple[str, str]:
    """A sort key: accents and case ignored (then the exact text, so the order is stable)."""
    text = text or ""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return bare.casefold().strip(), text


def row_count(noun: str, n: int, lang: str | None = None) -> str:
    """`n` rows of a list in words, in `lang` (None: the app's): "102 members", "1 activity"."""
    ngettext = plural_translator(lang)
    texts = {
        "members": ngettext("{n} member", "{n} members", n),
        "fee_calls": ngettext("{n} fee call", "{n} fee calls", n),
        "payments": ngettext("{n} payment", "{n} payments", n),
        "contributions": ngettext("{n} contribution", "{n} contributions", n),
        "activities": ngettext("{n} activity", "{n} activities", n),
        "projects": ngettext("{n} project", "{n} projects", n),
    }
    return texts.get(noun, ngettext("{n} line", "{n} lines", n)).format(n=format_number(n, lang))
