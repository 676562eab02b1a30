"""The append-only audit log: what changed, when (never the values themselves)."""

from __future__ import annotations

import json
from datetime import datetime

from desktop_app.core.domain.models import AuditEntry
from desktop_app.core.domain.times import utc_now_iso
from desktop_app.core.storage.db import Database


class AuditService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, entity: str, entity_id: int | None, action: str, case_id: int | None,
               fields: list[str] | None = None) -> None:
        self.db.execute(
            "INSERT INTO audit_log(at, case_id, entity, entity_id, action, fields) VALUES (?,?,?,?,?,?)",
            (utc_now_iso(), case_id, entity, entity_id, action, json.dumps(sorted(fields or []))),
        )

    def history(self, entity: str, entity_id: int) -> list[AuditEntry]:
        rows = self.db.execute(
            "SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id", (entity, entity_id)
        ).fetchall()
        return [
            AuditEntry(r["id"], datetime.fromisoformat(r["at"]), r["case_id"], r["entity"], r["entity_id"],
                       r["action"], json.loads(r["fields"]))
            for r in rows
        ]

    def recorded_and_edited(self, case_id: int, entity: str = "event") -> dict[int, tuple[str, str | None]]:
        """{entity_id: (first recorded at, last edited at or None)} for a whole case, in one query."""
        rows = self.db.execute(
            "SELECT entity_id, min(at) AS first, max(CASE WHEN action = 'update' THEN at END) AS edited "
            "FROM audit_log WHERE case_id = ? AND entity = ? GROUP BY entity_id",
            (case_id, entity),
        ).fetchall()
        return {r["entity_id"]: (r["first"], r["edited"]) for r in rows}
