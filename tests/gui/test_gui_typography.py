"""Issue 19 item 12: English in a Latin face, zh_TW with TC first, timeline columns that fit."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QFontMetrics

from desktop_app.ui.application import apply_language
from desktop_app.ui.timeline_model import Col


def test_english_uses_a_latin_face_and_zh_tw_puts_tc_first(qapp):
    apply_language(qapp, "en")
    families = qapp.font().families()
    assert families[0] == "Noto Sans"
    metrics = QFontMetrics(qapp.font())
    # Curly quotes and the ellipsis are proportional, not full-width as in a CJK face.
    assert metrics.horizontalAdvance("“") * 2 < metrics.horizontalAdvance("中")
    assert metrics.horizontalAdvance("…") < metrics.horizontalAdvance("中")
    apply_language(qapp, "zh_TW")
    families = qapp.font().families()
    assert families[0] == "Noto Sans TC" and families.index("Noto Sans TC") < families.index("Noto Sans SC")
    apply_language(qapp, "zh_CN")
    assert qapp.font().families()[0] == "Noto Sans SC"
    apply_language(qapp, "en")


def test_kind_and_who_columns_show_their_text_on_the_first_paint(qtbot, window, workspace):
    case = workspace.cases.create("Keystone Arbor", "US")
    agency = workspace.parties.add(case.id, "Keystone Arbor Recovery Group, LLC", "agency")
    workspace.events.log(case.id, "call", datetime(2026, 3, 2, 21, 5), direction="incoming",
                         call_outcome="voicemail", party_id=agency.id, summary="Voicemail")
    window.refresh_cases()
    window.open_case(case.id)
    table = window.timeline.table
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    kind_text = window.timeline.proxy.index(0, Col.KIND).data()
    assert "·" in kind_text  # "Call · Voicemail"
    assert header.sectionSize(Col.KIND) >= metrics.horizontalAdvance(kind_text) + table.iconSize().width()
    assert header.sectionSize(Col.PARTY) >= metrics.horizontalAdvance("Keystone Arbor Recovery Group, LLC")


def test_the_us_demo_timeline_needs_no_horizontal_scrollbar(qtbot, workspace):
    from desktop_app.core.demo import ensure_demo
    from desktop_app.ui.timeline_view import TimelinePane

    case_id = ensure_demo(workspace, "us")
    pane = TimelinePane(workspace)
    qtbot.addWidget(pane)
    pane.resize(1000, 500)  # the timeline's share of a 1600 px window
    pane.show()
    pane.load_case(case_id)
    qtbot.waitExposed(pane)
    assert pane.table.horizontalScrollBar().maximum() == 0
