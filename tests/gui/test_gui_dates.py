"""Issue 19 item 8: one date and time format per language — table, editor, follow-up dates, filters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate

from desktop_app.ui.panel_format import fmt_date, fmt_datetime, short_date_format, ui_locale
from desktop_app.ui.timeline_model import Col


@pytest.mark.parametrize("lang", ["en", "zh_CN", "zh_TW"])
def test_the_table_the_editor_and_the_date_fields_agree(qtbot, case_window, lang):
    w = case_window
    if lang != "en":
        w.change_language(lang)
    event = next(e for e in w.ws.events.list(w.ids["case"]) if e.kind == "call")
    w.select_events([event.id])
    editor = w.detail.editor
    row = w.timeline.proxy.proxy_row_of(event.id)
    in_table = w.timeline.proxy.index(row, Col.WHEN).data()
    assert in_table == fmt_datetime(event.start) == editor.start.text()
    assert "-" not in editor.start.text()  # not ISO "2026-03-02 23:14:00" beside "3/2/2026 11:14 PM"
    follow = editor.follow_up.edit
    follow.setDate(QDate(2026, 12, 4))
    assert follow.text() == fmt_date(follow.date().toPython())  # "12/4/2026", never "12/4/26"
    assert "2026" in follow.text()
    pattern = short_date_format(ui_locale())
    assert w.timeline.date_from.displayFormat() == pattern == follow.displayFormat()
    quick = w.quick_log("call")
    assert quick.when.displayFormat() == editor.start.displayFormat()  # the quick log wrote ISO
    assert quick.when.text() == fmt_datetime(quick.when.dateTime().toPython())
    quick.reject()
    w.change_language("en")
