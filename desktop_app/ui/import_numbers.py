"""The import preview's parts: the table of numbers to tick, and the column mapping of a plain CSV."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.core.domain.phones import location_in
from desktop_app.core.i18n import N_, _, current_language, ngettext
from desktop_app.core.importers.collectors import REASONS
from desktop_app.core.importers.csvfiles import ColumnMapping, guess_mapping
from desktop_app.core.importers.model import FoundNumber
from desktop_app.ui.panel_format import fmt_datetime, named

TYPE_LABELS = {
    "mobile": N_("mobile"), "fixed": N_("landline"), "service": N_("service number"),
    "sms_gateway": N_("SMS gateway"), "withheld": N_("withheld"), "unknown": N_("other"),
}
COLUMNS = (N_("Import"), N_("Number"), N_("Name in the phone"), N_("Type"), N_("Calls"), N_("Messages"),
           N_("First"), N_("Last"), N_("Why it looks like a collector"))


def number_text(n: FoundNumber) -> str:
    return _("Withheld or unknown number") if n.type == "withheld" else n.number


class NumbersTable(QTableWidget):
    """One row per number; the first column's check box says whether to import it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        named(self, _("Numbers found in the files"),
              _("Tick the numbers to import. Numbers that look like collectors are ticked for you."))
        self.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.numbers: list[FoundNumber] = []

    def show_numbers(self, numbers: list[FoundNumber]) -> None:
        self.numbers = list(numbers)
        self.setRowCount(len(self.numbers))
        for row, n in enumerate(self.numbers):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Checked if n.looks_like_collector else Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, n.key)
            name = n.party_name and _("{name} (in this case)").format(name=n.party_name) or n.contact_name
            kind = _(TYPE_LABELS.get(n.type, "other"))
            place = location_in(n.info.e164, current_language()) if n.info is not None and n.info.e164 else ""
            if place:
                kind = f"{kind} · {place}"
            why = "; ".join(_(REASONS[r]) for r in n.reasons if r in REASONS)
            if not why and n.in_contacts:
                why = _("in your contacts — probably someone you know")
            messages = n.messages + n.chats
            cells = [tick, QTableWidgetItem(number_text(n)), QTableWidgetItem(name), QTableWidgetItem(kind),
                     QTableWidgetItem(str(n.calls)), QTableWidgetItem(str(messages)),
                     QTableWidgetItem(fmt_datetime(n.first)), QTableWidgetItem(fmt_datetime(n.last)),
                     QTableWidgetItem(why)]
            for col in (4, 5):
                cells[col].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if n.looks_like_collector:
                cells[8].setForeground(QColor("#8a1c1c"))
            cells[8].setToolTip(why)  # the column is narrow; the whole reason shows on hover
            if n.recordings:
                cells[4].setToolTip(ngettext("{n} call recording", "{n} call recordings", n.recordings).format(
                    n=n.recordings))
            for col, item in enumerate(cells):
                self.setItem(row, col, item)

    def checked_keys(self) -> list[str]:
        return [self.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.rowCount())
                if self.item(r, 0).checkState() == Qt.CheckState.Checked]

    def set_all(self, state: str) -> None:
        """state: "all", "none" or "suggested"."""
        for row, n in enumerate(self.numbers):
            on = state == "all" or (state == "suggested" and n.looks_like_collector)
            self.item(row, 0).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


MAPPING_FIELDS = (("time", N_("Time")), ("number", N_("Number")), ("direction", N_("Direction (in/out)")),
                  ("body", N_("Message text")), ("duration", N_("Call length")))


class MappingBox(QGroupBox):
    """Which column of a plain CSV holds what; pre-filled with a guess from the header."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Columns of the CSV file"), parent)
        form = QFormLayout(self)
        self.combos: dict[str, QComboBox] = {}
        for field, label in MAPPING_FIELDS:
            combo = QComboBox()
            named(combo, _(label))
            self.combos[field] = combo
            form.addRow(_(label), combo)
        self.time_format = QLineEdit("auto")
        named(self.time_format, _("Time format"),
              _("auto, epoch_s, epoch_ms or a pattern such as %d/%m/%Y %H:%M"))
        form.addRow(_("Time format"), self.time_format)

    def show_columns(self, columns: list[str]) -> None:
        guess = guess_mapping(columns)
        for field, combo in self.combos.items():
            combo.clear()
            combo.addItem(_("(none)") if field not in ("time", "number") else _("(choose)"), "")
            for column in columns:
                combo.addItem(column, column)
            wanted = getattr(guess, field, "") if guess else ""
            index = combo.findData(wanted) if wanted else 0
            combo.setCurrentIndex(max(index, 0))

    def mapping(self) -> ColumnMapping | None:
        values = {field: combo.currentData() or "" for field, combo in self.combos.items()}
        if not values["time"] or not values["number"]:
            return None
        return ColumnMapping(time_format=self.time_format.text().strip() or "auto", **values)
