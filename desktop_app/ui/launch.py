"""The GUI's composition root: from parsed arguments to a running window.

Order matters for startup time and for safety: the QApplication first (fonts need it), the
single-instance lock before the database is touched, the window shown with the last case
already loaded, and slow or optional work (daily backup, due follow-ups) after the first paint.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import NoReturn

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.errors import AppError, CorruptDatabaseError, MissingDatabaseError
from desktop_app.core.i18n import _, current_language, set_language
from desktop_app.core.paths import demo_data_dir, resolve_data_dir
from desktop_app.ui.application import SingleInstance, apply_language, create_application
from desktop_app.ui.recovery import ask_restore, ask_start_empty
from desktop_app.ui.settings import Settings

log = logging.getLogger(__name__)


def demo_dir_for(cli_data_dir: str | None) -> Path:
    """`--data-dir X` keeps its demo in `X-demo`; otherwise the platform's demo folder."""
    if cli_data_dir:
        base = Path(cli_data_dir).expanduser().resolve()
        return base.with_name(base.name + "-demo")
    return demo_data_dir()


def _fatal(message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "Paper Trail", message, QMessageBox.StandardButton.Ok)
    box.exec()


def _demo_name(lang: str) -> str:
    return "us" if lang == "en" else "cn"


def _first_case(ws, settings: Settings) -> int | None:
    cases = ws.cases.list()
    ids = {c.id for c in cases}
    if settings.last_case_id in ids:
        return settings.last_case_id
    return cases[0].id if cases else None


def _start_background(window, ws) -> None:
    from desktop_app.ui.workers import run_task

    run_task(lambda progress, cancel: ws.daily_backup(),
             on_error=lambda exc: log.warning("daily backup failed: %s", type(exc).__name__))


def _bring_to_front(window) -> None:
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


def build_window(ws, settings: Settings, *, demo_mode: bool, demo_dir: Path | None, case_id: int | None):
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(ws, settings, demo_mode=demo_mode)
    window.demo_dir = demo_dir
    window.restore_layout()
    window.open_case(case_id)
    return window


def open_demo_window(demo_dir: Path | None, lang: str):
    """A second window on the demo data folder (never the user's own cases)."""
    from desktop_app.core.demo import ensure_demo
    from desktop_app.core.services.workspace import Workspace

    folder = demo_dir or demo_data_dir()
    instance = SingleInstance(folder)
    if not instance.acquire():
        instance.notify_running()
        return None
    ws = Workspace.open(folder)
    settings = Settings.load(ws.layout.settings)
    settings.language = lang
    case_id = ensure_demo(ws, _demo_name(lang))
    window = build_window(ws, settings, demo_mode=True, demo_dir=folder, case_id=case_id)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    instance.on_activate(lambda: _bring_to_front(window))

    def closed(*_args) -> None:
        from desktop_app.ui.workers import wait_all

        wait_all(10_000)  # a worker may still be reading this folder's database
        instance.release()
        ws.close()

    window.destroyed.connect(closed)
    window.show()
    return window


def _open_workspace(data_dir: Path, instance: SingleInstance):
    """The workspace, or the exit code after telling the user why not.  A missing, empty or
    damaged database is shown with the offer to restore the latest backup (never done silently)."""
    from desktop_app.core.services.workspace import Workspace

    try:
        # The daily backup waits for the first paint (_start_background); the core takes it then.
        return Workspace.open(data_dir, daily_backup=False)
    except (CorruptDatabaseError, MissingDatabaseError) as exc:
        problem = exc
    except AppError as exc:
        _fatal(str(exc))
        instance.release()
        return exc.exit_code
    empty = problem.latest_backup is None and isinstance(problem, MissingDatabaseError)
    if (problem.latest_backup is not None and ask_restore(problem)) or (empty and ask_start_empty(problem)):
        from desktop_app.ui.recovery import restore_latest

        failure = restore_latest(data_dir, empty=empty)
        if failure is None:
            try:
                return Workspace.open(data_dir, daily_backup=False)
            except AppError as exc:
                failure = str(exc)
        _fatal(failure)
    elif problem.latest_backup is None and not empty:
        _fatal(str(problem))
    instance.release()
    return problem.exit_code


def launch(args) -> int:
    if getattr(args, "gui_selftest", False):
        from desktop_app.ui.selftest import run_selftest

        return run_selftest(args)
    demo = bool(getattr(args, "gui_demo", False))
    demo_dir = demo_dir_for(args.data_dir)
    data_dir = demo_dir if demo else resolve_data_dir(args.data_dir)

    app = create_application()
    settings = Settings.load(data_dir / "settings.json")
    lang = args.lang or settings.language
    settings.language = lang
    set_language(lang)
    apply_language(app, lang)

    instance = SingleInstance(data_dir)
    if not instance.acquire(listen=False):  # the knock listener starts after the first paint
        if instance.notify_running():
            sys.stderr.write(_("Paper Trail is already open with this data folder; it has been brought to the "
                               "front.") + "\n")
            return 0
        from desktop_app.core.services.workspace import busy_error

        # No window answered: a command (an import, say) has the folder; say which process.
        _fatal(str(busy_error(data_dir, instance.lock.owner())))
        return 1


    ws = _open_workspace(data_dir, instance)
    if isinstance(ws, int):
        return ws

    try:
        from desktop_app.ui.event_detail import optional

        install_hook = optional("desktop_app.ui.errors", "install_excepthook")
        if install_hook is not None:
            install_hook(ws.layout.logs)
        else:
            from desktop_app.core.log import setup_logging

            setup_logging(ws.layout.logs)
        for line in ws.warnings:  # e.g. a disk that ignores file permissions
            log.warning("%s", line)
        if demo:
            from desktop_app.core.demo import ensure_demo

            case_id: int | None = ensure_demo(ws, _demo_name(current_language()))
        else:
            case_id = _first_case(ws, settings)
        window = build_window(ws, settings, demo_mode=demo, demo_dir=demo_dir, case_id=case_id)
        window.quit_after_paint = bool(getattr(args, "gui_quit_after_startup", False))

        def listen() -> None:
            instance.listen()
            instance.on_activate(lambda: _bring_to_front(window))

        window.show()
        if getattr(args, "gui_quit_after_startup", False):
            window.painted.connect(lambda: QTimer.singleShot(0, app.quit))
        else:
            window.painted.connect(listen)
            window.painted.connect(lambda: QTimer.singleShot(0, lambda: _start_background(window, ws)))
            window.painted.connect(lambda: QTimer.singleShot(50, window.show_due_follow_ups))
        code = app.exec()
    finally:
        from desktop_app.ui.workers import wait_all

        wait_all(10_000)
        ws.close()
        instance.release()
    _leave(code)


def _leave(code: int) -> NoReturn:
    """End the process now that the data is closed.

    Everything that matters has been written and closed above (the database, the instance lock);
    logs and output are flushed here.  What is left is Python and PySide6 tearing down thousands
    of wrapper objects one by one (~25 ms), which saves nothing, so skip it: the operating system
    frees the memory anyway."""
    import os

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)



