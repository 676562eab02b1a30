"""Call-recording files named by the phone's own dialer: the number (or contact name) and the
time are in the file name.  Patterns per vendor: research/imports.md §3.1-3.2, tried in order
(the greedy `.+` before the last separator copes with names that contain `_`, `-` or `(`).

Times in names are the phone's wall clock with no zone; they are read in the case's zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.domain.times import zone

AUDIO_EXTENSIONS = {".mp3", ".m4a", ".amr", ".aac", ".wav", ".3gp", ".ogg", ".opus", ".awb", ".3ga"}

#: (vendor, pattern over the file name without extension, time format, precision in seconds)
PATTERNS: list[tuple[str, re.Pattern[str], str, int]] = [
    ("xiaomi", re.compile(r"^(?:[^@]*@)?(?P<name>.+)\((?P<num>[^)]*)\)_(?P<ts>\d{14})$"), "%Y%m%d%H%M%S", 1),
    ("huawei_emui5", re.compile(r"^(?P<name>.+)@(?P<num>[0-9+ ]+)_(?P<ts>\d{14})$"), "%Y%m%d%H%M%S", 1),
    ("samsung", re.compile(r"^Call recording (?P<name>.+)_(?P<ts>\d{6}_\d{6})$"), "%y%m%d_%H%M%S", 1),
    ("huawei", re.compile(r"^(?P<name>.+)_(?P<ts>\d{14})$"), "%Y%m%d%H%M%S", 1),
    ("oppo", re.compile(r"^(?P<name>.+)-(?P<ts>\d{10})$"), "%y%m%d%H%M", 60),
    ("vivo", re.compile(r"^(?P<name>.+) (?P<ts>\d{4}-\d{2}-\d{2} \d{2}-\d{2}-\d{2})$"), "%Y-%m-%d %H-%M-%S", 1),
]


@dataclass(frozen=True, slots=True)
class RecordingName:
    vendor: str
    number: str  # "" when the name only gives a contact name
    name: str  # the contact name or formatted number shown in the name
    when: datetime  # aware, in the case's zone
    precision_s: int  # 60 for OPPO's minute-precision names


def _as_number(text: str) -> str:
    """The text as a phone number if it is one (MIUI writes '+' as '00'), else ''."""
    compact = re.sub(r"[\s\-()]", "", text or "")
    if not re.fullmatch(r"\+?\d{3,20}", compact):
        return ""
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    return compact


def parse_name(file_name: str, tz: str) -> RecordingName | None:
    path = Path(file_name)
    if path.suffix.lower() not in AUDIO_EXTENSIONS:
        return None
    stem = path.stem.strip()
    for vendor, pattern, fmt, precision in PATTERNS:
        match = pattern.match(stem)
        if not match:
            continue
        try:
            naive = datetime.strptime(match["ts"], fmt)
        except ValueError:
            continue
        groups = match.groupdict()
        name = (groups.get("name") or "").strip()
        number = _as_number(groups.get("num") or "") or _as_number(name)
        if not number and groups.get("num") and not re.search(r"\d", groups["num"]):
            name = name or groups["num"].strip()  # text inside the parentheses (Вызов@112(Экстренный номер))
        return RecordingName(vendor, number, name, naive.replace(tzinfo=zone(tz)), precision)
    return None
