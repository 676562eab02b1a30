"""The parties dialog: stats, edit, numbers with their normalised form, add, delete, merge."""

from __future__ import annotations

from panel_helpers import shot
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop_app.ui.parties.dialog import PartiesDialog


def _row_of(dialog, name):
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, 0).text() == name:
            return row
    raise AssertionError(name)


def test_list_shows_stats_and_edits(qtbot, small_case):
    ws = small_case
    dialog = PartiesDialog(ws, ws.case_id)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 4
    row = _row_of(dialog, "王经理")
    assert dialog.table.item(row, 4).data(0) == 2  # two contacts from 138…
    assert "2026" in dialog.table.item(row, 5).text()
    assert dialog.table.item(row, 2).text() == "A-1024"
    assert "Relative" in dialog.table.item(_row_of(dialog, "母亲"), 1).text()
    dialog.table.selectRow(row)
    editor = dialog.editor
    assert editor.name.text() == "王经理"
    assert editor.organisation.currentData() == ws.ids["agency"]
    assert not editor.relationship.isEnabled()
    editor.badge.setText("B-77")
    with qtbot.waitSignal(dialog.changed):
        editor.save_button.click()
    assert ws.parties.get(ws.ids["wang"]).badge_no == "B-77"
    # An empty name is refused next to the field, nothing saved.
    editor.name.setText("  ")
    editor.save_button.click()
    assert editor.error.text() and ws.parties.get(ws.ids["wang"]).name == "王经理"


def test_numbers_add_show_normalised_and_remove(qtbot, small_case):
    ws = small_case
    dialog = PartiesDialog(ws, ws.case_id)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(_row_of(dialog, "李专员"))
    editor = dialog.editor
    editor.point_value.setText("0086 137 0013 7000")
    assert "+8613700137000" in editor.point_hint.text()
    with qtbot.waitSignal(dialog.changed):
        editor.add_point_button.click()
    party = ws.parties.get(ws.ids["li"])
    assert [p.key for p in party.contact_points] == ["+8613900139000", "+8613700137000"]
    assert editor.points.rowCount() == 2
    assert editor.points.item(1, 2).text() == "+8613700137000"
    assert editor.points.item(1, 3).text()  # 归属地 from the geocoder
    editor.point_kind.setCurrentIndex(editor.point_kind.findData("wechat"))
    editor.point_value.setText("cuishou_wang")
    editor.add_point_button.click()
    assert editor.points.item(2, 2).text() == "cuishou_wang"
    editor.points.selectRow(0)
    with qtbot.waitSignal(dialog.changed):
        editor.remove_point_button.click()
    assert [p.value for p in ws.parties.get(ws.ids["li"]).contact_points] == ["0086 137 0013 7000", "cuishou_wang"]


def test_add_delete_and_merge(qtbot, small_case, monkeypatch):
    ws = small_case
    dialog = PartiesDialog(ws, ws.case_id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("自称律师的人", True))
    new_id = dialog.add_party()
    assert ws.parties.get(new_id).name == "自称律师的人" and dialog.table.rowCount() == 5
    assert dialog.selected_ids() == [new_id]
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    assert dialog.delete_selected()
    assert dialog.table.rowCount() == 4
    # Merge 李专员 into 王经理: select 王经理 first (kept), then Ctrl-add 李专员.
    dialog.table.clearSelection()
    dialog.table.setCurrentCell(_row_of(dialog, "王经理"), 0)
    dialog.table.selectRow(_row_of(dialog, "王经理"))
    from PySide6.QtCore import QItemSelectionModel

    model = dialog.table.selectionModel()
    li_index = dialog.table.model().index(_row_of(dialog, "李专员"), 0)
    model.select(li_index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(dialog.changed):
        assert dialog.merge_button.click() is None
    assert "李专员" in asked[-1] and "王经理" in asked[-1]
    names = {ws.parties.get(p.id).name for p in ws.parties.list(ws.case_id)}
    assert "李专员" not in names
    wang = ws.parties.get(ws.ids["wang"])
    assert {p.key for p in wang.contact_points} == {"+8613800138000", "+8613900139000"}
    assert ws.parties.stats(ws.case_id)[wang.id].contacts == 3
    # Saying No changes nothing.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.table.selectAll()
    assert not dialog.merge_selected()


def test_parties_screenshots(qtbot, small_case, lang):
    ws = small_case
    for code in ("zh_CN", "en"):
        lang(code)
        dialog = PartiesDialog(ws, ws.case_id)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.table.selectRow(_row_of(dialog, "王经理"))
        shot(dialog, f"parties_{code}")


def test_list_opens_sorted_a_to_z_by_name(qtbot, small_case):
    ws = small_case
    ws.parties.add(ws.case_id, "Angela Brooks", "collector")
    ws.parties.add(ws.case_id, "Zoe Park", "collector")
    dialog = PartiesDialog(ws, ws.case_id)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert names == sorted(names)
    assert names[0] == "Angela Brooks"
