"""Subcommands for documents: `report` (complaint dossier or negotiation letter) and `package`.

    papertrail report CASE --kind complaint --lang zh_CN -o dossier.pdf [--json]
    papertrail report --demo --lang en -o demo.pdf          # the built-in demo case, no setup
    papertrail package CASE -o evidence.zip [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from desktop_app.cli.output import emit, emit_json
from desktop_app.core.domain.display import escape_controls
from desktop_app.core.domain.times import parse_date
from desktop_app.core.i18n import _
from desktop_app.core.services.workspace import Workspace


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("case", type=int, nargs="?", help="the case id (see: papertrail cases)")
    p.add_argument("--demo", dest="report_demo", action="store_true",
                   help="use the built-in demo case (kept in its own data folder; created if needed)")
    # dest differs from the global --lang (the UI language): the document has its own language.
    p.add_argument("--lang", dest="doc_lang", choices=["zh_CN", "zh_TW", "en"], default=None,
                   help="the document's language (default: the app's language)")
    p.add_argument("--paper", choices=["a4", "letter"], default="a4")
    p.add_argument("--max-mb", type=float, default=10.0, help="size limit per PDF file in MB (default 10)")
    p.add_argument("--redact-third-parties", action="store_true",
                   help="mask the names and numbers of third parties (relatives, employer…) in the PDF's text; "
                        "pictures and recordings in the exhibits are not redacted")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day to include (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day to include (YYYY-MM-DD)")
    p.add_argument("--excerpts", action="store_true", help="print message texts as excerpts, not in full")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(no_workspace=True)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write a complaint dossier or a negotiation letter as PDF")
    _common(p)
    p.add_argument("--kind", choices=["complaint", "negotiation"], default="complaint")
    # Only `report`: a package holds the originals, so it refuses a missing or altered exhibit.
    p.add_argument("--leave-out-unverified", action="store_true",
                   help="make the dossier without exhibits whose stored file is missing or altered (the dossier "
                        "lists them and says why); without this, such exhibits stop the report")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("package", help="write the evidence package: ZIP of the dossier, the original "
                                       "files, manifest.json and SHA256SUMS")
    _common(p)
    p.set_defaults(handler=cmd_package)


@contextlib.contextmanager
def _workspace(args: argparse.Namespace) -> Iterator[tuple[Workspace, int]]:
    from desktop_app.core.errors import ValidationError
    from desktop_app.core.log import setup_logging
    from desktop_app.core.paths import demo_data_dir, resolve_data_dir

    if args.report_demo:
        from desktop_app.core.demo import ensure_demo

        with Workspace.open(demo_data_dir()) as ws:
            setup_logging(ws.layout.logs, console=False)
            yield ws, args.case if args.case is not None else ensure_demo(ws, "cn")
        return
    if args.case is None:
        raise ValidationError(_("Name a case id (see: papertrail cases), or use --demo."), "case")
    # Reading only: a report can be made while the app (or an import) has the folder.
    with Workspace.open(resolve_data_dir(args.data_dir), write=False) as ws:
        setup_logging(ws.layout.logs, console=False)
        yield ws, args.case


def _options(args: argparse.Namespace, kind: str):
    from desktop_app.core.i18n import current_language
    from desktop_app.core.report.common import ReportOptions

    return ReportOptions(
        kind=kind, lang=args.doc_lang or current_language(), paper=args.paper, max_mb=args.max_mb,
        redact_third_parties=args.redact_third_parties, full_text=not args.excerpts,
        date_from=parse_date(args.date_from), date_to=parse_date(args.date_to),
        leave_out_unverified=getattr(args, "leave_out_unverified", False),
    ).validate()


def _progress(enabled: bool):
    """A one-line progress display on stderr for people at a terminal (never with --json)."""
    if not enabled or not sys.stderr.isatty():
        return lambda done, total, label="": None
    state = {"last": -1}

    def show(done: int, total: int, label: str = "") -> None:
        percent = int(100 * done / max(total, 1))
        if percent != state["last"]:
            state["last"] = percent
            print(f"\r{percent:3d}%  {escape_controls(label)[:60]:<60}", end="", file=sys.stderr, flush=True)
            if percent >= 100:
                print(file=sys.stderr)

    return show


def cmd_report(args: argparse.Namespace, _ws: None) -> int:
    from desktop_app.core.report.common import build_report

    options = _options(args, args.kind)
    with _workspace(args) as (ws, case_id):
        result = build_report(ws, case_id, options, args.output.resolve(), _progress(not args.json))
    if args.json:
        emit_json(result.to_json())
        return 0
    for path in result.paths:
        emit(str(path))
    emit(_("{pages} pages, {size:.1f} MB in {volumes} file(s)").format(
        pages=result.pages, size=result.size / 1024 / 1024, volumes=result.volumes))
    for warning in result.warnings:
        emit(_("Note: {text}").format(text=warning))
    return 0


def cmd_package(args: argparse.Namespace, _ws: None) -> int:
    from desktop_app.core.package import build_package

    options = _options(args, "complaint")
    with _workspace(args) as (ws, case_id):
        result = build_package(ws, case_id, args.output.resolve(), options, _progress(not args.json))
    if args.json:
        emit_json(result.to_json())
        return 0
    emit(str(result.path))
    emit(_("{exhibits} exhibits, {size:.1f} MB; check with: sha256sum -c SHA256SUMS").format(
        exhibits=result.exhibits, size=result.size / 1024 / 1024))
    for warning in result.warnings:
        emit(_("Note: {text}").format(text=warning))
    return 0
