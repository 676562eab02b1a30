"""Logging to a rotating file in the data folder, with case data kept out.

The log is for diagnosing bugs, and people attach logs to bug reports: it must never hold
message text, names, numbers, addresses or file contents.  Code logs what happened (ids, counts,
field names, exception types, line numbers), never values.  Two backstops: a logged exception
is written as its type and code locations only (`safe_traceback`), because exception messages
quote values ("KeyError: 'alice@example.com'"); and the filter masks anything that looks like a
phone number, an e-mail address, a quoted string or CJK text, in case a value slips through.
"""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path
from types import TracebackType

_DIGITS = re.compile(r"\+?\d[\d\s\-]{6,}\d")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_EMAIL = re.compile(r"[^\s@'\"<>()\[\],;:]+@[^\s@'\"<>()\[\],;:]+")
# A quoted string is how values reach log text (repr() of a str, a message quoting a field);
# the code's own log messages never quote.
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|‘[^’\n]*’|“[^”\n]*”")


def redact(text: str) -> str:
    text = _QUOTED.sub("[quoted]", _EMAIL.sub("[email]", text))
    return _CJK.sub("[…]", _DIGITS.sub("[number]", text))


def safe_traceback(exc_type: type[BaseException] | None, exc: BaseException | None,
                   tb: TracebackType | None) -> str:
    """An exception as its type and the code locations (file, line, function) — never its
    message or arguments, which quote the values being processed.  Causes are included."""
    blocks: list[str] = []
    seen: set[int] = set()
    while exc_type is not None and id(exc) not in seen:
        seen.add(id(exc))
        lines = [f"{exc_type.__module__}.{exc_type.__qualname__}"]
        for frame in traceback.extract_tb(tb):
            lines.append(f'  File "{Path(frame.filename).name}", line {frame.lineno}, in {frame.name}')
        blocks.append("\n".join(lines))
        cause = (exc.__cause__ or exc.__context__) if exc is not None else None
        if cause is None:
            break
        exc_type, exc, tb = type(cause), cause, cause.__traceback__
    return "\ncaused by: ".join(blocks)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        if record.exc_info:  # even when another handler already formatted it in full
            record.exc_text = safe_traceback(*record.exc_info)
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the message, writes exceptions as type and location only, and leaves the timestamp and
    level it adds alone."""

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return safe_traceback(*ei)

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
