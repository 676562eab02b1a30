"""Small helpers shared by the parsers: times, "null" strings, direction words."""

from __future__ import annotations

from datetime import datetime

from desktop_app.core.domain.times import zone

# Anything outside these years is a damaged value, not a real contact.
_MIN_S = 631152000  # 1990-01-01
_MAX_S = 4102444800  # 2100-01-01


def sql_text(value: object) -> str:
    """A value from a loosely typed SQLite column as text (NULL → "", bytes decoded, numbers written out)."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def clean(value: str | None) -> str:
    """An attribute's text, with SMS Backup & Restore's literal "null" treated as missing."""
    if value is None:
        return ""
    return "" if value.strip() == "null" else value


def epoch_to_local(value: float, tz: str) -> datetime | None:
    """Seconds since 1970 → aware local time (whole seconds), or None if out of range."""
    if not (_MIN_S <= value < _MAX_S):
        return None
    return datetime.fromtimestamp(int(value), zone(tz))


def parse_epoch(text: str | None, tz: str, unit: str = "ms") -> datetime | None:
    """An epoch number as text in `unit` ("ms" or "s"); guesses the unit when the value only fits the other."""
    if text is None:
        return None
    try:
        number: float = int(text)  # the usual case, and exact (a phone backup has 100,000s of these)
    except ValueError:
        raw = clean(text).strip()
        if not raw:
            return None
        try:
            number = float(raw)
        except ValueError:
            return None
        if number != number or number in (float("inf"), float("-inf")):
            return None
    seconds = number / 1000 if unit == "ms" else number
    if not (_MIN_S <= seconds < _MAX_S):
        # A seconds value where milliseconds were expected (MMS date_sent), or the reverse.
        alt = number if unit == "ms" else number / 1000
        if _MIN_S <= alt < _MAX_S:
            seconds = alt
    return epoch_to_local(seconds, tz)


def to_int(text: str | None, default: int | None = None) -> int | None:
    if text is None:
        return default
    try:
        return int(text)  # the usual case; "null", "", "12.0" and the like go the long way
    except ValueError:
        pass
    raw = clean(text).strip()
    try:
        return int(float(raw)) if raw else default
    except (ValueError, OverflowError):
        return default


_NO_NAME = {"(Unknown)", "Unknown", "(未知)", "未知", "(No name)"}


def contact_name(value: str | None) -> str:
    """The contact name the phone showed; "" for none.  Group messages list several, comma-separated."""
    if value is None or value in _NO_NAME:
        return ""
    names = [n.strip() for n in clean(value).split(",")]
    return next((n for n in names if n and n not in _NO_NAME), "")
