"""Vendor backups: Huawei/Honor (decrypted `db/calllog.db`, `db/sms.db`), OPPO/realme
(`callrecord_backup.xml`, `*.vmsg`).  Column sets come from forensic tools, not from vendor
documentation (research/imports.md §2.3), so every column is read defensively.
"""

from __future__ import annotations

import quopri
import re
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from desktop_app.core.domain.enums import Channel, Direction, EventKind
from desktop_app.core.domain.times import zone
from desktop_app.core.i18n import _
from desktop_app.core.importers.common import clean, contact_name, parse_epoch, sql_text, to_int
from desktop_app.core.importers.csvfiles import read_bytes
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.importers.model import FileReport, Record
from desktop_app.core.importers.sbr import CALL_TYPES, SMS_TYPES, call_fields, skip_oversized
from desktop_app.core.importers.sqlitefiles import open_readonly, require_columns
from desktop_app.core.importers.xmlstream import iter_elements, oversized


def _rows(path: Path, table: str, *needed: str) -> Iterator[sqlite3.Row]:
    conn = open_readonly(path)
    try:
        require_columns(conn, path, table, *needed)
        yield from conn.execute(f'SELECT * FROM "{table}"')
    except sqlite3.DatabaseError as exc:
        raise ImportFormatError(path, _("the database cannot be read ({detail})").format(detail=exc)) from None
    finally:
        conn.close()


def _call(report: FileReport, path: Path, tz: str, where: str, number, date, duration, code, name,
          extra: dict) -> Record | None:
    when = parse_epoch(str(date) if date is not None else "", tz, "ms")
    if when is None:
        report.skip_undated(where, date)
        return None
    code = to_int(str(code) if code is not None else "")
    duration = to_int(str(duration) if duration is not None else "", 0) or 0
    direction, outcome, details = call_fields(code, duration)
    if code not in CALL_TYPES:
        report.warn(_("{file}, {where}: unknown call type {code!r}; kept with no direction.").format(
            file=path.name, where=where, code=code))
    name = contact_name(name)
    if name:
        details["contact_name"] = name
    details.update(extra)
    return Record(EventKind.CALL, when, clean(sql_text(number)).strip(), direction, outcome, max(duration, 0),
                  "", name, details, where)


def read_huawei_calls(path: Path, report: FileReport, tz: str) -> Iterator[Record]:
    for index, row in enumerate(_rows(path, "calls_tb", "number", "date", "type"), 1):
        report.records += 1
        keys = row.keys()
        extra = {}
        tag = clean(sql_text(row["mark_content"])) if "mark_content" in keys else ""
        if tag:
            extra["phone_tag"] = tag  # the phone's own label: 催收, 骚扰电话…
        record = _call(report, path, tz, _("row {n}").format(n=index), row["number"], row["date"],
                       row["duration"] if "duration" in keys else 0, row["type"],
                       sql_text(row["name"]) if "name" in keys else "", extra)
        if record:
            yield record


def read_huawei_sms(path: Path, report: FileReport, tz: str) -> Iterator[Record]:
    for index, row in enumerate(_rows(path, "sms_tb", "address", "date", "type", "body"), 1):
        report.records += 1
        where = _("row {n}").format(n=index)
        when = parse_epoch(str(row["date"]), tz, "ms")
        code = to_int(str(row["type"]))
        if when is None or code == 3:
            report.skipped += 1
            continue
        direction, status = SMS_TYPES.get(code or 0, (None, ""))
        details: dict = {"channel": Channel.SMS.value}
        if status:
            details["status"] = status
        yield Record(EventKind.SMS, when, clean(sql_text(row["address"])), direction, None, None,
                     clean(sql_text(row["body"])), "", details, where)


def read_oppo_calls(path: Path, report: FileReport, tz: str) -> Iterator[Record]:
    for index, elem in enumerate(iter_elements(path, report, {"CALL_RECORDS"}, {"CallLog"}), 1):
        a = elem.attrib
        if oversized(elem):
            skip_oversized(report, _("record {n}").format(n=index))
            continue
        record = _call(report, path, tz, _("record {n}").format(n=index), a.get("number"), a.get("date"),
                       a.get("duration"), a.get("type"), a.get("name"), {})
        if record:
            yield record


_VMSG_FIELD = re.compile(r"^([A-Za-z-]+)[:;]?(.*)$")


def read_vmsg(path: Path, report: FileReport, tz: str) -> Iterator[Record]:
    """VMSG 1.1 blocks (OPPO, Meizu, Samsung Kies): BEGIN:VMSG … END:VMSG."""
    try:
        text = read_bytes(path).decode("utf-8-sig", "replace")
    except OSError as exc:
        raise ImportFormatError(path, _("the file cannot be read ({detail})").format(detail=exc)) from None
    lines = text.replace("\r\n", "\n").split("\n")
    block: dict[str, str] | None = None
    body_lines: list[str] = []
    in_body_text = False
    start_line = 0
    count = 0
    for line_no, line in enumerate(lines, 1):
        report.bytes_done = int(report.size * line_no / max(len(lines), 1))
        if line.startswith("BEGIN:VMSG"):
            block, body_lines, in_body_text, start_line = {}, [], False, line_no
            continue
        if block is None:
            continue
        if line.startswith("END:VMSG"):
            count += 1
            report.records += 1
            record = _vmsg_record(block, body_lines, report, path, tz, _("line {n}").format(n=start_line))
            block = None
            if record:
                yield record
            continue
        if line.startswith("END:VBODY"):
            in_body_text = False
            continue
        if in_body_text:
            body_lines.append(line)
            continue
        if line.startswith("Subject") or line.startswith("BODY"):
            in_body_text = True
            body_lines.append(line.split(":", 1)[1] if ":" in line else "")
            block["_qp"] = "1" if "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper() else ""
            continue
        match = _VMSG_FIELD.match(line)
        if match:
            block[match.group(1).upper()] = match.group(2).strip()
    if block is not None:
        report.stopped_at = _("line {n}").format(n=start_line)
        report.warn(_("{file}: the file breaks off at {where}; the {n} complete records before it were read.")
                    .format(file=path.name, where=report.stopped_at, n=count))
    if count == 0 and block is None and "BEGIN:VMSG" not in text:
        raise ImportFormatError(path, _("no BEGIN:VMSG block was found"))


def _vmsg_record(block: dict[str, str], body_lines: list[str], report: FileReport, path: Path, tz: str,
                 where: str) -> Record | None:
    box = block.get("X-BOX", "").upper()
    if box.startswith("DRAFT"):
        report.skipped += 1
        return None
    direction = Direction.OUTGOING if box.startswith(("SEND", "OUT", "SENT")) else Direction.INCOMING
    when = parse_epoch(block.get("DATEORIGIN"), tz, "ms")
    if when is None and block.get("DATE"):
        try:
            when = datetime.strptime(block["DATE"], "%Y/%m/%d %H:%M:%S").replace(tzinfo=zone(tz))
        except ValueError:
            when = None
    if when is None:
        report.skip_undated(where)
        return None
    raw = "\n".join(body_lines)
    if block.get("_qp"):
        # Quoted-printable: "=" at a line end is a soft break.
        body = quopri.decodestring(raw.replace("=\n", "").encode("ascii", "replace")).decode("utf-8", "replace")
    else:
        body = raw
    return Record(EventKind.SMS, when, block.get("TEL", ""), direction, None, None, body, "",
                  {"channel": Channel.SMS.value}, where)
