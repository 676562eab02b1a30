"""An editable table of simple rows (income lines, expenses, other debts, hardship reasons)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.i18n import _
from desktop_app.ui.panel_format import named


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text, money, date (YYYY-MM-DD), bool
    stretch: bool = False


class RowsTable(QWidget):
    """Rows of strings (and check boxes), read back as dicts keyed by column; blank rows are dropped."""

    changed = Signal()

    def __init__(self, columns: list[Column], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.header for c in columns])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for index, column in enumerate(columns):
            mode = QHeaderView.ResizeMode.Stretch if column.stretch else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(index, mode)
        named(self.table, name)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Add line"))
        named(self.add_button, _("Add a line to {name}").format(name=name))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(_("Remove line"))
        named(self.remove_button, _("Remove the selected line from {name}").format(name=name))
        self.remove_button.clicked.connect(self.remove_row)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)

    def _item(self, column: Column, value) -> QTableWidgetItem:
        item = QTableWidgetItem()
        if column.kind == "bool":
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        else:
            item.setText("" if value is None else str(value))
            if column.kind == "money":
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            elif column.kind == "date":
                item.setToolTip(_("A date such as 2026-03-20"))
        return item

    def set_rows(self, rows: list[dict]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for values in rows:
            self._append(values)
        self.table.blockSignals(False)

    def _append(self, values: dict) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for index, column in enumerate(self.columns):
            self.table.setItem(row, index, self._item(column, values.get(column.key)))
        return row

    def rows(self) -> list[dict]:
        out = []
        for row in range(self.table.rowCount()):
            values: dict = {}
            for index, column in enumerate(self.columns):
                item = self.table.item(row, index)
                if column.kind == "bool":
                    values[column.key] = item is not None and item.checkState() == Qt.CheckState.Checked
                else:
                    text = item.text().strip() if item is not None else ""
                    values[column.key] = (text or None) if column.kind in ("money", "date") else text
            if any(values[c.key] for c in self.columns if c.kind != "bool"):
                out.append(values)
        return out

    def add_row(self) -> None:
        row = self._append({})
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def remove_row(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())
            self.changed.emit()
