"""Where a new case most likely is: from the computer's time zone, then the UI language.

A new case used to default to Mainland China, CNY and Asia/Shanghai even in the English UI on a
computer in New York.  The system time zone is read without tzlocal: the TZ variable,
/etc/localtime's link target, or /etc/timezone (Debian); its country comes from tzdata's zone.tab.
Qt-free, so the command line can use it too.
"""

from __future__ import annotations

import os
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop_app.core.domain.enums import Jurisdiction
from desktop_app.core.services.cases import DEFAULT_CURRENCY, DEFAULT_TZ

# zone.tab's ISO country → the case's jurisdiction (the UK is "GB" there).
_COUNTRY = {"CN": Jurisdiction.CN, "TW": Jurisdiction.TW, "HK": Jurisdiction.HK, "US": Jurisdiction.US,
            "GB": Jurisdiction.UK}
_BY_LANGUAGE = {"zh_CN": Jurisdiction.CN, "zh_TW": Jurisdiction.TW, "en": Jurisdiction.US}
_NO_PLACE = {"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Universal", "Zulu", "Etc/Universal", "Etc/Zulu"}


@dataclass(frozen=True)
class CaseDefaults:
    jurisdiction: Jurisdiction
    tz: str
    currency: str


def _valid_zone(name: str) -> str | None:
    name = name.strip().lstrip(":")
    if not name:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return name


def system_time_zone(etc: Path = Path("/etc")) -> str | None:
    """The computer's IANA time zone name ("America/Chicago"), or None when it cannot be told."""
    zone = _valid_zone(os.environ.get("TZ", ""))
    if zone:
        return zone
    localtime = etc / "localtime"
    try:
        target = os.readlink(localtime)
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        zone = _valid_zone(target.split("zoneinfo/", 1)[1])
        if zone:
            return zone
    try:
        return _valid_zone((etc / "timezone").read_text(encoding="utf-8").splitlines()[0])
    except (OSError, IndexError, UnicodeDecodeError):
        return None


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """Zone → ISO country code, from zone.tab wherever the time zone data is."""
    folders = [Path(p) for p in zoneinfo.TZPATH]
    try:
        import tzdata  # the PyPI time zone data, used where the system has none (Windows)

        folders.append(Path(tzdata.__file__).parent / "zoneinfo")
    except ImportError:
        pass
    for folder in folders:
        try:
            text = (folder / "zone.tab").read_text(encoding="utf-8")
        except OSError:
            continue
        table = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                fields = line.split("\t")
                if len(fields) >= 3:
                    table[fields[2]] = fields[0]
        return table
    return {}


def jurisdiction_of_zone(zone: str | None) -> Jurisdiction | None:
    """The jurisdiction a time zone lies in; OTHER for a place the app has no rules for; None for
    UTC or an unknown name (the zone says nothing about where the user is)."""
    if not zone or zone in _NO_PLACE or zone.startswith("Etc/"):
        return None
    if zone in ("Asia/Chongqing", "Asia/Harbin", "PRC"):
        return Jurisdiction.CN
    country = _zone_countries().get(zone)
    if country is None:
        return None
    return _COUNTRY.get(country, Jurisdiction.OTHER)


def new_case_defaults(ui_language: str, zone: str | None) -> CaseDefaults:
    """The place, time zone and currency a new case starts with: the time zone's country when it
    says one, else the UI language's usual place (English: the US); the system's own zone when it
    lies in that place, else the place's usual zone."""
    place = jurisdiction_of_zone(zone)
    if place is None:
        place = _BY_LANGUAGE.get(ui_language, Jurisdiction.OTHER)
        tz = DEFAULT_TZ[place]
    else:
        tz = zone or DEFAULT_TZ[place]
    return CaseDefaults(place, tz, DEFAULT_CURRENCY[place])
