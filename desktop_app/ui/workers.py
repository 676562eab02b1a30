"""Run core operations off the GUI thread, with progress and Cancel.

A core function that takes `progress` and `cancel` runs in Qt's global thread pool; its
progress, result and error come back to the GUI thread as queued signals.  The core never
sees Qt: it gets a plain callback and a `CancelToken`.

    task = run_task(lambda progress, cancel: ws.evidence.attach(cid, files, progress=progress, cancel=cancel),
                    on_result=self._attached, on_error=self._show_error, parent=self)
    task.cancel()   # e.g. from a Cancel button

`run_with_progress()` does the same behind a modal QProgressDialog whose Cancel button
cancels the task.  The services use one SQLite connection per thread, so calling them from
a worker is safe.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.core.errors import AppError, Cancelled
from desktop_app.core.i18n import _
from desktop_app.core.progress import CancelToken

log = logging.getLogger(__name__)

TaskFn = Callable[[Callable[[int, int, str], None], CancelToken], Any]


class _Signals(QObject):
    progress = Signal(int, int, str)
    result = Signal(object)
    error = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()


class Task(QRunnable):
    """One background operation.  Keep a reference until `finished` (run_task does)."""

    def __init__(self, fn: TaskFn) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.token = CancelToken()
        self.signals = _Signals()

    def cancel(self) -> None:
        self.token.cancel()

    def _progress(self, done: int, total: int, label: str = "") -> None:
        self.signals.progress.emit(int(done), int(total), str(label))

    def run(self) -> None:  # runs in a pool thread
        try:
            result = self.fn(self._progress, self.token)
        except Cancelled:
            self.signals.cancelled.emit()
        except AppError as exc:
            self.signals.error.emit(exc)
        except Exception as exc:  # noqa: BLE001 - reported to the GUI, which shows and logs it
            # The exception's message may quote case data (a name, a message); log only its type
            # and where it happened.
            frames = traceback.extract_tb(exc.__traceback__)
            where = "; ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} in {f.name}" for f in frames[-6:])
            log.error("background task failed: %s at %s", type(exc).__name__, where)
            self.signals.error.emit(exc)
        else:
            self.signals.result.emit(result)
        finally:
            self.signals.finished.emit()


_running: set[Task] = set()


def run_task(fn: TaskFn, *, on_result: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Callable[[int, int, str], None] | None = None,
             on_cancelled: Callable[[], None] | None = None,
             on_finished: Callable[[], None] | None = None,
             pool: QThreadPool | None = None) -> Task:
    task = Task(fn)
    conn = Qt.ConnectionType.QueuedConnection
    if on_progress:
        task.signals.progress.connect(on_progress, conn)
    if on_result:
        task.signals.result.connect(on_result, conn)
    if on_error:
        task.signals.error.connect(on_error, conn)
    if on_cancelled:
        task.signals.cancelled.connect(on_cancelled, conn)
    if on_finished:
        task.signals.finished.connect(on_finished, conn)
    task.signals.finished.connect(lambda: _running.discard(task), conn)
    _running.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def run_with_progress(parent: QWidget | None, title: str, fn: TaskFn, *,
                      on_result: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None,
                      on_cancelled: Callable[[], None] | None = None) -> Task:
    """`run_task` behind a window-modal progress dialog with a working Cancel button."""
    dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick jobs finish before the dialog would flash up
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progress(done: int, total: int, label: str) -> None:
        if total > 0:
            dialog.setMaximum(1000)
            dialog.setValue(int(1000 * min(done, total) / total))
        if label:
            dialog.setLabelText(f"{title}\n{label}")

    task = run_task(fn, on_result=on_result, on_error=on_error, on_progress=progress, on_cancelled=on_cancelled,
                    on_finished=dialog.close)
    dialog.canceled.connect(task.cancel)
    task.dialog = dialog  # type: ignore[attr-defined]  # tests reach the dialog through the task
    return task


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Wait for background tasks (at quit, and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
