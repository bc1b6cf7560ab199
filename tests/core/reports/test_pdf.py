"""The PDF read back: its text (pdftotext, from poppler-utils), page count, embedded fonts."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from clustermanager.reports.pdf import write_pdf
from tests.core.reports import world

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture
def pdf(report, tmp_path):
    path = tmp_path / "report.pdf"
    write_pdf(report, path, exported_on=dt.date(2025, 11, 20))
    return path


def _run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_text_cover_figures_narrative_and_appendices(pdf):
    text = _run("pdftotext", "-layout", str(pdf), "-")
    pages = text.split("\f")
    assert world.CLUSTER_NAME in pages[0] and "Innovative Business Network" in pages[0]
    assert "2025" in pages[0]
    assert "Page" not in pages[0]  # no footer on the cover
    assert "Members by kind" in text and "Fees called and received" in text
    assert "Self-funding share reached" in text and "10.0%" in text  # formatting.format_percent
    assert "Één coöperatie; façade ça va." in text  # accents print (embedded Unicode font)
    assert "Appendix A: Members" in text and world.EVIL in text
    assert "Exported on 20/11/2025" in pages[1] and "page 2 of" in pages[1]


def test_page_count_and_embedded_fonts(pdf):
    info = _run("pdfinfo", str(pdf))
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = _run("pdftotext", str(pdf), "-")
    assert pages == text.count("\f") and pages >= 8  # cover, 4 sections, narrative, appendices
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded
    assert all("DejaVuSans" in line for line in fonts)
