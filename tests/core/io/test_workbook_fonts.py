"""Every bold cell of the workbooks the app writes names its font: a bold font without a name is shown
in a serif fallback by LibreOffice, beside the Calibri of every other cell."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from clustermanager.cli import main as cli
from clustermanager.services import members as svc


def _unnamed_bold(path) -> list[str]:
    return [f"{ws.title}!{cell.coordinate}" for ws in load_workbook(path).worksheets for row in ws.iter_rows()
            for cell in row if cell.value is not None and cell.font.b and not cell.font.name]


def test_bold_cells_name_their_font(db, tmp_path, capsys):
    with db.session() as s:
        svc.create_member(s, svc.MemberInput(name="Acme NV", kind="company", size_class="small",
                                             joined_on=dt.date(2020, 1, 1)))
    base = ["--db", str(db.path)]
    for argv, path in ((["report", "--period", "2025", "--xlsx"], tmp_path / "report.xlsx"),
                       (["export", "workbook"], tmp_path / "exchange.xlsx")):
        assert cli([*base, *argv, str(path)]) == 0, capsys.readouterr().err
        bold = [c for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row if c.font.b]
        assert bold, f"{path.name}: no bold cell to check"
        assert _unnamed_bold(path) == [], path.name
