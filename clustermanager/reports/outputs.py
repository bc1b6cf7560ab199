"""Write the chosen outputs of one ReportData: the workbook, the PDF, a filled agency template."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from clustermanager.errors import ValidationError
from clustermanager.i18n import _
from clustermanager.progress import OnProgress
from clustermanager.reports.data import ReportData
from clustermanager.reports.pdf import write_pdf
from clustermanager.reports.template import fill_template
from clustermanager.reports.workbook import write_workbook

PathLike = str | os.PathLike


def write_outputs(data: ReportData, *, xlsx: PathLike | None = None, pdf: PathLike | None = None,
                  template: PathLike | None = None, filled: PathLike | None = None,
                  progress: OnProgress | None = None, lang: str | None = None) -> list[Path]:
    """Write each output asked for, in the report language `lang` (None: the app's); returns the files
    written. Progress runs 0-100 over all of them."""
    if (template is None) != (filled is None):
        raise ValidationError("template", template or filled,
                              _("needs both the template and the file to write the filled copy to"))
    jobs: list[tuple[Path, Callable[[OnProgress], object]]] = []
    if xlsx:
        jobs.append((Path(xlsx), lambda p: write_workbook(data, xlsx, p, lang=lang)))
    if pdf:
        jobs.append((Path(pdf), lambda p: write_pdf(data, pdf, p, lang=lang)))
    if template:
        jobs.append((Path(filled), lambda _p: fill_template(data, template, filled, lang)))
    step = progress or (lambda _p, _m: None)
    for i, (_path, job) in enumerate(jobs):
        base, span = 100 * i // len(jobs), 100 // len(jobs)
        job(lambda pct, msg, base=base, span=span: step(base + pct * span // 100, msg))
    step(100, _("Done"))
    return [path for path, _job in jobs]
