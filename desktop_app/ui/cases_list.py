"""The list of case files on the left: title, status and counts."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Jurisdiction
from desktop_app.core.domain.labels import label
from desktop_app.core.errors import AppError
from desktop_app.core.i18n import _, ngettext

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CasesList(QListWidget):
    case_selected = Signal(int)

    def __init__(self, ws, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("casesList")
        self.setAccessibleName(_("Cases"))
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap long titles when the pane is resized
        self.setSpacing(3)
        self._quiet = False
        self.currentItemChanged.connect(self._changed)

    def refresh(self, select: int | None = None) -> None:
        current = select if select is not None else self.current_case_id()
        self._quiet = True
        try:
            self.clear()
            for summary in self.ws.cases.list():
                # One message, so Chinese gets its own comma ("79 筆紀錄，7 個檔案").
                counts = _("{entries}, {files}").format(
                    entries=ngettext("{n} entry", "{n} entries", summary.event_count).format(n=summary.event_count),
                    files=ngettext("{n} file", "{n} files", summary.evidence_count).format(n=summary.evidence_count))
                title = summary.title + ("  · " + _("demo") if summary.is_demo else "")
                item = QListWidgetItem(f"{title}\n{label(summary.status)} · {counts}")
                item.setData(CASE_ID_ROLE, summary.id)
                item.setToolTip(summary.title)
                self.addItem(item)
                if summary.id == current:
                    self.setCurrentItem(item)
            self._fit_items()
        finally:
            self._quiet = False

    def _fit_items(self) -> None:
        """Give each item the height its wrapped text needs (Qt's own estimate clips long titles)."""
        width = max(60, self.viewport().width() - 16)
        metrics = self.fontMetrics()
        for row in range(self.count()):
            item = self.item(row)
            rect = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, item.text())
            item.setSizeHint(QSize(width, rect.height() + 12))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_items()

    def current_case_id(self) -> int | None:
        item = self.currentItem()
        return item.data(CASE_ID_ROLE) if item is not None else None

    def select_case(self, case_id: int) -> None:
        for row in range(self.count()):
            if self.item(row).data(CASE_ID_ROLE) == case_id:
                self.setCurrentRow(row)
                return

    def _changed(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if not self._quiet and current is not None:
            self.case_selected.emit(current.data(CASE_ID_ROLE))


class QuickCaseDialog(QDialog):
    """A minimal "new case" form (title and place), used when the full case form is not installed."""

    def __init__(self, ws, case_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.case_id = case_id
        self.setWindowTitle(_("New case"))
        self.title = QLineEdit()
        self.title.setAccessibleName(_("Title"))
        self.title.setPlaceholderText(_("e.g. the platform's name and your loan"))
        self.jurisdiction = QComboBox()
        self.jurisdiction.setAccessibleName(_("Where you live"))
        for item in Jurisdiction:
            self.jurisdiction.addItem(label(item), item.value)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        form = QFormLayout()
        form.addRow(_("&Title"), self.title)
        form.addRow(_("&Where you live"), self.jurisdiction)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            case = self.ws.cases.create(self.title.text(), self.jurisdiction.currentData())
        except AppError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.case_id = case.id
        super().accept()
