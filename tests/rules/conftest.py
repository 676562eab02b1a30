"""Builders for rule tests: domain objects for the pure `evaluate`, in any zone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from desktop_app.core.domain.enums import (
    CallOutcome,
    Direction,
    EventKind,
    Jurisdiction,
    PartyRole,
    Relationship,
    Target,
)
from desktop_app.core.domain.models import Case, Event, Party
from desktop_app.core.domain.times import localise, zone
from desktop_app.core.rules import Finding, evaluate

ZONES = {"CN": "Asia/Shanghai", "US": "America/New_York", "UK": "Europe/London"}


class CaseBuilder:
    def __init__(self, jurisdiction: str = "CN", tz: str | None = None, product_type: str = "") -> None:
        self.tz = tz or ZONES.get(jurisdiction, "Asia/Shanghai")
        self.case = Case(id=1, title="test", jurisdiction=Jurisdiction(jurisdiction), tz=self.tz,
                         product_type=product_type)
        self.events: list[Event] = []
        self.parties: list[Party] = []

    def party(self, name: str, role: PartyRole | str = PartyRole.COLLECTOR, relationship: str | None = None,
              org: int | None = None) -> int:
        pid = len(self.parties) + 100
        self.parties.append(Party(pid, 1, name, PartyRole(role), Relationship(relationship) if relationship else None,
                                  organisation_id=org))
        return pid

    def event(self, when: str, kind: EventKind | str = EventKind.CALL, *, utc: bool = False, tz: str | None = None,
              fold: int = 0, **fields: Any) -> Event:
        """`when` is wall time in the zone (or a UTC instant with utc=True)."""
        tz = tz or self.tz
        value = datetime.fromisoformat(when)
        if utc:
            start = value.replace(tzinfo=UTC).astimezone(zone(tz))
        else:
            start = localise(value.replace(fold=fold), tz)
        kind = EventKind(kind)
        if kind == EventKind.CALL:
            fields.setdefault("call_outcome", CallOutcome.ANSWERED)
        if kind in (EventKind.CALL, EventKind.SMS, EventKind.CHAT, EventKind.VISIT, EventKind.EMAIL):
            fields.setdefault("direction", Direction.INCOMING)
        for name, enum in (("call_outcome", CallOutcome), ("direction", Direction), ("target", Target)):
            if isinstance(fields.get(name), str):
                fields[name] = enum(fields[name])
        if fields.get("target_party_id") is not None:
            fields.setdefault("target", Target.THIRD_PARTY)
        e = Event(id=len(self.events) + 1, case_id=1, kind=kind, start=start, tz=tz, **fields)
        self.events.append(e)
        return e

    def calls(self, times: list[str], **fields: Any) -> list[Event]:
        return [self.event(t, **fields) for t in times]

    def request(self, when: str, request_type: str, **details: Any) -> Event:
        return self.event(when, EventKind.USER_REQUEST, details={"request_type": request_type, **details})

    def run(self, pack: str | None = None, params: dict | None = None, lang: str = "en") -> list[Finding]:
        return evaluate(self.case, self.events, self.parties, pack, params, lang)

    def flagged(self, rule_id: str, **kw: Any) -> set[int]:
        return {i for f in self.run(**kw) if f.rule_id == rule_id for i in f.event_ids}

    def findings(self, rule_id: str, **kw: Any) -> list[Finding]:
        return [f for f in self.run(**kw) if f.rule_id == rule_id]


@pytest.fixture
def cn() -> CaseBuilder:
    return CaseBuilder("CN")


@pytest.fixture
def us() -> CaseBuilder:
    return CaseBuilder("US")


@pytest.fixture
def uk() -> CaseBuilder:
    return CaseBuilder("UK")


@pytest.fixture
def make_case():
    """The builder class, for cases of any jurisdiction: make_case("TW")."""
    return CaseBuilder
