"""The report as a PDF (reportlab platypus): a cover, the figures as tables with charts, the
narrative, and the lists in appendices; page numbers and the export date on every page.

Fonts are the DejaVu Sans files shipped in `reports/fonts`, embedded (subset) in the PDF, so Dutch,
French and German names print on any machine.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from clustermanager.formatting import format_date
from clustermanager.i18n import translator
from clustermanager.io.atomic import atomic_write
from clustermanager.progress import OnProgress
from clustermanager.reports.charts import chart_specs
from clustermanager.reports.data import ReportData
from clustermanager.reports.indicators.pdf_section import targets_story
from clustermanager.reports.labels import label
from clustermanager.reports.pdf_charts import chart_drawing
from clustermanager.reports.reader_order import row_count
from clustermanager.reports.summary import (
    COUNT,
    HEADING,
    MEMBER_COUNT_LABELS,
    MONEY,
    SHARE,
    Figure,
    figure_groups,
    format_as,
    format_value,
)
from clustermanager.reports.tables import Table as ListTable
from clustermanager.reports.tables import list_tables

FONT_DIR = Path(__file__).parent / "fonts"
FONT, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
BLUE = colors.HexColor("#1F4E79")
LIGHT = colors.HexColor("#DDEBF7")
GREY = colors.HexColor("#666666")
PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
BODY_W = PAGE_W - 2 * MARGIN
CHART_FOR_GROUP = {"members": "members_by_kind", "finance": "fees", "activities": "activities_by_kind",
                   "projects": "projects_by_kind"}
ROWS_PER_TABLE = 120  # long lists are cut into tables of this size: platypus splits small tables fast



@cache
def register_fonts() -> None:
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"), (ITALIC, "DejaVuSans-Oblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=7, leading=8.5),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10.5),
        "h1": ParagraphStyle("h1", base, fontName=BOLD, fontSize=16, leading=20, textColor=BLUE, spaceAfter=8),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, fontSize=11.5, leading=15, textColor=BLUE,
                             spaceBefore=10, spaceAfter=4),
        "cover_title": ParagraphStyle("cover_title", base, fontName=BOLD, fontSize=28, leading=34, textColor=BLUE),
        "cover_sub": ParagraphStyle("cover_sub", base, fontSize=15, leading=20, textColor=GREY),
        "cover_big": ParagraphStyle("cover_big", base, fontName=BOLD, fontSize=20, leading=26),
        "note": ParagraphStyle("note", base, fontName=ITALIC, fontSize=8.5, leading=11, textColor=GREY),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


class _NumberedCanvas(pdfcanvas.Canvas):
    """Holds the pages back until the end, so each footer can say "page 3 of 12"."""

    def __init__(self, *args, footer: tuple[str, str, str] = ("", "", "{page}/{pages}"), **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer = footer

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if number > 1:  # not on the cover
                self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        left, exported, page_of = self._footer
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(GREY)
        self.setStrokeColor(colors.HexColor("#BBBBBB"))
        self.line(MARGIN, 14 * mm, PAGE_W - MARGIN, 14 * mm)
        self.drawString(MARGIN, 10 * mm, left)
        self.drawRightString(PAGE_W - MARGIN, 10 * mm, f"{exported}  ·  {page_of.format(page=number, pages=total)}")
        self.restoreState()


def write_pdf(data: ReportData, path: str | os.PathLike, progress: OnProgress | None = None,
              exported_on: dt.date | None = None, lang: str | None = None) -> None:
    """Write the report's PDF to `path` atomically, all its text in `lang` (None: the app's language)."""
    _ = translator(lang)
    step = progress or (lambda _p, _m: None)
    register_fonts()
    styles = _styles()
    exported_on = exported_on or dt.date.today()
    step(5, _("Figures"))
    story = _cover(data, styles, exported_on, lang)
    story += _figures(data, styles, lang)
    story += targets_story(data, styles, BODY_W, (FONT, BOLD), lang)
    story += _narrative(data, styles, lang)
    step(30, _("Appendices"))
    story += _appendices(data, styles, lang)
    footer = (f"{data.cluster.name} · {_('Progress report')} {data.period.label}",
              _("Exported on {date}").format(date=format_date(exported_on, lang)),
              _("page {page} of {pages}"))
    step(50, _("Laying out pages"))
    with atomic_write(path) as tmp:
        doc = BaseDocTemplate(
            str(tmp), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=20 * mm, title=_("Progress report {period}").format(period=data.period.label),
            author=data.cluster.name, subject=_("Progress report"), creator="ClusterManager",
        )
        frame = Frame(MARGIN, 20 * mm, BODY_W, PAGE_H - MARGIN - 20 * mm, id="body")
        doc.addPageTemplates([PageTemplate("cover", [frame]), PageTemplate("body", [frame])])
        doc.build(story, canvasmaker=lambda *a, **k: _NumberedCanvas(*a, footer=footer, **{**k, "initialFontName": FONT}))
    step(100, _("Done"))


def _cover(data: ReportData, styles, exported_on: dt.date, lang: str | None) -> list:
    _ = translator(lang)
    c = data.cluster
    lines = [
        Spacer(1, 55 * mm),
        _para(_("Progress report"), styles["cover_sub"]),
        Spacer(1, 4 * mm),
        _para(c.name, styles["cover_title"]),
        Spacer(1, 3 * mm),
        _para(label("cluster_kind", c.kind, lang=lang), styles["cover_sub"]),
        Spacer(1, 18 * mm),
        _para(data.period.label, styles["cover_big"]),
        _para(f"{format_date(data.period.start, lang)} – {format_date(data.period.end, lang)}",
              styles["body"]),
        Spacer(1, 40 * mm),
    ]
    facts = []
    if c.funding_start and c.funding_end:
        facts.append(_("Funding period: {start} – {end}").format(start=format_date(c.funding_start, lang),
                                                                  end=format_date(c.funding_end, lang)))
    facts.append(_("Figures as they stood on {date}").format(date=format_date(data.as_of or data.period.end, lang)))
    facts.append(_("Made on {date} UTC").format(
        date=f"{format_date(data.generated_at, lang)} {data.generated_at:%H:%M}"))
    facts.append(_("Exported on {date}").format(date=format_date(exported_on, lang)))
    lines += [_para(f, styles["note"]) for f in facts]
    return [*lines, NextPageTemplate("body"), PageBreak()]


LABEL_FITS = 62  # characters of a figure's label that fit its column on one line (9 pt, bold or not)


def _figure_table(figures: tuple[Figure, ...], lang: str | None) -> Table:
    rows, style = [], [
        ("FONT", (0, 0), (-1, -1), FONT, 9), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#DDDDDD")),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i, fig in enumerate(figures):
        heads_a_group = fig.kind == HEADING or (i + 1 < len(figures) and figures[i + 1].level > 0)
        bold = fig.level == 0 and heads_a_group  # bold only where it leads a group, or every line is bold
        text = fig.label if fig.level == 0 else "    " + fig.label
        if len(fig.label) > LABEL_FITS:  # a long label (Dutch, French) wraps instead of running into its value
            indent = 0 if fig.level == 0 else 11
            text = Paragraph(escape(fig.label), ParagraphStyle(
                "figure", fontName=BOLD if bold else FONT, fontSize=9, leading=11, leftIndent=indent,
                textColor=GREY if fig.level > 0 else colors.black))
        rows.append([text, "" if fig.kind == HEADING else format_value(fig, lang)])
        if bold:
            style.append(("FONT", (0, i), (-1, i), BOLD, 9))
        elif fig.level > 0:
            style.append(("TEXTCOLOR", (0, i), (0, i), GREY))
    table = Table(rows, colWidths=[BODY_W * 0.7, BODY_W * 0.3], hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _members_table(data: ReportData, figures: tuple[Figure, ...], lang: str | None) -> Table:
    """Members at the start and at the end side by side: one line per figure, two columns of values."""
    _ = translator(lang)
    by_key = {f.key: f for f in figures}
    rows = [["", format_date(data.period.start, lang), format_date(data.period.end, lang)]]
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 9), ("FONT", (0, 0), (-1, 0), BOLD, 9),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#DDDDDD")),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for fig in figures:
        if not fig.key.startswith("members.start."):
            continue
        end = by_key[fig.key.replace("members.start.", "members.end.", 1)]
        tail = fig.key.rsplit(".", 1)[1]
        label_text = _(MEMBER_COUNT_LABELS[tail]) if fig.level == 0 else fig.label
        rows.append([label_text if fig.level == 0 else "    " + label_text, format_value(fig, lang),
                     format_value(end, lang)])
        i = len(rows) - 1
        style.append(("FONT", (0, i), (-1, i), BOLD, 9) if fig.level == 0 else ("TEXTCOLOR", (0, i), (0, i), GREY))
    for key in ("members.joined", "members.left"):
        fig = by_key[key]
        rows.append([fig.label, "", format_value(fig, lang)])
        style.append(("FONT", (0, len(rows) - 1), (-1, len(rows) - 1), BOLD, 9))
    table = Table(rows, colWidths=[BODY_W * 0.6, BODY_W * 0.2, BODY_W * 0.2], hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _finance_years_table(data: ReportData, lang: str | None) -> Table | None:
    _ = translator(lang)
    years = data.finance.years
    if not years:
        return None

    def money(amount) -> str:
        return format_as(amount, MONEY, lang=lang)

    right = ParagraphStyle("head", fontName=BOLD, fontSize=8, leading=9.5, alignment=TA_RIGHT)
    head = [_("Year")] + [Paragraph(escape(h), right) for h in (
        _("Budget"), _("Fees called"), _("Received on the year's calls"), _("Own contribution"), _("Required"),
        _("Share"))]
    rows = [head]
    for y in years:
        rows.append([str(y.year), money(y.budget), money(y.fees_called_total),
                     money(y.fees_received), money(y.own_total), money(y.required_amount),
                     format_as(y.share_reached, SHARE, lang=lang)])
    f = data.finance
    rows.append([_("Total"), money(f.budget), money(f.fees_called_total),
                 money(f.fees_received), money(f.own_total), money(f.required_amount),
                 format_as(f.self_funding_share, SHARE, lang=lang)])
    table = Table(rows, colWidths=[BODY_W * w for w in (0.08, 0.16, 0.16, 0.16, 0.16, 0.16, 0.12)],
                  repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 8), ("FONT", (0, 0), (-1, 0), BOLD, 8),
        ("FONT", (0, -1), (-1, -1), BOLD, 8), ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("LINEABOVE", (0, -1), (-1, -1), 0.5, BLUE),
    ]))
    return table


def _figures(data: ReportData, styles, lang: str | None) -> list:
    _ = translator(lang)
    charts = {c.key: c for c in chart_specs(data, lang)}
    story = [_para(_("Key figures"), styles["h1"])]
    for group in figure_groups(data, lang):
        if group.key in ("report", "narrative"):
            continue
        story.append(CondPageBreak(60 * mm))
        table = (_members_table(data, group.figures, lang) if group.key == "members"
                 else _figure_table(group.figures, lang))
        story.append(KeepTogether([_para(group.title, styles["h2"]), table]))
        if group.key == "finance":
            table = _finance_years_table(data, lang)
            if table is not None:
                story += [Spacer(1, 4 * mm), _para(_("Per year"), styles["cell"]), Spacer(1, 1 * mm), table]
        chart = charts.get(CHART_FOR_GROUP.get(group.key, ""))
        if chart is not None:
            story += [Spacer(1, 5 * mm), KeepTogether([chart_drawing(chart, BODY_W, FONT, BOLD, lang)])]
    return story


def _narrative(data: ReportData, styles, lang: str | None) -> list:
    _ = translator(lang)
    story = [PageBreak(), _para(_("Narrative"), styles["h1"])]
    n = data.narrative
    for title, text in ((_("Achievements"), n.achievements), (_("Challenges"), n.challenges),
                        (_("Plans after the funding period"), n.plans)):
        story.append(_para(title, styles["h2"]))
        story.append(_para(text, styles["body"]) if text.strip()
                     else _para(_("(not written yet)"), styles["note"]))
    return story


def _appendices(data: ReportData, styles, lang: str | None) -> list:
    _ = translator(lang)
    story = []
    tables = list_tables(data, lang)
    printed = [t for t in tables if t.in_pdf]
    for letter, table in zip("ABCDEFGH", printed, strict=False):
        story += [PageBreak(), _para(_("Appendix {letter}: {title}").format(letter=letter, title=table.title),
                                     styles["h1"])]
        story += _list_table(table, styles, lang)
    for table in tables:
        if not table.in_pdf:
            story.append(_para(_("The {count} of the period are listed in the Excel workbook (sheet “{title}”).")
                               .format(title=table.title, count=row_count(table.noun, len(table.rows), lang)),
                               styles["note"]))
    return story


def _cell_text(value, kind: str, lang: str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if kind == MONEY or (kind == COUNT and isinstance(value, int) and value >= 10000):
        return format_as(value, kind, lang=lang)  # a year (2025) stays without a thousands point
    return str(value)


def _list_table(table: ListTable, styles, lang: str | None) -> list:
    """The columns marked for print; long lists in chunks (fast to split), totals at the end."""
    _ = translator(lang)
    keep = [i for i, c in enumerate(table.columns) if c.pdf]
    columns = [table.columns[i] for i in keep]
    if not table.rows:
        return [_para(_("Nothing in this period."), styles["note"])]
    weights = [c.width for c in columns]
    widths = [BODY_W * w / sum(weights) for w in weights]
    cell = styles["small"]
    numeric = [j for j, c in enumerate(columns) if c.kind in (MONEY, COUNT)]
    right = ParagraphStyle("right", cell, alignment=TA_RIGHT)
    header = [Paragraph(f"<b>{escape(c.header)}</b>", right if j in numeric else cell)
              for j, c in enumerate(columns)]
    body = [[_cell_text(row[i], table.columns[i].kind, lang) for i in keep] for row in table.rows]
    # Long free text (titles, names) wraps inside its column instead of running over the next one.
    limits = [max(8, int(w / 3.6)) for w in widths]
    for row in body:
        for j, text in enumerate(row):
            if len(text) > limits[j]:
                row[j] = Paragraph(escape(text), cell)
    totals = None
    if any(c.total for c in columns):
        totals = [_("Total") if j == 0 else "" for j in range(len(columns))]
        for j, c in enumerate(columns):
            if c.total:
                total = sum((row[keep[j]] or 0 for row in table.rows), start=0)
                totals[j] = _cell_text(total, c.kind, lang)
    style = TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 7), ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, BLUE),
        *[("ALIGN", (j, 1), (j, -1), "RIGHT") for j in numeric],
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F5F8FC")]),
    ])
    story = []
    for start in range(0, len(body), ROWS_PER_TABLE):
        chunk = body[start:start + ROWS_PER_TABLE]
        last = start + ROWS_PER_TABLE >= len(body)
        rows = [header, *chunk] + ([totals] if last and totals else [])
        t = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(style)
        if last and totals:
            t.setStyle(TableStyle([("FONT", (0, -1), (-1, -1), BOLD, 7),
                                   ("LINEABOVE", (0, -1), (-1, -1), 0.5, BLUE)]))
        story.append(t)
    story.append(Spacer(1, 2 * mm))
    story.append(_para(row_count(table.noun, len(table.rows), lang), styles["note"]))
    return story


__all__ = ["register_fonts", "write_pdf"]
