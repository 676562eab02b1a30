"""The domain's records as plain dataclasses (no SQL, no Qt).

Times: an event's `start` is an aware `datetime` in the event's IANA zone (`tz`), i.e. the
borrower's local wall time with its UTC offset.  Money is `Decimal`.  Kind-specific fields
live in `Event.details` under the keys documented in `DETAIL_KEYS` so that adding a field
never needs a schema change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from desktop_app.core.domain.enums import (
    CallOutcome,
    CaptureSource,
    CaseStatus,
    Conduct,
    ContactPointKind,
    Direction,
    EventKind,
    Jurisdiction,
    PartyRole,
    Relationship,
    Target,
)

#: Documented keys of `Event.details`, per kind (values are JSON types).
DETAIL_KEYS: dict[EventKind, dict[str, str]] = {
    EventKind.VISIT: {
        "place": "VisitPlace value: home, work or other",
        "address": "free text",
        "people_count": "int: how many people came",
        "id_shown": "bool: did every visitor show ID",
        "notice_given": "bool: was the visit announced beforehand",
        "entered_without_consent": "bool",
        "claimed_identity": "free text: who they said they were",
    },
    EventKind.SMS: {"channel": "Channel value", "sender_name": "free text"},
    EventKind.CHAT: {"channel": "Channel value (wechat, app…)", "sender_name": "free text"},
    EventKind.EMAIL: {"subject": "free text", "channel": "Channel value"},
    EventKind.LETTER: {"sender": "free text", "delivery": "post, courier, by hand"},
    EventKind.CALL: {"claimed_identity": "free text: who the caller said they were"},
    EventKind.COMPLAINT: {
        "channel": "Channel value: where it was filed",
        "ticket_no": "the complaint's reference",
        "reply_due": "ISO date the answer is owed by",
        "outcome": "free text",
    },
    EventKind.USER_REQUEST: {
        "request_type": "RequestType value",
        "written": "bool: made in writing (US cease requests must be)",
        "hours_from": "HH:MM, for preferred_hours",
        "hours_to": "HH:MM, for preferred_hours",
        "target_party_id": "int, for stop_third_party",
        "channel": "Channel value, for a channel request",
    },
    EventKind.PAYMENT: {"amount": "decimal string", "currency": "ISO 4217", "method": "free text"},
    EventKind.AGREEMENT: {
        "written": "bool: signed in writing",
        "terms": "free text",
        "amount": "decimal string",
        "instalments": "int",
    },
    EventKind.NEGOTIATION: {"outcome": "free text", "staff_id": "free text"},
    EventKind.MEETING: {"place": "free text"},
}


@dataclass(slots=True)
class Case:
    id: int
    title: str
    jurisdiction: Jurisdiction = Jurisdiction.CN
    tz: str = "Asia/Shanghai"
    status: CaseStatus = CaseStatus.ACTIVE
    platform: str = ""  # the platform / creditor the borrower signed with
    funder: str = ""  # the licensed lender behind the platform
    product_type: str = ""  # credit card, consumer loan, instalment purchase…
    account_numbers: str = ""  # one or more account / contract numbers, free text
    principal: Decimal | None = None
    balance: Decimal | None = None
    currency: str = "CNY"
    overdue_since: date | None = None
    borrower_name: str = ""
    borrower_contact: str = ""
    borrower_address: str = ""
    borrower_id_number: str = ""  # printed only in letters the user chooses to send
    statement: str = ""  # the user's own account of events, for the complaint
    requests: list[str] = field(default_factory=list)  # what the complaint asks for, in order
    rule_params: dict[str, Any] = field(default_factory=dict)  # per-case rule parameter overrides
    negotiation: dict[str, Any] = field(default_factory=dict)  # see domain.negotiation
    notes: str = ""
    is_demo: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def reference(self) -> str:
        """The case reference printed on every page of a dossier."""
        return f"PT-{self.id:05d}"


@dataclass(slots=True)
class ContactPoint:
    """A phone number or account a party used."""

    id: int
    party_id: int
    kind: ContactPointKind
    value: str  # as the user or the phone wrote it
    key: str  # grouping key (phones.number_key) — equal keys are the same line
    label: str = ""


@dataclass(slots=True)
class Party:
    id: int
    case_id: int
    name: str
    role: PartyRole
    relationship: Relationship | None = None  # for third parties
    organisation_id: int | None = None  # a collector's agency / platform
    badge_no: str = ""  # employee or badge number
    notes: str = ""
    contact_points: list[ContactPoint] = field(default_factory=list)
    deleted_at: datetime | None = None


@dataclass(slots=True)
class Event:
    id: int
    case_id: int
    kind: EventKind
    start: datetime  # aware, in `tz`
    tz: str
    end: datetime | None = None
    duration_s: int | None = None
    direction: Direction | None = None
    call_outcome: CallOutcome | None = None
    party_id: int | None = None
    contact_value: str = ""  # the number or account used
    contact_key: str = ""  # its grouping key
    target: Target = Target.BORROWER
    target_party_id: int | None = None  # the third party contacted, when target is third_party
    summary: str = ""
    body: str = ""  # a message's full text
    quotes: str = ""  # verbatim quotes, one per line
    conduct: list[Conduct] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    follow_up: date | None = None
    follow_up_note: str = ""
    follow_up_done: bool = False
    source: str = "manual"  # "manual", or the importer's name
    source_file: str = ""
    source_sha256: str = ""
    dedupe_key: str | None = None  # importers: equal keys within a case are the same record
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    evidence_ids: list[int] = field(default_factory=list)

    @property
    def connected(self) -> bool | None:
        """Whether a call connected; None for anything that is not a call or is unknown."""
        if self.kind != EventKind.CALL or self.call_outcome is None:
            return None
        return self.call_outcome == CallOutcome.ANSWERED

    @property
    def effective_end(self) -> datetime | None:
        if self.end is not None:
            return self.end
        if self.duration_s is not None:
            return self.start + timedelta(seconds=self.duration_s)
        return None


@dataclass(slots=True)
class Evidence:
    id: int
    case_id: int
    sha256: str
    exhibit_no: int
    original_name: str
    mime: str
    size: int
    caption: str = ""
    capture_time: datetime | None = None
    capture_source: CaptureSource | None = None
    duration_s: float | None = None  # audio / video
    width: int | None = None
    height: int | None = None
    added_at: datetime | None = None
    deleted_at: datetime | None = None
    event_ids: list[int] = field(default_factory=list)
    path: str = ""  # absolute path of the vault copy (filled by the service)

    @property
    def exhibit(self) -> str:
        return exhibit_label(self.exhibit_no)


def exhibit_label(number: int) -> str:
    return f"E-{number:03d}"


@dataclass(slots=True)
class AuditEntry:
    id: int
    at: datetime
    case_id: int | None
    entity: str
    entity_id: int | None
    action: str
    fields: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CaseSummary:
    id: int
    title: str
    status: CaseStatus
    jurisdiction: Jurisdiction
    event_count: int
    evidence_count: int
    party_count: int
    last_event: datetime | None
    is_demo: bool = False
