"""Recordings and pictures: match each call recording to its call, attach screenshots and photos.

A recording's name gives the number (or contact name) and the wall time; its call is the
connected call with that number or name that started up to 90 s before it (150 s for OPPO's
minute-precision names) or 10 s after.  A tie is broken on the audio's length against the
call's.  A recording that matches no call is never guessed onto one: with a number it becomes
its own call event, with only a name it is reported as unmatched.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from desktop_app.core.domain.enums import CallOutcome, CaptureSource, EventKind
from desktop_app.core.domain.phones import analyse
from desktop_app.core.i18n import _
from desktop_app.core.importers.model import FileReport, ImportResult
from desktop_app.core.importers.recordings import RecordingName, parse_name
from desktop_app.core.importers.selection import PartyResolver
from desktop_app.core.progress import CancelToken
from desktop_app.core.services.evidence import PendingFile
from desktop_app.core.services.workspace import Workspace
from desktop_app.core.vault.sniff import sniff_file

NEAREST_WINDOW_S = 30 * 60  # "attach to the nearest event": only events this close to the picture's time


def recording_names(reports: list[FileReport], tz: str) -> Iterator[tuple[FileReport, RecordingName]]:
    for report in reports:
        if report.format == "recording":
            parsed = parse_name(report.name, tz)
            if parsed is not None:
                yield report, parsed


def _candidates(ws: Workspace, case_id: int, parsed: RecordingName, key: str) -> list:
    at = int(parsed.when.timestamp())
    early, late = (150, 70) if parsed.precision_s >= 60 else (90, 10)
    rows = ws.db.execute(
        "SELECT id, start_utc, duration_s, call_outcome, contact_key, details FROM events "
        "WHERE case_id = ? AND kind = 'call' AND deleted_at IS NULL AND start_utc BETWEEN ? AND ?",
        (case_id, at - early, at + late)).fetchall()
    out = []
    for row in rows:
        connected = row["call_outcome"] == CallOutcome.ANSWERED.value or (row["duration_s"] or 0) > 0
        if not connected:
            continue
        if key:
            same = row["contact_key"] == key
        else:
            same = bool(parsed.name) and json.loads(row["details"] or "{}").get("contact_name") == parsed.name
        if same:
            out.append(row)
    return out


def _best(rows: list, at: int, audio_s: float | None):
    """The one best call, or None when two are equally good (never guess evidence onto a call)."""
    def score(row) -> tuple[int, int]:
        misfit = 0
        if audio_s is not None and row["duration_s"] is not None:
            misfit = int(abs(row["duration_s"] - audio_s) > max(5.0, 0.1 * row["duration_s"]))
        return misfit, abs(row["start_utc"] - at)

    ranked = sorted(rows, key=score)
    if not ranked:
        return None
    if len(ranked) > 1:
        a, b = score(ranked[0]), score(ranked[1])
        if a[0] == b[0] and abs(a[1] - b[1]) <= 2:
            return None
    return ranked[0]


def import_recordings(ws: Workspace, case_id: int, recs: list[tuple[FileReport, RecordingName]],
                      stored: dict[Path, PendingFile], region: str, resolver: PartyResolver, result: ImportResult,
                      import_id: int, dry_run: bool, cancel: CancelToken) -> None:
    for report, parsed in recs:
        cancel.check()
        info = analyse(parsed.number, region) if parsed.number else None
        key = info.key if info else ""
        pending = stored.get(report.path)
        audio = pending.facts.duration_s if pending else None
        at = int(parsed.when.timestamp())
        rows = _candidates(ws, case_id, parsed, key)
        best = _best(rows, at, audio)
        if best is not None:
            event_id = best["id"]
        elif rows:
            result.recordings_unmatched.append(report.name)
            result.warnings.append(_("{file}: several calls fit this recording; attach it to the right one by "
                                     "hand.").format(file=report.name))
            continue
        elif info is not None:
            # A recording proves a connected call even when the call log was not imported.
            digest = hashlib.sha1(f"recording|{key}|{at}|{report.name}".encode()).hexdigest()
            event_id = ws.events.insert(
                case_id, EventKind.CALL, parsed.when, audit=False, auto_party=False,
                call_outcome=CallOutcome.ANSWERED, duration_s=int(audio) if audio else None,
                party_id=resolver.party_for(info, None), contact_value=parsed.number,
                details={"from_recording": True, **({"contact_name": parsed.name} if parsed.name != parsed.number
                                                     and not parsed.name.replace(" ", "").isdigit() else {})},
                source="recording", source_file=report.name, source_sha256=report.sha256, dedupe_key=digest,
                import_id=import_id)
            if event_id is None:
                result.duplicates += 1
                continue
            result.imported += 1
        else:
            result.recordings_unmatched.append(report.name)
            result.warnings.append(_("{file}: no call from {name} at that time was found; the recording was not "
                                     "imported.").format(file=report.name, name=parsed.name))
            continue
        linked = ws.db.execute(
            "SELECT 1 FROM event_evidence ee JOIN evidence v ON v.id = ee.evidence_id "
            "WHERE ee.event_id = ? AND v.sha256 = ? AND v.deleted_at IS NULL", (event_id, report.sha256)).fetchone()
        if linked is not None:
            result.duplicates += 1  # imported before
            continue
        result.recordings_linked += 1
        if pending is not None and not dry_run:
            result.evidence.extend(e.id for e in ws.evidence.record(case_id, [pending], [event_id]))


def import_images(ws: Workspace, case_id: int, pictures: list[FileReport], stored: dict[Path, PendingFile],
                  mode: str, result: ImportResult, import_id: int, dry_run: bool, cancel: CancelToken) -> None:
    tz = ws.cases.get(case_id).tz if pictures else ""
    for report in pictures:
        cancel.check()
        pending = stored.get(report.path)
        facts = pending.facts if pending else sniff_file(report.path, tz)
        for problem in facts.problems:
            result.warnings.append(_("{file}: {problem}.").format(file=report.name, problem=problem))
        when = facts.capture_time
        if when is None:
            result.skipped += 1
            result.warnings.append(_("{file}: no time in the picture, its name or the file; skipped.").format(
                file=report.name))
            continue
        if facts.capture_source == CaptureSource.MTIME:
            result.warnings.append(_("{file}: no time in the picture or its name; the file's date was used — "
                                     "check it.").format(file=report.name))
        event_id = None
        if mode == "nearest":
            at = int(when.timestamp())
            row = ws.db.execute(
                "SELECT id FROM events WHERE case_id = ? AND deleted_at IS NULL AND start_utc BETWEEN ? AND ? "
                "ORDER BY abs(start_utc - ?), id LIMIT 1",
                (case_id, at - NEAREST_WINDOW_S, at + NEAREST_WINDOW_S, at)).fetchone()
            if row is not None:
                event_id = row["id"]
        if event_id is None:
            event_id = ws.events.insert(
                case_id, EventKind.NOTE, when, audit=False, auto_party=False,
                summary=_("Screenshot or photo: {name}").format(name=report.name), details={"picture": True},
                source="image", source_file=report.name, source_sha256=report.sha256,
                dedupe_key=hashlib.sha1(f"image|{report.sha256}".encode()).hexdigest(), import_id=import_id)
            if event_id is None:
                result.duplicates += 1
                row = ws.db.execute("SELECT id FROM events WHERE case_id = ? AND dedupe_key = ?",
                                    (case_id, hashlib.sha1(f"image|{report.sha256}".encode()).hexdigest())).fetchone()
                event_id = row["id"] if row else None
                if event_id is None or dry_run or pending is None:
                    continue
                ws.evidence.record(case_id, [pending], [event_id])
                continue
            result.imported += 1
        if pending is not None and not dry_run:
            result.evidence.extend(e.id for e in ws.evidence.record(case_id, [pending], [event_id]))
