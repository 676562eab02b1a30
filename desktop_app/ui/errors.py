"""Show what went wrong, and what to do next — and log crashes without case data.

Expected failures (`AppError`) carry a sentence written for the user, shown as it is.  Anything
else is a bug: the user gets a calm message (their data is safe: every change is committed in
its own transaction) and the path of a log file they can send us.  That log holds the exception
*type* and the code locations only — never the exception's message, which may quote a name, a
number or a message the user typed.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.core.errors import AppError, Cancelled, CorruptDatabaseError, FileInputError
from desktop_app.core.i18n import _
from desktop_app.core.log import setup_logging

log = logging.getLogger("papertrail.crash")

_log_path: Path | None = None


def describe(exc: BaseException) -> tuple[str, str, str]:
    """(title, what happened, what to do next) for an exception."""
    if isinstance(exc, CorruptDatabaseError):
        backup = exc.latest_backup
        advice = (_("A backup from {path} can be restored: close Paper Trail, copy the backup over the damaged "
                    "file, then open Paper Trail again.").format(path=backup) if backup else
                  _("No backup was found. Keep the damaged file; do not delete it."))
        return _("The case database is damaged"), str(exc), advice
    if isinstance(exc, FileInputError):
        return (_("A file could not be used"), str(exc),
                _("Check that the file exists, that it is not open in another program, and that you may read it; "
                  "then try again."))
    if isinstance(exc, Cancelled):
        return _("Cancelled"), _("Cancelled; nothing was changed."), ""
    if isinstance(exc, AppError):
        return _("That did not work"), str(exc), ""
    where = str(_log_path) if _log_path else _("the logs folder inside your data folder")
    return (_("Something went wrong"),
            _("Something went wrong. Your data is safe: everything you saved before this is kept."),
            _("If it happens again, send us the log file {path}. It holds no names, numbers or messages.").format(
                path=where))


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Open (without blocking) a window-modal message for `exc` and return it."""
    title, text, advice = describe(exc)
    unexpected = not isinstance(exc, AppError)
    box = QMessageBox(QMessageBox.Icon.Critical if unexpected else QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(_("OK"))  # translated even without Qt's own catalogue
    box.setObjectName("errorDialog")
    box.setAccessibleName(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if advice:
        box.setInformativeText(advice)
    folder: Path | None = None
    if isinstance(exc, CorruptDatabaseError) and exc.latest_backup:
        folder = Path(exc.latest_backup).parent
    elif unexpected and _log_path is not None:
        folder = _log_path.parent
    if folder is not None:
        button = box.addButton(_("Show in folder"), QMessageBox.ButtonRole.ActionRole)
        button.setAccessibleName(_("Show in folder"))
        button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
    box.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    box.open()
    return box


def safe_traceback(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """The exception's type and the code locations — nothing from its message or local values."""
    lines = [f"{exc_type.__module__}.{exc_type.__qualname__}"]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{Path(frame.filename).name}", line {frame.lineno}, in {frame.name}')
    return "\n".join(lines)


class _Relay(QObject):
    """Carries an exception from any thread to the GUI thread, where the dialog may be shown."""

    raised = Signal(object)


_relay: _Relay | None = None
_shown: list[QMessageBox] = []


def _report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
            thread_name: str = "") -> None:
    log.error("unexpected error%s\n%s", f" in thread {thread_name}" if thread_name else "",
              safe_traceback(exc_type, tb))
    app = QApplication.instance()
    if _relay is not None and app is not None:
        _relay.raised.emit(exc)  # queued to the GUI thread when raised elsewhere


def _show_on_gui_thread(exc: BaseException) -> None:
    if len(_shown) >= 3:  # an error in a paint loop must not bury the user in dialogs
        return
    parent = QApplication.activeWindow()
    box = show_error(parent, exc)
    _shown.append(box)
    box.finished.connect(lambda _result, b=box: _shown.remove(b) if b in _shown else None)


def install_excepthook(log_dir: Path) -> Path:
    """Log uncaught exceptions (main and worker threads) safely and show the error dialog.
    The app keeps running: committed data is on disk, and the window stays usable."""
    global _log_path, _relay
    _log_path = setup_logging(Path(log_dir))
    if _relay is None and QApplication.instance() is not None:
        _relay = _Relay()
        _relay.moveToThread(QApplication.instance().thread())
        _relay.raised.connect(_show_on_gui_thread, Qt.ConnectionType.QueuedConnection)

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        _report(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        _report(args.exc_type, args.exc_value, args.exc_traceback, args.thread.name if args.thread else "")

    sys.excepthook = hook
    threading.excepthook = thread_hook
    return _log_path


def log_path() -> Path | None:
    return _log_path
