"""Deleting moves entries to the case's trash; Ctrl+Z brings the last delete back; the trash restores."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest


def _ids(w) -> list[int]:
    return [e.id for e in w.ws.events.list(w.ids["case"])]


def test_delete_key_on_the_timeline_then_undo(qtbot, case_window):
    w = case_window
    before = _ids(w)
    w.select_events(before[1:3])
    assert sorted(w.timeline.selected_event_ids()) == sorted(before[1:3])
    w.timeline.table.setFocus()
    QTest.keyClick(w.timeline.table, Qt.Key.Key_Delete)
    assert _ids(w) == [before[0], *before[3:]]
    assert {e.id for e in w.ws.events.trash(w.ids["case"])} == set(before[1:3])
    assert w.timeline.proxy.rowCount() == 3
    assert "trash" in w.statusBar().currentMessage()
    assert "3 entries" in w.cases.item(0).text()
    assert w.actions.undo_delete.isEnabled()
    assert w.actions.undo_delete.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    w.actions.undo_delete.trigger()
    assert _ids(w) == before
    assert sorted(w.timeline.selected_event_ids()) == sorted(before[1:3])  # back, and selected
    assert not w.actions.undo_delete.isEnabled()


def test_delete_does_not_fire_while_typing_in_the_editor(qtbot, case_window):
    w = case_window
    before = _ids(w)
    w.select_events([before[0]])
    editor = w.detail.editor
    editor.summary.setFocus()
    editor.summary.setCursorPosition(0)
    QTest.keyClick(editor.summary, Qt.Key.Key_Delete)
    assert _ids(w) == before  # the key edited the text, not the timeline
    assert editor.dirty


def test_restore_from_the_trash_dialog(qtbot, case_window):
    w = case_window
    before = _ids(w)
    w.select_events([before[-1]])
    w.delete_selected()
    dialog = w.show_trash()
    assert dialog is not None and dialog.isVisible()
    assert dialog.tree.topLevelItemCount() == 1
    dialog.tree.topLevelItem(0).setSelected(True)
    with qtbot.waitSignal(dialog.changed):
        dialog.restore_selected()
    assert _ids(w) == before
    assert w.timeline.proxy.rowCount() == len(before)
    dialog.close()
