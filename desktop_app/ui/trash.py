"""The case's trash: deleted events and evidence, with when they were deleted; restore them.

Deleting never destroys anything (events and evidence rows are only marked), and a vault file
stays as long as any row refers to it, so restoring brings everything back as it was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.labels import label
from desktop_app.core.i18n import _, ngettext
from desktop_app.ui.errors import show_error
from desktop_app.ui.panel_format import fmt_datetime, named

ROLE_KIND = Qt.ItemDataRole.UserRole
ROLE_ID = Qt.ItemDataRole.UserRole + 1


class TrashDialog(QDialog):
    changed = Signal()

    def __init__(self, ws, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.case_id = case_id
        self.setWindowTitle(_("Trash"))
        self.setAccessibleName(_("Trash"))
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        self.intro = QLabel(_("Deleted entries and evidence stay here until you restore them. "
                              "Nothing in the trash is lost."))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("What"), _("Details"), _("Deleted on")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        named(self.tree, _("Deleted items"))
        layout.addWidget(self.tree, 1)
        self.empty = QLabel(_("The trash is empty."))
        self.empty.setObjectName("hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty, 1)  # takes the list's place when the list is hidden, not a gap
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.restore_button = QPushButton(_("Restore selected"))
        named(self.restore_button, _("Restore selected"), _("Put the selected items back in the case"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        for event in self.ws.events.trash(self.case_id):
            detail = event.summary or event.contact_value or ""
            item = QTreeWidgetItem([
                _("{kind} on {when}").format(kind=label(event.kind), when=fmt_datetime(event.start)),
                detail, fmt_datetime(_local(event.deleted_at))])
            item.setData(0, ROLE_KIND, "event")
            item.setData(0, ROLE_ID, event.id)
            self.tree.addTopLevelItem(item)
        for evidence in self.ws.evidence.trash(self.case_id):
            item = QTreeWidgetItem([
                _("Evidence {exhibit}").format(exhibit=evidence.exhibit),
                evidence.caption or evidence.original_name, fmt_datetime(_local(evidence.deleted_at))])
            item.setData(0, ROLE_KIND, "evidence")
            item.setData(0, ROLE_ID, evidence.id)
            self.tree.addTopLevelItem(item)
        for column in (0, 2):
            self.tree.resizeColumnToContents(column)
        count = self.tree.topLevelItemCount()
        self.empty.setVisible(count == 0)
        self.tree.setVisible(count > 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.tree.selectedItems()))

    def restore_selected(self) -> int:
        items = self.tree.selectedItems()
        restored = 0
        try:
            with self.ws.db.transaction():
                for item in items:
                    kind, item_id = item.data(0, ROLE_KIND), int(item.data(0, ROLE_ID))
                    if kind == "event":
                        self.ws.events.restore(item_id)
                    else:
                        self.ws.evidence.restore(item_id)
                    restored += 1
        except Exception as exc:  # noqa: BLE001 - shown to the user; the transaction rolled back
            show_error(self, exc)
            return 0
        self.refresh()
        if restored:
            self.intro.setText(ngettext("{n} item restored.", "{n} items restored.", restored).format(n=restored))
            self.changed.emit()
        return restored


def _local(value):
    """Deletion times are stored in UTC; show them on this computer's clock."""
    return value.astimezone() if value is not None else None
