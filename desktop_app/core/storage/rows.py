"""Rows ↔ dataclasses.  The only place that knows how a domain field is stored."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
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
from desktop_app.core.domain.models import Case, ContactPoint, Event, Evidence, Party
from desktop_app.core.domain.times import from_storage


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _dec(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


def dec_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def case_from_row(row: sqlite3.Row) -> Case:
    return Case(
        id=row["id"],
        title=row["title"],
        jurisdiction=Jurisdiction(row["jurisdiction"]),
        tz=row["tz"],
        status=CaseStatus(row["status"]),
        platform=row["platform"],
        funder=row["funder"],
        product_type=row["product_type"],
        account_numbers=row["account_numbers"],
        principal=_dec(row["principal"]),
        balance=_dec(row["balance"]),
        currency=row["currency"],
        overdue_since=_date(row["overdue_since"]),
        borrower_name=row["borrower_name"],
        borrower_contact=row["borrower_contact"],
        borrower_address=row["borrower_address"],
        borrower_id_number=row["borrower_id_number"],
        statement=row["statement"],
        requests=json.loads(row["requests"]),
        rule_params=json.loads(row["rule_params"]),
        negotiation=json.loads(row["negotiation"]),
        notes=row["notes"],
        is_demo=row["is_demo"] is not None,
        created_at=_dt(row["created_at"]),
        updated_at=_dt(row["updated_at"]),
    )


#: Case fields a caller may set, and how each is written.
CASE_FIELDS: dict[str, Any] = {
    "title": str, "jurisdiction": str, "tz": str, "status": str, "platform": str, "funder": str,
    "product_type": str, "account_numbers": str, "principal": dec_text, "balance": dec_text,
    "currency": str, "overdue_since": lambda d: d.isoformat() if d else None,
    "borrower_name": str, "borrower_contact": str, "borrower_address": str, "borrower_id_number": str,
    "statement": str, "requests": lambda v: json.dumps(list(v), ensure_ascii=False),
    "rule_params": lambda v: json.dumps(v, ensure_ascii=False),
    "negotiation": lambda v: json.dumps(v, ensure_ascii=False, default=str), "notes": str,
}


def party_from_row(row: sqlite3.Row, points: list[ContactPoint]) -> Party:
    return Party(
        id=row["id"],
        case_id=row["case_id"],
        name=row["name"],
        role=PartyRole(row["role"]),
        relationship=Relationship(row["relationship"]) if row["relationship"] else None,
        organisation_id=row["organisation_id"],
        badge_no=row["badge_no"],
        notes=row["notes"],
        contact_points=points,
        deleted_at=_dt(row["deleted_at"]),
    )


def point_from_row(row: sqlite3.Row) -> ContactPoint:
    return ContactPoint(row["id"], row["party_id"], ContactPointKind(row["kind"]), row["value"], row["key"],
                        row["label"])


def event_from_row(row: sqlite3.Row, evidence_ids: list[int] | None = None) -> Event:
    tz = row["tz"]
    end = row["end_local"]
    return Event(
        id=row["id"],
        case_id=row["case_id"],
        kind=EventKind(row["kind"]),
        start=from_storage(row["start_local"], tz),
        tz=tz,
        end=from_storage(end, tz) if end else None,
        duration_s=row["duration_s"],
        direction=Direction(row["direction"]) if row["direction"] else None,
        call_outcome=CallOutcome(row["call_outcome"]) if row["call_outcome"] else None,
        party_id=row["party_id"],
        contact_value=row["contact_value"],
        contact_key=row["contact_key"],
        target=Target(row["target"]),
        target_party_id=row["target_party_id"],
        summary=row["summary"],
        body=row["body"],
        quotes=row["quotes"],
        conduct=[Conduct(c) for c in json.loads(row["conduct"]) if c in Conduct._value2member_map_],
        details=json.loads(row["details"]),
        follow_up=_date(row["follow_up"]),
        follow_up_note=row["follow_up_note"],
        follow_up_done=bool(row["follow_up_done"]),
        source=row["source"],
        source_file=row["source_file"],
        source_sha256=row["source_sha256"],
        dedupe_key=row["dedupe_key"],
        created_at=_dt(row["created_at"]),
        updated_at=_dt(row["updated_at"]),
        deleted_at=_dt(row["deleted_at"]),
        evidence_ids=evidence_ids or [],
    )


def evidence_from_row(row: sqlite3.Row, event_ids: list[int] | None = None, path: str = "") -> Evidence:
    return Evidence(
        id=row["id"],
        case_id=row["case_id"],
        sha256=row["sha256"],
        exhibit_no=row["exhibit_no"],
        original_name=row["original_name"],
        mime=row["mime"],
        size=row["size"],
        caption=row["caption"],
        capture_time=_dt(row["capture_time"]),
        capture_source=CaptureSource(row["capture_source"]) if row["capture_source"] else None,
        duration_s=row["duration_s"],
        width=row["width"],
        height=row["height"],
        added_at=_dt(row["added_at"]),
        deleted_at=_dt(row["deleted_at"]),
        event_ids=event_ids or [],
        path=path,
    )
