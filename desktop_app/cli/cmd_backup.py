"""Backups and kept files: backup, restore-backup, orphans.

`restore-backup` brings the data folder back from a checked backup (the newest by default) and
never deletes the database it replaces: that file is set aside beside it.  `orphans` lists the
vault files no case refers to (kept in vault/orphans, never deleted by the app), attaches one to
an event again, or — only when asked by name or with --all — purges them.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from desktop_app.cli.output import emit, emit_json, path_argument
from desktop_app.core.i18n import _
from desktop_app.core.services.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="make a checked backup of the database now and print its path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore-backup", help="restore the latest backup (or FILE); the current database is "
                                              "kept aside, never deleted")
    p.add_argument("file", nargs="?", type=path_argument, metavar="FILE")
    p.add_argument("--empty", action="store_true",
                   help="no backup: start an empty database and keep every evidence file among the orphans")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_restore_backup, no_workspace=True)

    p = sub.add_parser("orphans", help="list vault files no case refers to (kept in vault/orphans); "
                                       "reattach or purge them")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_orphans_list, read_only=True)
    actions = p.add_subparsers(dest="orphans_action", metavar="ACTION")
    r = actions.add_parser("reattach", help="attach an orphaned file to an event of a case again")
    r.add_argument("name", metavar="SHA256", help="the orphan's name (its SHA-256, or its first 8+ digits)")
    r.add_argument("case", type=int)
    r.add_argument("event", type=int)
    r.add_argument("--name", dest="original_name", default="", help="the file name to show for it")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=cmd_orphans_reattach, read_only=False)
    g = actions.add_parser("purge", help="delete orphaned files for good (name them, or --all)")
    g.add_argument("names", nargs="*", metavar="SHA256")
    g.add_argument("--all", dest="purge_all", action="store_true", help="every orphaned file")
    g.add_argument("--json", action="store_true")
    g.set_defaults(handler=cmd_orphans_purge, read_only=False)


def cmd_backup(args: argparse.Namespace, ws: Workspace) -> int:
    path = ws.backup("manual")
    if args.json:
        emit_json({"path": str(path)})
    else:
        emit(str(path))
    return 0


def cmd_restore_backup(args: argparse.Namespace, _ws: None) -> int:
    from desktop_app.core.paths import resolve_data_dir
    from desktop_app.core.services.recovery import restore
    from desktop_app.core.services.workspace import lock_wait_s

    result = restore(resolve_data_dir(args.data_dir), args.file, empty=args.empty, wait_s=lock_wait_s())
    if args.json:
        emit_json({"restored": str(result.source) if result.source else None,
                   "set_aside": str(result.set_aside) if result.set_aside else None,
                   "safety_backup": str(result.safety_backup) if result.safety_backup else None,
                   "cases": result.cases})
        return 0
    if result.source is not None:
        emit(_("Restored {backup} (cases: {n}).").format(backup=result.source, n=result.cases))
    else:
        emit(_("Started an empty database; evidence files are kept (see: papertrail orphans)."))
    if result.set_aside is not None:
        emit(_("The previous database is kept as {path}.").format(path=result.set_aside))
    if result.safety_backup is not None:
        emit(_("A backup of it was taken first: {path}").format(path=result.safety_backup))
    return 0


def _orphan_json(o) -> dict:
    return {"name": o.name, "sha256": o.sha256, "size": o.size, "path": str(o.path),
            "moved_at": datetime.fromtimestamp(o.moved_at).astimezone().isoformat(timespec="seconds")}


def cmd_orphans_list(args: argparse.Namespace, ws: Workspace) -> int:
    orphans = ws.vault.list_orphans()
    if args.json:
        emit_json([_orphan_json(o) for o in orphans])
        return 0
    for o in orphans:
        emit(f"{o.name}  {o.size:>10}  {datetime.fromtimestamp(o.moved_at):%Y-%m-%d %H:%M}  {o.path}")
    emit(_("Orphaned files in {folder}: {n}").format(n=len(orphans), folder=ws.vault.orphans))
    return 0


def cmd_orphans_reattach(args: argparse.Namespace, ws: Workspace) -> int:
    from desktop_app.core.domain import serialize

    evidence = ws.evidence.reattach_orphan(args.name, args.case, args.event, args.original_name)
    if args.json:
        emit_json(serialize.evidence(evidence))
    else:
        emit(f"{evidence.exhibit}  {evidence.original_name}  {evidence.sha256}")
    return 0


def cmd_orphans_purge(args: argparse.Namespace, ws: Workspace) -> int:
    from desktop_app.core.errors import ValidationError

    if args.purge_all == bool(args.names):
        raise ValidationError(_("Name the orphaned files to purge, or use --all (see: papertrail orphans)."))
    chosen = ws.vault.list_orphans() if args.purge_all else [ws.vault.find_orphan(n) for n in args.names]
    for orphan in chosen:
        ws.vault.purge_orphan(orphan)
    if args.json:
        emit_json({"purged": [o.name for o in chosen]})
    else:
        emit(_("Orphaned files purged: {n}").format(n=len(chosen)))
    return 0



