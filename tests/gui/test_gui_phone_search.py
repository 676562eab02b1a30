"""Issue 19 item 3 in the window: the search box finds a number however it is typed, and the
timeline shows every number in one format."""

from __future__ import annotations

import pytest

from desktop_app.ui.timeline_model import Col


@pytest.fixture
def us_window(qtbot, workspace, settings):
    from datetime import datetime

    from desktop_app.core.demo import ensure_demo
    from tests.gui.conftest import make_window

    case_id = ensure_demo(workspace, "us")
    # A quick-logged number, typed bare: shown like the demo's formatted ones.
    workspace.events.log(case_id, "call", datetime(2026, 4, 2, 10, 0), contact_value="8885550163",
                         direction="incoming", call_outcome="missed")
    win = make_window(qtbot, workspace, settings)
    win.open_case(case_id)
    yield win
    win.detail.discard()
    win.finish()


@pytest.mark.parametrize("query", ["8885550163", "+1 888 555 0163", "555-0163"])
def test_the_search_box_finds_every_call_from_the_number(qtbot, us_window, query):
    t = us_window.timeline
    with qtbot.waitSignal(t.search_applied, timeout=5000):
        t.search.setText(query)
    shown = [t.proxy.index(r, Col.NUMBER).data() for r in range(t.proxy.rowCount())]
    assert shown.count("(888) 555-0163") == 16  # the demo's 15 calls and the quick-logged one


def test_numbers_show_in_one_format(qtbot, us_window):
    model = us_window.timeline.model
    numbers = {model.index(r, Col.NUMBER).data() for r in range(model.rowCount())} - {""}
    assert "8885550163" not in numbers and "(888) 555-0163" in numbers
    assert all(n.startswith("(") for n in numbers), numbers  # all US numbers, all national format
