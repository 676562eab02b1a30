"""Preview and run an import into a case.

`preview()` reads everything and writes nothing: counts per number, the date range, which
numbers look like collectors.  `run_import()` imports only the numbers the user picked (or
all, when asked), in one transaction: a cancel, an error or a kill leaves nothing half-done.
Vault files (recordings, images, MMS parts) are stored before their rows, so a rollback only
leaves unreferenced vault objects, which `Vault.sweep` sets aside in vault/orphans later.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import timezone
from enum import Enum
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop_app.core.domain.enums import CallOutcome, CaptureSource, Direction, EventKind
from desktop_app.core.domain.phones import NumberInfo, analyse, region_for_jurisdiction
from desktop_app.core.domain.times import localise, to_storage, utc_now_iso
from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.importers import detect
from desktop_app.core.importers.collectors import NumberTally
from desktop_app.core.importers.csvfiles import ColumnMapping
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.importers.media import import_images, import_recordings, recording_names
from desktop_app.core.importers.model import FileReport, ImportPreview, ImportResult, Record
from desktop_app.core.importers.selection import PartyResolver, known_parties, selected_keys
from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress
from desktop_app.core.services.workspace import Workspace
from desktop_app.core.storage.db import inserted_id
from desktop_app.core.suggest import suggest_imported

log = logging.getLogger(__name__)
IMAGE_MODES = ("event", "nearest")
BATCH = 2000  # imported records written per executemany (memory stays flat, statements stay few)
MAX_DURATION_S = 10_000_000  # about 16 weeks: anything longer is a damaged value
_SPACE = re.compile(r"\s+")
_CALL = EventKind.CALL
_ZONES = (ZoneInfo, timezone)  # the tzinfo types the parsers use; both always give an offset


# json.dumps with options builds a new encoder object per call; one encoder, same output, for 100,000
# rows.  (Reaching past it to json's private C encoder saved another 2% of an import: not worth it.)
_details_json = json.JSONEncoder(ensure_ascii=False, default=str).encode


class _RollbackError(Exception):
    """Raised at the end of a dry run so the transaction undoes everything."""


_NO_CONTENT = hashlib.sha1(b"|").hexdigest()  # the content digest of a call (no text, no parts)
# The stored text of each member, looked up once: `member.value` goes through a Python-level
# descriptor, and a row needs up to five of them (500,000 for a 100,000-call backup).
_TEXT: dict[Enum, str] = {m: m.value for enum in (EventKind, Direction, CallOutcome) for m in enum}


def dedupe_key(record: Record, key: str) -> str:
    """Equal for the same contact however it was exported (with or without +86, ms or s, spacing).

    Stored in the database: changing what it hashes would make re-imports duplicate old imports."""
    return _dedupe_key(record, key, int(record.when.timestamp()))


def _dedupe_key(record: Record, key: str, epoch: int) -> str:
    """`dedupe_key` with `int(record.when.timestamp())` already worked out.  Stored: see `dedupe_key`."""
    if record.body or record.attachments:
        body = _SPACE.sub(" ", record.body).strip()
        names = ",".join(sorted(a.name for a in record.attachments))
        digest = hashlib.sha1(f"{body}|{names}".encode()).hexdigest()
    else:
        digest = _NO_CONTENT
    direction = _TEXT[record.direction] if record.direction else ""
    text = f"{_TEXT[record.kind]}|{key}|{epoch}|{direction}|{digest}"
    return hashlib.sha1(text.encode()).hexdigest()


def _case(ws: Workspace, case_id: int) -> tuple[str, str]:
    case = ws.cases.get(case_id)
    return case.tz, region_for_jurisdiction(case.jurisdiction.value)


def _records(reports: list[FileReport], tz: str, region: str, mapping: ColumnMapping | None, tally: NumberTally,
             progress: ProgressFn, cancel: CancelToken, *,
             strict: bool) -> Iterator[tuple[FileReport, Record, NumberInfo]]:
    """Every record of the call-log and message files with its number, counted in `tally`.

    Progress is by bytes read.  A file that cannot be read is noted on its report; with `strict`
    (importing) a file the user named raises instead, so nothing is imported from a broken one."""
    total = sum(r.size for r in reports if r.format in detect.RECORD_FORMATS) or 1
    done = 0
    for report in reports:
        if report.format not in detect.RECORD_FORMATS:
            continue
        try:
            for index, record in enumerate(detect.reader(report, tz, mapping)):
                if index % 500 == 0:
                    cancel.check()
                    progress(done + report.bytes_done, total, report.name)
                info = analyse(record.number, region)
                tally.add(record, info)
                yield report, record, info
        except ImportFormatError as exc:
            if strict and report.explicit:
                raise
            report.error, report.error_where = exc.problem, exc.where
        done += report.size
    cancel.check()
    progress(total, total, "")


def preview(ws: Workspace, case_id: int, paths: Iterable[Path | str], *, mapping: ColumnMapping | None = None,
            progress: ProgressFn = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> ImportPreview:
    tz, region = _case(ws, case_id)
    reports = detect.expand(paths, tz)
    detect.hash_files(reports, cancel.check)
    result = ImportPreview(case_id, files=reports)
    tally = NumberTally()
    for _report, record, _info in _records(reports, tz, region, mapping, tally, progress, cancel, strict=False):
        result.records += 1
        if result.first is None or record.when < result.first:
            result.first = record.when
        if result.last is None or record.when > result.last:
            result.last = record.when
    for report in reports:
        if report.format in detect.RECORD_FORMATS:
            result.warnings.extend(report.warnings)
    names_to_key = {name: key for key, t in tally.by_key.items() for name in t.names}
    for _report, parsed in recording_names(reports, tz):
        result.recordings += 1
        if parsed.number:
            tally.add_recording(analyse(parsed.number, region), parsed.when)
        elif parsed.name in names_to_key:
            tally.add_recording(tally.by_key[names_to_key[parsed.name]].info, parsed.when)
    result.images = sum(1 for r in reports if r.format == "image")
    result.numbers = tally.found(known_parties(ws, case_id))
    return result


def run_import(ws: Workspace, case_id: int, paths: Iterable[Path | str], numbers: Iterable[str] | None = None,
               all: bool = False, dry_run: bool = False, create_parties: bool = True,  # noqa: A002 - the spec's name
               progress: ProgressFn = no_progress, cancel: CancelToken = NEVER_CANCELLED, *,
               parties: Iterable[int] | None = None, images: str = "event",
               mapping: ColumnMapping | None = None) -> ImportResult:
    """Import the picked numbers' calls and messages (all of them with `all=True`), the recordings
    of those calls, and any screenshots/photos given.  Nothing is imported from a number that was
    not picked."""
    if images not in IMAGE_MODES:
        raise ValueError(f"images must be one of {IMAGE_MODES}")
    tz, region = _case(ws, case_id)
    reports = detect.expand(paths, tz)
    for report in reports:
        if report.explicit and report.error:
            raise ImportFormatError(report.path, report.error, report.error_where)
    detect.hash_files(reports, cancel.check)
    wanted = selected_keys(ws, case_id, region, numbers, parties)
    known_before = known_parties(ws, case_id)  # for the "found" list: parties made by this import are not "known"
    result = ImportResult(dry_run=dry_run, files=reports)
    tally = NumberTally()

    def picked(info: NumberInfo) -> bool:
        return all or info.key in wanted

    if not dry_run:
        ws.backup("pre-import")  # checked, before anything is written; a failure stops the import here
    # Phase one, outside the transaction: copy recordings and images into the vault.
    recs = [(r, p) for r, p in recording_names(reports, tz)
            if not p.number or picked(analyse(p.number, region))]
    pictures = [r for r in reports if r.format == "image"]
    stored = {}
    if not dry_run and (recs or pictures):
        files = [r.path for r, _p in recs] + [r.path for r in pictures]
        pending = ws.evidence.store_files(case_id, files, lambda d, t, label: progress(d, t, label), cancel)
        for (report, parsed), item in zip(recs, pending, strict=False):
            facts = replace(item.facts, capture_time=parsed.when, capture_source=CaptureSource.FILENAME)
            stored[report.path] = replace(item, facts=facts)
        for report, item in zip(pictures, pending[len(recs):], strict=True):
            stored[report.path] = item

    try:
        with ws.db.transaction() as conn:
            cur = conn.execute("INSERT INTO imports(case_id, at, importer, files, counts) VALUES (?,?,?,?,?)",
                               (case_id, utc_now_iso(), _importer_name(reports), json.dumps(
                                   [{"name": r.name, "sha256": r.sha256} for r in reports if r.sha256],
                                   ensure_ascii=False), "{}"))
            import_id = inserted_id(cur)
            result.import_id = import_id
            after_id = conn.execute("SELECT COALESCE(max(id), 0) FROM events").fetchone()[0]
            resolver = PartyResolver(ws, case_id, create_parties)
            _import_records(ws, case_id, reports, region, tz, mapping, picked, resolver, tally, result, import_id,
                            dry_run, progress, cancel)
            import_recordings(ws, case_id, recs, stored, region, resolver, result, import_id, dry_run, cancel)
            import_images(ws, case_id, pictures, stored, images, result, import_id, dry_run, cancel)
            if not dry_run:
                ws.search.index_import(import_id, after_id)
            result.parties_created = list(resolver.created)
            resolver.name_created({k: t.names.most_common(1)[0][0] for k, t in tally.by_key.items() if t.names})
            counts = {"imported": result.imported, "duplicates": result.duplicates, "skipped": result.skipped,
                      "evidence": len(set(result.evidence)), "parties_created": len(resolver.created)}
            conn.execute("UPDATE imports SET counts = ? WHERE id = ?", (json.dumps(counts), import_id))
            ws.audit.record("import", import_id, "create", case_id, sorted(k for k, v in counts.items() if v))
            if dry_run:
                raise _RollbackError
    except _RollbackError:
        result.import_id = None
        result.evidence = []
        result.parties_created = []
    result.numbers = tally.found(known_before)
    for report in reports:
        result.warnings.extend(report.warnings)
        if report.error and not report.explicit:
            result.warnings.append(_("{file}: skipped ({problem}).").format(file=report.name, problem=report.error))
    # What happened, in codes and counts only: never a file name, number or text (core/log.py).
    log.info("import %s into case %d%s: %d files (%s), %d skipped as unreadable, %d imported, %d duplicates, "
             "%d records skipped, %d warnings", result.import_id, case_id, " (dry run)" if dry_run else "",
             len(reports), _importer_name(reports), sum(1 for r in reports if r.error), result.imported,
             result.duplicates, result.skipped, len(result.warnings))
    return result


def _importer_name(reports: list[FileReport]) -> str:
    formats = sorted({r.format for r in reports if r.format != "unsupported"})
    return "+".join(formats)[:200] or "none"


def _import_records(ws: Workspace, case_id: int, reports: list[FileReport], region: str, tz: str,
                    mapping: ColumnMapping | None, picked, resolver: PartyResolver, tally: NumberTally,
                    result: ImportResult, import_id: int, dry_run: bool, progress: ProgressFn,
                    cancel: CancelToken) -> None:
    now = utc_now_iso()
    batch: list[tuple] = []

    def flush() -> None:
        inserted = ws.events.insert_imported(batch)
        result.imported += inserted
        result.duplicates += len(batch) - inserted
        batch.clear()

    for report, record, info in _records(reports, tz, region, mapping, tally, progress, cancel, strict=True):
        if not picked(info):
            continue
        party_id = resolver.party_for(info, record)
        if record.attachments:
            flush()  # keep the files' order in the ids
            _insert_with_parts(ws, case_id, record, info, party_id, report, result, import_id, dry_run)
            continue
        batch.append(event_row(case_id, record, info, party_id, report, import_id, tz, now))
        if len(batch) >= BATCH:
            flush()
    flush()
    result.skipped += sum(r.skipped for r in reports if r.format in detect.RECORD_FORMATS)


def event_row(case_id: int, record: Record, info: NumberInfo, party_id: int | None, report: FileReport,
              import_id: int, tz: str, now: str) -> tuple:
    """The events-table values of one imported record, in EventService.IMPORT_COLUMNS order.

    The same values `EventService.insert` would store for it (a test compares the two); the
    record's fields are already typed by its parser, so only what a parser cannot promise is checked."""
    if record.duration_s is not None and record.duration_s < 0:
        raise ValidationError(_("A duration cannot be negative."), "duration_s")
    if record.duration_s is not None and record.duration_s > MAX_DURATION_S:
        # "1e99" in a damaged backup: no call lasts that long, and SQLite cannot even store it.
        report.warn(_("{file}, {where}: the call length cannot be right; kept without it.").format(
            file=report.name, where=record.where))
        record.duration_s = None
    when = record.when
    start_local, start_utc, fold = to_storage(localise(when, tz))
    # An instant's epoch seconds do not depend on the zone it is written in (astimezone keeps the
    # instant, fold included), so the dedupe key can reuse them.  A naive time, or one with some
    # other tzinfo (no parser makes either), keeps dedupe_key's own reading of it.
    epoch = start_utc if isinstance(when.tzinfo, _ZONES) else int(when.timestamp())
    details = record.details
    body = record.body
    kind = record.kind
    if kind == _CALL:
        if body:
            details = {**details, "note": body}
        body = ""
    else:  # the other side's words suggest conduct (issue 18); the same dict back when clean
        details = suggest_imported(details, kind, record.direction, body)
    contact = record.number.strip()
    return (case_id, _TEXT[kind], start_local, start_utc, fold, tz, record.duration_s,
            _TEXT[record.direction] if record.direction else None,
            _TEXT[record.outcome] if record.outcome else None,
            party_id, contact, info.key if contact else "", body,
            _details_json(details) if details else "{}",
            report.format, report.name, report.sha256, _dedupe_key(record, info.key, epoch), import_id, now, now)


def _insert_with_parts(ws: Workspace, case_id: int, record: Record, info: NumberInfo, party_id: int | None,
                       report: FileReport, result: ImportResult, import_id: int, dry_run: bool) -> None:
    """A message with attachments (MMS parts): one event, then its parts stored and linked to it."""
    event_id = ws.events.insert(
        case_id, record.kind, record.when, audit=False, auto_party=False,
        direction=record.direction, call_outcome=record.outcome, duration_s=record.duration_s,
        party_id=party_id, contact_value=record.number, body=record.body, details=record.details,
        source=report.format, source_file=report.name, source_sha256=report.sha256,
        dedupe_key=dedupe_key(record, info.key), import_id=import_id)
    if event_id is None:
        result.duplicates += 1
        return
    result.imported += 1
    if not dry_run:
        pending = [ws.evidence.store_bytes(case_id, a.data, a.name, capture_time=record.when)
                   for a in record.attachments]
        for item in pending:  # a picture declaring 50000×50000 pixels, say: named, not fatal
            for problem in item.facts.problems:
                result.warnings.append(_("{file}, {where}: the attachment {name}: {problem}.").format(
                    file=report.name, where=record.where, name=item.original_name, problem=problem))
        result.evidence.extend(e.id for e in ws.evidence.record(case_id, pending, [event_id]))
