"""One translation system for the core and the window: gettext catalogs.

Sources (.po) live under `resources/translations/`; compiled catalogs (.mo) under
`clustermanager/locale/<lang>/LC_MESSAGES/clustermanager.mo`. Mark strings with `_()`; a string
that must be translated later (a module-level constant) with `N_()` and pass it to `_()` on use.
The .mo files are build products: the installers compile them (`clustermanager.i18n_tools compile`),
and in a checkout a missing or outdated one is compiled here on first use (see docs/translations.md).
"""

from __future__ import annotations

import contextlib
import gettext
import io
import locale
import os
import sys
from pathlib import Path

DOMAIN = "clustermanager"
LANGUAGES = {"en": "English", "nl": "Nederlands", "fr": "Français"}
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"  # only in a checkout

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def system_language() -> str:
    """The user's language if the app speaks it, else English. The environment first (Linux, a
    terminal); an app started from the Start menu or the Finder has none, so then the system's own
    setting: Windows' display language, macOS's preferred languages."""
    candidates = [os.environ.get(var, "") for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    candidates += _platform_languages()
    for value in candidates:
        if value[:2].lower() in LANGUAGES:
            return value[:2].lower()
    return "en"


def _platform_languages() -> list[str]:
    with contextlib.suppress(Exception):  # never fail to start over a language
        if sys.platform == "win32":
            return [locale.windows_locale.get(_windows_ui_language(), "")]
        if sys.platform == "darwin":
            return _macos_languages(Path.home())
    with contextlib.suppress(ValueError):
        return [locale.getlocale()[0] or ""]
    return []


def _windows_ui_language() -> int:
    import ctypes

    return ctypes.windll.kernel32.GetUserDefaultUILanguage()


def _macos_languages(home: Path) -> list[str]:
    """System Settings > Language & Region, in order ("nl-BE", "en-BE", ...)."""
    import plistlib

    with (home / "Library" / "Preferences" / ".GlobalPreferences.plist").open("rb") as f:
        return [str(code) for code in plistlib.load(f).get("AppleLanguages", [])]


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


_catalogs: dict[str, tuple[float, gettext.NullTranslations]] = {}


def translator(language: str | None):
    """`_` for one language, without switching the app's (a report for the agency in Dutch while the
    app runs in English; safe on a worker thread). Use it as `_ = translator(lang)` so extraction sees it.
    None means the app's current language. Catalogs are kept (until their .po changes): a report
    asks for one per table and label."""
    language = _language if language is None else (language if language in LANGUAGES else "en")
    source = SOURCE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    stamp = source.stat().st_mtime if source.exists() else 0.0
    cached = _catalogs.get(language)
    if cached is None or cached[0] != stamp:
        cached = _catalogs[language] = (stamp, translations_for(language))
    return cached[1].gettext


def plural_translator(language: str | None):
    """`ngettext` for one language, as `translator` gives `_` (use it as `ngettext = plural_translator(lang)`)."""
    translator(language)  # loads (or refreshes) the catalog
    return _catalogs[_language if language is None else (language if language in LANGUAGES else "en")][1].ngettext


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
