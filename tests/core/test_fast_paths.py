"""The import's fast paths give exactly what the general code gives (they exist only for speed)."""

from __future__ import annotations

import datetime as dt
import enum
import json
import random
from decimal import Decimal

import pytest
from stdnum.be import vat as be_vat
from stdnum.exceptions import ValidationError as StdnumError

from clustermanager import validation
from clustermanager.change_recording import values
from clustermanager.errors import ValidationError


def _stdnum(text: str):
    try:
        return be_vat.validate(text)
    except StdnumError:
        return "refused"


def _ours(text: str):
    try:
        return validation.enterprise_number(text)
    except ValidationError:
        return "refused"


def test_ten_digit_enterprise_numbers_agree_with_stdnum():
    rng = random.Random(5)
    samples = [f"{rng.randrange(10**10):010d}" for _ in range(3000)]
    samples += [f"0{b}{97 - b % 97:02d}" for b in (rng.randrange(1_000_000, 9_999_999) for _ in range(3000))]
    samples += ["0000000000", "0417497106", "1417497106", "2417497106", "0417497107", "٠٤١٧٤٩٧١٠٦"]
    assert [_ours(s) for s in samples] == [_stdnum(s) for s in samples]
    assert sum(_ours(s) != "refused" for s in samples) > 1000  # the fast path was taken


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme NV", "Acme NV"), ("  Acme  ", "Acme"), ("x" * 200, "x" * 200), ("a\tb", "a\tb"), ("é", "é"),
    (1234, "1234"), ("   ", None),
    ("a\x1bb", "invisible control character (U+001B) at position 2"),
    ("a\u202eb", "invisible control character (U+202E) at position 2"), ("a\x00b", "NUL"),
    ("x" * 201, "longer than 200"), ("é" * 201, "longer than 200")])
def test_clean_text_same_answers_on_both_paths(text, expected):
    try:
        result = validation.clean_text(text, "name")
    except ValidationError as exc:
        result = exc.problems[0].message
        assert expected in result
    else:
        assert result == expected


class Colour(enum.StrEnum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


class Plain(enum.Enum):
    ONE = "one"


def test_history_values_encode_as_before():
    row = {"kind": Colour.RED, "level": Level.HIGH, "plain": Plain.ONE, "amount": Decimal("12.50"),
           "day": dt.date(2025, 1, 2), "at": dt.datetime(2025, 1, 2, 3, 4, 5), "name": "Café", "none": None,
           "yes": True, "share": 0.5}
    expected = json.dumps({k: values.encode(v) for k, v in row.items()}, ensure_ascii=False, separators=(",", ":"))
    assert values.dumps(row) == expected
    with pytest.raises(TypeError):
        values.dumps({"odd": object()})
