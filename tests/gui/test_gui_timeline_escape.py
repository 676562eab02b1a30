"""The timeline shows a hostile summary or name as text: control and bidi characters escaped,
HTML in a tooltip shown as written (issue 13, item 14)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from desktop_app.ui.timeline_model import Col


def test_summaries_and_names_show_their_control_characters(qtbot, workspace, settings) -> None:
    from tests.gui.conftest import make_window

    ws = workspace
    case = ws.cases.create("escape", "CN")
    ws.parties.add(case.id, "Evil\u202eRLO", "collector", numbers=["13800138000"])
    ws.events.log(case.id, "note", datetime(2026, 3, 2, 9), summary="Screenshot: a\x1b[2Jb\u202egpj.exe",
                  contact_value="13800138000")
    ws.events.log(case.id, "note", datetime(2026, 3, 3, 9), summary="<b>bold</b> & <img src=x>\nsecond line")
    win = make_window(qtbot, ws, settings)
    try:
        win.open_case(case.id)
        proxy = win.timeline.proxy
        first = proxy.index(0, Col.SUMMARY)
        assert first.data() == "Screenshot: a\\x1b[2Jb\\u202egpj.exe"
        assert proxy.index(0, Col.PARTY).data() == "Evil\\u202eRLO"
        tip = proxy.index(1, Col.SUMMARY).data(Qt.ItemDataRole.ToolTipRole)
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x&gt;<br>second line" in tip
        assert "\x1b" not in proxy.index(0, Col.SUMMARY).data(Qt.ItemDataRole.ToolTipRole)
    finally:
        win.detail.discard()
        win.finish()
