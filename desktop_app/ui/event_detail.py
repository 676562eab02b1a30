"""The right-hand pane: the selected event's editor above its evidence (thumbnails, drop to attach)."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from desktop_app.core.i18n import _
from desktop_app.ui.event_editor import EventEditor

log = logging.getLogger(__name__)


def optional(module: str, name: str):
    """A class or function from a part of the app that may not be installed in this build."""
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise
    except AttributeError:
        return None


class DetailPane(QWidget):
    saved = Signal(int)
    evidence_changed = Signal()

    def __init__(self, ws, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.case_id: int | None = None
        self.event_id: int | None = None
        self.placeholder = QLabel(_("Select an entry in the timeline to see and edit it here."))
        self.placeholder.setObjectName("hint")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor = EventEditor(ws)
        self.editor.saved.connect(self.saved)
        panel_cls = optional("desktop_app.ui.evidence.panel", "EvidencePanel")
        self.evidence = panel_cls(ws) if panel_cls is not None else None
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.editor)
        if self.evidence is not None:
            self.evidence.setAccessibleName(_("Evidence"))
            self.evidence.changed.connect(self.evidence_changed)
            self.splitter.addWidget(self.evidence)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.splitter, 1)
        self.show_event(None, None)

    def show_event(self, case_id: int | None, event_id: int | None) -> None:
        self.case_id, self.event_id = case_id, event_id
        self.editor.set_event(event_id)
        if self.evidence is not None:
            self.evidence.set_event(case_id, event_id)
        has = event_id is not None
        self.placeholder.setVisible(not has)
        self.splitter.setVisible(has)
