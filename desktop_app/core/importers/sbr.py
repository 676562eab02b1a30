"""SMS Backup & Restore (Android) `calls-*.xml` and `sms-*.xml`, including MMS.

Field meanings: research/imports.md §1.2-1.4.  Dates are epoch milliseconds, except MMS
`date_sent`, which is seconds.  Type codes outside the documented ones are kept (as a contact
of unknown direction) with a warning rather than dropped.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
from collections.abc import Iterator
from pathlib import Path

from desktop_app.core.domain.enums import CallOutcome, Channel, Direction, EventKind
from desktop_app.core.i18n import _
from desktop_app.core.importers.common import clean, contact_name, parse_epoch, to_int
from desktop_app.core.importers.model import Attachment, FileReport, Record
from desktop_app.core.importers.xmlstream import CUT, iter_elements, oversized, size_text, token_limit

IN, OUT = Direction.INCOMING, Direction.OUTGOING

#: Android CallLog.Calls.TYPE → (direction, outcome, extra details)
CALL_TYPES: dict[int, tuple[Direction | None, CallOutcome | None, dict]] = {
    1: (IN, CallOutcome.ANSWERED, {}),
    2: (OUT, None, {}),
    3: (IN, CallOutcome.MISSED, {}),
    4: (IN, CallOutcome.VOICEMAIL, {}),
    5: (IN, CallOutcome.REJECTED, {}),
    6: (IN, CallOutcome.REJECTED, {"blocked": True}),
    7: (IN, CallOutcome.ANSWERED, {"answered_elsewhere": True}),
}
#: SMS type → (direction, status word); 3 (draft) is never sent, so it is skipped.
SMS_TYPES: dict[int, tuple[Direction, str]] = {1: (IN, ""), 2: (OUT, ""), 4: (OUT, "outbox"), 5: (OUT, "failed"),
                                               6: (OUT, "queued")}
MMS_BOXES: dict[int, tuple[Direction, str]] = {1: (IN, ""), 2: (OUT, ""), 4: (OUT, "outbox")}
WITHHELD_PRESENTATION = {2: "-2", 3: "-1", 4: "-3", 5: "-1"}


def call_fields(code: int | None, duration: int | None) -> tuple[Direction | None, CallOutcome | None, dict]:
    direction, outcome, extra = CALL_TYPES.get(code or 0, (None, None, {"type_code": code}))
    extra = dict(extra)
    if direction == OUT:
        # An outgoing call with a duration connected; with none we cannot tell.
        outcome = CallOutcome.ANSWERED if (duration or 0) > 0 else None
    return direction, outcome, extra


def read_calls(path: Path, report: FileReport, tz: str) -> Iterator[Record]:
    record_n = _("record {n}")
    for index, elem in enumerate(iter_elements(path, report, {"call"}, {"calls"}), 1):
        a = elem.attrib
        where = record_n.format(n=index)
        if oversized(elem):
            skip_oversized(report, where)
            continue
        when = parse_epoch(a.get("date"), tz, "ms")
        if when is None:
            report.skip_undated(where, a.get("date", ""))
            continue
        code = to_int(a.get("type"))
        duration = to_int(a.get("duration"), 0)
        direction, outcome, details = call_fields(code, duration)
        if code not in CALL_TYPES:
            report.warn(_("{file}, {where}: unknown call type {code!r}; kept with no direction.").format(
                file=path.name, where=where, code=a.get("type", "")))
        number = clean(a.get("number")).strip()
        presentation = to_int(a.get("presentation"))
        if presentation in WITHHELD_PRESENTATION and not number.lstrip("+").isdigit():
            number = WITHHELD_PRESENTATION[presentation]
        name = contact_name(a.get("contact_name"))
        if name:
            details["contact_name"] = name
        sim = clean(a.get("subscription_id"))
        if sim and sim != "-1":
            details["sim"] = sim[-4:]  # an ICCID is long and identifying; the tail is enough to tell SIMs apart
        yield Record(EventKind.CALL, when, number, direction, outcome, max(duration or 0, 0), "", name,
                     details, where)


def skip_oversized(report: FileReport, where: str) -> None:
    report.skipped += 1
    report.warn(_("{file}, {where}: this record is larger than {size}, far more than a phone backup holds; "
                  "skipped.").format(file=report.name, where=where, size=size_text(token_limit())))


def _decode_part(part: dict[str, str], report: FileReport, path: Path, where: str) -> bytes | None:
    if part.get(CUT):
        report.warn(_("{file}, {where}: an attachment is larger than {size} and was left out.").format(
            file=path.name, where=where, size=size_text(token_limit())))
        return None
    data = clean(part.get("data")).strip()
    if not data:
        return None
    try:
        return base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError):
        report.warn(_("{file}, {where}: the attachment {name!r} is damaged (invalid base64) and was left out.")
                    .format(file=path.name, where=where, name=clean(part.get("name")) or clean(part.get("cl"))))
        return None


def _mms(elem, path: Path, report: FileReport, tz: str, where: str) -> Record | None:
    a = elem.attrib
    if oversized(elem):
        skip_oversized(report, where)
        return None
    when = parse_epoch(a.get("date"), tz, "ms") or parse_epoch(a.get("date_sent"), tz, "s")
    if when is None:
        report.skip_undated(where, a.get("date", ""))
        return None
    box = to_int(a.get("msg_box"), 1)
    if box == 3:
        report.skipped += 1  # a draft was never sent
        return None
    direction, status = MMS_BOXES.get(box or 0, (None, ""))
    addrs = [(clean(x.get("address")), to_int(x.get("type"))) for x in elem.iter("addr")]
    sender = next((addr for addr, kind in addrs if kind == 137), "")
    group = [g for g in clean(a.get("address")).split("~") if g]
    if direction == IN:
        number = sender or (group[0] if group else "")
    else:
        number = next((addr for addr, kind in addrs if kind == 151), "") or (group[0] if group else "")
    texts: list[str] = []
    attachments: list[Attachment] = []
    for seq, part in enumerate(elem.iter("part")):
        p = part.attrib
        ct = clean(p.get("ct")).lower()
        if ct == "application/smil":
            continue
        if ct.startswith("text/plain"):
            text = clean(p.get("text"))
            if not text:
                raw = _decode_part(p, report, path, where)
                text = raw.decode("utf-8", "replace") if raw else ""
            if text:
                texts.append(text)
            continue
        data = _decode_part(p, report, path, where)
        if data is None:
            continue
        name = clean(p.get("name")) or clean(p.get("cl")) or clean(p.get("fn"))
        if not name:
            name = f"mms-{when:%Y%m%d-%H%M%S}-{seq}{mimetypes.guess_extension(ct) or ''}"
        attachments.append(Attachment(Path(name).name or f"part-{seq}", ct or "application/octet-stream", data))
    details: dict = {"channel": Channel.SMS.value, "mms": True}
    if status:
        details["status"] = status
    if len(group) > 1:
        details["group"] = len(group)
    subject = clean(a.get("sub"))
    if subject:
        details["subject"] = subject
    sent = parse_epoch(a.get("date_sent"), tz, "s")  # seconds for MMS (AOSP pdu.date)
    if sent is not None:
        details["sent_at"] = sent.isoformat()
    name = contact_name(a.get("contact_name"))
    if name:
        details["contact_name"] = name
    return Record(EventKind.SMS, when, number, direction, None, None, "\n".join(texts), name, details, where,
                  attachments)


def read_messages(path: Path, report: FileReport, tz: str) -> Iterator[Record]:
    record_n = _("record {n}")
    for index, elem in enumerate(iter_elements(path, report, {"sms", "mms"}, {"smses"}), 1):
        where = record_n.format(n=index)
        if elem.tag == "mms":
            record = _mms(elem, path, report, tz, where)
            if record is not None:
                yield record
            continue
        a = elem.attrib
        if oversized(elem):
            skip_oversized(report, where)
            continue
        if not a:
            report.skipped += 1
            report.warn(_("{file}, {where}: an empty message record; skipped.").format(file=path.name, where=where))
            continue
        when = parse_epoch(a.get("date"), tz, "ms")
        if when is None:
            report.skip_undated(where, a.get("date", ""))
            continue
        code = to_int(a.get("type"))
        if code == 3:
            report.skipped += 1  # a draft was never sent
            continue
        direction, status = SMS_TYPES.get(code or 0, (None, ""))
        details: dict = {"channel": Channel.SMS.value}
        if code not in SMS_TYPES:
            details["type_code"] = code
            report.warn(_("{file}, {where}: unknown message type {code!r}; kept with no direction.").format(
                file=path.name, where=where, code=a.get("type", "")))
        if status:
            details["status"] = status
        sent = parse_epoch(a.get("date_sent"), tz, "ms")
        if sent is not None:
            details["sent_at"] = sent.isoformat()
        subject = clean(a.get("subject"))
        if subject:
            details["subject"] = subject
        name = contact_name(a.get("contact_name"))
        if name:
            details["contact_name"] = name
        address = clean(a.get("address"))
        if "~" in address:
            details["group"] = len([x for x in address.split("~") if x])
        yield Record(EventKind.SMS, when, address.split("~")[0].strip(), direction, None, None,
                     clean(a.get("body")), name, details, where)
