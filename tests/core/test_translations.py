"""The catalogs cover every marked string of the sources, with the same placeholders."""

from __future__ import annotations

import gettext
import os

import pytest

from clustermanager import i18n, i18n_tools
from clustermanager.i18n import _, ngettext
from tests.helpers.log_isolation import fresh_log_file  # noqa: F401 (autouse fixture)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The sources' strings, extracted to a temporary .pot (the committed one may be stale)."""
    pot = i18n_tools.extract(tmp_path_factory.mktemp("pot") / "clustermanager.pot")
    return i18n_tools.read_po(pot)


@pytest.fixture
def english():
    yield
    i18n.set_language("en")


def test_every_user_visible_string_is_translated_in_every_catalog(template):
    assert len(template) > 50  # the extraction found the package's strings
    problems = i18n_tools.problems(template)
    assert not problems, "run `python -m clustermanager.i18n_tools update`, translate, then check:\n" + "\n".join(
        map(str, problems))


def _catalog(tmp_path, entries, fuzzy=()):
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="nl", domain="clustermanager")
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr, flags=["fuzzy"] if msgid in fuzzy else [])
    i18n_tools._write_po(i18n_tools.po_path("nl", tmp_path), catalog)


def test_the_check_reports_missing_empty_fuzzy_and_placeholder_mismatches(tmp_path):
    from babel.messages.catalog import Catalog

    template = Catalog(domain="clustermanager")
    for msgid in ["Kept", "Missing", "Empty", "Guessed", "Hello {name}", "{n} members"]:
        template.add(msgid)
    _catalog(tmp_path, {"Kept": "Behouden", "Empty": "", "Guessed": "Geraden", "Hello {name}": "Hallo {naam}",
                        "{n} members": "{n} leden"}, fuzzy={"Guessed"})
    found = {(p.msgid, p.reason.split(" (")[0]) for p in i18n_tools.problems(template, ["nl"], tmp_path)}
    assert found == {("Missing", "missing"), ("Empty", "untranslated"), ("Guessed", "fuzzy"),
                     ("Hello {name}", "placeholders differ")}


def test_a_missing_catalog_is_reported(tmp_path):
    from babel.messages.catalog import Catalog

    found = i18n_tools.problems(Catalog(), ["fr"], tmp_path)
    assert [p.reason for p in found] == ["catalog missing"]


@pytest.mark.parametrize(("text", "expected"), [
    ("{name} joined on {date:%d/%m/%Y}", ["date", "name"]),
    ("{s:.1f} s, {key!r}", ["key", "s"]),
    ("{{literal}} {n}", ["n"]),
    ("50% done", []),
])
def test_placeholders_are_the_format_fields(text, expected):
    assert i18n_tools.placeholders(text) == expected


def test_compiled_catalogs_translate_and_switch_languages(english, tmp_path):
    (path,) = [p for p in i18n_tools.compile_all(tmp_path) if p.parts[-3] == "nl"]
    with path.open("rb") as f:
        assert gettext.GNUTranslations(f).gettext("Members") == "Leden"
    assert i18n.set_language("fr") == "fr"
    assert _("Members") == "Membres"
    assert _("{n} members").format(n=3) == "3 membres"
    assert ngettext("Unknown {n}", "Unknown {n}s", 2) == "Unknown {n}s"  # no entry: the English text
    assert i18n.set_language("nl") == "nl"
    assert _("All checks passed.") == "Alle controles geslaagd."
    i18n.set_language("en")
    assert _("Members") == "Members"


def test_a_missing_or_outdated_catalog_is_compiled_on_first_use(monkeypatch, tmp_path, english):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.translations_for("nl").gettext("Members") == "Leden"
    compiled = tmp_path / "nl" / "LC_MESSAGES" / "clustermanager.mo"
    assert compiled.exists()
    compiled.write_bytes(b"")  # outdated: older than its source
    os.utime(compiled, (0, 0))
    assert i18n.translations_for("nl").gettext("Members") == "Leden"


def test_an_unknown_language_falls_back_to_the_system_language(monkeypatch, english):
    monkeypatch.setenv("LC_ALL", "fr_BE.UTF-8")
    assert i18n.set_language("xx") == "fr"
    assert i18n.LANGUAGES == {"en": "English", "nl": "Nederlands", "fr": "Français"}


def test_a_translator_for_one_language_leaves_the_apps_language_alone(english):
    i18n.set_language("en")
    dutch = i18n.translator("nl")
    assert dutch("Members") == "Leden"
    assert _("Members") == "Members"
    assert i18n.current_language() == "en"


def test_the_command_lines_help_and_usage_errors_are_translated(capsys, english):
    from clustermanager.cli import main

    with pytest.raises(SystemExit):
        main(["--lang", "nl", "check", "--help"])
    help_text = capsys.readouterr().out
    assert help_text.startswith("gebruik: ") and "toon deze hulp en stop" in help_text
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "check", "--bogus"])
    assert "erreur : arguments non reconnus : --bogus" in capsys.readouterr().err


def test_update_fills_new_strings_from_the_memory_and_never_guesses(tmp_path):
    from babel.messages.catalog import Catalog

    template = Catalog(domain="clustermanager")
    for msgid in ["Members", "Fee calls", "Fee call"]:
        template.add(msgid)
    for language, text in (("nl", "Bijdrage-aanvragen"), ("fr", "Appels de cotisation")):
        memory = Catalog(locale=language)
        memory.add("Fee calls", text)
        memory.add("Old text", "Oude tekst")
        i18n_tools._write_po(i18n_tools.memory_path(language, tmp_path), memory)
    _catalog(tmp_path, {"Members": "Leden"})
    i18n_tools.update(["nl", "fr"], tmp_path, template)
    updated = {m.id: m.string for m in i18n_tools.read_po(i18n_tools.po_path("nl", tmp_path)) if m.id}
    assert updated == {"Members": "Leden", "Fee calls": "Bijdrage-aanvragen", "Fee call": ""}
    french = {m.id: m.string for m in i18n_tools.read_po(i18n_tools.po_path("fr", tmp_path)) if m.id}
    assert french == {"Members": "", "Fee calls": "Appels de cotisation", "Fee call": ""}  # each its own memory
    assert (tmp_path / "clustermanager.pot").exists()


@pytest.fixture
def no_language_in_environment(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)


def test_windows_display_language_is_used_without_environment(monkeypatch, no_language_in_environment):
    monkeypatch.setattr(i18n.sys, "platform", "win32")
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: 0x0813)  # Dutch (Belgium)
    assert i18n.system_language() == "nl"
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: 0x0407)  # German: not spoken, so English
    assert i18n.system_language() == "en"


def test_macos_preferred_languages_are_used_without_environment(monkeypatch, tmp_path, no_language_in_environment):
    import plistlib

    prefs = tmp_path / "Library" / "Preferences"
    prefs.mkdir(parents=True)
    (prefs / ".GlobalPreferences.plist").write_bytes(plistlib.dumps({"AppleLanguages": ["fr-BE", "nl-BE"]},
                                                                    fmt=plistlib.FMT_BINARY))
    monkeypatch.setattr(i18n.sys, "platform", "darwin")
    monkeypatch.setattr(i18n.Path, "home", classmethod(lambda cls: tmp_path))
    assert i18n.system_language() == "fr"
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")  # a terminal's setting wins
    assert i18n.system_language() == "nl"


def test_a_refused_delete_names_what_the_member_has_in_the_users_language(demo_db, english):
    from clustermanager.errors import ValidationError
    from clustermanager.services import members as service

    i18n.set_language("nl")
    with demo_db.session() as s:
        used = next(r.id for r in service.list_members(s) if service.member_usage(s, r.id)["fee_calls"])
        with pytest.raises(ValidationError) as refused:
            service.delete_member(s, used)
    assert "bijdrage-aanvra" in str(refused.value) and "fee call" not in str(refused.value)
    assert ngettext("{n} fee call", "{n} fee calls", 1).format(n=1) == "1 bijdrage-aanvraag"
