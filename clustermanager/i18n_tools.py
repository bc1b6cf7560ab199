"""Maintain the translation catalogs: `python -m clustermanager.i18n_tools extract|update|compile|check`.

    extract   scan the sources into resources/translations/clustermanager.pot
    update    extract, then merge the template into every language's .po; a new string is filled from
              the translation memory (resources/translations/memory) or left empty
    compile   write clustermanager/locale/<lang>/LC_MESSAGES/clustermanager.mo from the .po files
    check     list strings that are missing, empty, fuzzy or whose {placeholders} differ; exit 1 if any

The .mo files are build products (not in git): `compile` runs in the PyInstaller spec, and `i18n`
compiles a stale or missing catalog on first use in a checkout. Babel is only needed here.
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from clustermanager.i18n import DOMAIN, LANGUAGES, LOCALE_DIR

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "resources" / "translations"
MAPPING = SOURCES / "babel.cfg"
TEMPLATE = SOURCES / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
CATALOG_LANGUAGES = [code for code in LANGUAGES if code != "en"]  # English is the source language
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)?(?:[:!][^{}]*)?\}")


def po_path(language: str, sources: Path = SOURCES) -> Path:
    return sources / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def extract_catalog(root: Path = ROOT):
    """All marked strings of the package, as a Babel catalog (nothing written)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with MAPPING.open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    catalog = Catalog(project="ClusterManager", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read_po(path: Path):
    from babel.messages.pofile import read_po as _read

    with path.open("rb") as f:
        in_tree = path.parent.name == "LC_MESSAGES"  # <lang>/LC_MESSAGES/clustermanager.po; a .pot has none
        return _read(f, locale=path.parent.parent.name if in_tree else None, domain=DOMAIN)


def _write_po(path: Path, catalog, **options) -> None:
    """Write a .po/.pot sorted, with file names but no line numbers, and only when something changed:
    the catalogs stay quiet in diffs and merges (a moved line or a new date is not a change)."""
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    # no "#: file" lines: catalogs then change only where a string does, so branches merge cleanly
    write_po(buffer, catalog, width=110, sort_output=True, no_location=True, **options)
    new = buffer.getvalue()
    if path.exists() and _without_dates(path.read_bytes()) == _without_dates(new):
        return
    path.write_bytes(new)


def _without_dates(content: bytes) -> bytes:
    return re.sub(rb'^"(POT-Creation-Date|PO-Revision-Date): .*$', b"", content, flags=re.MULTILINE)


def extract(target: Path = TEMPLATE) -> Path:
    _write_po(target, extract_catalog())
    return target


def update(languages: Iterable[str] = CATALOG_LANGUAGES, sources: Path = SOURCES, template=None) -> list[Path]:
    from babel.messages.catalog import Catalog

    template = template if template is not None else extract_catalog()
    _write_po(sources / TEMPLATE.name, template)
    written = []
    for language in languages:
        path = po_path(language, sources)
        catalog = read_po(path) if path.exists() else Catalog(locale=language, domain=DOMAIN, project="ClusterManager")
        # No fuzzy guesses: a guessed translation is worse than an empty one that `check` reports.
        # A copy each time: Babel puts the template's own Message objects into the catalog, and a string
        # filled in for one language would otherwise appear in the next.
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
        _fill_from_memory(catalog, memory_path(language, sources))
        _write_po(path, catalog, ignore_obsolete=True, include_previous=False)
        written.append(path)
    return written


def memory_path(language: str, sources: Path = SOURCES) -> Path:
    """Translations made ahead of time for strings of branches not merged yet (exact msgid match)."""
    return sources / "memory" / f"{language}.po"


def _fill_from_memory(catalog, memory: Path) -> int:
    """Fill the catalog's empty entries whose exact English text the memory translates; returns how many."""
    if not memory.exists():
        return 0
    known = read_po(memory)
    filled = 0
    for message in catalog:
        if not message.id or any(message.string if isinstance(message.string, tuple) else (message.string,)):
            continue
        entry = known.get(message.id, context=message.context)
        if entry is not None and not entry.fuzzy and entry.string:
            message.string = entry.string
            filled += 1
    return filled


def compile_mo(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Compile one language's .po into its .mo (fuzzy entries are left out, like msgfmt)."""
    target = mo_path(language, locale_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Beside the target, then renamed: another process starting meanwhile never reads half a file.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(mo_bytes(po_path(language)))
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def mo_bytes(po: Path) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, read_po(po), use_fuzzy=False)
    return buffer.getvalue()


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return [compile_mo(language, locale_dir) for language in CATALOG_LANGUAGES]


def placeholders(text: str) -> list[str]:
    """The `{name}` fields of a str.format() string, sorted (`{{` is a literal brace)."""
    return sorted(m.group(1) or "" for m in _PLACEHOLDER.finditer(text.replace("{{", "").replace("}}", "")))


@dataclass(frozen=True)
class Problem:
    language: str
    msgid: str
    reason: str

    def __str__(self) -> str:
        return f"{self.language}: {self.reason}: {self.msgid!r}"


def problems(template=None, languages: Iterable[str] = CATALOG_LANGUAGES, sources: Path = SOURCES) -> list[Problem]:
    """Everything that keeps a catalog from being complete and correct for the current sources."""
    template = template if template is not None else extract_catalog()
    found: list[Problem] = []
    for language in languages:
        path = po_path(language, sources)
        if not path.exists():
            found.append(Problem(language, str(path), "catalog missing"))
            continue
        catalog = read_po(path)
        for message in template:
            if not message.id:
                continue
            entry = catalog.get(message.id, context=message.context)
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if entry is None:
                found.append(Problem(language, key, "missing"))
                continue
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            if entry.fuzzy:
                found.append(Problem(language, key, "fuzzy"))
            elif not all(strings):
                found.append(Problem(language, key, "untranslated"))
            else:
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                expected = placeholders(ids[-1])
                for translated in strings:
                    if sorted(set(placeholders(translated))) != sorted(set(expected)):
                        found.append(Problem(language, key, f"placeholders differ ({translated!r})"))
                        break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clustermanager.i18n_tools", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["extract", "update", "compile", "check"])
    args = parser.parse_args(argv)
    if args.command == "extract":
        print(extract())
    elif args.command == "update":
        for path in update():
            print(path)
    elif args.command == "compile":
        for path in compile_all():
            print(path)
    else:
        found = problems()
        for problem in found:
            print(problem)
        print(f"{len(found)} problem(s)" if found else "All catalogs complete.")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
