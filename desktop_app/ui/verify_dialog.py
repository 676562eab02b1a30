"""Tools ▸ Verify evidence: each file's state (intact, altered, missing) after re-hashing the vault."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.core.i18n import N_, _, ngettext
from desktop_app.core.vault.vault import FileState

STATE_TEXT = {FileState.OK: N_("Intact"), FileState.ALTERED: N_("Altered!"), FileState.MISSING: N_("Missing!")}
STATE_COLOUR = {FileState.OK: "#1b5e20", FileState.ALTERED: "#b3261e", FileState.MISSING: "#b3261e"}


class VerifyDialog(QDialog):
    def __init__(self, results, parent=None, orphans: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Verify evidence"))
        self.resize(640, 420)
        self.results = list(results)
        counts = {state: sum(1 for r in self.results if r.state == state) for state in FileState}
        if not self.results:
            summary = _("This case has no evidence files yet.")
        elif counts[FileState.OK] == len(self.results):
            summary = _("All {n} files are intact: none was changed since it was added.").format(n=len(self.results))
        else:
            summary = _("{ok} intact, {altered} altered, {missing} missing. An altered or missing file cannot "
                        "be used as evidence; restore it from a backup.").format(
                ok=counts[FileState.OK], altered=counts[FileState.ALTERED], missing=counts[FileState.MISSING])
        if orphans:
            # Never deleted behind the user's back (README, "Your data"): say where they are and how to act.
            summary += " " + ngettext(
                "{n} file in the vault belongs to no entry; it is kept in vault/orphans. Re-attach it or delete "
                "it for good with: papertrail orphans",
                "{n} files in the vault belong to no entry; they are kept in vault/orphans. Re-attach them or "
                "delete them for good with: papertrail orphans", orphans).format(n=orphans)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(self.results), 3)
        self.table.setAccessibleName(_("Evidence files and their state"))
        self.table.setHorizontalHeaderLabels([_("Exhibit"), _("File"), _("State")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, result in enumerate(self.results):
            ev = result.evidence
            state = QTableWidgetItem(_(STATE_TEXT[result.state]))
            state.setForeground(QColor(STATE_COLOUR[result.state]))
            for col, item in enumerate((QTableWidgetItem(ev.exhibit), QTableWidgetItem(ev.original_name), state)):
                self.table.setItem(row, col, item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
