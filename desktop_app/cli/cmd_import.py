"""`papertrail import`: bring a phone's call log, messages, recordings and screenshots into a case.

Without --numbers, --parties or --all it only lists what the files hold (numbers with counts
and the collector guess) and imports nothing: a whole private phone log never goes in by default.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop_app.cli.output import emit, emit_error, emit_json, path_argument
from desktop_app.core.domain.serialize import jsonable
from desktop_app.core.i18n import _
from desktop_app.core.importers import ColumnMapping, ImportFormatError, preview, run_import
from desktop_app.core.importers.collectors import REASONS
from desktop_app.core.importers.detect import FORMATS
from desktop_app.core.importers.model import FileReport, FoundNumber
from desktop_app.core.services.workspace import Workspace


def number_text(n: FoundNumber) -> str:
    return _("Withheld or unknown number") if n.type == "withheld" else n.number


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import a phone's call log, messages, call recordings and screenshots "
                                      "(lists what it found unless --numbers or --all is given)")
    p.add_argument("case", type=int)
    p.add_argument("paths", nargs="+", type=path_argument, metavar="FILE_OR_FOLDER")
    p.add_argument("--numbers", default="", help="comma-separated numbers (or keys from the listing) to import")
    p.add_argument("--parties", default="", help="comma-separated party ids whose numbers to import")
    p.add_argument("--all", dest="import_all", action="store_true", help="import every number (the whole log)")
    p.add_argument("--suggested", action="store_true", help="import the numbers that look like collectors")
    p.add_argument("--dry-run", action="store_true", help="do everything, then undo it; report what would happen")
    p.add_argument("--no-new-parties", action="store_true", help="do not create parties for new numbers")
    p.add_argument("--images", choices=["event", "nearest"], default="event",
                   help="screenshots/photos: one event each (default) or attached to the nearest event")
    p.add_argument("--map", dest="mapping", default="",
                   help="column mapping for a plain CSV, e.g. time=Date,number=Phone,direction=Type,body=Text")
    p.add_argument("--time-format", default="auto", help="time format of a plain CSV: auto, epoch_s, epoch_ms or "
                                                         "a strftime pattern such as %%d/%%m/%%Y %%H:%%M")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)


def _found(n: FoundNumber) -> dict[str, Any]:
    return jsonable({
        "number": n.number, "key": n.key, "type": n.type, "location": n.location, "count": n.count,
        "calls": n.calls, "messages": n.messages, "chats": n.chats, "recordings": n.recordings,
        "first": n.first, "last": n.last, "contact_name": n.contact_name, "party_id": n.party_id,
        "looks_like_collector": n.looks_like_collector, "reasons": n.reasons,
    })


def _file(f: FileReport) -> dict[str, Any]:
    return {"path": str(f.path), "format": f.format, "sha256": f.sha256 or None, "records": f.records,
            "skipped": f.skipped, "stopped_at": f.stopped_at or None, "error": f.message or None}


def _progress(args: argparse.Namespace):
    if args.json or not sys.stderr.isatty():
        return lambda done, total, label="": None

    def show(done: int, total: int, label: str = "") -> None:
        if total > 0:
            print(f"\r{min(100, 100 * done // total):3d}%", end="", file=sys.stderr, flush=True)
    return show


def cmd_import(args: argparse.Namespace, ws: Workspace) -> int:
    ws.cases.get(args.case)
    mapping = ColumnMapping.parse(args.mapping, args.time_format) if args.mapping else None
    numbers = [n for n in args.numbers.split(",") if n.strip()]
    parties = [int(p) for p in args.parties.split(",") if p.strip().isdigit()]
    if args.suggested or not (numbers or parties or args.import_all):
        # Only listing, or "the suggested numbers": read the files once to see what they hold.
        found = preview(ws, args.case, args.paths, mapping=mapping)
        errors = [f for f in found.files if f.error and f.explicit]
        numbers += found.suggested if args.suggested else []
        if errors or not (numbers or parties or args.import_all):
            return _list(args, found, errors)
    result = run_import(ws, args.case, args.paths, numbers=numbers, all=args.import_all, dry_run=args.dry_run,
                        create_parties=not args.no_new_parties, parties=parties, images=args.images,
                        mapping=mapping, progress=_progress(args))
    if args.json:
        emit_json({
            "imported": result.imported, "duplicates": result.duplicates, "skipped": result.skipped,
            "warnings": result.warnings, "evidence": sorted(set(result.evidence)), "import_id": result.import_id,
            "dry_run": result.dry_run, "parties_created": result.parties_created,
            "recordings_linked": result.recordings_linked, "recordings_unmatched": result.recordings_unmatched,
            "stopped_at": result.stopped_at, "found": [_found(n) for n in result.numbers],
            "files": [_file(f) for f in result.files],
        })
        return 0
    for warning in result.warnings:
        emit(_("warning: {text}").format(text=warning))
    head = _("Dry run — nothing was saved. ") if result.dry_run else ""
    emit(head + _("{imported} imported, {duplicates} already there, {skipped} skipped, {evidence} evidence files, "
                  "{parties} new parties.").format(imported=result.imported, duplicates=result.duplicates,
                                                  skipped=result.skipped, evidence=len(set(result.evidence)),
                                                  parties=len(result.parties_created)))
    return 0


def _list(args: argparse.Namespace, found, errors: list[FileReport]) -> int:
    if args.json:
        emit_json({
            "imported": 0, "duplicates": 0, "skipped": 0, "warnings": found.warnings, "listed_only": True,
            "first": jsonable(found.first), "last": jsonable(found.last), "records": found.records,
            "recordings": found.recordings, "images": found.images,
            "found": [_found(n) for n in found.numbers], "files": [_file(f) for f in found.files],
            "stopped_at": [{"file": f.name, "where": f.stopped_at} for f in found.files if f.stopped_at],
            "suggested": found.suggested,
        })
        if errors:
            for f in errors:
                emit_error(f.message)
            return ImportFormatError.exit_code
        return 0
    if errors:
        for f in errors:
            emit_error(f.message)
        return ImportFormatError.exit_code
    for f in found.files:
        state = f.message or (_("stopped at {where}").format(where=f.stopped_at) if f.stopped_at else "")
        emit(f"{f.name}  [{_(FORMATS.get(f.format, f.format))}]  " + _("{n} records").format(n=f.records)
             + (f"  — {state}" if state else ""))
    if found.first:
        emit(_("From {first:%Y-%m-%d %H:%M} to {last:%Y-%m-%d %H:%M}").format(first=found.first, last=found.last))
    emit("")
    for n in found.numbers:
        mark = "*" if n.looks_like_collector else " "
        why = "; ".join(_(REASONS[r]) for r in n.reasons)
        name = f" ({n.contact_name})" if n.contact_name else ""
        counts = _("{calls} calls, {messages} messages, {chats} chats").format(
            calls=n.calls, messages=n.messages, chats=n.chats)
        emit(f"{mark} {number_text(n):<20} {n.key:<24} {counts}{name}  {why}")
    for warning in found.warnings:
        emit(_("warning: {text}").format(text=warning))
    emit("")
    emit(_("Nothing was imported. * = looks like a collector. Choose with --numbers N1,N2 (or --suggested, or --all)."))
    return 0
