"""United Kingdom pack (FCA CONC 7): user-set hours and caps, requests, London DST."""

from __future__ import annotations

import pytest

from desktop_app.core.rules import Severity, Status


@pytest.mark.parametrize(("utc", "local", "flagged"), [
    ("2026-03-28 07:30", "07:30", True),    # GMT
    ("2026-03-29 07:30", "08:30", False),   # spring-forward Sunday: BST
    ("2026-03-29 06:59:59", "07:59", True),
    ("2026-10-24 07:30", "08:30", False),   # BST
    ("2026-10-25 07:30", "07:30", True),    # fall-back Sunday: GMT
    ("2026-10-25 21:00", "21:00", False),
    ("2026-10-25 21:00:01", "21:00", True),
])
def test_unreasonable_times_across_london_dst(uk, utc, local, flagged):
    e = uk.event(utc, utc=True)
    assert f"{e.start:%H:%M}" == local
    found = uk.findings("uk.unreasonable_times")
    assert (e.id in {i for f in found for i in f.event_ids}) is flagged
    assert all(f.severity == Severity.WARNING and f.status == Status.REGULATORY_RULE for f in found)


def test_unreasonable_times_use_the_users_hours(uk):
    e = uk.event("2026-05-05 20:30")
    assert uk.findings("uk.unreasonable_times") == []
    found = uk.findings("uk.unreasonable_times", params={"latest": "20:00"})
    assert found[0].event_ids == [e.id] and found[0].params == {"earliest": "08:00", "latest": "20:00"}


@pytest.mark.parametrize(("per_day", "flagged"), [(3, False), (4, True)])
def test_unreasonable_frequency_per_day(uk, per_day, flagged):
    for i in range(per_day):
        uk.event(f"2026-05-05 1{i}:00", call_outcome="missed")
    assert bool(uk.findings("uk.unreasonable_frequency")) is flagged


def test_unreasonable_frequency_per_week(uk):
    for d in range(1, 9):  # 8 calls, one a day, over 8 days: never more than 7 in 7 days
        uk.event(f"2026-05-0{d} 10:00")
    assert uk.findings("uk.unreasonable_frequency") == []
    uk.event("2026-05-08 11:00")
    found = uk.findings("uk.unreasonable_frequency")
    assert len(found) == 1 and found[0].count == 8


def test_contact_preferences(uk):
    early = uk.event("2026-05-01 19:00", "sms")
    hours = uk.request("2026-05-02 09:00", "preferred_hours", hours_from="09:00", hours_to="17:00")
    late = uk.event("2026-05-02 19:00")
    ok = uk.event("2026-05-02 12:00")
    channel = uk.request("2026-05-03 09:00", "channel", channel="sms")
    sms = uk.event("2026-05-03 12:00", "sms")
    found = {f.event_ids[0]: f for f in uk.findings("uk.contact_preferences")}
    assert found[hours.id].event_ids == [hours.id, late.id]
    assert found[channel.id].event_ids == [channel.id, sms.id] and "SMS" in found[channel.id].explanation
    assert early.id not in {i for f in found.values() for i in f.event_ids}
    assert ok.id not in {i for f in found.values() for i in f.event_ids}
    # Inside the requested hours nothing is flagged as unreasonable either.
    assert ok.id not in uk.flagged("uk.unreasonable_times")


def test_third_party_disclosure_is_marked_unverified(uk):
    uk.event("2026-05-01 10:00", conduct=["third_party_disclosure"])
    found = uk.findings("uk.third_party_disclosure")
    assert found[0].unverified and "unverified" in found[0].note


@pytest.mark.parametrize(("rule", "tick"), [
    ("uk.misrepresenting_authority", "impersonation"),
    ("uk.misrepresenting_authority", "false_legal_claim"),
    ("uk.undue_pressure", "pressure_to_borrow"),
    ("uk.visit_conduct", "entered_without_consent"),
])
def test_uk_conduct(uk, rule, tick):
    e = uk.event("2026-05-01 10:00", conduct=[tick])
    assert uk.flagged(rule) == {e.id}


def test_visit_without_notice_is_a_warning(uk):
    uk.event("2026-05-01 10:00", "visit", conduct=["visit_without_notice"])
    assert uk.findings("uk.visit_conduct")[0].severity == Severity.WARNING
