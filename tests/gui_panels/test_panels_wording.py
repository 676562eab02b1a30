"""Issue 19 item 7: no stale or wrong text — captions, plurals, repeated words, commas per language."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from panel_helpers import make_jpeg

from desktop_app.ui import followups
from desktop_app.ui.case_forms import CaseDialog
from desktop_app.ui.cases_list import CasesList
from desktop_app.ui.evidence.panel import EvidencePanel
from desktop_app.ui.followups import FollowUpsPanel
from desktop_app.ui.timeline_view import TimelinePane
from desktop_app.ui.trash import TrashDialog

TODAY = date(2026, 3, 10)


def test_an_entry_with_no_files_shows_no_other_files_caption(qtbot, small_case, tmp_path):
    ws = small_case
    [ev] = ws.evidence.attach(ws.case_id, [make_jpeg(tmp_path / "a.jpg")], [ws.ids["e1"]])
    ws.evidence.update(ev.id, caption="短信威胁截图")
    panel = EvidencePanel(ws)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.verified):
        panel.set_event(ws.case_id, ws.ids["e1"])
    panel.view.setCurrentIndex(panel.model.index(0))
    assert panel.caption.text() == "短信威胁截图"
    with qtbot.waitSignal(panel.verified):
        panel.set_event(ws.case_id, ws.ids["e2"])  # no files
    assert panel.model.rowCount() == 0
    assert panel.caption.text() == "" and not panel.caption.isEnabled()


def test_one_entry_is_not_one_entries(qtbot, workspace):
    case = workspace.cases.create("Debt", "US")
    workspace.events.log(case.id, "note", datetime(2026, 3, 1, 9, 0), summary="Start")
    pane = TimelinePane(workspace)
    qtbot.addWidget(pane)
    pane.load_case(case.id)
    pane._update_count()
    assert pane.count.text() == "1 entry"


def test_follow_ups_say_things_once(qtbot, small_case, monkeypatch):
    ws = small_case
    monkeypatch.setattr(followups, "today_local", lambda: TODAY)
    ws.events.log(ws.case_id, "note", datetime(2026, 1, 20, 9, 0), summary="Complaint sent",
                  follow_up=TODAY - timedelta(days=40), follow_up_note="Follow up on the complaint")
    panel = FollowUpsPanel(ws)
    qtbot.addWidget(panel)
    panel.set_case(ws.case_id)
    [item] = panel.items
    assert item.overdue
    assert item.text == "Follow up on the complaint"  # not "Follow up: Follow up on the complaint"
    assert panel.summary.text() == "1 thing overdue"  # not "1 thing due · 1 overdue"
    assert "event" not in panel.open_button.text().lower()


def test_the_ui_says_entry_not_event(qtbot, small_case):
    dialog = TrashDialog(small_case, small_case.case_id)
    qtbot.addWidget(dialog)
    assert "entries" in dialog.intro.text() and "event" not in dialog.intro.text()


def test_the_title_error_goes_once_a_title_is_typed(qtbot, workspace):
    dialog = CaseDialog(workspace, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("")
    dialog.accept()
    error = dialog.errors["title"]
    assert error.isVisible() and error.text() == "A case needs a title."
    qtbot.keyClicks(dialog.title, "Keystone Arbor")
    assert not error.isVisible()


def test_chinese_counts_use_the_chinese_comma(qtbot, small_case, lang):
    lang("zh_TW")
    cases = CasesList(small_case)
    qtbot.addWidget(cases)
    cases.refresh()
    text = cases.item(0).text()
    assert "筆紀錄，" in text and ", " not in text.split("\n", 1)[1]
