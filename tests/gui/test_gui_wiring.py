"""The other parts of the app open from the main window's menus and talk back to it."""

from __future__ import annotations

from datetime import date, datetime

import pytest


@pytest.mark.parametrize(("action", "cls"), [
    ("edit_case", "CaseDialog"), ("parties", "PartiesDialog"), ("report", "ReportDialog"),
    ("import", "ImportDialog"), ("negotiation", "NegotiationDialog"), ("trash", "TrashDialog"),
    ("settings", "SettingsDialog"),
])
def test_menu_actions_open_their_dialogs(qtbot, case_window, action, cls):
    w = case_window
    w.actions.all()[action].trigger()
    dialog = w._dialogs[-1]
    assert type(dialog).__name__ == cls
    assert dialog.isVisible()  # opened with open(): the test was not blocked
    dialog.reject()


def test_findings_panel_selects_entries_in_the_timeline(qtbot, case_window):
    w = case_window
    w.actions.findings.setChecked(True)
    assert w.findings_dock is not None and w.findings_dock.isVisible()
    ids = [e.id for e in w.ws.events.list(w.ids["case"])][:2]
    w.findings.events_selected.emit(ids)
    assert sorted(w.timeline.selected_event_ids()) == sorted(ids)
    w.actions.findings.setChecked(False)
    assert not w.findings_dock.isVisible()


def test_rule_flags_reach_the_timeline(qtbot, case_window):
    w = case_window
    w.refresh_flags(now=True)
    qtbot.waitUntil(lambda: not w.flags_busy, timeout=10000)
    late_call = next(e.id for e in w.ws.events.list(w.ids["case"]) if e.summary == "威胁要上门")  # 23:14
    assert late_call in w.timeline.model.flagged
    row = w.timeline.proxy.proxy_row_of(late_call)
    assert w.timeline.proxy.index(row, 4).data().startswith("⚑")


def test_follow_ups_panel_jumps_to_the_entry(qtbot, case_window):
    w, ws = case_window, case_window.ws
    event = ws.events.log(w.ids["case"], "complaint", datetime(2026, 3, 20, 10, 0), summary="向12378投诉",
                          follow_up=date(2026, 3, 27))
    w._changed()
    w.actions.follow_ups.setChecked(True)
    assert w.follow_ups is not None
    w.follow_ups.event_activated.emit(w.ids["case"], event.id)
    assert w.timeline.current_event_id() == event.id
    assert w.detail.current_id() == event.id


def test_due_follow_ups_are_shown_at_start_and_open_their_entry(qtbot, case_window):
    from desktop_app.ui.followups import today_local

    w, ws = case_window, case_window.ws
    event = ws.events.log(w.ids["case"], "note", datetime(2026, 3, 21, 9, 0), summary="回电给平台客服",
                          follow_up=today_local())
    w._changed()
    dialog = w.show_due_follow_ups()
    assert dialog is not None and dialog.isVisible()
    dialog.panel.event_activated.emit(w.ids["case"], event.id)
    assert w.detail.current_id() == event.id
    assert not dialog.isVisible()
