"""The command line: global options, one module per group of subcommands, clean errors.

Each module in `COMMAND_MODULES` has `register(subparsers)`, which adds its subcommands and
sets `handler=` on each; a handler takes `(args, workspace)` and returns an exit code.  Every
`AppError` becomes one line on stderr and a non-zero exit — never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from desktop_app import APP_DISPLAY_NAME, __version__
from desktop_app.core.errors import AppError, CorruptDatabaseError
from desktop_app.core.i18n import _

COMMAND_MODULES = (
    "desktop_app.cli.cmd_cases",
    "desktop_app.cli.cmd_events",
    "desktop_app.cli.cmd_findings",
    "desktop_app.cli.cmd_report",
    "desktop_app.cli.cmd_import",
    "desktop_app.cli.cmd_backup",
    "desktop_app.cli.cmd_suggest",
)

#: Commands that only read the data folder: they share it with a busy writer (the app, an import)
#: instead of waiting for it.  A command may say otherwise with set_defaults(read_only=...).
READ_ONLY_COMMANDS = frozenset({"cases", "show", "search", "verify", "findings"})

log = logging.getLogger(__name__)


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="papertrail",
        description=f"{APP_DISPLAY_NAME} (留痕) — with no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="the data folder (default: $PAPERTRAIL_HOME, "
                        "else the platform's user data folder)")
    parser.add_argument("--lang", choices=["zh_CN", "zh_TW", "en"], help="language of the app and messages")
    # Options for the app (no command); dest names differ from subcommand options on purpose,
    # because argparse lets a subparser's defaults overwrite same-named global values.
    parser.add_argument("--demo", dest="gui_demo", action="store_true",
                        help="open the app on the built-in demo case (in its own data folder)")
    parser.add_argument("--selftest", dest="gui_selftest", action="store_true",
                        help="open the app offscreen on a temporary folder, exercise it, exit 0 if all worked")
    parser.add_argument("--quit-after-startup", dest="gui_quit_after_startup", action="store_true",
                        help="start, open the last case, quit once the window is painted (startup timing)")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that feature is not built yet
                continue
            raise
        module.register(sub)
    return parser


def warn(line: str) -> None:
    print("papertrail: " + _("warning: {message}").format(message=line), file=sys.stderr)


def _waiting(pid: int | None) -> None:
    from desktop_app.core.services.workspace import lock_wait_s

    print("papertrail: " + _("another Paper Trail (pid {pid}) is busy with this data folder; waiting up to {seconds} "
                             "s…").format(pid=pid if pid else "?", seconds=f"{lock_wait_s():g}"), file=sys.stderr)


def corrupt_hint(exc: CorruptDatabaseError) -> str:
    if not exc.latest_backup:
        return ""
    return " " + _("The latest backup is {path}; run papertrail restore-backup to go back to it.").format(
        path=exc.latest_backup)


def run_command(args: argparse.Namespace) -> int:
    import sqlite3

    from desktop_app.cli.output import emit_error
    from desktop_app.core.log import setup_logging
    from desktop_app.core.paths import private_umask, resolve_data_dir
    from desktop_app.core.services.workspace import Workspace

    private_umask()  # before anything is written: reports, packages and logs included
    data_dir = resolve_data_dir(args.data_dir)
    read_only = getattr(args, "read_only", args.command in READ_ONLY_COMMANDS)
    try:
        try:
            if getattr(args, "no_workspace", False):
                return int(args.handler(args, None) or 0)
            with Workspace.open(data_dir, write=not read_only, on_wait=_waiting) as workspace:
                setup_logging(workspace.layout.logs, console=False)
                for line in workspace.warnings:
                    warn(line)
                return int(args.handler(args, workspace) or 0)
        except sqlite3.DatabaseError as exc:
            from desktop_app.core.storage.faults import translate

            problem = translate(exc, data_dir / "papertrail.sqlite3")  # damaged, or a full or failing disk
            if problem is None:
                raise
            raise problem from exc
        except OSError as exc:
            from desktop_app.core.storage.faults import disk_error

            # A full or failing disk under the data folder (a log, a cache file): say so.  Elsewhere
            # (an output file the user named) the command's own message stands.
            inside = exc.filename and str(exc.filename).startswith(str(data_dir))
            problem = disk_error(exc, data_dir) if inside else None
            if problem is None:
                raise
            raise problem from exc
    except CorruptDatabaseError as exc:
        emit_error(f"{exc}{corrupt_hint(exc)}")
        return exc.exit_code
    except AppError as exc:
        emit_error(str(exc))  # the message names a file: its control characters are shown, not obeyed
        return exc.exit_code
    except KeyboardInterrupt:
        print("papertrail: " + _("interrupted; nothing was changed."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for the user, the details (redacted) in the log
        log.exception("unexpected error in command %s", args.command)
        print("papertrail: " + _("unexpected error ({kind}); nothing more was changed. Details are in the log in "
                                 "{folder}.").format(kind=type(exc).__name__, folder=data_dir / "logs"),
              file=sys.stderr)
        return 70


def main(argv: Sequence[str] | None = None) -> int:
    from desktop_app.core.i18n import detect_language, set_language

    argv = list(argv) if argv is not None else sys.argv[1:]
    # Opening the app is the common case and must start fast: parse only the global options
    # first, and import the command modules only when there is a command (or --help).
    wants_help = any(a in ("-h", "--help") for a in argv)
    args, rest = (None, argv) if wants_help else build_parser(with_commands=False).parse_known_args(argv)
    if rest:
        args = build_parser().parse_args(argv)
    set_language(args.lang or _saved_language(args) or detect_language())
    from desktop_app.core.paths import private_umask

    private_umask()  # files 0600, folders 0700, whatever either front end writes
    if args.command is None:
        return run_gui(args)
    return run_command(args)


def _saved_language(args: argparse.Namespace) -> str | None:
    """The language chosen in the app for this data folder.  The app itself (no command) reads its
    settings in ui/launch.py, from the demo's own folder for --demo."""
    if args.command is None:
        return None
    from desktop_app.core.paths import resolve_data_dir
    from desktop_app.core.settings import saved_language

    return saved_language(resolve_data_dir(args.data_dir))


def _no_display() -> bool:
    """On Linux without X11 or Wayland (an SSH session, a server) Qt would abort with a core
    dump; say what to do instead."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(args: argparse.Namespace) -> int:
    if _no_display() and not getattr(args, "gui_selftest", False):
        print("papertrail: " + _("there is no screen to show the app on (no DISPLAY or WAYLAND_DISPLAY); the "
                                 "commands still work — see papertrail --help."), file=sys.stderr)
        return 3
    # The Qt-free core first: once PySide6 is loaded, its import hook reads the source of every
    # module imported after it (shibokensupport's feature check), ~0.1 ms each at every start.
    import desktop_app.core.domain.labels  # noqa: F401
    import desktop_app.core.log  # noqa: F401
    import desktop_app.core.services.workspace  # noqa: F401

    try:
        from desktop_app.ui.launch import launch
    except ImportError as exc:
        print("papertrail: " + _("the desktop app cannot start here ({error}); the commands still work — "
                                 "see papertrail --help.").format(error=exc), file=sys.stderr)
        return 3
    return launch(args)
