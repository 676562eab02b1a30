"""Issue 19 item 5: where a number is registered, in the UI language (it was always Simplified)."""

from __future__ import annotations

import re

import pytest

from desktop_app.core.domain.phones import location_in
from desktop_app.ui.parties.dialog import PartiesDialog

CJK = re.compile(r"[\u3400-\u9fff]")


def _places(qtbot, ws) -> list[str]:
    dialog = PartiesDialog(ws, ws.case_id)
    qtbot.addWidget(dialog)
    places = []
    for row in range(dialog.table.rowCount()):
        dialog.table.selectRow(row)
        points = dialog.editor.points
        places += [points.item(r, 3).text() for r in range(points.rowCount()) if points.item(r, 3)]
    return [p for p in places if p]


def test_the_people_window_names_places_in_english(qtbot, small_case, lang):
    lang("en")
    places = _places(qtbot, small_case)
    assert places and not any(CJK.search(p) for p in places), places  # not "中国" / "北京市"


@pytest.mark.parametrize(("ui", "expected", "wrong"), [("zh_TW", "中國大陸", "中国"), ("zh_CN", "北京市", "中國")])
def test_chinese_place_names_use_the_ui_script(qtbot, small_case, lang, ui, expected, wrong):
    lang(ui)
    places = _places(qtbot, small_case)
    assert places and all(wrong not in p for p in places), places
    assert location_in("+8613800138000", ui) == expected


def test_places_for_other_countries():
    assert location_in("+14155550100", "en") == "San Francisco, CA"
    assert location_in("+14155550100", "zh_TW") == "美國"
    assert location_in("+33612345678", "zh_TW") == ""  # no Traditional name known: nothing, not Simplified
    assert location_in("", "en") == ""


def test_a_us_case_shows_its_numbers_and_examples_as_american(qtbot, workspace, lang):
    lang("en")
    ws = workspace
    case = ws.cases.create("Keystone Arbor", "US")
    ws.parties.add(case.id, "Mike Turner", "collector", numbers=["8885550163", "+86 138 0013 8000"])
    ws.case_id = case.id
    dialog = PartiesDialog(ws, case.id)
    qtbot.addWidget(dialog)
    # One format, as in the timeline: national for the case's country, international for others.
    assert dialog.table.item(0, 3).text() == "(888) 555-0163, +86 138 0013 8000"
    dialog.table.selectRow(0)
    placeholder = dialog.editor.point_value.placeholderText()
    assert "138 0013" not in placeholder and "WeChat" not in placeholder
    assert "(201) 555-0123" in placeholder
