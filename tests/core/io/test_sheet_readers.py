"""The two readers of io/sheets give the same values: calamine (plain sheets, at once) and openpyxl
(every other sheet, streaming). Each awkward workbook is read both ways and compared cell by cell;
the sheets calamine would read differently (error cells, _xHHHH_ escapes) or could not afford (cells
far apart) must go to openpyxl."""

from __future__ import annotations

import datetime as dt

import pytest

from clustermanager.errors import FileFormatError
from clustermanager.io import sheet_calamine, sheets
from tests.core.io.awkward_books import book, cell, row

SHARED = [
    "<t>Naam</t>", "<t>Postcode</t>", "<t>Ondernemingsnummer</t>", "<t>Bedrag</t>", "<t>Datum</t>",
    "<t>0123</t>", "<t>0403.170.701</t>", "<t>BE0403170701</t>",
    '<r><t xml:space="preserve">Acme </t></r><r><rPr><b/><sz val="11"/></rPr><t>NV</t></r>',
    '<t xml:space="preserve">  spaced  </t>', '<t xml:space="preserve">   </t>', "<t></t>",
    "<t>Zoë Lüttich – Liège 😀</t>", "<t>a&#10;b\tc</t>", "<t>&amp; &lt;b&gt; \"q\"</t>", "<t>1e5</t>",
    "<t>TRUE</t>", "<t>=SUM(A1)</t>", "<t>Ledenlijst 2025</t>", "<t>9000</t>",
]
S = {text: str(i) for i, text in enumerate(["Naam", "Postcode", "Ondernemingsnummer", "Bedrag", "Datum", "0123",
                                           "0403.170.701", "BE0403170701", "Acme NV", "spaced", "blank", "empty",
                                           "unicode", "newline", "escapes", "1e5", "TRUE", "formula-text",
                                           "title", "9000"])}

NUMBERS = ["5", "5.5", "0", "403170701", "12345678901234", "999999999999999", "0.1", "2.675",
           "0.30000000000000004", "1.7976931348623157"]
DATES = [  # (value, numFmtId)
    ("45352", 14), ("45352.5", 164), ("0.5", 14), ("0.75", 20), ("1.25", 165), ("61", 14), ("60", 14), ("59", 14),
    ("1", 14), ("0", 14), ("45352.99999999", 22), ("45000.123456789", 164), ("2958465", 14), ("44000", 168),
    ("44000.25", 167), ("44000", 171), ("0.000123", 170), ("0.0416", 45), ("1.5", 46), ("0.01", 47), ("44000", 15),
    ("44000", 17), ("0.6", 21), ("100", 172), ("0.21", 10), ("1234.5", 166), ("1234.5", 173), ("7", 169),
    ("3.14159", 2), ("12", 174), ("1234", 49),
]


def _types_book(path, *, date1904=False):
    rows = [row(1, cell("B1", S["title"], "s")),
            row(3, *(cell(f"{c}3", S[h], "s") for c, h in zip("BCDEF", ["Naam", "Postcode", "Ondernemingsnummer",
                                                                          "Bedrag", "Datum"], strict=True)))]
    n = 4
    texts = ["0123", "0403.170.701", "BE0403170701", "Acme NV", "spaced", "blank", "empty", "unicode", "newline",
             "escapes", "1e5", "TRUE", "formula-text", "9000"]
    for i in range(max(len(NUMBERS), len(DATES), len(texts))):
        cells = [cell(f"B{n}", S[texts[i % len(texts)]], "s")]
        cells.append(cell(f"C{n}", NUMBERS[i % len(NUMBERS)]))
        cells.append(cell(f"D{n}", texts[(i + 3) % len(texts)], "inlineStr"))
        value, fmt = DATES[i % len(DATES)]
        cells.append(cell(f"E{n}", value, fmt=fmt))
        cells.append(cell(f"F{n}", value, fmt=DATES[(i + 7) % len(DATES)][1]))
        rows.append(row(n, *cells))
        n += 1 if i % 9 else 3  # gaps of empty rows
    rows += [
        row(n, cell(f"B{n}", "2", formula="1+1"), cell(f"C{n}", "xy", "str", formula='"x"&"y"'),
            cell(f"D{n}", "1", "b", formula="TRUE()"), cell(f"E{n}", "", formula="B2"),
            cell(f"F{n}", "", "str", formula='""')),
        row(n + 1, cell(f"B{n + 1}", "1", "b"), cell(f"C{n + 1}", "0", "b"), cell(f"D{n + 1}", "2", fmt=0)),
        row(n + 2, f'<c r="B{n + 2}" s="1"/>', f'<c r="C{n + 2}" s="2"/>'),  # formatted, empty
        row(n + 3, cell(f"B{n + 3}", "Laatste", "inlineStr"), f'<c r="F{n + 3}" s="3"/>', spans="2:6"),
        row(n + 5, cell(f"H{n + 5}", "beyond the header", "inlineStr")),
    ]
    return book(path, {"Leden": "".join(rows), "Tweede blad": "".join([
        row(1, cell("A1", S["Naam"], "s"), cell("B1", S["Datum"], "s")),
        row(2, cell("A2", S["Acme NV"], "s"), cell("B2", "45000", fmt=14)),
        row(5, cell("C5", "past the header", "inlineStr"))])}, SHARED, date1904=date1904)


def _member_book(path):
    shared = [f"<t>{h}</t>" for h in ("Naam", "Ondernemingsnummer", "Postcode", "Gemeente", "E-mail", "Lid sinds")]
    rows = [row(1, *(cell(f"{c}1", str(i), "s") for i, c in enumerate("ABCDEF")))]
    for i in range(40):
        n = i + 2
        rows.append(row(n, cell(f"A{n}", f"Bedrijf {i} NV", "inlineStr"),
                        cell(f"B{n}", ["0403170701", "0403.170.701", "403170701", "0417.497.106"][i % 4],
                             None if i % 4 == 2 else "inlineStr"),
                        cell(f"C{n}", ["9000", "0123", "2000"][i % 3], "inlineStr" if i % 2 else None),
                        cell(f"D{n}", "Gent", "inlineStr"), cell(f"E{n}", f"info{i}@example.org", "inlineStr"),
                        cell(f"F{n}", str(44000 + i) + (".5" if i % 5 == 0 else ""), fmt=14 if i % 3 else 164)))
    return book(path, {"Leden": "".join(rows)}, shared)


@pytest.fixture
def spy(monkeypatch):
    """Counts the sheets calamine read (rows returned)."""
    used: list[str] = []
    real = sheet_calamine.rows

    def rows(book_, sheet):
        out = real(book_, sheet)
        if out is not None:
            used.append(sheet)
        return out

    monkeypatch.setattr(sheet_calamine, "rows", rows)
    return used


def _both(monkeypatch, read):
    """`read()` with calamine, then with openpyxl only (as before calamine)."""
    fast = _outcome(read)
    with monkeypatch.context() as m:
        m.setattr(sheet_calamine, "open_book", lambda _path: None)
        slow = _outcome(read)
    return fast, slow


def _outcome(read):
    try:
        return read()
    except FileFormatError as exc:
        return ("refused", str(exc))


def _assert_same(fast, slow):
    if isinstance(fast, sheets.SheetTable) and isinstance(slow, sheets.SheetTable):
        assert fast.headers == slow.headers and fast.header_row == slow.header_row
        _same_rows([(r.number, r.values) for r in fast.rows], [(r.number, r.values) for r in slow.rows])
    elif isinstance(fast, tuple) and isinstance(fast[1], list) and isinstance(slow, tuple):
        assert fast[0] == slow[0]
        _same_rows(fast[1], slow[1])
        return
    assert fast == slow


def _trimmed(values: tuple) -> tuple:
    """A row without its trailing empty cells: openpyxl keeps those that have a tag (a format), calamine
    none; the table pads every row to the header's width, the registration reader looks past the end."""
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return values[:end]


def _same_rows(fast, slow):
    """Row numbers, lengths, and every value with its type (True == 1 and 5 == 5.0 for ==)."""
    assert [n for n, _v in fast] == [n for n, _v in slow]
    fast = [(n, _trimmed(v)) for n, v in fast]
    slow = [(n, _trimmed(v)) for n, v in slow]
    for (n, a), (_n, b) in zip(fast, slow, strict=True):
        assert len(a) == len(b), f"row {n}: calamine {a!r}, openpyxl {b!r}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert (type(x), x) == (type(y), y), f"row {n} column {i + 1}: calamine {x!r}, openpyxl {y!r}"


@pytest.mark.parametrize("date1904", [False, True])
def test_an_awkward_workbook_reads_the_same_both_ways(tmp_path, monkeypatch, spy, date1904):
    path = _types_book(tmp_path / "awkward.xlsx", date1904=date1904)
    for read in (lambda: sheets.read_table(path), lambda: sheets.read_table(path, "Leden", header_row=3),
                 lambda: sheets.read_table(path, "Tweede blad"), lambda: sheets.read_rows(path),
                 lambda: sheets.read_rows(path, "Tweede blad"), lambda: sheets.read_sheets(path),
                 lambda: sheets.read_sheets(path, ["Tweede blad"]), lambda: sheets.sheet_names(path),
                 lambda: sheets.read_table(path, "Geen blad")):
        spy.clear()
        fast, slow = _both(monkeypatch, read)
        if isinstance(fast, dict):
            for name in fast:
                _assert_same(fast[name], slow[name])
        _assert_same(fast, slow)
    table = sheets.read_table(path)
    assert spy == ([] if date1904 else ["Leden"])  # calamine read it (the 1904 date system goes to openpyxl)
    assert table.headers == ("Column A", "Naam", "Postcode", "Ondernemingsnummer", "Bedrag", "Datum")
    names = {r.values[1] for r in table.rows}
    assert {"0123", "Acme NV", "  spaced  ", "0403.170.701"} <= names  # leading zero kept, rich text joined
    assert any(v == dt.datetime(2024, 3, 1) for r in table.rows for v in r.values) != date1904


def test_a_member_sheet_plans_the_same_import_both_ways(tmp_path, monkeypatch, spy):
    from clustermanager.db import open_database
    from clustermanager.io.mapping import propose_mapping
    from clustermanager.services.member_import import preview_member_import

    path = _member_book(tmp_path / "leden.xlsx")
    db = open_database(tmp_path / "x.cmdb")

    def preview():
        table = sheets.read_table(path)
        with db.session() as s:
            return table, preview_member_import(s, table, propose_mapping(table.headers))

    (fast_table, fast), (slow_table, slow) = _both(monkeypatch, preview)
    db.close()
    assert spy == ["Leden"]
    _assert_same(fast_table, slow_table)
    assert fast.counts == slow.counts and fast == slow


def _sheet_with(tmp_path, body: str, shared: list[str] | None = None):
    return book(tmp_path / "x.xlsx", {"Leden": row(1, cell("A1", "Naam", "inlineStr"), cell("B1", "E-mail",
                                                                                          "inlineStr")) + body},
                shared or ["<t>x</t>"])


@pytest.mark.parametrize("label, body, shared", [
    ("error cells", row(2, cell("A2", "#N/A", "e"), cell("B2", "#DIV/0!", "e", formula="1/0")), None),
    ("an escape in an inline string", row(2, cell("A2", "a_x000D_b", "inlineStr")), None),
    ("an escape in a shared string", row(2, cell("A2", "0", "s")), ["<t>line_x000D_two</t>"]),
    ("phonetic runs", row(2, cell("A2", "0", "s")), ["<t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>カンジ</t></rPh>"]),
    ("ISO dates", row(2, cell("A2", "2024-05-06", "d"), cell("B2", "2024-05-06T10:30:00", "d")), None),
    ("16 digits", row(2, cell("A2", "123456789012345678")), None),
    ("an exponent", row(2, cell("A2", "1E3"), cell("B2", "1e+20")), None),
    ("negative numbers", row(2, cell("A2", "-1234.5", fmt=14), cell("B2", "-0")), None),
    ("a whole number with a point", row(2, cell("A2", "4.0")), None),
    ("a cell far to the right, far below", row(2, cell("A2", "Ann", "inlineStr")) + row(400_000, cell(
        "XFD400000", "1")), None),
    ("a cell whose position is not its first attribute", row(2, cell("A2", "Ann", "inlineStr"))
     + '<row r="300000"><c t="n" r="ZZ300000"><v>1</v></c></row>', None),
    ("a cell without a position", row(2, "<c t=\"inlineStr\"><is><t>Ann</t></is></c>"), None),
    ("a prefixed cell", row(2, '<x:c xmlns:x="urn:x" r="A2" t="inlineStr"><is><t>Ann</t></is></x:c>'), None),
    ("data after a long run of empty rows", row(2, cell("A2", "Ann", "inlineStr")) + row(5000, cell(
        "A5000", "Bob", "inlineStr")), None),
])
def test_sheets_calamine_would_read_differently_or_could_not_afford_go_to_openpyxl(
        tmp_path, monkeypatch, spy, label, body, shared):
    path = _sheet_with(tmp_path, body, shared)
    fast, slow = _both(monkeypatch, lambda: sheets.read_rows(path))
    assert spy == [], label
    assert fast == slow, label


def test_an_empty_sheet_and_a_header_only_sheet(tmp_path, monkeypatch, spy):
    path = book(tmp_path / "e.xlsx", {"Leeg": "", "Kop": row(1, cell("A1", "Naam", "inlineStr"))})
    for read in (lambda: sheets.read_table(path), lambda: sheets.read_table(path, "Kop"),
                 lambda: sheets.read_rows(path, "Leeg")):
        fast, slow = _both(monkeypatch, read)
        assert fast == slow
