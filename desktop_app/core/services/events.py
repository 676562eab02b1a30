"""Use cases for the timeline: log, edit, delete (to the trash) and restore events."""

from __future__ import annotations

import builtins  # the class defines `list`; annotations after it name the builtin as builtins.list
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from desktop_app.core.domain.enums import (
    CallOutcome,
    Conduct,
    Direction,
    EventKind,
    Target,
)
from desktop_app.core.domain.models import Event
from desktop_app.core.domain.phones import number_key, region_for_jurisdiction
from desktop_app.core.domain.times import localise, to_storage, utc_now_iso, zone
from desktop_app.core.errors import NotFoundError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.services.audit import AuditService
from desktop_app.core.storage.db import Database, inserted_id
from desktop_app.core.storage.rows import event_from_row
from desktop_app.core.suggest.stored import DISMISSED, SUGGESTED, TEXT_FIELDS, refresh_details

EDITABLE = (
    "kind", "start", "tz", "end", "duration_s", "direction", "call_outcome", "party_id", "contact_value",
    "target", "target_party_id", "summary", "body", "quotes", "conduct", "details", "follow_up",
    "follow_up_note", "follow_up_done",
)
IMPORT_ONLY = ("source", "source_file", "source_sha256", "dedupe_key", "import_id")
#: The columns `insert_imported` writes, in this order; the others take their defaults.
IMPORT_COLUMNS = (
    "case_id", "kind", "start_local", "start_utc", "fold", "tz", "duration_s", "direction", "call_outcome",
    "party_id", "contact_value", "contact_key", "body", "details", "source", "source_file", "source_sha256",
    "dedupe_key", "import_id", "created_at", "updated_at",
)


def _enum(enum_cls, value, field: str):
    if value is None or value == "":
        return None
    try:
        return enum_cls(value)
    except ValueError as exc:
        raise ValidationError(_("{value!r} is not a valid {field}.").format(value=value, field=field), field) from exc


class EventService:
    def __init__(self, db: Database, audit: AuditService) -> None:
        self.db = db
        self.audit = audit

    # -- reading -------------------------------------------------------------------------
    def get(self, event_id: int) -> Event:
        row = self.db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("There is no event with id {id}.").format(id=event_id))
        links = [r[0] for r in self.db.execute(
            "SELECT ee.evidence_id FROM event_evidence ee JOIN evidence v ON v.id = ee.evidence_id "
            "WHERE ee.event_id = ? AND v.deleted_at IS NULL ORDER BY v.exhibit_no", (event_id,))]
        return event_from_row(row, links)

    def list(self, case_id: int, *, include_deleted: bool = False,
             ids: Iterable[int] | None = None) -> builtins.list[Event]:
        """Events of a case in time order, each with its evidence ids (two queries, any size)."""
        where = "case_id = ?" + ("" if include_deleted else " AND deleted_at IS NULL")
        rows = self.db.execute(f"SELECT * FROM events WHERE {where} ORDER BY start_utc, id", (case_id,)).fetchall()
        links: dict[int, list[int]] = {}
        for event_id, evidence_id in self.db.execute(
            "SELECT ee.event_id, ee.evidence_id FROM event_evidence ee JOIN evidence v ON v.id = ee.evidence_id "
            "WHERE v.case_id = ? AND v.deleted_at IS NULL ORDER BY v.exhibit_no", (case_id,)
        ):
            links.setdefault(event_id, []).append(evidence_id)
        wanted = set(ids) if ids is not None else None
        return [event_from_row(r, links.get(r["id"])) for r in rows if wanted is None or r["id"] in wanted]

    def timeline_rows(self, case_id: int, ids: Iterable[int] | None = None) -> builtins.list[tuple]:
        """A light view of a case's events for the GUI's timeline (fast at 100,000 events).

        Each tuple: (id, kind, start_local, start_utc, party_id, contact_value, summary,
        conduct JSON, evidence count, follow_up, direction, call_outcome), oldest first.
        With `ids`, only those events (to refresh a few rows after an edit).
        """
        only = ""
        params: list[Any] = [case_id]
        if ids is not None:
            id_list = [int(i) for i in ids]
            only = f" AND id IN ({','.join('?' * len(id_list))})" if id_list else " AND 0"
            params.extend(id_list)
        counts = dict(self.db.execute(
            "SELECT ee.event_id, count(*) FROM event_evidence ee JOIN evidence v ON v.id = ee.evidence_id "
            "WHERE v.case_id = ? AND v.deleted_at IS NULL GROUP BY ee.event_id", (case_id,)).fetchall())
        conn = self.db.conn
        previous = conn.row_factory
        conn.row_factory = None  # plain tuples: sqlite3.Row costs ~3x at this size
        try:
            rows = conn.execute(
                "SELECT id, kind, start_local, start_utc, party_id, contact_value, summary, conduct, 0, "
                f"follow_up, direction, call_outcome FROM events WHERE case_id = ? AND deleted_at IS NULL{only} "
                "ORDER BY start_utc, id", params).fetchall()
        finally:
            conn.row_factory = previous
        if counts:
            rows = [r if r[0] not in counts else (*r[:8], counts[r[0]], *r[9:]) for r in rows]
        return rows

    def count(self, case_id: int) -> int:
        return self.db.execute("SELECT count(*) FROM events WHERE case_id = ? AND deleted_at IS NULL",
                               (case_id,)).fetchone()[0]

    def trash(self, case_id: int) -> builtins.list[Event]:
        rows = self.db.execute("SELECT * FROM events WHERE case_id = ? AND deleted_at IS NOT NULL "
                               "ORDER BY deleted_at DESC", (case_id,)).fetchall()
        return [event_from_row(r) for r in rows]

    def follow_ups(self, case_id: int | None = None, until: date | None = None,
                   include_done: bool = False) -> builtins.list[Event]:
        """Events with a follow-up date (due by `until`, when given), soonest first."""
        sql = "SELECT e.* FROM events e JOIN cases c ON c.id = e.case_id WHERE e.follow_up IS NOT NULL " \
              "AND e.deleted_at IS NULL AND c.deleted_at IS NULL"
        params: list[Any] = []
        if case_id is not None:
            sql += " AND e.case_id = ?"
            params.append(case_id)
        if until is not None:
            sql += " AND e.follow_up <= ?"
            params.append(until.isoformat())
        if not include_done:
            sql += " AND e.follow_up_done = 0"
        return [event_from_row(r) for r in self.db.execute(sql + " ORDER BY e.follow_up, e.id", params)]

    # -- writing -------------------------------------------------------------------------
    def _case(self, case_id: int) -> tuple[str, str]:
        row = self.db.execute("SELECT tz, jurisdiction FROM cases WHERE id = ? AND deleted_at IS NULL",
                              (case_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("There is no case with id {id}.").format(id=case_id))
        return row["tz"], row["jurisdiction"]

    def _check_party(self, case_id: int, party_id: int | None, field: str) -> None:
        if party_id is None:
            return
        row = self.db.execute("SELECT case_id FROM parties WHERE id = ?", (party_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("There is no party with id {id}.").format(id=party_id))
        if row["case_id"] != case_id:
            raise ValidationError(_("That party belongs to another case."), field)

    def _columns(self, case_id: int, merged: dict[str, Any], jurisdiction: str) -> dict[str, Any]:
        """Validate a complete set of fields and turn them into column values."""
        kind = _enum(EventKind, merged["kind"], "kind")
        if kind is None:
            raise ValidationError(_("An event needs a kind."), "kind")
        tz = merged["tz"]
        zone(tz)
        start = merged["start"]
        if not isinstance(start, datetime):
            raise ValidationError(_("An event needs a start date and time."), "start")
        start = localise(start, tz)
        end = merged.get("end")
        if end is not None:
            end = localise(end, tz)
            if end < start:
                raise ValidationError(_("The end is before the start."), "end")
        duration = merged.get("duration_s")
        if duration is not None:
            duration = int(duration)
            if duration < 0:
                raise ValidationError(_("A duration cannot be negative."), "duration_s")
        target = _enum(Target, merged.get("target") or Target.BORROWER, "target")
        for field in ("party_id", "target_party_id"):
            self._check_party(case_id, merged.get(field), field)
        conduct = [_enum(Conduct, c, "conduct").value for c in merged.get("conduct") or []]
        follow_up = merged.get("follow_up")
        if isinstance(follow_up, str):
            follow_up = date.fromisoformat(follow_up) if follow_up else None
        contact_value = (merged.get("contact_value") or "").strip()
        start_local, start_utc, fold = to_storage(start)
        direction = _enum(Direction, merged.get("direction"), "direction")
        outcome = _enum(CallOutcome, merged.get("call_outcome"), "call outcome")
        return {
            "kind": kind.value, "start_local": start_local, "start_utc": start_utc, "fold": fold, "tz": tz,
            "end_local": end.isoformat() if end else None, "duration_s": duration,
            "direction": direction.value if direction else None,
            "call_outcome": outcome.value if outcome else None,
            "party_id": merged.get("party_id"), "contact_value": contact_value,
            "contact_key": number_key(contact_value, region_for_jurisdiction(jurisdiction)) if contact_value else "",
            "target": target.value, "target_party_id": merged.get("target_party_id"),
            "summary": merged.get("summary") or "", "body": merged.get("body") or "",
            "quotes": merged.get("quotes") or "",
            "conduct": json.dumps(sorted(set(conduct))),
            # Suggested conduct is recomputed from the words on every write, apart from `conduct` (issue 18).
            "details": json.dumps(refresh_details(merged.get("details"), kind, direction,
                                                  {f: merged.get(f) or "" for f in TEXT_FIELDS}, conduct),
                                  ensure_ascii=False, default=str),
            "follow_up": follow_up.isoformat() if follow_up else None,
            "follow_up_note": merged.get("follow_up_note") or "",
            "follow_up_done": int(bool(merged.get("follow_up_done"))),
        }

    def _auto_party(self, case_id: int, contact_key: str) -> int | None:
        if not contact_key or contact_key == "withheld":
            return None
        row = self.db.execute(
            "SELECT pa.id FROM contact_points cp JOIN parties pa ON pa.id = cp.party_id "
            "WHERE pa.case_id = ? AND cp.key = ? AND pa.deleted_at IS NULL ORDER BY pa.id LIMIT 1",
            (case_id, contact_key)).fetchone()
        return row["id"] if row else None

    def log(self, case_id: int, kind: EventKind | str, start: datetime, *, audit: bool = True,
            auto_party: bool = True, **fields: Any) -> Event:
        """Record one event.  `start` may be naive (read as wall time in the event's zone)."""
        event_id = self.insert(case_id, kind, start, audit=audit, auto_party=auto_party, **fields)
        assert event_id is not None
        return self.get(event_id)

    def insert(self, case_id: int, kind: EventKind | str, start: datetime, *, audit: bool = True,
               auto_party: bool = True, **fields: Any) -> int | None:
        """Like `log` but returns only the id, or None when `dedupe_key` is already in the case
        (importers call this inside their own transaction)."""
        unknown = set(fields) - set(EDITABLE) - set(IMPORT_ONLY)
        if unknown:
            raise ValidationError(_("unknown event field(s): {names}").format(names=", ".join(sorted(unknown))))
        case_tz, jurisdiction = self._case(case_id)
        merged = {"kind": kind, "start": start, "tz": fields.pop("tz", None) or case_tz, **fields}
        cols = self._columns(case_id, merged, jurisdiction)
        if cols["party_id"] is None and auto_party:
            cols["party_id"] = self._auto_party(case_id, cols["contact_key"])
        now = utc_now_iso()
        cols.update({k: fields.get(k) for k in IMPORT_ONLY if k in fields})
        cols.setdefault("source", "manual")
        cols["created_at"] = cols["updated_at"] = now
        names = ["case_id", *cols]
        with self.db.transaction() as conn:
            cur = conn.execute(
                f"INSERT OR IGNORE INTO events({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [case_id, *cols.values()])
            if cur.rowcount == 0:
                return None
            event_id = inserted_id(cur)
            if audit:
                self.audit.record("event", event_id, "create", case_id)
        return event_id

    def insert_imported(self, rows: builtins.list[tuple]) -> int:
        """Insert many imported events at once, inside the import's transaction; returns how many
        were new (the others had a `dedupe_key` already in their case).

        Each row holds the IMPORT_COLUMNS values, built by the import service from typed records
        (`importers.service.event_row`), so the per-field checks of `insert` are not repeated:
        at 100,000 calls they cost more than the writing.  The import indexes the rows for search
        when it finishes (`SearchService.index_import`)."""
        conn = self.db.conn
        if not conn.in_transaction:
            raise RuntimeError("insert_imported must run inside the import's transaction")
        if not rows:
            return 0
        cur = conn.executemany(
            f"INSERT OR IGNORE INTO events({', '.join(IMPORT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(IMPORT_COLUMNS))})", rows)
        return cur.rowcount

    def update(self, event_id: int, **fields: Any) -> Event:
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise ValidationError(_("unknown event field(s): {names}").format(names=", ".join(sorted(unknown))))
        before = self.get(event_id)
        _tz, jurisdiction = self._case(before.case_id)  # not `_`: that is the translation function
        merged = {name: getattr(before, name) for name in EDITABLE}
        merged.update(fields)
        if "tz" in fields and "start" not in fields:
            # Changing the zone keeps the wall time the user typed, not the instant.
            merged["start"] = before.start.replace(tzinfo=None)
            if before.end is not None and "end" not in fields:
                merged["end"] = before.end.replace(tzinfo=None)
        cols = self._columns(before.case_id, merged, jurisdiction)
        current = self.db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        changed = [k for k, v in cols.items() if current[k] != v]
        if not changed:
            return before
        with self.db.transaction() as conn:
            conn.execute(f"UPDATE events SET {', '.join(f'{k} = ?' for k in changed)}, updated_at = ? WHERE id = ?",
                         [cols[k] for k in changed] + [utc_now_iso(), event_id])
            self.audit.record("event", event_id, "update", before.case_id, changed)
        return self.get(event_id)

    # -- suggested conduct (issue 18) -----------------------------------------------------
    def suggestions(self, case_id: int, conduct: Conduct | str | None = None) -> builtins.list[Event]:
        """Live events of a case with suggested conduct not yet confirmed or dismissed (of one kind
        when `conduct` is given), oldest first: the bulk review's list."""
        value = _enum(Conduct, conduct, "conduct") if conduct else None
        # The LIKE skips most rows before SQLite parses any JSON.
        sql = ("SELECT id FROM events WHERE case_id = ? AND deleted_at IS NULL "
               "AND details LIKE '%\"suggested_conduct\"%' "
               "AND EXISTS (SELECT 1 FROM json_each(events.details, '$.suggested_conduct')"
               + (" WHERE value = ?)" if value else ")"))
        ids = [r[0] for r in self.db.execute(sql, (case_id, value.value) if value else (case_id,))]
        return self.list(case_id, ids=ids) if ids else []

    def suggested_by_event(self, case_id: int, ids: Iterable[int] | None = None) -> dict[int, builtins.list[str]]:
        """{event id: its open suggestions} for the live events of a case (or of `ids`): the
        timeline marks these rows without loading whole events."""
        only, params = "", [case_id]
        if ids is not None:
            id_list = [int(i) for i in ids]
            only = f" AND id IN ({','.join('?' * len(id_list))})" if id_list else " AND 0"
            params.extend(id_list)
        rows = self.db.execute("SELECT id, details FROM events WHERE case_id = ? AND deleted_at IS NULL "
                               f"AND details LIKE '%\"suggested_conduct\"%'{only}", params).fetchall()
        out = {r[0]: json.loads(r[1]).get(SUGGESTED) or [] for r in rows}
        return {k: v for k, v in out.items() if v}

    def confirm(self, event_id: int, conduct: Conduct | str) -> Event:
        """The user says the words do show this conduct: it moves into the event's conduct, which the rules read."""
        value = self._suggested(event_id, conduct)
        return self.update(event_id, conduct=[*self.get(event_id).conduct, value])

    def dismiss(self, event_id: int, conduct: Conduct | str) -> Event:
        """The user says the words do not show this conduct; it is not suggested again for this event."""
        value = self._suggested(event_id, conduct)
        details = dict(self.get(event_id).details)
        details[DISMISSED] = sorted({*(details.get(DISMISSED) or []), value.value})
        return self.update(event_id, details=details)

    def review(self, decisions: Iterable[tuple[int, Conduct | str, bool]]) -> int:
        """Confirm (True) or dismiss (False) many suggestions at once, all or nothing; returns how many."""
        done = 0
        with self.db.transaction():
            for event_id, conduct, confirmed in decisions:
                (self.confirm if confirmed else self.dismiss)(event_id, conduct)
                done += 1
        return done

    def _suggested(self, event_id: int, conduct: Conduct | str) -> Conduct:
        value = _enum(Conduct, conduct, "conduct")
        if value is None or value.value not in (self.get(event_id).details.get(SUGGESTED) or []):
            raise ValidationError(_("Event {id} has no open suggestion of {conduct!r}.").format(
                id=event_id, conduct=str(conduct)), "conduct")
        return value

    def delete(self, event_id: int) -> None:
        """Move to the case's trash (restorable); evidence links are kept."""
        event = self.get(event_id)
        with self.db.transaction() as conn:
            conn.execute("UPDATE events SET deleted_at = ? WHERE id = ?", (utc_now_iso(), event_id))
            self.audit.record("event", event_id, "delete", event.case_id)

    def restore(self, event_id: int) -> Event:
        event = self.get(event_id)
        with self.db.transaction() as conn:
            conn.execute("UPDATE events SET deleted_at = NULL WHERE id = ?", (event_id,))
            self.audit.record("event", event_id, "restore", event.case_id)
        return self.get(event_id)
