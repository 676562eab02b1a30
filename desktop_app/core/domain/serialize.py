"""Domain objects → plain JSON-able dicts.

This is the shape of `papertrail … --json` (documented in the README) and of the evidence
package's manifest.  Change it only by adding fields.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from desktop_app.core.domain.models import Case, CaseSummary, Event, Evidence, Party


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    return value


def case_summary(s: CaseSummary) -> dict[str, Any]:
    return {
        "id": s.id, "title": s.title, "status": s.status.value, "jurisdiction": s.jurisdiction.value,
        "event_count": s.event_count, "evidence_count": s.evidence_count, "party_count": s.party_count,
        "last_event": jsonable(s.last_event), "is_demo": s.is_demo,
    }


def case(c: Case) -> dict[str, Any]:
    return jsonable({
        "id": c.id, "reference": c.reference, "title": c.title, "jurisdiction": c.jurisdiction.value, "tz": c.tz,
        "status": c.status.value, "platform": c.platform, "funder": c.funder, "product_type": c.product_type,
        "account_numbers": c.account_numbers, "principal": c.principal, "balance": c.balance,
        "currency": c.currency, "overdue_since": c.overdue_since, "borrower_name": c.borrower_name,
        "borrower_contact": c.borrower_contact, "borrower_address": c.borrower_address,
        "statement": c.statement, "requests": c.requests, "rule_params": c.rule_params,
        "negotiation": c.negotiation, "is_demo": c.is_demo, "created_at": c.created_at,
        "updated_at": c.updated_at,
    })


def party(p: Party) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "role": p.role.value,
        "relationship": p.relationship.value if p.relationship else None,
        "organisation_id": p.organisation_id, "badge_no": p.badge_no, "notes": p.notes,
        "contact_points": [{"id": cp.id, "kind": cp.kind.value, "value": cp.value, "key": cp.key, "label": cp.label}
                           for cp in p.contact_points],
    }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def event(e: Event) -> dict[str, Any]:
    # Built directly (no generic jsonable walk): `show` serialises 100,000 of these.
    return {
        "id": e.id, "kind": e.kind.value, "start": e.start.isoformat(), "tz": e.tz, "end": _iso(e.end),
        "duration_s": e.duration_s,
        "direction": e.direction.value if e.direction else None,
        "call_outcome": e.call_outcome.value if e.call_outcome else None, "connected": e.connected,
        "party_id": e.party_id, "number": e.contact_value, "number_key": e.contact_key, "target": e.target.value,
        "target_party_id": e.target_party_id, "summary": e.summary, "body": e.body, "quotes": e.quotes,
        "conduct": [c.value for c in e.conduct], "details": e.details,
        # Not yet confirmed by the user; kept apart from `conduct` (spans in details, issue 18).
        "suggested_conduct": list(e.details.get("suggested_conduct") or []), "follow_up": _iso(e.follow_up),
        "follow_up_done": e.follow_up_done, "source": e.source, "source_file": e.source_file,
        "source_sha256": e.source_sha256, "evidence_ids": e.evidence_ids, "created_at": _iso(e.created_at),
        "updated_at": _iso(e.updated_at),
    }


def evidence(v: Evidence) -> dict[str, Any]:
    return jsonable({
        "id": v.id, "exhibit": v.exhibit, "sha256": v.sha256, "path": v.path, "original_name": v.original_name,
        "mime": v.mime, "size": v.size, "caption": v.caption, "capture_time": v.capture_time,
        "capture_source": v.capture_source.value if v.capture_source else None, "duration_s": v.duration_s,
        "width": v.width, "height": v.height, "event_ids": v.event_ids, "added_at": v.added_at,
    })
