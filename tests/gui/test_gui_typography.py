"""Issue 19 item 12: English in a Latin face, zh_TW with TC first, timeline columns that fit."""

from __future__ import annotations

from datetime import datetime

import pytest
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


@pytest.fixture
def wide_screen(qapp):
    """Tests run on an 800 px offscreen screen, and every window is made to fit its screen: lift
    that for a pane that stands for part of a 1920 px window."""
    from desktop_app.ui import screen_fit

    if screen_fit._filter is not None:
        qapp.removeEventFilter(screen_fit._filter)
    yield
    if screen_fit._filter is not None:
        qapp.installEventFilter(screen_fit._filter)


def test_kind_and_who_columns_show_their_text_and_summary_keeps_its_room(qtbot, workspace, wide_screen):
    from desktop_app.ui.timeline_view import TimelinePane

    case = workspace.cases.create("Keystone Arbor", "US")
    agency = workspace.parties.add(case.id, "Keystone Arbor Recovery Group, LLC", "agency")
    workspace.events.log(case.id, "call", datetime(2026, 3, 2, 21, 5), direction="incoming",
                         call_outcome="voicemail", party_id=agency.id, summary="Voicemail")
    pane = TimelinePane(workspace)
    qtbot.addWidget(pane)
    pane.resize(1300, 500)  # the timeline's share of a 1920 px window
    pane.show()
    qtbot.waitExposed(pane)
    pane.load_case(case.id)
    table = pane.table
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    kind_text = pane.proxy.index(0, Col.KIND).data()
    assert "·" in kind_text  # "Call · Voicemail"
    assert header.sectionSize(Col.KIND) >= metrics.horizontalAdvance(kind_text) + table.iconSize().width()
    assert header.sectionSize(Col.PARTY) >= metrics.horizontalAdvance("Keystone Arbor Recovery Group, LLC")
    # Narrow (a 1280 px window): the name gives way before the timeline would scroll sideways.
    pane.resize(700, 500)
    qtbot.wait(10)
    assert table.horizontalScrollBar().maximum() == 0
    assert header.sectionSize(Col.SUMMARY) >= metrics.horizontalAdvance("0") * 15


def test_the_us_demo_timeline_needs_no_horizontal_scrollbar(qtbot, workspace):
    from desktop_app.core.demo import ensure_demo
    from desktop_app.ui.timeline_view import TimelinePane

    case_id = ensure_demo(workspace, "us")
    pane = TimelinePane(workspace)
    qtbot.addWidget(pane)
    pane.resize(700, 500)  # the timeline's share of a 1280 px window
    pane.show()
    pane.load_case(case_id)
    qtbot.waitExposed(pane)
    assert pane.table.horizontalScrollBar().maximum() == 0
