"""Issue 19 item 11: first run and empty states — the due reminder, the demo, an empty case, Help."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from desktop_app.core.i18n import set_language
from desktop_app.ui.followups import today_local


def test_the_due_reminder_shows_once_a_day_and_never_over_the_demo(qtbot, case_window, monkeypatch):
    w, ws = case_window, case_window.ws
    ws.events.log(w.ids["case"], "note", datetime(2025, 11, 2, 9, 0), summary="Ask for the contract",
                  follow_up=today_local() - timedelta(days=120))
    w._changed()
    first = w.show_due_follow_ups()
    assert first is not None and first.isVisible()
    first.reject()
    assert w.settings.due_reminded == today_local().isoformat()
    assert w.show_due_follow_ups() is None  # the next launch today: no pop-up again
    w.settings.due_reminded = (today_local() - timedelta(days=1)).isoformat()
    w.demo_mode = True
    assert w.show_due_follow_ups() is None  # the demo's made-up follow-ups never pop up


def test_opening_the_demo_from_the_first_run_screen_leaves_no_empty_window(qtbot, window, tmp_path):
    window.demo_dir = tmp_path / "demo-folder"
    assert window.stack.currentIndex() == 0  # the first-run screen
    qtbot.mouseClick(window.empty.demo_button, Qt.MouseButton.LeftButton)
    demo_window = window._dialogs[-1]
    assert demo_window.demo_mode and demo_window.isVisible()
    assert not window.isVisible()
    demo_window.detail.discard()
    demo_window.close()
    window.finish()


def test_an_empty_case_shows_a_checklist_that_leads_somewhere(qtbot, window, workspace):
    case = workspace.cases.create("Keystone Arbor", "US")
    window.refresh_cases()
    window.open_case(case.id)
    pane = window.timeline
    assert pane.pages.currentWidget() is pane.checklist and pane.checklist.isVisible()
    assert not pane.table.isVisible()
    texts = " ".join(label.text() for label in pane.checklist.texts)
    assert "Import" in texts and "collector" in texts and "screenshots" in texts
    qtbot.mouseClick(pane.checklist.buttons["log_call"], Qt.MouseButton.LeftButton)
    dialog = window._dialogs[-1]
    assert type(dialog).__name__ == "QuickLogDialog" and dialog.isVisible()
    dialog.reject()
    workspace.events.log(case.id, "call", datetime(2026, 3, 2, 21, 5), summary="First call")
    window._changed()
    assert pane.pages.currentWidget() is pane.table  # entries: the grid again


def test_help_has_a_guide_in_each_language_and_the_shortcut_sheet(qtbot, window):
    help_menu = window.menuBar().actions()[-1].menu()
    assert window.actions.guide in help_menu.actions() and window.actions.shortcuts in help_menu.actions()
    dialog = window.show_help(1)
    qtbot.addWidget(dialog)
    sheet = dialog.shortcuts.toPlainText()
    assert "Log a call now" in sheet and "Ctrl+L" in sheet and "Ctrl+," in sheet
    assert "Keep the evidence" in dialog.guide.toPlainText()
    dialog.close()
    for lang, word in (("zh_CN", "保存证据"), ("zh_TW", "保存證據")):
        set_language(lang)
        dialog = window.show_help(0)
        qtbot.addWidget(dialog)
        guide = dialog.guide.toPlainText()
        assert word in guide and "Keep the evidence" not in guide
        dialog.close()
    set_language("en")
