"""Fixtures for the panel tests: fonts registered, a small case of our own, a language switch."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.core.i18n import current_language, set_language


@pytest.fixture(autouse=True)
def _fonts(qapp):
    from desktop_app.ui.fonts import register_app_fonts

    register_app_fonts()


@pytest.fixture(autouse=True)
def _utc_computer(monkeypatch):
    """New-case defaults read the computer's time zone: pin it, so a test gives one answer anywhere."""
    from desktop_app.ui import case_forms

    monkeypatch.setattr(case_forms, "system_time_zone", lambda: "Etc/UTC")


@pytest.fixture
def lang():
    """Switch the UI language for one test; always switched back."""
    before = current_language()
    yield set_language
    set_language(before)


@pytest.fixture
def small_case(workspace):
    """A case with two collectors, a third party and a handful of events."""
    ws = workspace
    case = ws.cases.create("招联消费金融 逾期", "CN", platform="招联金融", balance=None)
    agency = ws.parties.add(case.id, "深圳某某资产管理有限公司", "agency")
    wang = ws.parties.add(case.id, "王经理", "collector", numbers=["13800138000"], organisation_id=agency.id,
                          badge_no="A-1024")
    li = ws.parties.add(case.id, "李专员", "collector", numbers=["+86 139 0013 9000"])
    mother = ws.parties.add(case.id, "母亲", "third_party", relationship="relative", numbers=["13600136000"])
    e1 = ws.events.log(case.id, "call", datetime(2026, 3, 2, 23, 14), contact_value="13800138000",
                       direction="incoming", call_outcome="answered", duration_s=180,
                       summary="威胁要上门", conduct=["threat"])
    e2 = ws.events.log(case.id, "call", datetime(2026, 3, 3, 9, 5), contact_value="13900139000",
                       direction="incoming", call_outcome="missed")
    e3 = ws.events.log(case.id, "sms", datetime(2026, 3, 4, 12, 0), contact_value="13800138000",
                       body="你的家人已被通知", target="third_party", target_party_id=mother.id)
    ws.case_id = case.id
    ws.ids = {"agency": agency.id, "wang": wang.id, "li": li.id, "mother": mother.id,
              "e1": e1.id, "e2": e2.id, "e3": e3.id}
    return ws
