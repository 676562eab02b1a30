"""The app's settings (a JSON file in the data folder) and the Settings dialog.

A missing or damaged file falls back to defaults: losing a window size must never stop the
app from opening.  The language is chosen from the system locale on first run.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.i18n import LANGUAGE_NAMES, LANGUAGES, _, current_language, detect_language

log = logging.getLogger(__name__)


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
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)  # atomic: a crash never leaves half a settings file
        except OSError as exc:
            log.warning("could not save settings: %s", type(exc).__name__)

    def remember_party(self, case_id: int, party_id: int | None, contact_value: str) -> None:
        self.last_party[str(case_id)] = {"party_id": party_id, "contact_value": contact_value}

    def last_party_for(self, case_id: int) -> tuple[int | None, str]:
        entry = self.last_party.get(str(case_id)) or {}
        return entry.get("party_id"), entry.get("contact_value") or ""


class SettingsDialog(QDialog):
    """Language (and room for more).  Emits `language_changed` when the user picks another."""

    language_changed = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Settings"))
        self.setMinimumWidth(440)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        form = QFormLayout()
        label = QLabel(_("&Language:"))
        label.setBuddy(self.language)
        form.addRow(label, self.language)
        note = QLabel(_("Everything you record stays on this computer, in {folder}.").format(
            folder=str(settings.path.parent) if settings.path else ""))
        note.setWordWrap(True)
        note.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        code = self.language.currentData()
        if code and code != current_language():
            self.settings.language = code
            self.settings.save()
            self.language_changed.emit(code)
        super().accept()
