"""Print setup for the workbooks the app writes, so a printed sheet reads like a report: landscape
where the list is wide, every column on the page's width (as many pages down as needed), the header
row(s) repeated on every page, the sheet's name and "page 3 of 7" in the footer.

Works on openpyxl's write-only sheets too: call it before the first row is written (a write-only sheet
writes its properties, fit-to-page among them, with its first row).
"""

from __future__ import annotations

import textwrap

# Excel's header/footer codes: &P the page, &N the number of pages, &A the sheet's name.
PAGE_CODE, PAGES_CODE, SHEET_CODE = "&P", "&N", "&A"


def set_print_layout(ws, *, landscape: bool = True, title_rows: str | None = "1:1", left_footer: str = "",
                     page_text: str = "&P / &N") -> None:
    """Fit to the page width, `title_rows` ("1:1", "1:3" or None) repeated on every page, the
    `left_footer` (made safe for the footer's codes) and `page_text` with `&P`/`&N` in the footer."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = footer_text(left_footer)
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = page_text
    ws.oddFooter.right.size = 8


def footer_text(text: str) -> str:
    """Text from the data inside a footer: a lone `&` would start a code, so it is doubled."""
    return (text or "").replace("&", "&&")[:200]


def wrapped_lines(text: str, width: int) -> list[str]:
    """Long text as lines of at most `width` characters, one row each: a sheet cannot grow a row for
    wrapped text by itself in every program, and a row that does not grow runs into the next heading.
    Paragraphs (blank lines) stay; an empty text is one empty line."""
    lines: list[str] = []
    for paragraph in (text or "").replace("\r\n", "\n").split("\n"):
        lines.extend(textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False) or [""])
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines or [""]
