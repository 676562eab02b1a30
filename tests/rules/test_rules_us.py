"""United States pack (FDCPA / Regulation F): table-driven, with DST days in New York."""

from __future__ import annotations

import pytest

from desktop_app.core.rules import Severity, Status


@pytest.mark.parametrize(("when", "flagged"), [
    ("2026-05-04 07:59:59", True),
    ("2026-05-04 08:00:00", False),
    ("2026-05-04 21:00:00", False),
    ("2026-05-04 21:00:01", True),
    ("2026-05-04 21:59:59", True),
    ("2026-05-04 22:00:00", True),
])
def test_inconvenient_time_boundaries(us, when, flagged):
    e = us.event(when)
    assert (e.id in us.flagged("us.inconvenient_time")) is flagged


# The same UTC clock time reads differently either side of a clock change: the borrower's wall time decides.
@pytest.mark.parametrize(("utc", "local", "flagged"), [
    ("2026-03-07 12:30", "07:30", True),    # Saturday before spring forward: EST, UTC-5
    ("2026-03-08 12:30", "08:30", False),   # spring-forward Sunday: EDT, UTC-4
    ("2026-03-08 11:59:59", "07:59", True),
    ("2026-10-31 12:30", "08:30", False),   # Saturday before fall back: EDT
    ("2026-11-01 12:30", "07:30", True),    # fall-back Sunday: EST
    ("2026-11-01 01:30", "21:30", True),    # 21:30 EDT on Oct 31
    ("2026-11-02 01:30", "20:30", False),   # 20:30 EST on Nov 1
])
def test_inconvenient_time_across_new_york_dst(us, utc, local, flagged):
    e = us.event(utc, utc=True)
    assert f"{e.start:%H:%M}" == local
    assert (e.id in us.flagged("us.inconvenient_time")) is flagged


@pytest.mark.parametrize("fold", [0, 1])
def test_repeated_hour_on_fall_back_night(us, fold):
    e = us.event("2026-11-01 01:30", fold=fold)  # happens twice; both are before 08:00
    assert e.id in us.flagged("us.inconvenient_time")


def test_inconvenient_time_follows_the_event_zone(us):
    e = us.event("2026-05-04 19:30", tz="America/Los_Angeles")  # 22:30 in New York, 19:30 where the borrower is
    assert e.id not in us.flagged("us.inconvenient_time")


def test_inconvenient_time_after_preferred_hours(us):
    us.request("2026-05-04 09:00", "preferred_hours", hours_from="12:00", hours_to="14:00")
    ok = us.event("2026-05-05 13:00")
    late = us.event("2026-05-05 15:00")
    found = us.findings("us.inconvenient_time")
    assert len(found) == 1 and late.id in found[0].event_ids and ok.id not in found[0].event_ids
    assert "12:00–14:00" in found[0].explanation


def _calls(us, days, **kw):
    return [us.event(f"{d} {10 + i % 8}:{(i * 7) % 60:02d}", **kw) for i, d in enumerate(days)]


@pytest.mark.parametrize(("days", "flagged"), [
    (["2026-05-01"] * 7, False),                                          # exactly 7 in one day
    (["2026-05-01"] * 8, True),                                           # 8 in one day
    ([f"2026-05-0{d}" for d in range(1, 8)] + ["2026-05-07"], True),      # 8 within days 1..7
    ([f"2026-05-0{d}" for d in range(1, 9)], False),                      # 1 a day: any 7 days hold 7
    (["2026-05-01"] * 4 + ["2026-05-08"] * 4, False),                     # 7 days apart + 1: two windows
    (["2026-05-01"] * 4 + ["2026-05-07"] * 4, True),                      # day 1 and day 7: one window
    (["2026-01-28", "2026-01-29", "2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02", "2026-02-03",
      "2026-02-03"], True),                                               # across a month end
    (["2026-02-28"] * 4 + ["2026-03-06"] * 4, True),                      # across February's end
    (["2026-12-30"] * 4 + ["2027-01-05"] * 4, True),                      # across a year end
])
def test_seven_in_seven(us, days, flagged):
    calls = _calls(us, days)
    found = us.findings("us.call_frequency_7in7")
    assert bool(found) is flagged
    if flagged:
        assert found[0].count == 8 and set(found[0].event_ids) == {c.id for c in calls}


def test_seven_in_seven_window_across_dst(us):
    days = ["2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11",
            "2026-03-11"]
    _calls(us, days)
    assert us.findings("us.call_frequency_7in7")[0].count == 8


@pytest.mark.parametrize(("extra", "flagged"), [
    ({"call_outcome": "busy"}, False),        # not connected: Reg F does not count it
    ({"call_outcome": "missed"}, True),
    ({"call_outcome": "voicemail"}, True),
    ({"direction": "outgoing"}, False),       # the borrower's own call
    ({"kind": "sms"}, False),                 # texts are not calls
])
def test_which_attempts_count(us, extra, flagged):
    _calls(us, ["2026-05-01"] * 7)
    kind = extra.pop("kind", "call")
    us.event("2026-05-01 19:00", kind, **extra)
    assert bool(us.findings("us.call_frequency_7in7")) is flagged


def test_seven_in_seven_per_collector_and_per_person(us):
    a = us.party("Agency A", "agency")
    b = us.party("Agency B", "agency")
    sister = us.party("Sister", "third_party", "relative")
    _calls(us, ["2026-05-01"] * 4, party_id=a)
    _calls(us, ["2026-05-02"] * 4, party_id=b)
    _calls(us, ["2026-05-03"] * 4, party_id=a, target_party_id=sister)
    assert us.findings("us.call_frequency_7in7") == []
    collector = us.party("Jim", "collector", org=a)
    us.event("2026-05-04 10:00", party_id=collector)
    us.event("2026-05-04 11:00", party_id=collector)
    us.event("2026-05-04 12:00", party_id=collector)
    assert us.findings("us.call_frequency_7in7") == []  # 4 + 3 = 7 for agency A: still allowed
    us.event("2026-05-04 13:00", party_id=collector)
    assert us.findings("us.call_frequency_7in7")[0].count == 8


def test_seven_in_seven_user_parameter(us):
    _calls(us, ["2026-05-01", "2026-05-03", "2026-05-05"])
    assert us.findings("us.call_frequency_7in7", params={"max_calls_7_days": 2})[0].params == {"max_calls_7_days": 2}


@pytest.mark.parametrize(("follow", "flagged"), [
    ("2026-05-01 18:00", True),    # same day, after the conversation
    ("2026-05-07 23:59", True),    # day 7
    ("2026-05-08 00:00", False),   # day 8
    ("2026-05-01 09:00", False),   # before the conversation
])
def test_call_after_conversation(us, follow, flagged):
    us.event("2026-05-01 10:00", call_outcome="answered")
    e = us.event(follow, call_outcome="missed")
    assert (e.id in us.flagged("us.call_after_conversation_7d")) is flagged


def test_conversation_the_consumer_started_counts(us):
    talk = us.event("2026-05-01 10:00", direction="outgoing", call_outcome="answered")
    e = us.event("2026-05-03 10:00", call_outcome="voicemail")
    found = us.findings("us.call_after_conversation_7d")
    assert found[0].event_ids == [talk.id, e.id] and "the complainant called them" in found[0].explanation


def test_busy_call_after_conversation_is_not_placed(us):
    us.event("2026-05-01 10:00")
    us.event("2026-05-02 10:00", call_outcome="busy")
    assert us.findings("us.call_after_conversation_7d") == []


def test_conversation_window_across_spring_forward(us):
    us.event("2026-03-02 10:00")
    e = us.event("2026-03-08 20:00", call_outcome="missed")  # day 7, on the DST change day
    assert e.id in us.flagged("us.call_after_conversation_7d")


def test_contact_after_written_cease(us):
    before = us.event("2026-05-01 10:00")
    cease = us.request("2026-05-02 10:00", "cease", written=True)
    after = us.event("2026-05-03 10:00", "letter")
    found = us.findings("us.contact_after_cease")
    assert found[0].event_ids == [cease.id, after.id] and found[0].severity == Severity.VIOLATION
    assert before.id not in found[0].event_ids


def test_spoken_cease_is_a_warning(us):
    us.request("2026-05-02 10:00", "cease", written=False)
    us.event("2026-05-03 10:00")
    found = us.findings("us.contact_after_cease")
    assert found[0].severity == Severity.WARNING and "writing" in found[0].explanation


def test_contact_after_attorney(us):
    lawyer = us.request("2026-05-02 10:00", "attorney")
    e = us.event("2026-05-02 10:00:01")
    assert us.findings("us.contact_after_cease")[0].event_ids == [lawyer.id, e.id]


def test_workplace_contact(us):
    boss = us.party("Boss", "third_party", "employer")
    early = us.event("2026-05-01 10:00", "visit", details={"place": "work"})
    req = us.request("2026-05-02 10:00", "no_work_contact")
    visit = us.event("2026-05-03 10:00", "visit", details={"place": "work"})
    call = us.event("2026-05-04 10:00", target_party_id=boss)
    us.event("2026-05-05 10:00", "visit", details={"place": "home"})
    found = us.findings("us.workplace_contact")
    assert found[0].event_ids == [req.id, visit.id, call.id] and early.id not in found[0].event_ids


def test_third_party_disclosure(us):
    wife = us.party("Wife", "third_party", "spouse")
    friend = us.party("Friend", "third_party", "friend")
    us.event("2026-05-01 10:00", target_party_id=wife, conduct=["third_party_disclosure"])
    told = us.event("2026-05-01 11:00", target_party_id=friend, conduct=["third_party_disclosure"])
    found = us.findings("us.third_party_disclosure")
    assert [f.event_ids for f in found] == [[told.id]]
    again = us.event("2026-05-02 11:00", target_party_id=friend)
    found = us.findings("us.third_party_disclosure")
    assert sorted(f.event_ids for f in found) == [[told.id], [told.id, again.id]]


@pytest.mark.parametrize(("rule", "tick", "article"), [
    ("us.harassment_abuse", "threat", "15 U.S.C. 1692d(1)"),
    ("us.harassment_abuse", "abuse", "15 U.S.C. 1692d(2)"),
    ("us.harassment_abuse", "refused_id", "15 U.S.C. 1692d(6)"),
    ("us.false_representation", "impersonation", "15 U.S.C. 1692e(1), (3)"),
    ("us.false_representation", "false_legal_claim", "15 U.S.C. 1692e(4), (5), (7)"),
    ("us.false_representation", "false_credit_claim", "15 U.S.C. 1692e(2), (8)"),
])
def test_conduct_articles(us, rule, tick, article):
    e = us.event("2026-05-01 10:00", conduct=[tick])
    found = us.findings(rule)
    assert found[0].event_ids == [e.id] and found[0].citation.article == article and found[0].status == Status.LAW


def test_requests_govern_only_later_contacts(us):
    us.request("2026-05-02 10:00", "cease", written=True)
    same = us.event("2026-05-02 10:00")
    later = us.event("2026-05-02 10:00:01")
    flagged = us.flagged("us.contact_after_cease")
    assert later.id in flagged and same.id not in flagged
