"""The right-hand pane: the selected event's editor above its evidence (thumbnails, drop to attach)."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from desktop_app.core.i18n import _

if TYPE_CHECKING:
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
    """Built on first use: the app opens on the timeline, and the editor's many fields would
    otherwise cost startup time before anything is selected."""

    saved = Signal(int)
    evidence_changed = Signal()
    dirty_changed = Signal(bool)

    def __init__(self, ws, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.case_id: int | None = None
        self.event_id: int | None = None
        self._editor: EventEditor | None = None
        self.evidence = None
        self.splitter: QSplitter | None = None
        self.placeholder = QLabel(_("Select an entry in the timeline to see and edit it here."))
        self.placeholder.setObjectName("hint")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.placeholder)

    @property
    def built(self) -> bool:
        return self._editor is not None

    @property
    def editor(self) -> EventEditor:
        if self._editor is None:
            self._build()
        assert self._editor is not None
        return self._editor

    def _build(self) -> None:
        from desktop_app.ui.event_editor import EventEditor

        self._editor = EventEditor(self.ws)
        self._editor.setMinimumWidth(320)
        self._editor.saved.connect(self.saved)
        self._editor.dirty_changed.connect(self.dirty_changed)
        panel_cls = optional("desktop_app.ui.evidence.panel", "EvidencePanel")
        self.evidence = panel_cls(self.ws) if panel_cls is not None else None
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self._editor)
        if self.evidence is not None:
            self.evidence.setAccessibleName(_("Evidence"))
            self.evidence.changed.connect(self.evidence_changed)
            # In a scroll area so the panel's button row never forces the whole window wider.
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(self.evidence)
            self.splitter.addWidget(holder)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 1)
            self.splitter.setSizes([540, 180])
        self.splitter.hide()
        self._layout.addWidget(self.splitter, 1)

    def show_event(self, case_id: int | None, event_id: int | None) -> None:
        self.case_id, self.event_id = case_id, event_id
        if event_id is None and not self.built:
            return
        self.editor.set_event(event_id)
        if self.evidence is not None:
            self.evidence.set_event(case_id, event_id)
        has = event_id is not None
        self.placeholder.setVisible(not has)
        assert self.splitter is not None
        self.splitter.setVisible(has)

    # What the window asks, answered without building anything when nothing is open.
    @property
    def dirty(self) -> bool:
        return self.built and self.editor.dirty

    def current_id(self) -> int | None:
        return self._editor.record.id if self._editor is not None and self._editor.record else None

    def save(self) -> bool:
        return self.editor.save() if self.built else True

    def maybe_save(self) -> bool:
        return self.editor.maybe_save() if self.built else True

    def discard(self) -> None:
        if self.built:
            self.editor._set_dirty(False)
