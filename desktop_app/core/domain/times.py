"""Local wall time with offset and IANA zone — how the borrower experienced each contact.

Conduct rules are about the borrower's clock ("after 22:00"), so an event keeps its local
time and zone, not just an instant.  Conversions go through `zoneinfo`, which gets
daylight-saving changes right (a repeated hour is told apart by `fold`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(_("unknown time zone {name!r} (expected an IANA name such as Asia/Shanghai)").format(
            name=name), "tz") from exc


def localise(value: datetime, tz: str) -> datetime:
    """An aware datetime in `tz`.  A naive value is read as wall time in `tz`."""
    if value.tzinfo is None:
        return value.replace(tzinfo=zone(tz))
    return value.astimezone(zone(tz))


def parse_local(text: str, tz: str) -> datetime:
    """Parse ISO 8601 ('2026-03-02T23:14', '2026-03-02 23:14:05+08:00') into local time in tz."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError(_("{text!r} is not a date and time (expected e.g. 2026-03-02 23:14)").format(text=text),
                              "start") from exc
    return localise(value, tz)


def to_storage(value: datetime) -> tuple[str, int, int]:
    """(ISO wall time with offset, epoch seconds, fold) for the events table."""
    return value.isoformat(), int(value.timestamp()), value.fold


def from_storage(local_iso: str, tz: str) -> datetime:
    return datetime.fromisoformat(local_iso).astimezone(zone(tz))


def now_local(tz: str) -> datetime:
    return datetime.now(zone(tz)).replace(microsecond=0)


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(_("{text!r} is not a date (expected YYYY-MM-DD)").format(text=text)) from exc
