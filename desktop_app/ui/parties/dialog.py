"""Who contacted the user, and from which numbers: list, edit, add, delete and merge parties.

Merging matters: the same collector often appears as several "unknown" callers until the user
recognises the voice; folding them into one party moves every call and number over, so the
counts the rules and the dossier use are right.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import ContactPointKind, PartyRole
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.phones import display_number
from desktop_app.core.domain.times import zone
from desktop_app.core.i18n import _
from desktop_app.ui.errors import show_error
from desktop_app.ui.panel_format import fmt_datetime, named
from desktop_app.ui.parties.editor import PartyEditor

ID_ROLE = Qt.ItemDataRole.UserRole


class PartiesDialog(QDialog):
    changed = Signal()

    def __init__(self, ws, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.case_id = ws, case_id
        self.setWindowTitle(_("People and numbers"))
        self.setAccessibleName(self.windowTitle())
        self.resize(1180, 620)
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([_("Name"), _("Role"), _("Badge no."), _("Numbers"), _("Contacts"),
                                              _("Last contact")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # A-Z by name on opening (Qt's default indicator is descending); the user's choice holds after.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        named(self.table, _("People and organisations"))
        self.table.itemSelectionChanged.connect(self._selection_changed)
        left_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add person…"))
        named(self.add_button, _("Add person"), _("Add a person or organisation to this case"))
        self.add_button.clicked.connect(self.add_party)
        self.merge_button = QPushButton(_("Merge…"))
        named(self.merge_button, _("Merge"), _("Select two entries that are the same person, then merge them"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.delete_button = QPushButton(_("Delete"))
        named(self.delete_button, _("Delete"), _("Delete the selected person; their calls stay in the timeline"))
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.add_button, self.merge_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        self.hint = QLabel(_("Tip: select two rows (Ctrl+click) that are the same person and press “Merge…”."))
        self.hint.setWordWrap(True)
        left_layout.addWidget(self.hint)
        splitter.addWidget(left)
        self.editor = PartyEditor(ws, case_id)
        self.editor.saved.connect(self._saved)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 440])
        layout.addWidget(splitter, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh()

    # -- the list -------------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        parties = self.ws.parties.list(self.case_id)
        stats = self.ws.parties.stats(self.case_id)
        case = self.ws.cases.get(self.case_id)
        tz = zone(case.tz)  # the borrower's clock, as in the timeline
        jurisdiction = case.jurisdiction.value
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(parties))
        for row, party in enumerate(parties):
            stat = stats.get(party.id)
            # In the one format the timeline uses (national for the case's country).
            numbers = ", ".join(display_number(p.value, jurisdiction) if p.kind == ContactPointKind.PHONE
                                else p.value for p in party.contact_points)
            role = label(party.role)
            if party.relationship:  # "Third party · Relative": one column, so the table fits
                role = f"{role} · {label(party.relationship)}"
            cells = [party.name, role, party.badge_no, numbers, None,
                     fmt_datetime(stat.last.astimezone(tz) if stat else None)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem()
                if column == 4:
                    item.setData(Qt.ItemDataRole.DisplayRole, stat.contacts if stat else 0)
                else:
                    item.setText(text)
                    item.setToolTip(text)
                item.setData(ID_ROLE, party.id)
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        for column in (0, 1, 2, 4, 5):
            self.table.resizeColumnToContents(column)
        # Numbers stretches into what is left; give it room for one number before Badge no. and
        # Last contact take theirs (it showed "(610) …" under a clipped "lumber" header).
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 90))
        # Long names ("周先生（自称“乐享分期上门协商专员”）") must not push the counts out of view;
        # the full text stays in the cell's tooltip.
        for column, widest in ((0, 160), (1, 120)):
            if self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)
        if select is not None:
            self.select_party(select)
        self._selection_changed()

    def select_party(self, party_id: int) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(ID_ROLE) == party_id:
                self.select_row(row)
                return

    def select_row(self, row: int) -> None:
        """Select exactly this row.  (QTableWidget.selectRow honours held Shift/Ctrl keys, which
        would extend or toggle the selection instead.)"""
        index = self.table.model().index(row, 0)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(index, flags)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [int(self.table.item(r, 0).data(ID_ROLE)) for r in rows]

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.merge_button.setEnabled(len(ids) == 2)
        self.delete_button.setEnabled(len(ids) == 1)
        current = self.table.currentRow()
        party_id = self.table.item(current, 0).data(ID_ROLE) if current >= 0 and ids else None
        if len(ids) == 1:
            party_id = ids[0]
        self.editor.set_party(self.ws.parties.get(int(party_id)) if party_id is not None else None)

    def _saved(self, party_id: int) -> None:
        self.refresh(select=party_id)
        self.changed.emit()

    # -- actions ------------------------------------------------------------------------------
    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def add_party(self, name: str | None = None) -> int | None:
        if not name:
            name, ok = QInputDialog.getText(self, _("Add person"), _("Name (or how they introduced themselves):"))
            if not ok or not name.strip():
                return None
        try:
            party = self.ws.parties.add(self.case_id, name.strip(), PartyRole.COLLECTOR)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return None
        self.refresh(select=party.id)
        self.editor.name.setFocus()
        self.changed.emit()
        return party.id

    def merge_selected(self) -> bool:
        ids = self.selected_ids()
        if len(ids) != 2:
            return False
        # Keep the one the user clicked first (the current row); fold the other into it.
        current = self.table.item(self.table.currentRow(), 0).data(ID_ROLE) if self.table.currentRow() >= 0 else None
        keep_id = current if current in ids else ids[0]
        gone_id = ids[1] if keep_id == ids[0] else ids[0]
        keep, gone = self.ws.parties.get(keep_id), self.ws.parties.get(gone_id)
        text = _("Merge “{gone}” into “{keep}”? Every contact and number of “{gone}” will belong to “{keep}”, "
                 "and “{gone}” will be removed from the list.").format(gone=gone.name, keep=keep.name)
        if not self._confirm(_("Merge"), text):
            return False
        try:
            self.ws.parties.merge(keep_id, gone_id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return False
        self.refresh(select=keep_id)
        self.changed.emit()
        return True

    def delete_selected(self) -> bool:
        ids = self.selected_ids()
        if len(ids) != 1:
            return False
        party = self.ws.parties.get(ids[0])
        text = _("Delete “{name}”? Their calls and messages stay in the timeline, without a name.").format(
            name=party.name)
        if not self._confirm(_("Delete"), text):
            return False
        try:
            self.ws.parties.delete(party.id)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return False
        self.refresh()
        self.changed.emit()
        return True
