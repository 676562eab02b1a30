"""Bulk review of suggested conduct: every message whose words suggest one kind of misconduct,
with the words marked, so the user can confirm or dismiss a screenful at once (issue 18).

A suggestion is not a fact until confirmed: confirming moves it into the entry's conduct (the
rules read it), dismissing stops it being suggested for that entry.  The list loads in a worker
thread (a big import can leave thousands of suggestions).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Conduct
from desktop_app.core.domain.labels import label
from desktop_app.core.errors import AppError
from desktop_app.core.i18n import _, ngettext
from desktop_app.core.suggest import SPANS
from desktop_app.core.suggest.summary import counts
from desktop_app.ui.errors import show_error
from desktop_app.ui.panel_format import fmt_datetime, named
from desktop_app.ui.workers import run_task

ROLE_ID = Qt.ItemDataRole.UserRole


def marked_text(text: str, spans: list[dict[str, Any]]) -> str:
    """`text` on one line with each triggering span between » and «."""
    out, at = [], 0
    for s in sorted(spans, key=lambda s: (s["start"], s["end"])):
        if s["start"] < at:
            continue
        out += [text[at:s["start"]], "»", text[s["start"]:s["end"]], "«"]
        at = s["end"]
    return ("".join(out) + text[at:]).replace("\n", " ")


def load(ws, case_id: int, conduct: str) -> tuple[dict[str, dict[str, int]], list[tuple[int, str, str, str]]]:
    """(counts per conduct, rows of (event id, when, number, marked words)) — run off the GUI thread."""
    rows = []
    for e in ws.events.suggestions(case_id, conduct):
        spans = [s for s in e.details.get(SPANS, []) if s["conduct"] == conduct]
        words = " / ".join(marked_text(getattr(e, f), [s for s in spans if s["field"] == f])
                           for f in ("body", "quotes") if any(s["field"] == f for s in spans))
        rows.append((e.id, fmt_datetime(e.start), e.contact_value, words))
    return counts(ws, case_id), rows


class SuggestionsReview(QDialog):
    changed = Signal()

    def __init__(self, ws, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.case_id = case_id
        self.setWindowTitle(_("Review suggestions"))
        self.setAccessibleName(_("Review suggestions"))
        self.resize(860, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(_("The words of these messages suggest misconduct. A suggestion is not a fact: confirm "
                         "the ones the words really show (they then count in the findings and the dossier) "
                         "and dismiss the others."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Kind:")))
        self.kind = QComboBox()
        named(self.kind, _("Kind of misconduct"))
        top.addWidget(self.kind, 1)
        layout.addLayout(top)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("When"), _("Number"), _("Words")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for column in (0, 1):  # the date and the number whole; the words take the rest
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        named(self.tree, _("Messages with this suggestion"))
        layout.addWidget(self.tree, 1)
        self.status = QLabel()
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.check_all = QPushButton(_("Tick all"))
        self.confirm_button = QPushButton(_("Confirm ticked"))
        self.confirm_button.setToolTip(_("The words show this misconduct (Ctrl+Return)"))
        self.dismiss_button = QPushButton(_("Dismiss ticked"))
        self.dismiss_button.setToolTip(_("The words do not show it (Ctrl+D)"))
        for b in (self.check_all, self.confirm_button, self.dismiss_button):
            row.addWidget(b)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.check_all.clicked.connect(self._tick_all)
        self.confirm_button.clicked.connect(lambda: self.decide(True))
        self.dismiss_button.clicked.connect(lambda: self.decide(False))
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=lambda: self.decide(True))
        QShortcut(QKeySequence("Ctrl+D"), self, activated=lambda: self.decide(False))
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self._filling = False
        self.loading = False
        self._fill_kinds(counts(ws, case_id))
        self.reload()

    # -- loading ---------------------------------------------------------------------------
    def _fill_kinds(self, tally: dict[str, dict[str, int]]) -> None:
        current = self.kind.currentData()
        self._filling = True
        self.kind.clear()
        for c in Conduct:
            n = tally.get(c.value, {}).get("suggested", 0)
            if n:
                self.kind.addItem(f"{label(c)} ({n})", c.value)
        at = self.kind.findData(current)
        self.kind.setCurrentIndex(at if at >= 0 else 0)
        self._filling = False

    def reload(self) -> None:
        if self._filling:
            return
        conduct = self.kind.currentData()
        if conduct is None:
            self._show(({}, []))
            return
        self.loading = True
        self.status.setText(_("Loading…"))
        run_task(lambda _progress, _cancel: load(self.ws, self.case_id, conduct), on_result=self._show,
                 on_error=lambda exc: show_error(self, exc), on_finished=self._loaded)

    def _loaded(self) -> None:
        self.loading = False

    def _show(self, result: tuple[dict[str, dict[str, int]], list[tuple[int, str, str, str]]]) -> None:
        tally, rows = result
        self.tree.clear()
        items = []
        for event_id, when, number, words in rows:
            item = QTreeWidgetItem([when, number, words])
            item.setData(0, ROLE_ID, event_id)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setToolTip(2, words)
            items.append(item)
        self.tree.addTopLevelItems(items)
        for b in (self.check_all, self.confirm_button, self.dismiss_button):
            b.setEnabled(bool(rows))
        self.status.setText(ngettext("{n} message to review.", "{n} messages to review.", len(rows)).format(
            n=len(rows)) if rows else _("Nothing left to review."))
        shown = self.kind.currentData()
        self._fill_kinds(tally)
        if rows == [] and self.kind.currentData() not in (None, shown):
            self.reload()  # that kind is done: show the next one

    # -- deciding --------------------------------------------------------------------------
    def _tick_all(self) -> None:
        for i in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(i).setCheckState(0, Qt.CheckState.Checked)

    def ticked(self) -> list[int]:
        """The ticked rows, or the selected ones when none is ticked (a keyboard user)."""
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        ticked = [it for it in items if it.checkState(0) == Qt.CheckState.Checked] or self.tree.selectedItems()
        return [it.data(0, ROLE_ID) for it in ticked]

    def decide(self, confirmed: bool) -> int:
        conduct = self.kind.currentData()
        ids = self.ticked()
        if conduct is None or not ids or self.loading:
            return 0
        try:
            done = self.ws.events.review([(i, conduct, confirmed) for i in ids])
        except AppError as exc:  # nothing was changed: the decisions run in one transaction
            show_error(self, exc)
            return 0
        self.changed.emit()
        self.reload()
        return done
