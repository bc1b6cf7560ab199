"""One translation system for the core and the window: gettext catalogs.

Sources (.po) live under `resources/translations/`; compiled catalogs (.mo) under
`clustermanager/locale/<lang>/LC_MESSAGES/clustermanager.mo`. Mark strings with `_()`; a string
that must be translated later (a module-level constant) with `N_()` and pass it to `_()` on use.
The .mo files are build products: the installers compile them (`clustermanager.i18n_tools compile`),
and in a checkout a missing or outdated one is compiled here on first use (see docs/translations.md).
"""

from __future__ import annotations

import gettext
import io
import locale
import os
from pathlib import Path

DOMAIN = "clustermanager"
LANGUAGES = {"en": "English", "nl": "Nederlands", "fr": "Français"}
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"  # only in a checkout

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value[:2] in LANGUAGES:
            return value[:2]
    try:
        code = (locale.getlocale()[0] or "")[:2]
    except ValueError:
        code = ""
    return code if code in LANGUAGES else "en"


def translations_for(language: str) -> gettext.NullTranslations:
    """The catalog of one language (English, the source language, has none: the text is the msgid)."""
    compiled = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    source = SOURCE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if source.exists() and (not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime):
        from clustermanager import i18n_tools  # Babel, only needed in a checkout

        try:
            i18n_tools.compile_mo(language, LOCALE_DIR)
        except OSError:  # a read-only checkout: compile in memory
            return gettext.GNUTranslations(io.BytesIO(i18n_tools.mo_bytes(source)))
    if not compiled.exists():
        return gettext.NullTranslations()
    # Read the file directly: gettext.translation() caches by path and would miss a recompiled catalog.
    with compiled.open("rb") as f:
        return gettext.GNUTranslations(f)


def set_language(language: str | None) -> str:
    """Switch the language of everything that calls `_()` from now on; returns the language used."""
    global _translations, _language
    language = language if language in LANGUAGES else system_language()
    _translations = translations_for(language)
    _language = language
    return language


def current_language() -> str:
    return _language


def translator(language: str):
    """`_` for one language, without switching the app's (a report for the agency in Dutch while the
    app runs in English; safe on a worker thread). Use it as `_ = translator(lang)` so extraction sees it."""
    return translations_for(language if language in LANGUAGES else "en").gettext


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
