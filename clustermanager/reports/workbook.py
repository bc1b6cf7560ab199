"""The report as an Excel workbook: a summary sheet with the figures, then one sheet per list.

Written in openpyxl's write-only mode (rows streamed to the file) with the workbook's named styles
(Amount, Date, Share, Count, their totals, Report header, Report label), each made once and written
through `io.xlsx_styles` at the cost of an unstyled cell: no style object per cell. Amounts are numbers with a euro format, dates are dates,
totals under the lists are SUBTOTAL formulas (they follow the filter), and text from the data is
always text (`io.excel_safety`).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from clustermanager.i18n import N_, translator
from clustermanager.io.atomic import atomic_write
from clustermanager.io.excel_safety import is_formula_like
from clustermanager.io.sheet_print import set_print_layout, wrapped_lines
from clustermanager.io.xlsx_styles import CellStyle, StyledBook, StyledSheet
from clustermanager.progress import OnProgress
from clustermanager.reports.data import ReportData
from clustermanager.reports.indicators.workbook_sheet import targets_sheet
from clustermanager.reports.print_footer import report_footer
from clustermanager.reports.summary import (
    COUNT,
    DATE,
    HEADING,
    MONEY,
    NUMBER,
    RATIO,
    SHARE,
    TEXT,
    YESNO,
    figure_groups,
)
from clustermanager.reports.tables import Table, list_tables
from clustermanager.text_safety import for_cell

EURO_FORMAT = '[$€-813] #,##0.00;-[$€-813] #,##0.00'
SHARE_FORMAT = "0.0%"
DATE_FORMAT = "DD/MM/YYYY"
COUNT_FORMAT = "#,##0"
RATIO_FORMAT = "0.00"
NUMBER_FORMAT = "#,##0.####"
NUMBER_FORMATS = {MONEY: EURO_FORMAT, SHARE: SHARE_FORMAT, DATE: DATE_FORMAT, COUNT: COUNT_FORMAT,
                  RATIO: RATIO_FORMAT, NUMBER: NUMBER_FORMAT}
HEADER_COLOR = "FF1F4E79"

NARRATIVE_WIDTH = 110  # characters per narrative row: column A and the empty columns beside it


STYLE_NAMES = {MONEY: "Amount", SHARE: "Share", DATE: "Date", COUNT: "Count", RATIO: "Ratio",
               NUMBER: "Number"}  # the workbook's named styles


class _Cells:
    """Values for one sheet's rows: plain when they need no format (fastest), else paired with one of
    the workbook's named styles, each made once (`io.xlsx_styles`)."""

    def __init__(self, sheet: StyledSheet, book: StyledBook, lang: str | None = None):
        self.ws = sheet.ws
        self.sheet = sheet
        self.book = book
        self._styles: dict[tuple, CellStyle] = {}
        _ = translator(lang)
        self._yes_no = (_("no"), _("yes"))

    @property
    def rows(self) -> int:
        return self.sheet.rows

    def append(self, row: list) -> int:
        """Write a row; returns its number."""
        return self.sheet.append(row)

    def style(self, kind: str, bold: bool = False, header: bool = False, indent: int = 0, wrap: bool = False,
              quote: bool = False) -> CellStyle:
        key = (kind, bold, header, indent, wrap, quote)
        if key not in self._styles:
            self._styles[key] = _make_style(self.book, *key)
        return self._styles[key]

    def cell(self, value, kind: str = TEXT, *, bold: bool = False, header: bool = False, indent: int = 0,
             wrap: bool = False):
        """A value ready for `append`: the plain value when it needs no format, else `(style, value)`."""
        if kind == YESNO:
            value, kind = self._yes_no[bool(value)] if value is not None else None, TEXT
        value = for_cell(value)  # a control character stored before it was refused must not stop the report
        quote = is_formula_like(value)
        if value is None or not (quote or bold or header or indent or wrap or kind in NUMBER_FORMATS):
            return value
        return (self.style(kind, bold, header, indent, wrap, quote), value)

    def row_converter(self, kinds: list[str]) -> Callable[[tuple], list]:
        """`cell` for every value of a list's rows, each column's style looked up once: numbers and dates
        take their column's style directly; text and yes/no go through `cell`."""
        styles = [self.style(kind) if kind in NUMBER_FORMATS else None for kind in kinds]
        columns = list(zip(kinds, styles, strict=True))
        cell = self.cell

        def convert(row: tuple) -> list:
            return [value if value is None else (style, value) if style is not None and type(value) is not str
                    else cell(value, kind) for value, (kind, style) in zip(row, columns, strict=True)]

        return convert

    def formula(self, formula: str, kind: str):
        return (self.style(kind, bold=True), formula)


def _make_style(book: StyledBook, kind: str, bold: bool, header: bool, indent: int, wrap: bool,
                quote: bool) -> CellStyle:
    """The named style for a kind of value (bold: its total), with an indent, wrapping or the quote
    prefix (formula-like text stays text when edited in the spreadsheet) as cell-level changes."""
    fmt = NUMBER_FORMATS.get(kind)
    if header:
        base = book.style("Report header", bold=True, color="FFFFFFFF", fill=HEADER_COLOR,
                          alignment=Alignment(vertical="center", wrap_text=True))
    elif fmt and bold:
        base = book.style(f"{STYLE_NAMES[kind]} total", number_format=fmt, bold=True)
    elif fmt:
        base = book.style(STYLE_NAMES[kind], number_format=fmt)
    elif bold:
        base = book.style("Report label", bold=True)
    else:
        base = book.variant("Normal")
    if indent or wrap:  # an indent shows only with a horizontal alignment (Excel and LibreOffice)
        return base.variant(alignment=Alignment(horizontal="left" if indent else None, indent=indent,
                                                wrap_text=wrap, vertical="top"), quote=quote)
    return base.variant(quote=quote) if quote else base


def write_workbook(data: ReportData, path: str | os.PathLike, progress: OnProgress | None = None,
                   lang: str | None = None) -> None:
    """Write the report's workbook to `path` atomically, its text in `lang` (None: the app's language).
    Amounts, shares and dates stay numbers and dates with a number format, so Excel shows them in the
    reader's own locale."""
    _ = translator(lang)
    step = progress or (lambda _p, _m: None)
    wb = Workbook(write_only=True)
    wb.properties.title = _("Progress report {period}").format(period=data.period.label)
    wb.properties.creator = data.cluster.name
    book = StyledBook(wb)
    step(5, _("Summary"))
    _summary_sheet(book, data, lang)
    targets_sheet(wb, data, lang)
    tables = list_tables(data, lang)
    for i, table in enumerate(tables):
        step(10 + 85 * i // len(tables), table.title)
        _list_sheet(book, table, lang, _footer(data, lang))
    with atomic_write(path) as tmp:
        wb.save(tmp)
    step(100, _("Done"))


def _summary_sheet(book: StyledBook, data: ReportData, lang: str | None) -> None:
    _ = translator(lang)
    sheet = book.sheet(_("Summary"))
    ws = sheet.ws
    set_print_layout(ws, landscape=True, title_rows="1:3", left_footer=_footer(data, lang),
                     page_text=_("Page &P of &N"))
    cells = _Cells(sheet, book, lang)
    ws.column_dimensions["A"].width = 72  # the longest label ("Cash received during the period ...") whole
    for col in "BCDEFGHIJK":
        ws.column_dimensions[col].width = 16
    ws.freeze_panes = "A4"
    cells.append([cells.cell(_("Progress report: {cluster}").format(cluster=data.cluster.name), bold=True)])
    cells.append([cells.cell(_("Period"), bold=True), cells.cell(data.period.label),
                  cells.cell(data.period.start, DATE), cells.cell(data.period.end, DATE)])
    cells.append([cells.cell(_("Figures as they stood on"), bold=True), cells.cell(data.as_of or data.period.end, DATE),
                  cells.cell(_("Made on"), bold=True), cells.cell(data.generated_at.date(), DATE)])
    for group in figure_groups(data, lang):
        if group.key in ("report", "narrative"):
            continue
        cells.append([])
        cells.append([cells.cell(group.title, header=True), cells.cell("", header=True)])
        for fig in group.figures:
            heading = fig.kind == HEADING
            cells.append([cells.cell(fig.label, indent=2 * fig.level, bold=heading),
                          None if heading else cells.cell(fig.value, fig.kind)])
    _finance_years(cells, data, lang)
    cells.append([])
    cells.append([cells.cell(_("Narrative"), header=True), cells.cell("", header=True)])
    for title, text in ((_("Achievements"), data.narrative.achievements),
                        (_("Challenges"), data.narrative.challenges), (_("Plans"), data.narrative.plans)):
        cells.append([cells.cell(title, bold=True)])
        for line in wrapped_lines(text, NARRATIVE_WIDTH):  # one row per line: never under the next title
            cells.append([cells.cell(line)])
        cells.append([])


FINANCE_COLUMNS = (  # (attribute, header, kind)
    ("budget", N_("Budget"), MONEY), ("subsidy", N_("Subsidy"), MONEY),
    ("fees_called_total", N_("Fees called"), MONEY), ("fees_received", N_("Fees received"), MONEY),
    ("fees_received_excl_vat", N_("Received excl. VAT"), MONEY), ("in_kind", N_("In kind"), MONEY),
    ("own_total", N_("Own contribution"), MONEY), ("required_amount", N_("Required"), MONEY),
    ("share_reached", N_("Share reached"), SHARE),
)


def _finance_years(cells: _Cells, data: ReportData, lang: str | None) -> None:
    """Budget and self-funding per year, with a total row of formulas (the share recomputed from them)."""
    _ = translator(lang)
    cells.append([])
    cells.append([cells.cell(_("Finances per year"), header=True)]
                 + [cells.cell(_(h), header=True) for _a, h, _k in FINANCE_COLUMNS])
    years = data.finance.years
    rows = [cells.append([cells.cell(str(y.year), bold=True)]
                         + [cells.cell(getattr(y, attr), kind) for attr, _h, kind in FINANCE_COLUMNS])
            for y in years]
    if not rows:
        return
    top, bottom = rows[0], rows[-1]
    letters = {attr: get_column_letter(i + 2) for i, (attr, _h, _k) in enumerate(FINANCE_COLUMNS)}
    total = [cells.cell(_("Total"), bold=True)]
    for attr, _h, kind in FINANCE_COLUMNS:
        if kind == MONEY:
            total.append(cells.formula(f"=SUM({letters[attr]}{top}:{letters[attr]}{bottom})", kind))
        else:  # the period's share: own contribution over budget, not a sum of yearly shares
            own, budget = f"{letters['own_total']}{bottom + 1}", f"{letters['budget']}{bottom + 1}"
            total.append(cells.formula(f'=IF({budget}>0,{own}/{budget},"")', kind))
    cells.append(total)


def _footer(data: ReportData, lang: str | None) -> str:
    return report_footer(data, lang)


def _list_sheet(book: StyledBook, table: Table, lang: str | None, footer: str = "") -> None:
    _ = translator(lang)
    sheet = book.sheet(table.title[:31])
    ws = sheet.ws
    set_print_layout(ws, landscape=sum(c.width for c in table.columns) > 90, title_rows="1:1",
                     left_footer=f"{footer} · {table.title}", page_text=_("Page &P of &N"))
    cells = _Cells(sheet, book, lang)
    columns = table.columns
    last = get_column_letter(len(columns))
    for i, col in enumerate(columns, start=1):  # the header never needs a second line (its row does not grow)
        ws.column_dimensions[get_column_letter(i)].width = max(col.width, len(col.header) + 2)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    ws.append([cells.cell(col.header, header=True) for col in columns])
    append, convert = ws.append, cells.row_converter([col.kind for col in columns])
    for row in table.rows:
        append(convert(row))
    # A long label stands right of the first total (column A is too narrow for it), "Total" in column A.
    first_total = next((i for i, c in enumerate(columns) if c.total), 0)
    label_at = first_total + 1 if first_total + 1 < len(columns) else 0
    if any(col.total for col in columns) and table.rows:
        ws.append([])
        end = len(table.rows) + 1
        totals = []
        for i, col in enumerate(columns, start=1):
            letter = get_column_letter(i)
            if col.total:  # SUBTOTAL(109): the sum of the rows the filter shows
                totals.append(cells.formula(f"=SUBTOTAL(109,{letter}2:{letter}{end})", col.kind))
            elif table.total_label:
                totals.append(cells.cell(table.total_label, bold=True) if i - 1 == label_at else None)
            else:
                totals.append(cells.cell(_("Total"), bold=True) if i == 1 else None)
        ws.append(totals)
    if table.footer:  # the named totals under the list (the payments: which cash is which)
        ws.append([])
        for text, value, kind, level in table.footer:
            row = [None] * len(columns)
            row[first_total] = cells.cell(value, kind, bold=level == 0)
            row[label_at] = cells.cell(text, bold=level == 0, indent=1 + 2 * level)
            ws.append(row)
