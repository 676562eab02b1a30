"""Use cases for the people and organisations in a case, and their numbers and accounts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop_app.core.domain.enums import ContactPointKind, PartyRole, Relationship
from desktop_app.core.domain.models import ContactPoint, Party
from desktop_app.core.domain.phones import number_key, region_for_jurisdiction
from desktop_app.core.domain.times import utc_now_iso
from desktop_app.core.errors import NotFoundError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.services.audit import AuditService
from desktop_app.core.storage.db import Database, inserted_id
from desktop_app.core.storage.rows import party_from_row, point_from_row

_PARTY_FIELDS = ("name", "role", "relationship", "organisation_id", "badge_no", "notes")


@dataclass(frozen=True, slots=True)
class PartyStats:
    contacts: int  # contacts this party made (or was recorded on)
    last: datetime | None


def contact_key(kind: ContactPointKind, value: str, region: str) -> str:
    if kind == ContactPointKind.PHONE:
        return number_key(value, region)
    return f"{kind.value}:{value.strip().casefold()}"


class PartyService:
    def __init__(self, db: Database, audit: AuditService) -> None:
        self.db = db
        self.audit = audit

    # -- reading -------------------------------------------------------------------------
    def _region(self, case_id: int) -> str:
        row = self.db.execute("SELECT jurisdiction FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("There is no case with id {id}.").format(id=case_id))
        return region_for_jurisdiction(row["jurisdiction"])

    def get(self, party_id: int) -> Party:
        row = self.db.execute("SELECT * FROM parties WHERE id = ?", (party_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("There is no party with id {id}.").format(id=party_id))
        points = [point_from_row(p) for p in self.db.execute(
            "SELECT * FROM contact_points WHERE party_id = ? ORDER BY id", (party_id,))]
        return party_from_row(row, points)

    def list(self, case_id: int, include_deleted: bool = False) -> list[Party]:
        where = "" if include_deleted else " AND deleted_at IS NULL"
        rows = self.db.execute(f"SELECT * FROM parties WHERE case_id = ?{where} ORDER BY id", (case_id,)).fetchall()
        points: dict[int, list[ContactPoint]] = {}
        for p in self.db.execute(
            "SELECT cp.* FROM contact_points cp JOIN parties pa ON pa.id = cp.party_id WHERE pa.case_id = ? "
            "ORDER BY cp.id", (case_id,)
        ):
            points.setdefault(p["party_id"], []).append(point_from_row(p))
        return [party_from_row(r, points.get(r["id"], [])) for r in rows]

    def find_by_contact(self, case_id: int, value: str,
                        kind: ContactPointKind = ContactPointKind.PHONE) -> Party | None:
        key = contact_key(kind, value, self._region(case_id))
        row = self.db.execute(
            "SELECT pa.id FROM contact_points cp JOIN parties pa ON pa.id = cp.party_id "
            "WHERE pa.case_id = ? AND cp.key = ? AND pa.deleted_at IS NULL ORDER BY pa.id LIMIT 1",
            (case_id, key),
        ).fetchone()
        return self.get(row["id"]) if row else None

    def stats(self, case_id: int) -> dict[int, PartyStats]:
        rows = self.db.execute(
            "SELECT party_id, count(*) AS n, max(start_utc) AS last FROM events "
            "WHERE case_id = ? AND deleted_at IS NULL AND party_id IS NOT NULL GROUP BY party_id", (case_id,)
        ).fetchall()
        return {r["party_id"]: PartyStats(r["n"], datetime.fromtimestamp(r["last"], UTC)) for r in rows}

    # -- writing -------------------------------------------------------------------------
    def _validated(self, case_id: int, fields: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in fields.items():
            if name not in _PARTY_FIELDS:
                raise ValidationError(_("unknown party field {name!r}").format(name=name), name)
            if name == "name":
                value = (value or "").strip()
                if not value:
                    raise ValidationError(_("A party needs a name."), "name")
            elif name == "role":
                try:
                    value = PartyRole(value).value
                except ValueError as exc:
                    raise ValidationError(_("Unknown party role {value!r}.").format(value=value), name) from exc
            elif name == "relationship" and value:
                try:
                    value = Relationship(value).value
                except ValueError as exc:
                    raise ValidationError(_("Unknown relationship {value!r}.").format(value=value), name) from exc
            elif name == "organisation_id" and value is not None:
                org = self.get(int(value))
                if org.case_id != case_id:
                    raise ValidationError(_("The organisation belongs to another case."), name)
            out[name] = value
        return out

    def add(self, case_id: int, name: str, role: PartyRole | str, *, numbers: Iterable[str] = (),
            accounts: Iterable[tuple[ContactPointKind | str, str]] = (), **fields: Any) -> Party:
        values = self._validated(case_id, {"name": name, "role": role, **fields})
        region = self._region(case_id)
        now = utc_now_iso()
        with self.db.transaction() as conn:
            cols = ["case_id", *values, "created_at", "updated_at"]
            cur = conn.execute(f"INSERT INTO parties({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                               [case_id, *values.values(), now, now])
            party_id = inserted_id(cur)
            for number in numbers:
                self._insert_point(party_id, ContactPointKind.PHONE, number, "", region)
            for kind, value in accounts:
                self._insert_point(party_id, ContactPointKind(kind), value, "", region)
            self.audit.record("party", party_id, "create", case_id)
        return self.get(party_id)

    def update(self, party_id: int, **fields: Any) -> Party:
        before = self.get(party_id)
        values = self._validated(before.case_id, fields)
        changed = [k for k in values if getattr(before, k) != values[k]]
        if not changed:
            return before
        with self.db.transaction() as conn:
            conn.execute(f"UPDATE parties SET {', '.join(f'{k} = ?' for k in changed)}, updated_at = ? WHERE id = ?",
                         [values[k] for k in changed] + [utc_now_iso(), party_id])
            self.audit.record("party", party_id, "update", before.case_id, changed)
        return self.get(party_id)

    def _insert_point(self, party_id: int, kind: ContactPointKind, value: str, label: str, region: str) -> int:
        value = (value or "").strip()
        if not value:
            raise ValidationError(_("A number or account cannot be empty."), "value")
        cur = self.db.execute(
            "INSERT INTO contact_points(party_id, kind, value, key, label) VALUES (?,?,?,?,?)",
            (party_id, kind.value, value, contact_key(kind, value, region), label),
        )
        return inserted_id(cur)

    def add_contact_point(self, party_id: int, kind: ContactPointKind | str, value: str,
                          label: str = "") -> ContactPoint:
        party = self.get(party_id)
        with self.db.transaction():
            point_id = self._insert_point(party_id, ContactPointKind(kind), value, label, self._region(party.case_id))
            self.audit.record("party", party_id, "update", party.case_id, ["contact_points"])
        return next(p for p in self.get(party_id).contact_points if p.id == point_id)

    def remove_contact_point(self, point_id: int) -> None:
        row = self.db.execute("SELECT party_id FROM contact_points WHERE id = ?", (point_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("There is no number or account with id {id}.").format(id=point_id))
        party = self.get(row["party_id"])
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM contact_points WHERE id = ?", (point_id,))
            self.audit.record("party", party.id, "update", party.case_id, ["contact_points"])

    def merge(self, keep_id: int, merge_id: int) -> Party:
        """Fold `merge_id` into `keep_id`: its events, numbers and members move over; it is retired."""
        keep, gone = self.get(keep_id), self.get(merge_id)
        if keep_id == merge_id:
            raise ValidationError(_("Choose two different parties to merge."))
        if keep.case_id != gone.case_id:
            raise ValidationError(_("Parties from different cases cannot be merged."))
        now = utc_now_iso()
        with self.db.transaction() as conn:
            conn.execute("UPDATE events SET party_id = ? WHERE party_id = ?", (keep_id, merge_id))
            conn.execute("UPDATE events SET target_party_id = ? WHERE target_party_id = ?", (keep_id, merge_id))
            conn.execute("UPDATE contact_points SET party_id = ? WHERE party_id = ?", (keep_id, merge_id))
            conn.execute("UPDATE parties SET organisation_id = ? WHERE organisation_id = ?", (keep_id, merge_id))
            conn.execute("UPDATE parties SET merged_into = ?, deleted_at = ?, updated_at = ? WHERE id = ?",
                         (keep_id, now, now, merge_id))
            self.audit.record("party", keep_id, "merge", keep.case_id, [f"merged:{merge_id}"])
            self.audit.record("party", merge_id, "delete", keep.case_id, [f"merged_into:{keep_id}"])
        return self.get(keep_id)

    def delete(self, party_id: int) -> None:
        party = self.get(party_id)
        with self.db.transaction() as conn:
            conn.execute("UPDATE parties SET deleted_at = ? WHERE id = ?", (utc_now_iso(), party_id))
            self.audit.record("party", party_id, "delete", party.case_id)
