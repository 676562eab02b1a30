"""Subcommands for case files: demo, new-case, cases, show, attach, search, verify."""

from __future__ import annotations

import argparse

from desktop_app.cli.output import emit, emit_error, emit_json, path_argument
from desktop_app.core.domain import serialize
from desktop_app.core.i18n import _
from desktop_app.core.services.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="create the built-in demo case (idempotent) and print its id")
    p.add_argument("--us", action="store_true", help="the English, US demo case instead of the Chinese one")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("new-case", help="create a case and print its id")
    p.add_argument("--title", required=True)
    p.add_argument("--jurisdiction", default="CN", help="CN, TW, HK, US, UK or other (default CN)")
    p.add_argument("--tz", help="IANA time zone (default: the jurisdiction's)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_new_case)

    p = sub.add_parser("cases", help="list the cases")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_cases)

    p = sub.add_parser("show", help="show a case: events, parties and evidence")
    p.add_argument("case", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("attach", help="attach files to an event of a case")
    p.add_argument("case", type=int)
    p.add_argument("event", type=int)
    p.add_argument("files", nargs="+", type=path_argument, metavar="FILE")
    p.add_argument("--caption", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_attach)

    p = sub.add_parser("search", help="search a case's events (2-character Chinese words work)")
    p.add_argument("case", type=int)
    p.add_argument("query")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("verify", help="check the database file (integrity_check) and re-hash every evidence "
                                      "file; exit 1 if any is missing or altered, 2 if the database is damaged")
    p.add_argument("--case", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)


def cmd_demo(args: argparse.Namespace, ws: Workspace) -> int:
    from desktop_app.core.demo import ensure_demo

    case_id = ensure_demo(ws, "us" if args.us else "cn")
    if args.json:
        emit_json({"id": case_id})
    else:
        emit(str(case_id))
    return 0


def cmd_new_case(args: argparse.Namespace, ws: Workspace) -> int:
    case = ws.cases.create(args.title, args.jurisdiction, args.tz)
    if args.json:
        emit_json({"id": case.id, "reference": case.reference})
    else:
        emit(str(case.id))
    return 0


def cmd_cases(args: argparse.Namespace, ws: Workspace) -> int:
    summaries = ws.cases.list()
    if args.json:
        emit_json([serialize.case_summary(s) for s in summaries])
        return 0
    if not summaries:
        emit(_("No cases yet. Create one with: papertrail new-case --title \"…\"  (or try: papertrail demo)"))
    for s in summaries:
        emit(f"{s.id:>4}  {s.title}  [{s.status.value}]  " + _("{events} events, {evidence} evidence files").format(
            events=s.event_count, evidence=s.evidence_count))
    return 0


def cmd_show(args: argparse.Namespace, ws: Workspace) -> int:
    case = ws.cases.get(args.case)
    events = ws.events.list(case.id)
    parties = ws.parties.list(case.id)
    evidence = ws.evidence.list(case.id)
    if args.json:
        emit_json({
            **serialize.case(case),
            "events": [serialize.event(e) for e in events],
            "parties": [serialize.party(p) for p in parties],
            "evidence": [serialize.evidence(v) for v in evidence],
        })
        return 0
    names = {p.id: p.name for p in parties}
    emit(f"{case.reference}  {case.title}  ({case.jurisdiction.value}, {case.tz})")
    for e in events:
        who = names.get(e.party_id, e.contact_value) if e.party_id else e.contact_value
        emit(f"  #{e.id:<5} {e.start:%Y-%m-%d %H:%M}  {e.kind.value:<12} {who or '-':<16} {e.summary}")
    for v in evidence:
        emit(f"  {v.exhibit}  {v.original_name}  {v.mime}  {v.sha256}")
    return 0


def cmd_attach(args: argparse.Namespace, ws: Workspace) -> int:
    ws.cases.get(args.case)
    attached = ws.evidence.attach(args.case, args.files, [args.event], caption=args.caption)
    if args.json:
        emit_json([serialize.evidence(v) for v in attached])
    else:
        for v in attached:
            emit(f"{v.exhibit}  {v.original_name}  {v.sha256}")
    _warn_file_problems(ws, args.case, attached)
    return 0


def _warn_file_problems(ws: Workspace, case_id: int, attached) -> None:
    """One line on stderr per problem with a file's own facts (a picture declaring 50000×50000
    pixels, an impossible EXIF date): attached all the same, but the user should know."""
    from desktop_app.core.vault.sniff import sniff_file

    tz = ws.cases.get(case_id).tz
    for v in attached:
        for problem in sniff_file(v.path, tz, original_name=v.original_name).problems:
            emit_error(_("warning: {text}").format(text=f"{v.original_name}: {problem}."))


def cmd_search(args: argparse.Namespace, ws: Workspace) -> int:
    ws.cases.get(args.case)
    ids = ws.search.search_ids(args.case, args.query)
    events = ws.events.list(args.case, ids=ids) if ids else []
    if args.json:
        emit_json([serialize.event(e) for e in events])
        return 0
    for e in events:
        emit(f"#{e.id:<5} {e.start:%Y-%m-%d %H:%M}  {e.kind.value:<12} {e.summary}")
    emit(_("{n} events found").format(n=len(events)))
    return 0


def cmd_verify(args: argparse.Namespace, ws: Workspace) -> int:
    from desktop_app.core.storage import backups
    from desktop_app.core.storage.faults import corrupt_error

    damage = ws.integrity_problems()
    if damage:
        raise corrupt_error(damage[0], ws.layout.database, backups.latest(ws.layout.backups))
    results = ws.evidence.verify(args.case)
    bad = [r for r in results if r.state.value != "ok"]
    orphans = ws.vault.list_orphans()
    if args.json:
        emit_json({
            "database": {"path": str(ws.layout.database), "integrity": "ok"},
            "orphans": [{"name": o.name, "sha256": o.sha256, "size": o.size, "path": str(o.path)} for o in orphans],
            "ok": not bad,
            "checked": len(results),
            "files": [{"case_id": r.evidence.case_id, "evidence_id": r.evidence.id, "exhibit": r.evidence.exhibit,
                       "sha256": r.evidence.sha256, "path": r.evidence.path,
                       "original_name": r.evidence.original_name, "state": r.state.value} for r in results],
            "problems": [{"case_id": r.evidence.case_id, "exhibit": r.evidence.exhibit, "path": r.evidence.path,
                          "original_name": r.evidence.original_name, "state": r.state.value} for r in bad],
        })
    else:
        for r in bad:
            label = _("MISSING") if r.state.value == "missing" else _("ALTERED")
            emit(f"{label}: {r.evidence.path} ({r.evidence.exhibit}, {r.evidence.original_name}, "
                 + _("case {id}").format(id=r.evidence.case_id) + ")")
        if orphans:
            emit(_("Files no case refers to, kept in {folder}: {n} (see: papertrail orphans)").format(
                n=len(orphans), folder=ws.vault.orphans))
        emit(_("{checked} files checked, {bad} problems").format(checked=len(results), bad=len(bad)))
    return 1 if bad else 0
