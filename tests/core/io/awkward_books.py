"""Awkward workbooks written part by part (as Excel and LibreOffice write them, not as openpyxl does):
shared strings with rich text, number formats for dates, times and durations, formulas with their
cached values, the 1904 date system, cells starting far from A1. Used to prove that the two readers
of io/sheets (calamine and openpyxl) give the same values."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# cellXfs: index -> numFmtId (custom formats from 164 below)
CUSTOM_FORMATS = {164: "dd/mm/yyyy hh:mm", 165: "[h]:mm:ss", 166: '"€" #,##0.00', 167: "[$-813]dddd d mmmm yyyy",
                  168: "yyyy-mm-dd;@", 169: '0 "dagen"', 170: "mm:ss.0", 171: "d/m/yy", 172: "0000",
                  173: "#,##0.00 [$€-813];[Red]-#,##0.00 [$€-813]", 174: "@"}
STYLES = [0, 14, 164, 20, 165, 10, 166, 167, 168, 169, 170, 22, 171, 172, 49, 173, 174, 2, 21, 45, 46, 47, 15, 17]
STYLE = {fmt: i for i, fmt in enumerate(STYLES)}


def styles_xml() -> str:
    formats = "".join(f'<numFmt numFmtId="{i}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
                      for i, code in CUSTOM_FORMATS.items())
    xfs = "".join(f'<xf numFmtId="{f}" fontId="0" fillId="0" borderId="0" xfId="0"'
                  f'{" applyNumberFormat=" + chr(34) + "1" + chr(34) if f else ""}/>' for f in STYLES)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{NS}">'
            f'<numFmts count="{len(CUSTOM_FORMATS)}">{formats}</numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(STYLES)}">{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def book(path: Path, sheets: dict[str, str], shared: list[str] | None = None, *, date1904: bool = False) -> Path:
    """A workbook from sheet bodies (the XML inside <sheetData>) and shared strings (each an <si> body)."""
    names = list(sheets)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.'
                      'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(names)))
            + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{NS}" xmlns:r="{REL}">'
            f'<workbookPr{" date1904=" + chr(34) + "1" + chr(34) if date1904 else ""}/><sheets>'
            + "".join(f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names))
            + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                      for i in range(len(names)))
            + f'<Relationship Id="rId{len(names) + 1}" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{len(names) + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"),
        "xl/styles.xml": styles_xml(),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{NS}" count="{len(shared or [])}"'
            f' uniqueCount="{len(shared or [])}">' + "".join(f"<si>{s}</si>" for s in shared or []) + "</sst>"),
    }
    for i, body in enumerate(sheets.values()):
        parts[f"xl/worksheets/sheet{i + 1}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{NS}">'
            f"<sheetData>{body}</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text.encode())
    return path


def cell(ref: str, value: str, kind: str | None = None, fmt: int | None = None, formula: str | None = None) -> str:
    """One <c>: `kind` is the t attribute (s, str, b, e, d, inlineStr, n); `fmt` a numFmtId from STYLES."""
    attrs = f' r="{ref}"' + (f' s="{STYLE[fmt]}"' if fmt is not None else "") + (f' t="{kind}"' if kind else "")
    inner = f"<f>{escape(formula)}</f>" if formula else ""
    if kind == "inlineStr":
        inner += f"<is><t xml:space=\"preserve\">{escape(value)}</t></is>"
    elif value != "":
        inner += f"<v>{escape(value)}</v>"
    return f"<c{attrs}>{inner}</c>"


def row(number: int, *cells: str, **attrs: str) -> str:
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f'<row r="{number}"{extra}>{"".join(cells)}</row>'
