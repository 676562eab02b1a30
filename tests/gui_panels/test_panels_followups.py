"""Follow-ups: what is due across cases, overdue highlighted, mark done, the reminder dialog."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from panel_helpers import shot

from desktop_app.core.domain.negotiation import Negotiation, Proposal
from desktop_app.ui import followups
from desktop_app.ui.followups import FollowUpsPanel, collect_due, due_follow_ups_dialog

TODAY = date(2026, 3, 10)


def _setup(ws, monkeypatch):
    monkeypatch.setattr(followups, "today_local", lambda: TODAY)
    cid = ws.case_id
    ws.events.update(ws.ids["e1"], follow_up=TODAY - timedelta(days=2), follow_up_note="王经理说周五再打来")
    ws.events.update(ws.ids["e3"], follow_up=TODAY + timedelta(days=3), follow_up_note="问母亲是否又接到电话")
    complaint = ws.events.log(cid, "complaint", datetime(2026, 3, 5, 10, 0), summary="向12378投诉",
                              details={"channel": "12378", "ticket_no": "T-889", "reply_due": "2026-03-10"})
    other = ws.cases.create("Second case", "CN")
    note = ws.events.log(other.id, "note", datetime(2026, 3, 1, 9, 0), follow_up=TODAY, follow_up_note="call bank")
    return complaint, other, note


def test_collect_due_all_and_one_case(small_case, monkeypatch):
    ws = small_case
    complaint, other, note = _setup(ws, monkeypatch)
    items = collect_due(ws, None, TODAY)
    assert [(i.event_id, i.what, i.overdue) for i in items] == [
        (ws.ids["e1"], "callback", True), (complaint.id, "reply", False), (note.id, "follow_up", False),
        (ws.ids["e3"], "follow_up", False)]
    assert "T-889" in items[1].text
    assert [i.event_id for i in collect_due(ws, other.id, TODAY)] == [note.id]
    assert [i.event_id for i in collect_due(ws, None, TODAY, until=TODAY)] == [ws.ids["e1"], complaint.id, note.id]


def test_agreed_plan_payments_are_listed(small_case, monkeypatch):
    ws = small_case
    monkeypatch.setattr(followups, "today_local", lambda: TODAY)
    neg = Negotiation(proposal=Proposal(instalments=6, first_due=TODAY + timedelta(days=5)))
    ws.cases.update(ws.case_id, balance=__import__("decimal").Decimal("6000"), negotiation=neg.to_dict())
    assert not [i for i in collect_due(ws, ws.case_id, TODAY) if i.what == "payment"]  # only proposed so far
    ws.cases.update(ws.case_id, status="arrangement_agreed")
    payments = [i for i in collect_due(ws, ws.case_id, TODAY) if i.what == "payment"]
    assert len(payments) == 1 and payments[0].due == TODAY + timedelta(days=5)
    assert "1000.00" in payments[0].text.replace(",", "") and not payments[0].can_mark_done


def test_panel_marks_done_and_activates(qtbot, small_case, monkeypatch):
    ws = small_case
    complaint, _other, _note = _setup(ws, monkeypatch)
    panel = FollowUpsPanel(ws)
    qtbot.addWidget(panel)
    panel.set_case(ws.case_id)
    assert panel.tree.topLevelItemCount() == 3
    first = panel.tree.topLevelItem(0)
    assert "overdue" in first.text(0) and first.foreground(0).color().red() > 150
    with qtbot.waitSignal(panel.event_activated) as blocker:
        panel.tree.setCurrentItem(first)
        panel.open_button.click()
    assert blocker.args == [ws.case_id, ws.ids["e1"]]
    # Mark the call-back and the complaint reply done.
    first.setSelected(True)
    panel.tree.topLevelItem(1).setSelected(True)
    with qtbot.waitSignal(panel.changed):
        panel.done_button.click()
    assert ws.events.get(ws.ids["e1"]).follow_up_done
    assert ws.events.get(complaint.id).details["reply_received"] == TODAY.isoformat()
    assert panel.tree.topLevelItemCount() == 1
    panel.set_case(None)
    assert panel.tree.topLevelItemCount() == 2 and not panel.tree.isColumnHidden(1)


def test_due_dialog(qtbot, small_case, monkeypatch, lang):
    ws = small_case
    monkeypatch.setattr(followups, "today_local", lambda: TODAY)
    assert due_follow_ups_dialog(None, ws) is None
    _setup(ws, monkeypatch)
    for code in ("zh_CN", "en"):
        lang(code)
        dialog = due_follow_ups_dialog(None, ws)
        qtbot.addWidget(dialog)
        assert dialog.panel.tree.topLevelItemCount() == 3
        dialog.show()
        shot(dialog, f"due_dialog_{code}")
        panel = FollowUpsPanel(ws)
        qtbot.addWidget(panel)
        panel.resize(640, 260)
        panel.show()
        shot(panel, f"followups_{code}")
    with qtbot.waitSignal(dialog.finished):
        dialog.panel.tree.setCurrentItem(dialog.panel.tree.topLevelItem(0))
        dialog.panel.open_button.click()
