"""iPhone: `CallHistory.storedata` and `sms.db` from a local backup (unencrypted or already
decrypted), given as the files themselves or as the backup folder (found through Manifest.db).

Core Data times count from 2001-01-01 UTC; `message.date` is nanoseconds on iOS 11+ and
seconds before (research/imports.md §2.1).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from desktop_app.core.domain.enums import CallOutcome, Channel, Direction, EventKind
from desktop_app.core.i18n import _
from desktop_app.core.importers.common import epoch_to_local
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.importers.model import FileReport, Record
from desktop_app.core.importers.sqlitefiles import open_readonly, require_columns, to_float

_FILE_ID = re.compile(r"[0-9a-f]{40}")
APPLE_EPOCH = 978307200  # 2001-01-01T00:00:00Z in Unix seconds
BACKUP_FILES = {
    "ios_calls": ("HomeDomain", "Library/CallHistoryDB/CallHistory.storedata"),
    "ios_sms": ("HomeDomain", "Library/SMS/sms.db"),
}


def apple_time(value, tz: str):
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if abs(number) > 1e15:  # nanoseconds (iOS 11+)
        number /= 1e9
    return epoch_to_local(number + APPLE_EPOCH, tz)


def backup_files(folder: Path) -> list[tuple[str, Path]]:
    """[(format, path)] of the call history and messages inside an iPhone backup folder."""
    manifest = folder / "Manifest.db"
    conn = open_readonly(manifest)
    found: list[tuple[str, Path]] = []
    try:
        for fmt, (domain, relative) in BACKUP_FILES.items():
            row = conn.execute("SELECT fileID FROM Files WHERE domain = ? AND relativePath = ?",
                               (domain, relative)).fetchone()
            if row is None:
                continue
            file_id = str(row[0])
            # A fileID is a SHA-1 in hex; anything else ("../../…") would lead out of the backup.
            if not _FILE_ID.fullmatch(file_id):
                continue
            path = folder / file_id[:2] / file_id
            if path.is_file() and path.resolve().is_relative_to(folder.resolve()):
                found.append((fmt, path))
    except sqlite3.DatabaseError:
        raise ImportFormatError(manifest, _("this iPhone backup is encrypted; decrypt it first (for example with "
                                            "iphone-backup-decrypt) or make an unencrypted backup")) from None
    finally:
        conn.close()
    return found


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def read_calls(path: Path, report: FileReport, tz: str) -> Iterator[Record]:
    conn = open_readonly(path)
    try:
        keys = require_columns(conn, path, "ZCALLRECORD", "ZDATE", "ZADDRESS")
        for index, row in enumerate(conn.execute("SELECT * FROM ZCALLRECORD ORDER BY ZDATE"), 1):
            report.records += 1
            where = _("row {n}").format(n=index)
            when = apple_time(row["ZDATE"], tz)
            if when is None:
                report.skip_undated(where)
                continue
            outgoing = bool(row["ZORIGINATED"]) if "ZORIGINATED" in keys else False
            answered = bool(row["ZANSWERED"]) if "ZANSWERED" in keys else False
            duration = 0
            if "ZDURATION" in keys and row["ZDURATION"] not in (None, ""):
                seconds = to_float(row["ZDURATION"])
                if seconds is None or not 0 <= seconds < 1e7:
                    report.warn(_("{file}, {where}: the call length cannot be read; kept without it.").format(
                        file=path.name, where=where))
                else:
                    duration = int(round(seconds))
            if outgoing:
                outcome = CallOutcome.ANSWERED if duration > 0 else None
            else:
                outcome = CallOutcome.ANSWERED if answered else CallOutcome.MISSED
            provider = _text(row["ZSERVICE_PROVIDER"]) if "ZSERVICE_PROVIDER" in keys else ""
            details: dict = {}
            if provider == "com.tencent.xin":
                details["channel"] = Channel.WECHAT.value
            elif provider and not provider.startswith("com.apple."):
                details["channel"] = Channel.APP.value
                details["app"] = provider
            elif "FaceTime" in provider:
                details["app"] = "FaceTime"
            name = _text(row["ZNAME"]) if "ZNAME" in keys else ""
            if name:
                details["contact_name"] = name
            yield Record(EventKind.CALL, when, _text(row["ZADDRESS"]).strip(),
                         Direction.OUTGOING if outgoing else Direction.INCOMING, outcome, max(duration, 0), "", name,
                         details, where)
    except sqlite3.DatabaseError as exc:
        raise ImportFormatError(path, _("the database cannot be read ({detail})").format(detail=exc)) from None
    finally:
        conn.close()


def attributed_text(blob: bytes | None) -> str:
    """The plain text inside an NSAttributedString typedstream (newer iOS leaves `text` NULL)."""
    if not blob:
        return ""
    start = blob.find(b"NSString")
    if start < 0:
        return ""
    plus = blob.find(b"+", start)
    if plus < 0 or plus + 1 >= len(blob):
        return ""
    pos = plus + 1
    length = blob[pos]
    pos += 1
    if length == 0x81 and pos + 2 <= len(blob):  # a 16-bit little-endian length follows
        length = int.from_bytes(blob[pos:pos + 2], "little")
        pos += 2
    return blob[pos:pos + length].decode("utf-8", "replace")


def read_messages(path: Path, report: FileReport, tz: str) -> Iterator[Record]:
    conn = open_readonly(path)
    sql = ("SELECT m.*, h.id AS handle FROM message m LEFT JOIN handle h ON h.ROWID = m.handle_id "
           "ORDER BY m.date")
    try:
        keys = require_columns(conn, path, "message", "date", "is_from_me", "handle_id", ("text", "attributedBody"))
        require_columns(conn, path, "handle", "id")
        for index, row in enumerate(conn.execute(sql), 1):
            report.records += 1
            where = _("row {n}").format(n=index)
            when = apple_time(row["date"], tz)
            if when is None:
                report.skip_undated(where)
                continue
            body = _text(row["text"]) if "text" in keys else ""
            if not body and "attributedBody" in keys:
                body = attributed_text(row["attributedBody"])
            details: dict = {"channel": Channel.SMS.value}
            service = _text(row["service"]) if "service" in keys else ""
            if service:
                details["service"] = service
            if not body:
                details["text_unavailable"] = True
            yield Record(EventKind.SMS, when, _text(row["handle"]),
                         Direction.OUTGOING if row["is_from_me"] else Direction.INCOMING, None, None, body, "",
                         details, where)
    except sqlite3.DatabaseError as exc:
        raise ImportFormatError(path, _("the database cannot be read ({detail})").format(detail=exc)) from None
    finally:
        conn.close()
