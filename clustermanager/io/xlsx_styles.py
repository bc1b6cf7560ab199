"""Styled rows in openpyxl's write-only sheets at the cost of unstyled ones.

openpyxl styles a cell through a `WriteOnlyCell` per value: building it, rejecting it as a value
(an exception and a `repr` per cell, inside `WriteOnlyWorksheet._values_to_row`), then looking its
style up in the workbook's style list again when it is written. For a report with 65,000 amounts
and dates that is a third of the writing time. Here each style is a workbook **named style** (shown
as such in Excel's and LibreOffice's style lists), registered once with its cell format; a styled
value in a row is the pair `(style, value)`, written through one reusable cell per style whose
style index was looked up once. Plain values cost what they cost in openpyxl.

    book = StyledBook(Workbook(write_only=True))
    money = book.style("Amount", number_format="#,##0.00")
    sheet = book.sheet("Payments")
    sheet.append(["text", money.of(Decimal("12.50")), None])
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import copy

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TIME_TYPES, Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import is_date_format


def font(*, bold: bool = False, color: str | None = None) -> Font:
    """The workbook's body font (Excel's default, Calibri 11) with these changes. A `Font(bold=True)`
    names no font, and LibreOffice then shows those cells in a serif fallback."""
    return Font(name="Calibri", size=11, family=2, scheme="minor", bold=bold, color=color)


class _StyleCell(Cell):
    """A cell whose style index is fixed (a slot in place of openpyxl's look-up per write)."""

    __slots__ = ("style_id",)


class CellStyle:
    """A cell format made once per workbook: a named style plus, optionally, cell-level changes
    (an indent, wrapping, the quote prefix that keeps formula-like text as text)."""

    def __init__(self, book: StyledBook, base: NamedStyle, *, alignment: Alignment | None = None,
                 quote: bool = False):
        self.book = book
        self.name = base.name
        self.quote = quote
        proto = WriteOnlyCell(book.anchor)
        proto.style = base.name
        if alignment is not None:
            proto.alignment = alignment
        if quote:
            proto.quotePrefix = True
        self.array = proto._style
        self.style_id = book.workbook._cell_styles.add(self.array)
        self.is_date = is_date_format(base.number_format)

    def of(self, value) -> tuple[CellStyle, object]:
        """`value` in this style, for `StyledSheet.append`."""
        return (self, value)

    def variant(self, *, alignment: Alignment | None = None, quote: bool = False) -> CellStyle:
        """The same named style with an alignment or the quote prefix (made once per book)."""
        return self.book.variant(self.name, alignment=alignment, quote=quote)

    def _cell_for(self, sheet) -> Cell:
        cell = _StyleCell(sheet)
        cell._style = self.array
        cell.style_id = self.style_id
        return cell


class StyledBook:
    """A write-only workbook and the named styles its sheets use."""

    def __init__(self, workbook: Workbook):
        if not workbook.write_only:
            raise ValueError("StyledBook needs a write-only workbook")
        self.workbook = workbook
        self.anchor = _Anchor(workbook)
        self._named: dict[str, NamedStyle] = {"Normal": workbook._named_styles["Normal"]}
        self._variants: dict[tuple, CellStyle] = {}

    def style(self, name: str, *, number_format: str | None = None, bold: bool = False,
              color: str | None = None, fill: str | None = None, alignment: Alignment | None = None) -> CellStyle:
        """Register the named style `name` (once; a second call with the same name returns it)."""
        if name not in self._named:
            normal = self._named["Normal"]  # the workbook's default font and border, unless told
            named = NamedStyle(name=name, font=copy(normal.font), border=copy(normal.border))
            if number_format:
                named.number_format = number_format
            if bold or color:
                named.font = font(bold=bold, color=color)
            if fill:
                named.fill = PatternFill("solid", start_color=fill)
            if alignment is not None:
                named.alignment = alignment
            self.workbook.add_named_style(named)
            self._named[name] = named
        return self.variant(name)

    def variant(self, name: str, *, alignment: Alignment | None = None, quote: bool = False) -> CellStyle:
        key = (name, alignment, quote)
        if key not in self._variants:
            self._variants[key] = CellStyle(self, self._named[name], alignment=alignment, quote=quote)
        return self._variants[key]

    def sheet(self, title: str) -> StyledSheet:
        return StyledSheet(self.workbook.create_sheet(title))


class _Anchor:
    """What a prototype cell needs of a sheet (its workbook), without creating a sheet."""

    def __init__(self, workbook: Workbook):
        self.parent = workbook


class StyledSheet:
    """A write-only worksheet whose rows hold plain values and `(CellStyle, value)` pairs."""

    def __init__(self, ws):
        self.ws = ws
        self.rows = 0
        self._cells: dict[int, Cell] = {}
        ws._values_to_row = self._values_to_row  # this sheet's rows come through here

    def append(self, row: list) -> int:
        """Write a row; returns its number (1-based)."""
        self.ws.append(row)
        self.rows += 1
        return self.rows

    def _values_to_row(self, values: Iterable, row_idx: int):
        """openpyxl's conversion of an appended row to cells, with styled pairs on their style's cell.
        A cell is written before the next is made, so one cell per style is reused row after row."""
        ws = self.ws
        plain = WriteOnlyCell(ws)
        cells = self._cells
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if type(value) is tuple:
                style, value = value
                if value is None:
                    cell = WriteOnlyCell(ws)  # an empty cell that still carries its style (a header)
                    cell._style = style.array
                else:
                    cell = cells.get(style.style_id)
                    if cell is None:
                        cell = cells[style.style_id] = style._cell_for(ws)
                    if isinstance(value, TIME_TYPES):
                        if style.is_date:  # what openpyxl's binding would conclude, without its look-ups
                            cell._value, cell.data_type = value, "d"
                        else:  # a date in a non-date style: a cell of its own, which openpyxl gives a
                            cell = WriteOnlyCell(ws)  # date format (binding the shared cell would change
                            cell._style = StyleArray(style.array)  # the style of every later cell)
                            cell.value = value
                    else:
                        cell._bind_value(value)
                        if style.quote:
                            cell.data_type = "s"
            else:
                cell = plain
                try:
                    cell.value = value
                except ValueError:
                    if not isinstance(value, Cell):  # a WriteOnlyCell made by hand is still accepted
                        raise
                    cell = value
            cell.column = col_idx
            cell.row = row_idx
            yield cell
            if cell is plain and cell.has_style:  # openpyxl gave a date its default format
                plain = WriteOnlyCell(ws)
