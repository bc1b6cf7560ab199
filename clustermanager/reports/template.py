"""Fill the agency's own workbook: cells holding `{{members.end.total}}` get the report's figures.

A cell that is only a placeholder receives the typed value (a number, a date, a share as a fraction)
so the template's own number format applies (a default format is set where the cell has none); a
placeholder inside text is replaced by the figure as text. Everything else in the template (styles,
formulas, merged cells, column widths) stays as it was. The names are `summary.figures_by_key`;
`docs/report-placeholders.md` lists them (`python -m clustermanager.reports.placeholders`).
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from clustermanager.errors import FileFormatError
from clustermanager.i18n import _, translator
from clustermanager.io.atomic import atomic_write
from clustermanager.io.excel_safety import set_safe_value
from clustermanager.reports.data import ReportData
from clustermanager.reports.summary import TEXT, YESNO, Figure, figures_by_key, format_value
from clustermanager.reports.workbook import NUMBER_FORMATS

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


@dataclass(frozen=True)
class FillResult:
    cells_filled: int
    placeholders: tuple[str, ...]  # the distinct names used


def _typed(fig: Figure, lang: str | None):
    if fig.kind == YESNO:
        _ = translator(lang)
        return _("yes") if fig.value else _("no")
    return fig.value


def fill_template(data: ReportData, template: str | os.PathLike, target: str | os.PathLike,
                  lang: str | None = None) -> FillResult:
    """Write a copy of `template` with its placeholders filled to `target` (atomically); text (labels,
    yes/no, figures inside sentences: `1.234,56 EUR`) in `lang`, None for the app's language. Error
    messages stay in the app's language: they are for the person exporting.

    Raises FileFormatError naming the sheet and cell of the first unknown placeholder (and how many
    more there are); nothing is written then.
    """
    template = Path(template)
    try:
        wb = load_workbook(template)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FileFormatError(_("is not an Excel workbook (.xlsx) that can be read: {error}").format(error=exc),
                              path=str(template)) from exc
    figures = figures_by_key(data, lang)
    unknown: list[tuple[str, str, int, str]] = []
    used: set[str] = set()
    filled = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                text = cell.value
                if not isinstance(text, str) or "{{" not in text:
                    continue
                names = PLACEHOLDER.findall(text)
                missing = [n for n in names if n not in figures]
                if missing:
                    unknown.extend((ws.title, cell.column_letter, cell.row, n) for n in missing)
                    continue
                used.update(names)
                filled += 1
                whole = PLACEHOLDER.fullmatch(text.strip())
                if whole:
                    fig = figures[whole[1]]
                    set_safe_value(cell, _typed(fig, lang))
                    if fig.kind in NUMBER_FORMATS and cell.number_format == "General":
                        cell.number_format = NUMBER_FORMATS[fig.kind]
                else:
                    set_safe_value(cell, PLACEHOLDER.sub(lambda m: format_value(figures[m[1]], lang), text))
    if unknown:
        sheet, column, row, name = unknown[0]
        more = len(unknown) - 1
        message = _("unknown placeholder {{{{{name}}}}} in cell {cell}").format(name=name, cell=f"{column}{row}")
        if more:
            message += " " + _("(and {n} more unknown placeholders)").format(n=more)
        message += "; " + _("see the list of placeholders in the documentation")
        raise FileFormatError(message, path=str(template), sheet=sheet, row=row, column=column)
    with atomic_write(target) as tmp:
        wb.save(tmp)
    return FillResult(filled, tuple(sorted(used)))


__all__ = ["PLACEHOLDER", "TEXT", "FillResult", "fill_template"]
