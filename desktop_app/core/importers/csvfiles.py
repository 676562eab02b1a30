"""CSV exports: MemoTrace (WeChat), iMazing messages, and any other CSV through a column mapping.

A generic CSV needs to be told which column holds what (`ColumnMapping`); `guess_mapping`
proposes one from the header so the user only has to confirm it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.domain.enums import CallOutcome, Channel, Direction, EventKind
from desktop_app.core.domain.times import zone
from desktop_app.core.i18n import _
from desktop_app.core.importers.common import epoch_to_local
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.importers.model import FileReport, Record
from desktop_app.core.importers.safeopen import open_regular

MEMOTRACE = ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime"]
IMAZING = ["Chat Session", "Message Date", "Service", "Type", "Sender ID", "Text"]
MAX_BYTES = 200 * 1024 * 1024  # CSV and VMSG exports are read whole; anything larger is not a message export
FIELDS = ("time", "number", "direction", "body", "duration", "name", "kind")
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                "%Y-%m-%dT%H:%M:%S", "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M", "%d/%m/%Y %H:%M:%S",
                "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%y %H:%M", "%d.%m.%Y %H:%M")


@dataclass(slots=True)
class ColumnMapping:
    """Which column holds what in a generic CSV (column names as in the header)."""

    time: str
    number: str
    direction: str = ""
    body: str = ""
    duration: str = ""
    name: str = ""
    kind: str = ""  # a column saying call / sms; empty: every row is `default_kind`
    time_format: str = "auto"  # "auto", "epoch_s", "epoch_ms" or a strftime pattern
    default_kind: str = ""  # "call" or "sms"; empty: sms when a body column is mapped, else call

    @classmethod
    def parse(cls, text: str, time_format: str = "auto") -> ColumnMapping:
        """From the command line's "time=Date,number=Phone,…"."""
        values: dict[str, str] = {}
        for item in filter(None, (p.strip() for p in text.split(","))):
            key, _sep, column = item.partition("=")
            if key.strip() not in FIELDS or not column.strip():
                raise ImportFormatError("--map", _("expected field=column pairs with fields from {fields}").format(
                    fields=", ".join(FIELDS)))
            values[key.strip()] = column.strip()
        if "time" not in values or "number" not in values:
            raise ImportFormatError("--map", _("the mapping needs at least time= and number="))
        return cls(time_format=time_format, **values)


@dataclass(slots=True)
class DecodedText:
    text: str
    utf8_line: int = 0  # the first line that needed UTF-8 (0: none), when others needed GB18030
    gb_line: int = 0  # the first line that needed GB18030 (0: none)
    broken_lines: list[int] = dataclasses.field(default_factory=list)  # lines neither reads (characters replaced)

    @property
    def mixed(self) -> bool:
        return bool(self.utf8_line and self.gb_line)


def decode(data: bytes) -> DecodedText:
    """The text of a CSV export.  Chinese Excel saves GBK/GB18030, everything else UTF-8, and a
    file pasted together from both has lines in each: read as one encoding, the other lines turn
    into mojibake with no error.  So a file that is not all UTF-8 is decoded line by line, and the
    caller warns when both encodings were needed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return DecodedText(data.decode("utf-16", "replace"))
    try:
        return DecodedText(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    result = DecodedText("")
    lines = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            lines.append(line.decode("ascii"))
            continue
        try:
            lines.append(line.decode("utf-8"))
            result.utf8_line = result.utf8_line or number
            continue
        except UnicodeDecodeError:
            pass
        try:
            lines.append(line.decode("gb18030"))
            result.gb_line = result.gb_line or number
        except UnicodeDecodeError:
            lines.append(line.decode("gb18030", "replace"))
            result.broken_lines.append(number)
    result.text = "\n".join(lines)
    return result


def read_bytes(path: Path) -> bytes:
    """A text export read whole (never a FIFO; never more than MAX_BYTES)."""
    with open_regular(path) as fh:
        if os.fstat(fh.fileno()).st_size > MAX_BYTES:
            raise ImportFormatError(path, _("the file is too large for a message export"))
        return fh.read(MAX_BYTES + 1)


def read_text(path: Path) -> str:
    return decode(read_bytes(path)).text


def _dialect(text: str) -> type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _reader(text: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), _dialect(text))


def header(path: Path) -> list[str]:
    try:
        return [h.strip() for h in next(_reader(read_text(path)), [])]
    except (csv.Error, OSError, ImportFormatError):
        return []


def kind_of(columns: list[str]) -> str:
    if all(c in columns for c in MEMOTRACE):
        return "wechat_csv"
    if all(c in columns for c in IMAZING):
        return "imazing_csv"
    return "csv"


def _warn_encoding(path: Path, report: FileReport, decoded: DecodedText) -> None:
    if decoded.mixed:
        report.warn(_("{file}: the file mixes two text encodings (line {utf8} is UTF-8, line {gb} is GB18030, as "
                      "Chinese Excel saves); each line was read in its own encoding — check the text.").format(
                          file=path.name, utf8=decoded.utf8_line, gb=decoded.gb_line))
    if decoded.broken_lines:
        report.warn(_("{file}: line {lines} holds bytes that are neither UTF-8 nor GB18030; they were replaced by "
                      "\ufffd.").format(file=path.name, lines=", ".join(map(str, decoded.broken_lines[:5]))))


def _rows(path: Path, report: FileReport) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: value}) for each non-empty row.

    A quote opened and never closed makes the csv module read the following lines into one field
    (up to the next quote, or the end of the file).  So rows are read strictly: a row spanning
    lines that breaks the quoting rules (or has the wrong number of fields, or an odd number of
    quote characters) is read again as its one line, with the quote taken literally, reading goes
    on from the next line, and a warning names the line.  A stray quote within one line is read
    as the csv module always did."""
    decoded = decode(read_bytes(path))
    _warn_encoding(path, report, decoded)
    lines = decoded.text.splitlines(keepends=True)
    pos = 0  # lines handed to the csv reader so far

    def feed() -> Iterator[str]:
        nonlocal pos
        while pos < len(lines):
            pos += 1
            yield lines[pos - 1]

    dialect = _dialect(decoded.text)  # sniffed once: sniffing can take a second
    quote = dialect.quotechar or '"'
    # The Sniffer says doublequote=False whenever its sample holds no "", and then a quote inside a
    # quoted field silently ends it, so strict mode catches nothing; every exporter we read
    # doubles quotes inside fields (RFC 4180), so read them that way.
    doublequote = bool(dialect.doublequote or not dialect.escapechar)
    try:
        head = [h.strip() for h in next(csv.reader(lines[:1], dialect), [])]
        pos = 1
        reader = csv.reader(feed(), dialect, strict=True, doublequote=doublequote)
        while True:
            start = pos + 1
            try:
                row, broken = next(reader, None), False
            except csv.Error:
                row, broken = None, True
            if row is None and not broken:
                return
            reread = None
            if pos > start and (broken or len(row or ()) != len(head)
                                or "".join(lines[start - 1:pos]).count(quote) % 2):
                report.warn(_("{file}, line {n}: a quote opens here and is never closed, which swallowed the {k} "
                              "lines after it; this line was read as it stands and the rest as rows of their "
                              "own — check it.").format(file=path.name, n=start, k=pos - start))
                reread = csv.reader([lines[start - 1]], dialect, quoting=csv.QUOTE_NONE)
            elif broken:  # a stray quote inside one line ('5" screen'): read leniently, as always
                reread = csv.reader([lines[start - 1]], dialect)
            if reread is not None:
                row = next(reread, [])
                if row and row[-1].endswith(("\n", "\r")):  # the last line opens a quote never closed
                    row = next(csv.reader([lines[start - 1]], dialect, quoting=csv.QUOTE_NONE), [])
                pos = start  # go on from the next line
                reader = csv.reader(feed(), dialect, strict=True, doublequote=doublequote)
            assert row is not None  # a broken row is always re-read above
            if not any(cell.strip() for cell in row):
                continue
            yield start, dict(zip(head, row, strict=False))
    except csv.Error as exc:
        raise ImportFormatError(path, _("the CSV is broken ({detail})").format(detail=exc),
                                _("line {n}").format(n=pos)) from None


def parse_time(text: str, tz: str, fmt: str = "auto") -> datetime | None:
    raw = (text or "").strip()
    if not raw:
        return None
    if fmt in ("epoch_s", "epoch_ms") or (fmt == "auto" and re.fullmatch(r"\d{10}(\d{3})?(\.\d+)?", raw)):
        try:
            number = float(raw)
        except ValueError:
            return None
        if fmt == "epoch_ms" or (fmt == "auto" and number > 1e11):
            number /= 1000
        return epoch_to_local(number, tz)
    formats = TIME_FORMATS if fmt == "auto" else (fmt,)
    if fmt == "auto":
        try:
            value = datetime.fromisoformat(raw)
            return value.astimezone(zone(tz)) if value.tzinfo else value.replace(tzinfo=zone(tz))
        except ValueError:
            pass
    for pattern in formats:
        try:
            return datetime.strptime(raw, pattern).replace(tzinfo=zone(tz))
        except ValueError:
            continue
    return None


_HMS = re.compile(r"(?:(\d+)\s*(?:小时|小時|h))?\s*(?:(\d+)\s*(?:分钟|分鐘|分|m|min))?\s*"
                  r"(?:(\d+)\s*(?:秒|s))?")


def parse_duration(text: str) -> int | None:
    raw = (text or "").strip()
    if not raw:
        return None
    if re.fullmatch(r"\d+(\.\d+)?s?", raw):
        return int(float(raw.rstrip("s")))
    parts = raw.split(":")
    if 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts):
        seconds = 0
        for p in parts:
            seconds = seconds * 60 + int(p)
        return seconds
    match = _HMS.fullmatch(raw)
    if match and any(match.groups()):
        h, m, s = (int(g or 0) for g in match.groups())
        return h * 3600 + m * 60 + s
    return None


_OUT_WORDS = {"out", "outgoing", "sent", "send", "2", "呼出", "拨出", "撥出", "已拨", "已撥", "去电", "去電", "发送",
              "發送", "已发送", "已發送", "outbound", "me"}
_IN_WORDS = {"in", "incoming", "received", "1", "3", "呼入", "来电", "來電", "已接", "未接", "接收", "收到", "inbound",
             "missed", "未接来电", "未接來電"}
_MISSED = {"missed", "3", "未接", "未接来电", "未接來電", "拒接", "rejected", "5"}


def parse_direction(text: str) -> tuple[Direction | None, CallOutcome | None]:
    word = (text or "").strip().lower()
    outcome = CallOutcome.MISSED if word in _MISSED else None
    if word in _OUT_WORDS:
        return Direction.OUTGOING, None
    if word in _IN_WORDS:
        return Direction.INCOMING, outcome
    return None, None


_GUESS = {
    "time": ("time", "date", "when", "时间", "時間", "日期", "datetime", "timestamp", "start"),
    "number": ("number", "phone", "who", "号码", "號碼", "电话", "電話", "address", "from", "sender", "contact", "tel"),
    "direction": ("direction", "type", "类型", "類型", "方向", "call type"),
    "body": ("body", "text", "message", "content", "内容", "內容", "短信", "簡訊"),
    "duration": ("duration", "时长", "時長", "通话时长", "通話時長", "seconds"),
    "name": ("name", "姓名", "联系人", "聯絡人", "contact name"),
}


def guess_mapping(columns: list[str]) -> ColumnMapping | None:
    chosen: dict[str, str] = {}
    for field, words in _GUESS.items():
        for column in columns:
            low = column.strip().lower()
            if column in chosen.values():
                continue
            if any(w == low for w in words) or any(w in low for w in words if len(w) > 2):
                chosen[field] = column
                break
    if "time" not in chosen or "number" not in chosen:
        return None
    return ColumnMapping(**chosen)


def read_generic(path: Path, report: FileReport, tz: str, mapping: ColumnMapping | None) -> Iterator[Record]:
    if mapping is None:
        raise ImportFormatError(path, _("this CSV needs a column mapping (which column is the time, the number…); "
                                        "its columns are: {columns}").format(columns=", ".join(report.columns)))
    missing = [c for c in (mapping.time, mapping.number, mapping.direction, mapping.body, mapping.duration,
                           mapping.name, mapping.kind) if c and c not in report.columns]
    if missing:
        raise ImportFormatError(path, _("the mapping names columns this CSV does not have: {columns}").format(
            columns=", ".join(missing)))
    default_kind = mapping.default_kind or ("sms" if mapping.body else "call")
    for line, row in _rows(path, report):
        report.records += 1
        where = _("line {n}").format(n=line)
        when = parse_time(row.get(mapping.time, ""), tz, mapping.time_format)
        if when is None:
            report.skipped += 1
            report.warn(_("{file}, {where}: the time {value!r} cannot be read; skipped.").format(
                file=path.name, where=where, value=row.get(mapping.time, "")[:40]))
            continue
        direction, outcome = parse_direction(row.get(mapping.direction, "")) if mapping.direction else (None, None)
        kind_text = (row.get(mapping.kind, "") if mapping.kind else default_kind).strip().lower()
        is_call = kind_text in ("call", "calls", "通话", "通話", "电话", "電話", "phone") or (
            kind_text not in ("sms", "message", "短信", "簡訊", "text") and default_kind == "call")
        duration = parse_duration(row.get(mapping.duration, "")) if mapping.duration else None
        name = row.get(mapping.name, "").strip() if mapping.name else ""
        details: dict = {"contact_name": name} if name else {}
        if is_call:
            if outcome is None and direction == Direction.INCOMING and duration is not None:
                outcome = CallOutcome.ANSWERED if duration > 0 else CallOutcome.MISSED
            yield Record(EventKind.CALL, when, row.get(mapping.number, "").strip(), direction, outcome, duration,
                         "", name, details, where)
        else:
            details["channel"] = Channel.SMS.value
            yield Record(EventKind.SMS, when, row.get(mapping.number, "").strip(), direction, None, None,
                         row.get(mapping.body, "") if mapping.body else "", name, details, where)


_WECHAT_TYPES = {3: "[图片]", 34: "[语音]", 43: "[视频]", 47: "[表情]", 49: "[文件/链接]"}
_CALL_LENGTH = re.compile(r"(?:通话时长|通話時長|Duration)\s*(\d{1,2}):(\d{2})(?::(\d{2}))?")


def read_memotrace(path: Path, report: FileReport, tz: str) -> Iterator[Record]:
    """MemoTrace/WeChatMsg CSV: one conversation; incoming rows name the other side's WeChat id."""
    rows = list(_rows(path, report))
    other: dict[str, str] = {}  # TalkerId → the other side's wxid
    names: dict[str, str] = {}
    for _line, row in rows:
        if row.get("IsSender", "").strip() == "0" and row.get("Sender", "").strip():
            other.setdefault(row.get("TalkerId", ""), row["Sender"].strip())
            names.setdefault(row.get("TalkerId", ""), (row.get("Remark") or row.get("NickName") or "").strip())
    for line, row in rows:
        report.records += 1
        where = _("line {n}").format(n=line)
        when = parse_time(row.get("CreateTime", ""), tz, "epoch_s") or parse_time(row.get("StrTime", ""), tz)
        if when is None:
            report.skipped += 1
            report.warn(_("{file}, {where}: the time cannot be read; skipped.").format(file=path.name, where=where))
            continue
        talker = row.get("TalkerId", "")
        outgoing = row.get("IsSender", "").strip() == "1"
        number = other.get(talker, "") if outgoing else (row.get("Sender", "").strip() or other.get(talker, ""))
        name = names.get(talker, "")
        try:
            code = int(row.get("Type", "0") or 0)
        except ValueError:
            code = 0
        content = row.get("StrContent", "")
        details: dict = {"channel": Channel.WECHAT.value}
        if name:
            details["contact_name"] = name
        sender_name = (row.get("NickName") or "").strip()
        if sender_name and not outgoing:
            details["sender_name"] = sender_name
        direction = Direction.OUTGOING if outgoing else Direction.INCOMING
        if code == 50:  # voice/video call
            match = _CALL_LENGTH.search(content)
            duration = None
            if match:
                a, b, c = match.groups()
                duration = int(a) * 3600 + int(b) * 60 + int(c) if c else int(a) * 60 + int(b)
            outcome = CallOutcome.ANSWERED if duration else None
            yield Record(EventKind.CALL, when, number, direction, outcome, duration, "", name, details, where)
            continue
        if code == 10000:
            details["system"] = True
        body = _WECHAT_TYPES.get(code, content) if code != 1 else content
        yield Record(EventKind.CHAT, when, number, direction, None, None, body, name, details, where)


def read_imazing(path: Path, report: FileReport, tz: str) -> Iterator[Record]:
    from desktop_app.core.domain.phones import NumberType, analyse

    for line, row in _rows(path, report):
        report.records += 1
        where = _("line {n}").format(n=line)
        when = parse_time(row.get("Message Date", ""), tz)
        if when is None:
            report.skipped += 1
            report.warn(_("{file}, {where}: the time {value!r} cannot be read; skipped.").format(
                file=path.name, where=where, value=row.get("Message Date", "")[:40]))
            continue
        outgoing = row.get("Type", "").strip().lower().startswith("out")
        session = row.get("Chat Session", "").strip()
        sender = row.get("Sender ID", "").strip()
        if analyse(session).kind != NumberType.UNKNOWN or outgoing or not sender:
            number = session
        else:
            number = sender
        name = row.get("Sender Name", "").strip()
        details: dict = {"channel": Channel.SMS.value, "service": row.get("Service", "").strip()}
        if name:
            details["contact_name"] = name
        attachment = row.get("Attachment", "").strip()
        if attachment:
            details["attachment_name"] = attachment  # the file itself is not in the CSV
        yield Record(EventKind.SMS, when, number, Direction.OUTGOING if outgoing else Direction.INCOMING, None, None,
                     row.get("Text", ""), name, details, where)
