"""The timeline: filters by kind, person, dates and flags; search off the GUI thread; sorting."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt

from desktop_app.ui.timeline_model import Col


def _shown(w) -> list[str]:
    proxy = w.timeline.proxy
    return [proxy.index(r, Col.SUMMARY).data() for r in range(proxy.rowCount())]


def test_rows_show_kind_time_party_number_and_badges(qtbot, case_window):
    w = case_window
    proxy = w.timeline.proxy
    assert proxy.rowCount() == 5
    first = [proxy.index(0, c).data() for c in range(len(Col))]
    assert first[Col.KIND].startswith("Call")
    assert "Answered" in first[Col.KIND]
    assert first[Col.PARTY] == "王经理"
    assert first[Col.NUMBER] == "138 0013 8000"  # national format in a CN case (issue 19 item 3)
    assert first[Col.FLAGS].endswith("1")  # one misconduct ticked (⚑ when a rule flags it too)
    assert not proxy.index(0, Col.KIND).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "5 entries" in w.timeline.count.text()


def test_filter_by_kind_party_dates_and_flagged(qtbot, case_window):
    w = case_window
    t = w.timeline
    t.kind.setCurrentIndex(t.kind.findData("call"))
    assert _shown(w) == ["威胁要上门", "未接来电"]
    assert "2 of 5" in t.count.text()
    t.party.setCurrentIndex(t.party.findData(w.ids["li"]))
    assert _shown(w) == ["未接来电"]
    t.clear_filters()
    assert len(_shown(w)) == 5
    t.date_from.setDate(QDate(2026, 3, 3))
    t.date_to.setDate(QDate(2026, 3, 10))
    assert _shown(w) == ["未接来电", "短信威胁通知家人", "两人上门"]
    t.clear_filters()
    w.refresh_flags(now=True)
    qtbot.waitUntil(lambda: not w.flags_busy, timeout=10000)  # the rule checks ran in the background
    w.actions.flagged_only.setChecked(True)  # the menu action and the check box are one switch
    assert t.flagged.isChecked()
    shown = _shown(w)
    assert "威胁要上门" in shown and "整理材料" not in shown
    model = t.model
    for r in range(t.proxy.rowCount()):
        row = model.rows[t.proxy.mapToSource(t.proxy.index(r, 0)).row()]
        assert row[0] in model.flagged or row[7] != "[]"
    w.actions.clear_filters.trigger()
    assert not w.actions.flagged_only.isChecked()
    assert len(_shown(w)) == 5


def test_search_is_debounced_and_runs_in_the_background(qtbot, case_window):
    w = case_window
    t = w.timeline
    with qtbot.waitSignal(t.search_applied, timeout=5000):
        t.search.setText("律师函")  # in a message body
    assert _shown(w) == ["短信威胁通知家人"]
    with qtbot.waitSignal(t.search_applied, timeout=5000):
        t.search.setText("上门")  # two characters: the core's scan path
    assert _shown(w) == ["威胁要上门", "两人上门"]
    with qtbot.waitSignal(t.search_applied, timeout=5000):
        t.search.setText("13900139000")
    assert _shown(w) == ["未接来电"]
    with qtbot.waitSignal(t.search_applied, timeout=5000):
        t.search.setText("")
    assert len(_shown(w)) == 5


def test_only_the_newest_search_answer_counts(qtbot, case_window):
    w = case_window
    t = w.timeline
    t._search_generation += 1
    stale = t._search_generation
    t._search_generation += 1
    t._apply_search(stale, set())  # an old answer arriving late is ignored
    assert len(_shown(w)) == 5


def test_sorting_by_a_column_keeps_the_selection(qtbot, case_window):
    w = case_window
    t = w.timeline
    t.select_events([next(e.id for e in w.ws.events.list(w.ids["case"]) if e.summary == "两人上门")])
    t.table.sortByColumn(Col.SUMMARY, Qt.SortOrder.AscendingOrder)
    assert _shown(w) == sorted(_shown(w))
    assert t.proxy.index(t.table.currentIndex().row(), Col.SUMMARY).data() == "两人上门"
    t.table.sortByColumn(Col.WHEN, Qt.SortOrder.DescendingOrder)
    assert _shown(w)[0] == "整理材料"


def test_select_events_from_elsewhere_clears_hiding_filters(qtbot, case_window):
    w = case_window
    t = w.timeline
    t.kind.setCurrentIndex(t.kind.findData("sms"))
    visit = next(e.id for e in w.ws.events.list(w.ids["case"]) if e.kind == "visit")
    w.select_events([visit])  # e.g. from the findings panel
    assert t.current_event_id() == visit
    assert not t.proxy.active()
