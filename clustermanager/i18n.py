"""One translation system for the core and the window: gettext catalogs.

Sources (.po) live under `resources/translations/`; compiled catalogs (.mo) under
`clustermanager/locale/<lang>/LC_MESSAGES/clustermanager.mo`. Mark strings with `_()`; a string
that must be translated later (a module-level constant) with `N_()` and pass it to `_()` on use.
"""

from __future__ import annotations

import gettext
import locale
import os
from pathlib import Path

DOMAIN = "clustermanager"
LANGUAGES = {"en": "English", "nl": "Nederlands", "fr": "Français"}
LOCALE_DIR = Path(__file__).parent / "locale"

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
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True)


def set_language(language: str | None) -> str:
    """Switch the language of everything that calls `_()` from now on; returns the language used."""
    global _translations, _language
    language = language if language in LANGUAGES else system_language()
    _translations = translations_for(language)
    _language = language
    return language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
