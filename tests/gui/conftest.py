"""Fixtures for the main-window tests: a real workspace, a real window, English unless a test switches."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.i18n import current_language, set_language


@pytest.fixture(autouse=True)
def _app(qapp):
    from desktop_app.ui.application import apply_language, create_application

    before = current_language()
    set_language("en")
    create_application()
    apply_language(qapp, "en")
    yield
    set_language(before)
    apply_language(qapp, before)


@pytest.fixture(autouse=True)
def _no_blocking_boxes(monkeypatch):
    """A test that would open a blocking question fails loudly instead of hanging."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected blocking QMessageBox: {args[1:3]}")

    monkeypatch.setattr(QMessageBox, "question", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)


@pytest.fixture
def settings(workspace):
    from desktop_app.ui.settings import Settings

    s = Settings.load(workspace.layout.settings)
    s.language = "en"
    return s


def make_window(qtbot, ws, settings):
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.workers import wait_all

    window = MainWindow(ws, settings)
    qtbot.addWidget(window, before_close_func=lambda w: w.detail.discard())
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)  # shortcuts with a widget context need an active window
    window.finish = lambda: (window._flags_timer.stop(), wait_all(), qtbot.wait(10))
    return window


@pytest.fixture
def window(qtbot, workspace, settings):
    win = make_window(qtbot, workspace, settings)
    yield win
    win.detail.discard()
    win.finish()


@pytest.fixture
def case_window(qtbot, workspace, settings):
    """A window on a small case of our own: two collectors, a relative, five events."""
    ws = workspace
    case = ws.cases.create("招联消费金融 逾期", "CN")
    wang = ws.parties.add(case.id, "王经理", "collector", numbers=["13800138000"])
    li = ws.parties.add(case.id, "李专员", "collector", numbers=["13900139000"])
    ws.events.log(case.id, "call", datetime(2026, 3, 2, 23, 14), contact_value="13800138000",
                  direction="incoming", call_outcome="answered", duration_s=180, summary="威胁要上门",
                  conduct=["threat"])
    ws.events.log(case.id, "call", datetime(2026, 3, 3, 9, 5), contact_value="13900139000",
                  direction="incoming", call_outcome="missed", summary="未接来电")
    ws.events.log(case.id, "sms", datetime(2026, 3, 4, 12, 0), contact_value="13800138000",
                  body="你的家人已被通知，律师函即将寄出", summary="短信威胁通知家人")
    ws.events.log(case.id, "visit", datetime(2026, 3, 10, 19, 30), summary="两人上门",
                  details={"place": "home", "people_count": 2})
    ws.events.log(case.id, "note", datetime(2026, 4, 1, 8, 0), summary="整理材料")
    win = make_window(qtbot, ws, settings)
    win.open_case(case.id)
    win.ids = {"case": case.id, "wang": wang.id, "li": li.id}
    yield win
    win.detail.discard()
    win.finish()


def events_of(ws, case_id):
    return ws.events.list(case_id)
