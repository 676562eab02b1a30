"""The app's settings: a small JSON file in the data folder that both front ends read.

The desktop app writes it (language, window layout, the last case and number); the command
line reads the language from it, so `papertrail cases` answers in the language chosen in the
app.  A missing or damaged file falls back to defaults: losing a window size must never stop the
app from opening.  The language is chosen from the system locale on first run.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop_app.core.i18n import LANGUAGES, detect_language

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"


@dataclass
class Settings:
    language: str = ""
    last_case_id: int | None = None
    geometry: str = ""  # QMainWindow.saveGeometry() as hex
    window_state: str = ""
    splitter_state: str = ""
    last_party: dict[str, Any] = field(default_factory=dict)  # case id → {"party_id", "contact_value"}
    due_reminded: str = ""  # ISO date the "Due today" reminder was last shown (once a day at most)
    version: int = 1
    path: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path) -> Settings:
        data: dict[str, Any] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable, using defaults: %s", type(exc).__name__)
            data = {}
        known = {f.name for f in fields(cls)} - {"path"}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        if settings.language not in LANGUAGES:
            settings.language = detect_language()
        settings.path = path
        return settings

    def save(self) -> None:
        if self.path is None:
            return
        data = asdict(self)
        data.pop("path", None)
        tmp = self.path.with_suffix(".tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # private, like every file here
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(data, ensure_ascii=False, indent=1))
            os.replace(tmp, self.path)  # atomic: a crash never leaves half a settings file
        except OSError as exc:
            log.warning("could not save settings: %s", type(exc).__name__)

    def remember_party(self, case_id: int, party_id: int | None, contact_value: str) -> None:
        self.last_party[str(case_id)] = {"party_id": party_id, "contact_value": contact_value}

    def last_party_for(self, case_id: int) -> tuple[int | None, str]:
        entry = self.last_party.get(str(case_id)) or {}
        return entry.get("party_id"), entry.get("contact_value") or ""


def saved_language(data_dir: Path) -> str | None:
    """The language chosen in the app for this data folder, or None when none was saved."""
    try:
        data = json.loads((Path(data_dir) / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    language = data.get("language") if isinstance(data, dict) else None
    return language if language in LANGUAGES else None
