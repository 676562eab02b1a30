"""Issue 19 item 10: a new case starts where the computer is, not always in Mainland China."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.domain.enums import Jurisdiction
from desktop_app.core.services.case_defaults import jurisdiction_of_zone, new_case_defaults, system_time_zone


def test_the_system_zone_from_etc_localtime(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("TZ", raising=False)
    (tmp_path / "localtime").symlink_to("/usr/share/zoneinfo/America/Chicago")
    assert system_time_zone(tmp_path) == "America/Chicago"
    (tmp_path / "localtime").unlink()
    (tmp_path / "timezone").write_text("Asia/Taipei\n", encoding="utf-8")  # Debian's file
    assert system_time_zone(tmp_path) == "Asia/Taipei"
    monkeypatch.setenv("TZ", ":Europe/London")
    assert system_time_zone(tmp_path) == "Europe/London"
    monkeypatch.setenv("TZ", "Not/AZone")
    (tmp_path / "timezone").write_text("garbage\n", encoding="utf-8")
    assert system_time_zone(tmp_path) is None


@pytest.mark.parametrize(("zone", "place"), [
    ("America/Los_Angeles", Jurisdiction.US), ("Asia/Shanghai", Jurisdiction.CN), ("Asia/Taipei", Jurisdiction.TW),
    ("Asia/Hong_Kong", Jurisdiction.HK), ("Europe/London", Jurisdiction.UK), ("Europe/Berlin", Jurisdiction.OTHER),
    ("Etc/UTC", None), (None, None)])
def test_the_place_of_a_zone(zone, place):
    assert jurisdiction_of_zone(zone) == place


def test_english_ui_in_new_york_is_not_china():
    start = new_case_defaults("en", "America/Chicago")
    assert (start.jurisdiction, start.tz, start.currency) == (Jurisdiction.US, "America/Chicago", "USD")
    # A zone that says nothing about the place (a server on UTC): the UI language decides.
    assert new_case_defaults("en", "Etc/UTC").jurisdiction == Jurisdiction.US
    assert new_case_defaults("zh_TW", None).tz == "Asia/Taipei"
    assert new_case_defaults("zh_CN", "Etc/UTC").currency == "CNY"
    # The computer's zone outranks the language: a Chinese UI in Berlin is not a Mainland case.
    berlin = new_case_defaults("zh_CN", "Europe/Berlin")
    assert (berlin.jurisdiction, berlin.tz) == (Jurisdiction.OTHER, "Europe/Berlin")
