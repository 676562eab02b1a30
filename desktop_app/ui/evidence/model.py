"""The list model behind the evidence panel: one row per file, with its thumbnail and verified state."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon

from desktop_app.core.domain.display import escape_controls
from desktop_app.core.domain.models import Evidence
from desktop_app.core.i18n import N_, _
from desktop_app.core.vault.vault import FileState
from desktop_app.ui.evidence.thumbnails import ThumbnailCache, type_icon
from desktop_app.ui.panel_format import fmt_datetime, fmt_size

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2

STATE_TEXT = {
    None: N_("Checking…"),
    FileState.OK: N_("✓ Verified"),
    FileState.ALTERED: N_("⚠ Altered"),
    FileState.MISSING: N_("⚠ Missing"),
}
STATE_HELP = {
    None: N_("The file is being checked against its fingerprint."),
    FileState.OK: N_("The file is exactly as it was when it was added."),
    FileState.ALTERED: N_("The vault copy no longer matches its fingerprint: it was changed after it was added."),
    FileState.MISSING: N_("The vault copy of this file is missing."),
}


class EvidenceModel(QAbstractListModel):
    def __init__(self, thumbs: ThumbnailCache, parent=None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs
        self.items: list[Evidence] = []
        self.states: dict[str, FileState] = {}
        thumbs.ready.connect(self._thumb_ready)

    def set_items(self, items: list[Evidence]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.states = {sha: s for sha, s in self.states.items() if any(e.sha256 == sha for e in self.items)}
        self.endResetModel()

    def set_states(self, states: dict[str, FileState]) -> None:
        self.states.update(states)
        if self.items:
            self.dataChanged.emit(self.index(0), self.index(len(self.items) - 1))

    def state_of(self, evidence: Evidence) -> FileState | None:
        return self.states.get(evidence.sha256)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        ev = self.items[index.row()]
        state = self.states.get(ev.sha256)
        if role == Qt.ItemDataRole.DisplayRole:
            name = escape_controls(ev.caption or ev.original_name)
            return f"{ev.exhibit} · {_(STATE_TEXT[state])}\n{name}"
        if role == Qt.ItemDataRole.DecorationRole:
            pixmap = self.thumbs.get(ev.sha256, ev.path, ev.mime)
            # A QIcon, not the pixmap: views scale icons to iconSize but draw pixmaps as they are.
            return QIcon(pixmap) if pixmap is not None else type_icon(ev.mime)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [escape_controls(ev.original_name), fmt_size(ev.size), _(STATE_HELP[state])]
            if ev.capture_time:
                lines.insert(1, _("Taken {when}").format(when=fmt_datetime(ev.capture_time)))
            # Qt guesses whether a tool tip is HTML; give it HTML with the name escaped, so a name
            # holding "<img src=…>" shows as text.
            return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{ev.exhibit} {ev.caption or ev.original_name}, {_(STATE_TEXT[state])}"
        if role == Qt.ItemDataRole.ForegroundRole and state in (FileState.ALTERED, FileState.MISSING):
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.ForegroundRole and state == FileState.OK:
            return QBrush(QColor("#1b5e20"))
        if role == EVIDENCE_ROLE:
            return ev
        if role == STATE_ROLE:
            return state.value if state else None
        return None

    def _thumb_ready(self, sha: str) -> None:
        for row, ev in enumerate(self.items):
            if ev.sha256 == sha:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
