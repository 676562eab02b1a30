"""Issue 19 items 9 and 13: no dead controls, and the editor lets go of an entry the filters hide."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox


def test_delete_entry_needs_a_selection(qtbot, case_window):
    w = case_window
    w.timeline.table.clearSelection()
    assert not w.timeline.selected_event_ids()
    assert not w.actions.delete_event.isEnabled()
    event = w.ws.events.list(w.ids["case"])[0]
    w.select_events([event.id])
    assert w.actions.delete_event.isEnabled()
    w.timeline.table.clearSelection()
    assert not w.actions.delete_event.isEnabled()


def test_settings_has_a_working_shortcut_shown_in_the_menu(qtbot, window):
    action = window.actions.settings
    # QKeySequence.Preferences is empty on Linux and Windows; macOS's Cmd+, is Qt's "Ctrl+," too.
    assert action.shortcut() == QKeySequence("Ctrl+,")
    assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in action.toolTip()
    opened = []
    action.triggered.disconnect()
    action.triggered.connect(lambda: opened.append(True))
    window.timeline.table.setFocus()
    QTest.keySequence(window, action.shortcut())
    assert opened == [True]


def test_a_report_asks_before_replacing_an_existing_pdf(qtbot, case_window, monkeypatch):
    from desktop_app.ui.report_dialog import ReportDialog

    w = case_window
    dialog = ReportDialog(w.ws, w.ids["case"], w)
    qtbot.addWidget(dialog)
    out = Path(dialog.out.text())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"%PDF-1.4 sent to the regulator last week")
    asked = []

    def answer(parent, title, text, buttons, default):
        asked.append((text, default))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.start_build()
    assert dialog.task is None  # nothing started
    assert out.read_bytes() == b"%PDF-1.4 sent to the regulator last week"
    [(text, default)] = asked
    assert str(out) in text and default == QMessageBox.StandardButton.No


def test_the_editor_lets_go_of_an_entry_the_search_hides(qtbot, case_window):
    w = case_window
    t = w.timeline
    visit = next(e for e in w.ws.events.list(w.ids["case"]) if e.kind == "visit")
    w.select_events([visit.id])
    assert w.detail.current_id() == visit.id
    with qtbot.waitSignal(t.search_applied, timeout=5000):
        t.search.setText("律师函")  # only the SMS matches
    assert t.proxy.rowCount() == 1
    assert w.detail.current_id() is None  # not the hidden visit
    assert not w.actions.delete_event.isEnabled()
    # An entry the search keeps stays in the editor.
    sms = next(e for e in w.ws.events.list(w.ids["case"]) if e.kind == "sms")
    w.select_events([sms.id])
    with qtbot.waitSignal(t.search_applied, timeout=5000):
        t.search.setText("你的家人")
    assert w.detail.current_id() == sms.id and t.current_event_id() == sms.id
