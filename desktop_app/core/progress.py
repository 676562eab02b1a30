"""Progress reporting and cancellation shared by every long operation in the core.

The core never knows about threads or Qt: a long function takes a `progress` callback and a
`CancelToken`, calls `progress(done, total, label)` now and then, and calls
`cancel.check()` between units of work.  The GUI's worker passes a token whose `cancel()` is
wired to the Cancel button; the command line passes none.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from desktop_app.core.errors import Cancelled


class ProgressCallback(Protocol):
    def __call__(self, done: int, total: int, label: str = "") -> None: ...


def no_progress(done: int, total: int, label: str = "") -> None:
    """The default callback: report nothing."""


class CancelToken:
    """A flag one thread sets and another checks; `check()` raises `Cancelled` once set."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled("Cancelled; nothing was changed.")


NEVER_CANCELLED = CancelToken()

ProgressFn = Callable[[int, int, str], None]
