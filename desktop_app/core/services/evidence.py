"""Use cases for evidence: attach files to a case (and events), list, trash, verify."""

from __future__ import annotations

import builtins  # the class defines `list`; annotations after it name the builtin as builtins.list
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.domain.enums import CaptureSource
from desktop_app.core.domain.models import Evidence
from desktop_app.core.domain.times import utc_now_iso
from desktop_app.core.errors import NotFoundError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress
from desktop_app.core.services.audit import AuditService
from desktop_app.core.storage.db import Database, inserted_id
from desktop_app.core.storage.rows import evidence_from_row
from desktop_app.core.vault.sniff import FileFacts, sniff_file
from desktop_app.core.vault.vault import FileState, StoredFile, Vault, check_readable_file


@dataclass(frozen=True, slots=True)
class VerifyResult:
    evidence: Evidence
    state: FileState


@dataclass(frozen=True, slots=True)
class PendingFile:
    """A file already in the vault, waiting for its row (the two-phase attach)."""

    stored: StoredFile
    original_name: str
    facts: FileFacts
    source_path: str = ""
    caption: str = ""


class EvidenceService:
    def __init__(self, db: Database, vault: Vault, audit: AuditService) -> None:
        self.db = db
        self.vault = vault
        self.audit = audit

    # -- reading -------------------------------------------------------------------------
    def _links(self, evidence_ids: Sequence[int] | None, case_id: int | None = None) -> dict[int, builtins.list[int]]:
        links: dict[int, list[int]] = {}
        if case_id is not None:
            rows = self.db.execute(
                "SELECT ee.evidence_id, ee.event_id FROM event_evidence ee JOIN events e ON e.id = ee.event_id "
                "WHERE e.case_id = ? AND e.deleted_at IS NULL ORDER BY e.start_utc", (case_id,))
        else:
            marks = ",".join("?" * len(evidence_ids or []))
            rows = self.db.execute(
                f"SELECT ee.evidence_id, ee.event_id FROM event_evidence ee JOIN events e ON e.id = ee.event_id "
                f"WHERE ee.evidence_id IN ({marks}) AND e.deleted_at IS NULL ORDER BY e.start_utc",
                list(evidence_ids or []))
        for evidence_id, event_id in rows:
            links.setdefault(evidence_id, []).append(event_id)
        return links

    def get(self, evidence_id: int) -> Evidence:
        row = self.db.execute("SELECT * FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("There is no evidence with id {id}.").format(id=evidence_id))
        return evidence_from_row(row, self._links([evidence_id]).get(evidence_id),
                                 str(self.vault.path_for(row["sha256"])))

    def list(self, case_id: int, include_deleted: bool = False) -> builtins.list[Evidence]:
        where = "" if include_deleted else " AND deleted_at IS NULL"
        rows = self.db.execute(f"SELECT * FROM evidence WHERE case_id = ?{where} ORDER BY exhibit_no",
                               (case_id,)).fetchall()
        links = self._links(None, case_id)
        return [evidence_from_row(r, links.get(r["id"]), str(self.vault.path_for(r["sha256"]))) for r in rows]

    def trash(self, case_id: int) -> builtins.list[Evidence]:
        return [e for e in self.list(case_id, include_deleted=True) if e.deleted_at is not None]

    # -- attaching -----------------------------------------------------------------------
    def _case_tz(self, case_id: int) -> str:
        row = self.db.execute("SELECT tz FROM cases WHERE id = ? AND deleted_at IS NULL", (case_id,)).fetchone()
        if row is None:
            raise NotFoundError(_("There is no case with id {id}.").format(id=case_id))
        return row["tz"]

    def _check_events(self, case_id: int, event_ids: Iterable[int]) -> builtins.list[int]:
        ids = list(dict.fromkeys(event_ids))
        for event_id in ids:
            row = self.db.execute("SELECT case_id FROM events WHERE id = ?", (event_id,)).fetchone()
            if row is None:
                raise NotFoundError(_("There is no event with id {id}.").format(id=event_id))
            if row["case_id"] != case_id:
                raise ValidationError(_("Event {id} belongs to another case.").format(id=event_id))
        return ids

    def store_files(self, case_id: int, files: Sequence[Path | str], progress: ProgressFn = no_progress,
                    cancel: CancelToken = NEVER_CANCELLED) -> builtins.list[PendingFile]:
        """Phase one: copy files into the vault (no database change).  A cancel or crash here
        leaves only unreferenced vault objects, which `Vault.sweep` sets aside in vault/orphans later."""
        tz = self._case_tz(case_id)
        paths = [check_readable_file(Path(f)) for f in files]  # fail on a bad name before copying anything
        sizes = [p.stat().st_size for p in paths]
        total, done = sum(sizes) or 1, 0
        pending: list[PendingFile] = []
        for path, size in zip(paths, sizes, strict=True):
            cancel.check()
            def file_progress(copied: int, _size: int, _label: str, base: int = done, name: str = path.name) -> None:
                progress(base + copied, total, name)

            stored = self.vault.add_file(path, file_progress, cancel)
            facts = sniff_file(stored.path, tz, original_name=path.name)
            pending.append(PendingFile(stored, path.name, facts, source_path=str(path.resolve())))
            done += size
            progress(done, total, path.name)
        return pending

    def store_bytes(self, case_id: int, data: bytes, original_name: str, *, capture_time: datetime | None = None,
                    caption: str = "") -> PendingFile:
        tz = self._case_tz(case_id)
        stored = self.vault.add_bytes(data)
        facts = sniff_file(stored.path, tz, original_name=original_name)
        if capture_time is not None:
            facts = FileFacts(facts.mime, capture_time, CaptureSource.IMPORT, facts.width, facts.height,
                              facts.duration_s, facts.problems)
        return PendingFile(stored, original_name, facts, caption=caption)

    def record(self, case_id: int, pending: Sequence[PendingFile], event_ids: Iterable[int] = (),
               caption: str = "") -> builtins.list[Evidence]:
        """Phase two: the rows and links, in one transaction.  The same content already in the
        case keeps its exhibit number and just gains the links."""
        ids = self._check_events(case_id, event_ids)
        evidence_ids: list[int] = []
        with self.db.transaction() as conn:
            for item in pending:
                row = conn.execute("SELECT id, deleted_at FROM evidence WHERE case_id = ? AND sha256 = ?",
                                   (case_id, item.stored.sha256)).fetchone()
                if row is not None:
                    evidence_id = row["id"]
                    if row["deleted_at"]:
                        conn.execute("UPDATE evidence SET deleted_at = NULL WHERE id = ?", (evidence_id,))
                        self.audit.record("evidence", evidence_id, "restore", case_id)
                else:
                    number = conn.execute("SELECT next_exhibit FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
                    conn.execute("UPDATE cases SET next_exhibit = next_exhibit + 1 WHERE id = ?", (case_id,))
                    facts = item.facts
                    cur = conn.execute(
                        "INSERT INTO evidence(case_id, sha256, exhibit_no, original_name, mime, size, caption, "
                        "capture_time, capture_source, duration_s, width, height, source_path, added_at) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (case_id, item.stored.sha256, number, item.original_name, facts.mime, item.stored.size,
                         item.caption or caption,
                         facts.capture_time.isoformat() if facts.capture_time else None,
                         facts.capture_source.value if facts.capture_source else None,
                         facts.duration_s, facts.width, facts.height, item.source_path, utc_now_iso()))
                    evidence_id = inserted_id(cur)
                    self.audit.record("evidence", evidence_id, "create", case_id)
                for event_id in ids:
                    conn.execute("INSERT OR IGNORE INTO event_evidence(event_id, evidence_id) VALUES (?, ?)",
                                 (event_id, evidence_id))
                evidence_ids.append(evidence_id)
            for event_id in ids:
                self.audit.record("event", event_id, "attach", case_id, ["evidence"])
        return [self.get(i) for i in dict.fromkeys(evidence_ids)]

    def attach(self, case_id: int, files: Sequence[Path | str], event_ids: Iterable[int] = (), caption: str = "",
               progress: ProgressFn = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> builtins.list[Evidence]:
        """Copy files into the vault and record them, linked to `event_ids`; all or nothing."""
        ids = self._check_events(case_id, event_ids)
        pending = self.store_files(case_id, files, progress, cancel)
        cancel.check()
        return self.record(case_id, pending, ids, caption)

    def link(self, evidence_id: int, event_id: int) -> None:
        evidence = self.get(evidence_id)
        self._check_events(evidence.case_id, [event_id])
        with self.db.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO event_evidence(event_id, evidence_id) VALUES (?, ?)",
                         (event_id, evidence_id))
            self.audit.record("event", event_id, "attach", evidence.case_id, ["evidence"])

    def unlink(self, evidence_id: int, event_id: int) -> None:
        evidence = self.get(evidence_id)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM event_evidence WHERE event_id = ? AND evidence_id = ?", (event_id, evidence_id))
            self.audit.record("event", event_id, "detach", evidence.case_id, ["evidence"])

    def update(self, evidence_id: int, *, caption: str | None = None) -> Evidence:
        evidence = self.get(evidence_id)
        if caption is not None and caption != evidence.caption:
            with self.db.transaction() as conn:
                conn.execute("UPDATE evidence SET caption = ? WHERE id = ?", (caption, evidence_id))
                self.audit.record("evidence", evidence_id, "update", evidence.case_id, ["caption"])
        return self.get(evidence_id)

    def delete(self, evidence_id: int) -> None:
        """To the trash.  The vault file stays while any row refers to it."""
        evidence = self.get(evidence_id)
        with self.db.transaction() as conn:
            conn.execute("UPDATE evidence SET deleted_at = ? WHERE id = ?", (utc_now_iso(), evidence_id))
            self.audit.record("evidence", evidence_id, "delete", evidence.case_id)

    def restore(self, evidence_id: int) -> Evidence:
        evidence = self.get(evidence_id)
        with self.db.transaction() as conn:
            conn.execute("UPDATE evidence SET deleted_at = NULL WHERE id = ?", (evidence_id,))
            self.audit.record("evidence", evidence_id, "restore", evidence.case_id)
        return self.get(evidence_id)

    # -- checking ------------------------------------------------------------------------
    def verify(self, case_id: int | None = None, progress: ProgressFn = no_progress,
               cancel: CancelToken = NEVER_CANCELLED) -> builtins.list[VerifyResult]:
        """Re-hash every vault file the database refers to (trashed evidence too)."""
        sql = "SELECT * FROM evidence"
        params: tuple[int, ...] = ()
        if case_id is not None:
            sql, params = sql + " WHERE case_id = ?", (case_id,)
        rows = self.db.execute(sql + " ORDER BY case_id, exhibit_no", params).fetchall()
        results: list[VerifyResult] = []
        states: dict[str, FileState] = {}
        for index, row in enumerate(rows):
            cancel.check()
            sha = row["sha256"]
            if sha not in states:
                states[sha] = self.vault.check(sha, cancel)
            results.append(VerifyResult(evidence_from_row(row, path=str(self.vault.path_for(sha))), states[sha]))
            progress(index + 1, len(rows), row["original_name"])
        return results

    def referenced_hashes(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT DISTINCT sha256 FROM evidence")}

    # -- orphans (vault objects no row refers to, kept in vault/orphans) -------------------
    def reattach_orphan(self, name: str, case_id: int, event_id: int, original_name: str = "") -> Evidence:
        """Put an orphaned vault file back into a case, linked to an event."""
        import mimetypes

        tz = self._case_tz(case_id)
        ids = self._check_events(case_id, [event_id])
        orphan = self.vault.find_orphan(name)
        stored = self.vault.adopt_orphan(orphan)
        facts = sniff_file(stored.path, tz, original_name=original_name)
        if not original_name:
            original_name = f"orphan-{stored.sha256[:12]}{mimetypes.guess_extension(facts.mime or '') or ''}"
        return self.record(case_id, [PendingFile(stored, original_name, facts)], ids)[0]
