"""Use cases for case files."""

from __future__ import annotations

from typing import Any

from desktop_app.core.domain.enums import CaseStatus, Jurisdiction
from desktop_app.core.domain.models import Case, CaseSummary
from desktop_app.core.domain.times import utc_now_iso, zone
from desktop_app.core.errors import NotFoundError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.services.audit import AuditService
from desktop_app.core.storage.db import Database, inserted_id
from desktop_app.core.storage.rows import CASE_FIELDS, case_from_row

DEFAULT_TZ = {
    Jurisdiction.CN: "Asia/Shanghai",
    Jurisdiction.TW: "Asia/Taipei",
    Jurisdiction.HK: "Asia/Hong_Kong",
    Jurisdiction.US: "America/New_York",
    Jurisdiction.UK: "Europe/London",
    Jurisdiction.OTHER: "UTC",
}
DEFAULT_CURRENCY = {
    Jurisdiction.CN: "CNY", Jurisdiction.TW: "TWD", Jurisdiction.HK: "HKD",
    Jurisdiction.US: "USD", Jurisdiction.UK: "GBP", Jurisdiction.OTHER: "USD",
}


def parse_jurisdiction(value: str | Jurisdiction) -> Jurisdiction:
    text = str(value).strip()
    for member in Jurisdiction:
        if member.value.lower() == text.lower():
            return member
    choices = ", ".join(m.value for m in Jurisdiction)
    raise ValidationError(_("Unknown jurisdiction {value!r}; choose one of {choices}.").format(
        value=text, choices=choices), "jurisdiction")


class CaseService:
    def __init__(self, db: Database, audit: AuditService) -> None:
        self.db = db
        self.audit = audit

    def create(self, title: str, jurisdiction: str | Jurisdiction = Jurisdiction.CN, tz: str | None = None,
               demo: str | None = None, **fields: Any) -> Case:
        title = (title or "").strip()
        if not title:
            raise ValidationError(_("A case needs a title."), "title")
        juris = parse_jurisdiction(jurisdiction)
        tz = tz or DEFAULT_TZ[juris]
        zone(tz)
        fields.setdefault("currency", DEFAULT_CURRENCY[juris])
        values = self._validated(fields)
        now = utc_now_iso()
        columns = ["title", "jurisdiction", "tz", "is_demo", "created_at", "updated_at", *values]
        params = [title, juris.value, tz, demo, now, now, *values.values()]
        with self.db.transaction() as conn:
            cur = conn.execute(
                f"INSERT INTO cases({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", params
            )
            case_id = inserted_id(cur)
            self.audit.record("case", case_id, "create", case_id)
        return self.get(case_id)

    def _validated(self, fields: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name not in CASE_FIELDS:
                raise ValidationError(_("unknown case field {name!r}").format(name=name), name)
            if name == "jurisdiction":
                value = parse_jurisdiction(value).value
            elif name == "status":
                try:
                    value = CaseStatus(value).value
                except ValueError as exc:
                    raise ValidationError(_("Unknown case status {value!r}.").format(value=value), name) from exc
            elif name == "tz":
                zone(value)
            elif name == "title" and not str(value).strip():
                raise ValidationError(_("A case needs a title."), "title")
            elif name in ("principal", "balance") and value is not None and value < 0:
                raise ValidationError(_("Amounts cannot be negative."), name)
            values[name] = CASE_FIELDS[name](value) if value is not None else None
        return values

    def get(self, case_id: int) -> Case:
        row = self.db.execute("SELECT * FROM cases WHERE id = ? AND deleted_at IS NULL", (case_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("There is no case with id {id}.").format(id=case_id))
        return case_from_row(row)

    def update(self, case_id: int, **fields: Any) -> Case:
        before = self.get(case_id)
        values = self._validated(fields)
        changed = [k for k in values if getattr(before, k) != fields[k]]
        if not changed:
            return before
        with self.db.transaction() as conn:
            sets = ", ".join(f"{k} = ?" for k in changed)
            conn.execute(f"UPDATE cases SET {sets}, updated_at = ? WHERE id = ?",
                         [values[k] for k in changed] + [utc_now_iso(), case_id])
            self.audit.record("case", case_id, "update", case_id, changed)
        return self.get(case_id)

    def delete(self, case_id: int) -> None:
        self.get(case_id)
        with self.db.transaction() as conn:
            conn.execute("UPDATE cases SET deleted_at = ? WHERE id = ?", (utc_now_iso(), case_id))
            self.audit.record("case", case_id, "delete", case_id)

    def restore(self, case_id: int) -> None:
        with self.db.transaction() as conn:
            if not conn.execute("UPDATE cases SET deleted_at = NULL WHERE id = ?", (case_id,)).rowcount:
                raise NotFoundError(_("There is no case with id {id}.").format(id=case_id))
            self.audit.record("case", case_id, "restore", case_id)

    def find_demo(self, name: str) -> int | None:
        row = self.db.execute("SELECT id FROM cases WHERE is_demo = ?", (name,)).fetchone()
        return int(row["id"]) if row else None

    def list(self) -> list[CaseSummary]:
        rows = self.db.execute(
            """
            SELECT c.id, c.title, c.status, c.jurisdiction, c.is_demo,
              (SELECT count(*) FROM events e WHERE e.case_id = c.id AND e.deleted_at IS NULL) AS event_count,
              (SELECT count(*) FROM evidence v WHERE v.case_id = c.id AND v.deleted_at IS NULL) AS evidence_count,
              (SELECT count(*) FROM parties p WHERE p.case_id = c.id AND p.deleted_at IS NULL) AS party_count,
              (SELECT max(start_utc) FROM events e WHERE e.case_id = c.id AND e.deleted_at IS NULL) AS last_utc
            FROM cases c WHERE c.deleted_at IS NULL ORDER BY c.updated_at DESC, c.id DESC
            """
        ).fetchall()
        from datetime import UTC, datetime

        return [
            CaseSummary(
                id=r["id"], title=r["title"], status=CaseStatus(r["status"]),
                jurisdiction=Jurisdiction(r["jurisdiction"]), event_count=r["event_count"],
                evidence_count=r["evidence_count"], party_count=r["party_count"],
                last_event=datetime.fromtimestamp(r["last_utc"], UTC) if r["last_utc"] is not None else None,
                is_demo=r["is_demo"] is not None,
            )
            for r in rows
        ]
