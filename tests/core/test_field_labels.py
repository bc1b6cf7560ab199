"""Validation messages name the field as people call it, in their language; programs keep the code."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import pytest

from clustermanager import i18n
from clustermanager.cli import main
from clustermanager.errors import ValidationError
from clustermanager.field_labels import FIELD_LABELS, field_label
from clustermanager.services import members as svc

PACKAGE = Path(__file__).resolve().parents[2] / "clustermanager"


@pytest.fixture
def language():
    yield i18n.set_language
    i18n.set_language("en")


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Enterprise number: is not valid ('0417.497.107')"),
    ("nl", "Ondernemingsnummer: is not valid ('0417.497.107')"),
    ("fr", "Numéro d'entreprise : is not valid ('0417.497.107')"),
])
def test_message_names_the_field_in_the_language(language, lang, expected):
    language(lang)
    exc = ValidationError("enterprise_number", "0417.497.107", "is not valid")
    assert str(exc) == expected
    assert exc.field == exc.problems[0].field == "enterprise_number"  # the code, for programs and forms


def test_labels_per_language_and_unknown_codes():
    assert field_label("joined_on", "nl") == "Lid sinds" and field_label("joined_on", "fr") == "Membre depuis"
    assert field_label("--today") == "--today"  # an option names itself


def test_service_error_in_dutch_and_french(session, language):
    for lang, label in (("nl", "Ondernemingsnummer"), ("fr", "Numéro d'entreprise")):
        language(lang)
        with pytest.raises(ValidationError) as info:
            svc.create_member(session, svc.MemberInput(name="Bad BV", kind="company", joined_on=dt.date(2025, 1, 1),
                                                       enterprise_number="0417.497.107"))
        assert str(info.value).startswith(label) and info.value.field == "enterprise_number"


def test_cli_json_keeps_the_code_while_the_text_uses_the_label(tmp_path, capsys, language):
    code = main(["--db", str(tmp_path / "x.cmdb"), "--lang", "fr", "--json", "members", "add", "--name", "Bad BV",
                 "--kind", "company", "--enterprise-number", "0417.497.107"])
    payload = json.loads(capsys.readouterr().err)
    assert code == 2 and payload["problems"][0]["field"] == "enterprise_number"
    assert payload["error"].startswith("Numéro d'entreprise :")


def test_every_field_code_raised_in_the_code_has_a_label():
    """ValidationError("code", ...) and FieldProblem("code", ...) anywhere in the package have a label
    (command-line options, `--today`, name themselves)."""
    codes = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in (
                    "ValidationError", "FieldProblem") and node.args and isinstance(node.args[0], ast.Constant):
                codes.add(node.args[0].value)
    missing = {c for c in codes if isinstance(c, str) and not c.startswith("-")} - set(FIELD_LABELS)
    assert not missing, f"add these to field_labels.FIELD_LABELS: {sorted(missing)}"
