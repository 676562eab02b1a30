"""The event editor: fields per kind, saving, errors next to the field, the unsaved-changes prompt."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.domain.enums import Conduct, EventKind


def _select_first(w, kind: str):
    event = next(e for e in w.ws.events.list(w.ids["case"]) if e.kind == kind)
    w.select_events([event.id])
    assert w.detail.current_id() == event.id
    return event


def test_editing_a_call_and_saving_with_ctrl_s(qtbot, case_window):
    w = case_window
    event = _select_first(w, "call")
    editor = w.detail.editor
    assert editor.outcome.isVisible() and editor.duration.isVisible()
    assert not editor.details_group.isHidden()  # a call has "who they said they were"
    editor.summary.setText("自称律师，威胁起诉")
    editor.duration.setText("4:05")
    editor.conduct[Conduct.IMPERSONATION].setChecked(True)
    editor.quotes.setPlainText("明天就去你公司")
    editor.detail_widgets[EventKind.CALL]["claimed_identity"].setText("某律师事务所")
    assert editor.dirty and editor.banner.isVisible()
    assert w.actions.save_event.isEnabled()
    editor.summary.setFocus()
    QTest.keyClick(editor.summary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = w.ws.events.get(event.id)
    assert saved.summary == "自称律师，威胁起诉"
    assert saved.duration_s == 245
    assert Conduct.IMPERSONATION in saved.conduct and Conduct.THREAT in saved.conduct
    assert saved.quotes == "明天就去你公司"
    assert saved.details["claimed_identity"] == "某律师事务所"
    assert not editor.dirty and not editor.banner.isVisible()
    # The timeline row shows the new summary.
    row = w.timeline.proxy.proxy_row_of(event.id)
    texts = [w.timeline.proxy.index(row, c).data() for c in range(w.timeline.proxy.columnCount())]
    assert "自称律师，威胁起诉" in texts


def test_fields_follow_the_kind(qtbot, case_window):
    w = case_window
    event = _select_first(w, "visit")
    editor = w.detail.editor
    assert editor.outcome.isHidden() and editor.duration.isHidden()
    visit = editor.detail_widgets[EventKind.VISIT]
    assert visit["people_count"].value() == 2
    assert visit["place"].value() == "home"
    visit["notice_given"].set_value(False)
    visit["entered_without_consent"].set_value(True)
    assert editor.save()
    saved = w.ws.events.get(event.id)
    assert saved.details["notice_given"] is False and saved.details["entered_without_consent"] is True
    # Turning it into a complaint shows the complaint's fields.
    editor.kind.set_value("complaint")
    complaint = editor.detail_widgets[EventKind.COMPLAINT]
    complaint["channel"].set_value("12378")
    complaint["ticket_no"].setText("T-2026-0042")
    complaint["reply_due"].set_value("2026-04-15")
    assert editor.save()
    saved = w.ws.events.get(event.id)
    assert saved.kind == EventKind.COMPLAINT
    assert saved.details["ticket_no"] == "T-2026-0042" and saved.details["reply_due"] == "2026-04-15"
    assert saved.details["channel"] == "12378"


def test_a_user_request_with_its_parameters(qtbot, case_window):
    w = case_window
    _select_first(w, "note")
    editor = w.detail.editor
    editor.kind.set_value("user_request")
    fields = editor.detail_widgets[EventKind.USER_REQUEST]
    fields["request_type"].set_value("preferred_hours")
    fields["written"].set_value(True)
    fields["hours_from"].setTime(fields["hours_from"].time().fromString("09:00", "HH:mm"))
    fields["hours_to"].setTime(fields["hours_to"].time().fromString("18:30", "HH:mm"))
    assert editor.save()
    saved = w.ws.events.get(editor.record.id)
    assert saved.details["request_type"] == "preferred_hours"
    assert saved.details["hours_from"] == "09:00" and saved.details["hours_to"] == "18:30"
    assert saved.details["written"] is True


def test_an_end_before_the_start_is_shown_next_to_the_end_field(qtbot, case_window):
    w = case_window
    event = _select_first(w, "call")
    editor = w.detail.editor
    editor.has_end.setChecked(True)
    editor.end.setDateTime(QDateTime(2026, 3, 1, 8, 0, 0))
    assert not editor.save()
    error = editor._errors["end"]
    assert error.isVisible() and "before the start" in error.text()
    assert editor.dirty
    assert w.ws.events.get(event.id).end is None  # nothing half-saved
    editor.end.setDateTime(QDateTime(2026, 3, 2, 23, 20, 0))
    assert editor.save()
    assert not error.isVisible()
    saved = w.ws.events.get(event.id)
    assert saved.end is not None and saved.end.replace(tzinfo=None) == datetime(2026, 3, 2, 23, 20)


def test_a_negative_duration_is_refused_next_to_the_field(qtbot, case_window):
    w = case_window
    _select_first(w, "call")
    editor = w.detail.editor
    editor.duration.setText("-1:00")
    assert not editor.save()
    assert editor._errors["duration_s"].isVisible()
    assert "negative" in editor._errors["duration_s"].text()


def test_switching_events_with_unsaved_changes_asks(qtbot, case_window, monkeypatch):
    w = case_window
    first = _select_first(w, "call")
    editor = w.detail.editor
    editor.summary.setText("改过但没保存")
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save])
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[1]), next(answers))[1])
    other = next(e for e in w.ws.events.list(w.ids["case"]) if e.kind == "sms")
    w.select_events([other.id])
    assert len(asked) == 1
    assert w.detail.current_id() == first.id  # Cancel: we stay, the text is still there
    assert editor.summary.text() == "改过但没保存"
    assert w.timeline.current_event_id() == first.id
    w.select_events([other.id])  # Save: saved, then moved on
    assert w.ws.events.get(first.id).summary == "改过但没保存"
    assert w.detail.current_id() == other.id
    assert editor.body.toPlainText().startswith("你的家人")


def test_an_edit_updates_its_row_in_place_and_a_new_time_reorders(qtbot, case_window):
    w = case_window
    event = _select_first(w, "sms")
    editor = w.detail.editor
    reloads = []
    original = w.timeline.load_case
    w.timeline.load_case = lambda case_id: (reloads.append(case_id), original(case_id))[1]
    editor.summary.setText("改了摘要")
    assert editor.save()
    assert reloads == []  # one row refreshed, not the whole case re-read
    row = w.timeline.proxy.proxy_row_of(event.id)
    assert w.timeline.proxy.index(row, 6).data() == "改了摘要"
    editor.start.setDateTime(QDateTime(2026, 2, 1, 9, 0, 0))  # now the earliest entry
    assert editor.save()
    assert reloads  # moved in time: re-read in order
    assert w.timeline.proxy.event_id_at(0) == event.id
    assert w.timeline.current_event_id() == event.id
