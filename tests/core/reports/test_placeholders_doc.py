from __future__ import annotations

from pathlib import Path

from clustermanager.reports.placeholders import placeholder_names, reference_markdown
from clustermanager.reports.summary import figures_by_key

DOC = Path(__file__).resolve().parents[3] / "docs" / "report-placeholders.md"


def test_the_doc_lists_every_placeholder():
    text = DOC.read_text(encoding="utf-8")
    missing = [name for name in placeholder_names() if f"`{{{{{name}}}}}`" not in text]
    assert missing == [], "run: python -m clustermanager.reports.placeholders > docs/report-placeholders.md"
    assert text == reference_markdown()


def test_every_fixed_placeholder_resolves_on_a_real_report(report):
    assert set(placeholder_names()) <= set(figures_by_key(report))
