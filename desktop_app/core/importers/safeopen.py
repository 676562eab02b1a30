"""Opening a file the user pointed at without ever blocking on it.

A named pipe (FIFO) blocks `open()` until something writes to it, and a character device can
stream forever, so the importers only read regular files.  `what_is` answers from `os.stat`
without opening anything (for the listing); `open_regular` opens with O_NONBLOCK and checks the
opened descriptor with `fstat`, so a file swapped for a FIFO between the check and the open is
refused too instead of hanging the import.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from desktop_app.core.i18n import _
from desktop_app.core.importers.errors import ImportFormatError

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # not on Windows, which has no FIFOs on the file system


def kind_problem(mode: int) -> str:
    """"" for a regular file, else why it is not read (it is never opened)."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO), not a file; it was not read")
    if stat.S_ISSOCK(mode):
        return _("a socket, not a file; it was not read")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device, not a file; it was not read")
    if stat.S_ISDIR(mode):
        return _("a folder, not a file")
    return _("not a regular file; it was not read")


def what_is(path: Path) -> str:
    """`kind_problem` of what `path` points at (links followed), or why it cannot be looked at."""
    try:
        return kind_problem(os.stat(path).st_mode)
    except OSError as exc:
        return _("the file cannot be read ({detail})").format(detail=exc.strerror or type(exc).__name__)


def open_regular(path: Path) -> BinaryIO:
    """Open `path` for reading, or raise ImportFormatError naming it when it is not a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ImportFormatError(path, _("the file cannot be read ({detail})").format(
            detail=exc.strerror or type(exc).__name__)) from None
    try:
        problem = kind_problem(os.fstat(fd).st_mode)
        if problem:
            raise ImportFormatError(path, problem)
        if _NONBLOCK:
            os.set_blocking(fd, True)  # a regular file: ordinary reads from here on
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
