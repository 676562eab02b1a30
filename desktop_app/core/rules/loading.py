"""A lean, read-only load of a case's events for the rules.

`ws.events.list()` builds a full `Event` per row (evidence links, audit times, every field),
which dominates the time on a 100,000-event case.  The rules need fewer fields, so this loads
plain tuples and wraps them in `EventRecord`, which has the same attribute names as `Event`
for everything the checks read — `evaluate()` accepts either.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from desktop_app.core.domain.enums import CallOutcome, Direction, EventKind, Target
from desktop_app.core.domain.times import zone

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

_KINDS = EventKind._value2member_map_
_DIRECTIONS = Direction._value2member_map_
_OUTCOMES = CallOutcome._value2member_map_
_TARGETS = Target._value2member_map_


class EventRecord(NamedTuple):
    id: int
    case_id: int
    kind: EventKind
    start: datetime  # aware, in `tz` (DST-correct: built from the UTC instant)
    tz: str
    direction: Direction | None
    call_outcome: CallOutcome | None
    party_id: int | None
    contact_value: str
    contact_key: str
    target: Target
    target_party_id: int | None
    summary: str
    body: str
    quotes: str
    conduct: list[str]  # Conduct values (StrEnum members compare equal to them)
    details: dict[str, Any]
    deleted_at: None = None


_COLUMNS = ("id, kind, start_utc, tz, direction, call_outcome, party_id, contact_value, contact_key, target, "
            "target_party_id, summary, body, quotes, conduct, details")


def load_events(ws: Workspace, case_id: int) -> list[EventRecord]:
    """The case's live events (not in the trash), oldest first."""
    cur = ws.db.conn.cursor()
    cur.row_factory = None  # plain tuples: several times cheaper than sqlite3.Row for 100k rows
    rows = cur.execute(f"SELECT {_COLUMNS} FROM events WHERE case_id = ? AND deleted_at IS NULL "
                       "ORDER BY start_utc, id", (case_id,)).fetchall()
    zones: dict[str, Any] = {}
    new = tuple.__new__  # builds the record in C, without the generated __new__'s argument handling
    fromtimestamp = datetime.fromtimestamp
    kinds, directions, outcomes, targets = _KINDS, _DIRECTIONS, _OUTCOMES, _TARGETS
    borrower, note, loads = Target.BORROWER, EventKind.NOTE, json.loads
    out: list[EventRecord] = []
    append = out.append
    for (eid, kind, utc, tz, direction, outcome, party, value, key, target, target_party, summary, body, quotes,
         conduct, details) in rows:
        tzinfo = zones.get(tz)
        if tzinfo is None:
            tzinfo = zones[tz] = zone(tz)
        append(new(EventRecord, (
            eid, case_id, kinds.get(kind, note), fromtimestamp(utc, tzinfo), tz,
            directions.get(direction) if direction else None, outcomes.get(outcome) if outcome else None,
            party, value, key, targets.get(target, borrower), target_party, summary, body, quotes,
            [] if conduct == "[]" else loads(conduct), {} if details == "{}" else loads(details), None,
        )))
    return out
