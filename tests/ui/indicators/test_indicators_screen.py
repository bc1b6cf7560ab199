"""The Indicators screen over the demo cluster: tiles with traffic lights (behind first), targets and a
custom indicator's values entered in the window, a refused cell named in the dialog, the earmarked
budget, the judging day and the target sheet import (File menu)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import shiboken6
from PySide6.QtWidgets import QDialogButtonBox

from clustermanager.reports.indicators import store
from clustermanager.ui.common import dialogs as common_dialogs
from clustermanager.ui.indicators import dialogs


def _open(window):
    screen = window.show_screen("indicators")
    assert window.ctx.tasks.wait_idle()
    return screen


def _save(window, dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.ctx.tasks.wait_idle()


def _target_cell(dialog, year):
    return dialog.table.item(dialog.years.index(year), dialog.TARGET)


def test_tiles_show_the_verdicts_with_those_behind_first(window):
    screen = _open(window)
    statuses = [t.view.verdict.status for t in screen.tiles]
    assert len(screen.tiles) == len(screen.data.views) >= 19
    assert statuses == sorted(statuses, key=["behind", "at_risk", "on_track", "no_target"].index)
    assert "behind" in statuses  # the demo's support agreement is not met everywhere
    first = screen.tiles[0]
    assert first.status.text() == "behind" and "expected on" in first.verdict.text()
    assert "10 %" in first.toolTip()  # the rule
    assert len(first.chart.spec.categories) == screen.data.last_year - screen.data.first_year + 1
    screen.show_box.setCurrentIndex(screen.show_box.findData("worrying"))
    assert {t.view.verdict.status for t in screen.tiles} <= {"behind", "at_risk"}
    assert "behind" in screen.status_text()


def test_a_target_entered_in_the_window_is_saved_and_judged(window):
    screen = _open(window)
    dialog = screen.edit("smes")
    last = screen.data.last_year
    _target_cell(dialog, last).setText("1000")
    _target_cell(dialog, None).setText("")
    dialog.source.setCurrentIndex(dialog.source.findData("clusterpact"))
    _save(window, dialog)
    assert not shiboken6.isValid(dialog)  # closed (and deleted) once saved
    with window.ctx.db.session() as s:
        assert [(t.year, t.value, t.source.value) for t in store.targets(s) if t.key == "smes"] == [
            (last, Decimal("1000.0000"), "clusterpact")]
    smes = next(t for t in screen.tiles if t.view.line.key == "smes")  # refreshed by the change topic
    assert smes.view.verdict.status == "behind" and screen.tiles[0].view.verdict.status == "behind"


def test_a_refused_cell_is_named_and_the_dialog_stays_open(window):
    screen = _open(window)
    dialog = screen.edit("sme_share")
    first = screen.data.first_year
    _target_cell(dialog, first).setText("140%")
    _save(window, dialog)
    assert dialog.isVisible() and f"target {first}" in dialog.message.text()
    with window.ctx.db.session() as s:
        assert next(t.value for t in store.targets(s) if (t.key, t.year) == ("sme_share", first)) == Decimal("0.7")
    dialog.reject()


def test_a_custom_indicator_is_added_and_its_values_entered(window):
    screen = _open(window)
    dialog = screen.add_custom()
    dialog.name.setText("Staff")
    dialog.name.textEdited.emit("Staff")
    dialog.unit.setText("FTE")
    assert dialog.key.text() == "staff"
    _save(window, dialog)
    assert window.ctx.tasks.wait_idle()
    values = screen.edit("staff")
    assert values.table.columnCount() == 4
    year = screen.data.first_year
    values.table.item(values.years.index(year), values.VALUE).setText("2,5")
    _save(window, values)
    with window.ctx.db.session() as s:
        assert next(r for r in store.custom_indicators(s) if r.key == "staff").values == {year: Decimal("2.5")}
    tile = next(t for t in screen.tiles if t.view.line.key == "staff")
    assert tile.edit.text() == "Targets and values…"


def test_the_earmarked_budget_and_the_judging_day(window):
    screen = _open(window)
    dialog = screen.set_earmarked()
    first = min(dialog.fields)
    dialog.fields[first].setText("250000")
    _save(window, dialog)
    assert screen.data.earmarked[first] == Decimal("250000.00")
    dialog = screen.set_judging_day()
    dialog.today.setChecked(False)
    dialog.day.setDate(dt.date(screen.data.first_year, 6, 30))
    _save(window, dialog)
    assert screen.data.as_of == dt.date(screen.data.first_year, 6, 30) and screen.data.as_of_set
    assert "judged on 30/06/" in screen.subtitle.text()


def test_the_target_sheet_imported_from_the_file_menu(window, monkeypatch, tmp_path):
    sheet = tmp_path / "targets.csv"
    sheet.write_text("indicator,2024,2025,source\nactivities,20,22,clusterpact\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_target_sheet", lambda _parent: str(sheet))
    asked = []
    monkeypatch.setattr(common_dialogs, "confirm", lambda _p, _t, text, action: asked.append(text) or True)
    entry = next(a for a in window.menuBar().actions() for a in a.menu().actions()
                 if a.text().replace("&", "").startswith("Import target sheet"))
    entry.trigger()
    assert window.ctx.tasks.wait_idle() and window.ctx.tasks.wait_idle()
    assert "2 targets for 1 indicators" in asked[0]
    with window.ctx.db.session() as s:
        assert {(t.year, t.value) for t in store.targets(s) if t.key == "activities"} >= {
            (2024, Decimal("20.0000")), (2025, Decimal("22.0000"))}


def test_a_bad_row_in_the_sheet_is_named_and_nothing_written(window, monkeypatch, tmp_path, shown_messages):
    sheet = tmp_path / "targets.csv"
    sheet.write_text("indicator,2025\nactivities,22\nnonsense,3\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_target_sheet", lambda _parent: str(sheet))
    screen = _open(window)
    with window.ctx.db.session() as s:
        before = store.targets(s)
    screen.import_targets()
    assert window.ctx.tasks.wait_idle()
    assert shown_messages and "nonsense" in shown_messages[-1][1] and "3" in shown_messages[-1][1]
    with window.ctx.db.session() as s:
        assert store.targets(s) == before
