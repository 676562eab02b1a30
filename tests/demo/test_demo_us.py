"""The US demo case: the FDCPA / Regulation F situations the US rule pack looks for."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.core.demo import ensure_demo
from desktop_app.core.domain.enums import CallOutcome, Direction, EventKind, Relationship, Target
from desktop_app.core.services.workspace import Workspace


@pytest.fixture(scope="module")
def us(tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("us") / "data")
    case_id = ensure_demo(ws, "us")
    yield ws, ws.cases.get(case_id), ws.events.list(case_id), ws.parties.list(case_id), ws.evidence.list(case_id)
    ws.close()


def _placed(events):
    return [e for e in events if e.kind == EventKind.CALL and e.direction == Direction.INCOMING
            and e.call_outcome != CallOutcome.BUSY]


def test_case_and_idempotence(us):
    ws, case, events, parties, evidence = us
    assert case.jurisdiction.value == "US" and case.tz == "America/New_York" and case.currency == "USD"
    assert case.is_demo and case.balance and case.borrower_name and len(case.requests) >= 4
    assert len(events) >= 40 and len(parties) >= 6 and len(evidence) >= 4
    assert ensure_demo(ws, "us") == case.id and ws.events.count(case.id) == len(events)
    assert ws.cases.find_demo("cn") is None  # the two demos are separate


def test_inconvenient_times_on_both_sides_of_dst(us):
    _, _, events, _, _ = us
    calls = _placed(events)
    offsets = {e.start.utcoffset() for e in calls}
    assert offsets == {timedelta(hours=-5), timedelta(hours=-4)}
    early = [e for e in calls if e.start.hour < 8]
    late = [e for e in calls if e.start.hour >= 21]
    assert {e.start.utcoffset() for e in early} == offsets and {e.start.utcoffset() for e in late} == offsets
    dst_day = [e for e in calls if e.start.date().isoformat() == "2026-03-08"]
    assert dst_day and dst_day[0].start.hour == 7 and dst_day[0].start.utcoffset() == timedelta(hours=-4)


def test_more_than_seven_calls_in_seven_days_and_call_after_conversation(us):
    _, _, events, _, _ = us
    days = sorted(e.start.date() for e in _placed(events) if e.target == Target.BORROWER)
    assert max(sum(1 for d in days if 0 <= (d - start).days < 7) for start in days) > 7
    talks = [e for e in events if e.kind == EventKind.CALL and e.call_outcome == CallOutcome.ANSWERED]
    placed = _placed(events)
    assert any(0 < (p.start.date() - t.start.date()).days < 7 for t in talks for p in placed if p.start > t.start)


def test_cease_workplace_sister_threats_and_cfpb(us):
    _, _, events, parties, evidence = us
    requests = {e.details["request_type"]: e for e in events if e.kind == EventKind.USER_REQUEST}
    cease, no_work = requests["cease"], requests["no_work_contact"]
    assert cease.details["written"] is True
    contact_kinds = {EventKind.CALL, EventKind.SMS}
    assert sum(1 for e in events if e.kind in contact_kinds and e.direction == Direction.INCOMING
               and e.start > cease.start) >= 3
    assert sum(1 for e in events if e.details.get("place") == "work" and e.start > no_work.start) >= 2
    sister = next(p for p in parties if p.relationship == Relationship.RELATIVE)
    told = [e for e in events if e.target_party_id == sister.id and "third_party_disclosure" in e.conduct]
    assert told
    ticks = Counter(c.value for e in events for c in e.conduct)
    assert ticks["false_legal_claim"] >= 2 and ticks["abuse"] >= 1 and ticks["threat"] >= 1
    assert any("arrest" in (e.quotes + e.body).lower() for e in events)
    complaint = [e for e in events if e.kind == EventKind.COMPLAINT]
    assert complaint and complaint[0].details["channel"] == "cfpb" and complaint[0].details["ticket_no"]
    kinds = {v.mime for v in evidence}
    assert {"image/png", "image/jpeg", "audio/x-wav", "text/plain"} <= kinds
    for item in evidence:
        assert item.event_ids and hashlib.sha256(Path(item.path).read_bytes()).hexdigest() == item.sha256
    photo = next(v for v in evidence if v.mime == "image/jpeg")
    assert photo.capture_source.value == "exif" and photo.capture_time.utcoffset() == timedelta(hours=-4)
