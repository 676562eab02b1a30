"""The timeline pane: a filter bar (kind, person, dates, flagged only, search) over the table.

Search uses the core's full-text index.  Typing restarts a short timer; when it fires the
query runs in a worker thread, and only the newest query's answer is applied, so typing never
waits for the database even in a case with 100,000 entries.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QItemSelection, QItemSelectionModel, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import EventKind
from desktop_app.core.domain.labels import label
from desktop_app.core.i18n import _, ngettext
from desktop_app.ui.empty_state import CaseChecklist
from desktop_app.ui.panel_format import use_ui_date_format
from desktop_app.ui.timeline_model import Col, TimelineFilter, TimelineModel
from desktop_app.ui.workers import run_task

SEARCH_DELAY_MS = 250
NO_DATE = QDate(2000, 1, 1)


class TimelineTable(QTableView):
    files_dropped = Signal(list)
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        # Fixed row heights: Qt never measures 100,000 rows to lay them out.
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        vertical.hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)

    def set_column_widths(self) -> None:
        """Widths from the font and the current language's header texts (Chinese is wider); the
        Kind and Who columns from what they will show, so "Call · Answered" is not clipped on the
        first paint and long names are not squeezed into nine characters on a wide screen."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        unit = metrics.horizontalAdvance("0")
        model = self.model()
        chars = {Col.KIND: 14, Col.WHEN: 14, Col.PARTY: 9, Col.NUMBER: 12, Col.FLAGS: 4, Col.EVIDENCE: 3}
        content = self.content_widths(metrics)
        widths = {}
        for col, count in chars.items():
            title = model.headerData(col, Qt.Orientation.Horizontal) if model is not None else ""
            widths[col] = max(unit * count, metrics.horizontalAdvance(str(title or "")) + 12) + 24
        base = dict(widths)
        for col, width in content.items():
            widths[col] = max(widths[col], width)
        # Long names and kinds get their room only while Summary keeps 20 characters: no sideways
        # scrolling (Who gives way first, then Kind, each down to its usual width).
        if self.viewport().width() > 100:
            for col in (Col.PARTY, Col.KIND):
                room = (self.viewport().width() - sum(w for c, w in widths.items() if c != col) - unit * 20
                        - self.verticalScrollBar().sizeHint().width())  # a vertical scrollbar may yet appear
                widths[col] = max(base[col], min(widths[col], room))
        for col, width in widths.items():
            header.resizeSection(col, width)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.horizontalScrollBar().maximum() > 0 or event.oldSize().width() < event.size().width():
            self.set_column_widths()  # narrower: give Summary its room back; wider: let names grow

    def content_widths(self, metrics) -> dict[int, int]:
        """Widths the Kind and Who texts need: the kinds in this case (with a call's outcome) and
        the case's party names, capped so a very long name cannot push Summary off the screen."""
        source = getattr(self.model(), "sourceModel", lambda: None)()
        if source is None:
            return {}
        icon_width = self.iconSize().width()
        if icon_width <= 0:
            icon_width = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        padding = 24 + icon_width + 8  # margins, the kind icon and its gap
        kinds = [metrics.horizontalAdvance(text) for text in source.shown_kind_texts()]
        names = [metrics.horizontalAdvance(name) for name in source.parties.values()]
        cap = metrics.horizontalAdvance("0") * 40
        return {Col.KIND: max(kinds, default=0) + padding, Col.PARTY: min(max(names, default=0) + 24, cap)}

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the language's font arrived after the widths were set
            self.set_column_widths()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            super().dropEvent(event)


class TimelinePane(QWidget):
    event_selected = Signal(object)  # event id or None
    selection_changed = Signal()  # rows selected or unselected (Delete entry needs a selection)
    search_applied = Signal()

    def __init__(self, ws, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.case_id: int | None = None
        self.model = TimelineModel(self)
        self.proxy = TimelineFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = TimelineTable()
        self.table.setModel(self.proxy)
        self.table.set_column_widths()
        self.table.horizontalHeader().setSortIndicator(Col.WHEN, Qt.SortOrder.AscendingOrder)
        self._search_generation = 0
        self._shown_id: int | None = None  # the entry the editor shows (see _follow_filters)
        self._search_task = None

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.party = QComboBox()
        for box in (self.kind, self.party):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.flagged = QCheckBox()
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.labels = [QLabel(), QLabel(), QLabel()]
        for text_label, buddy in zip(self.labels, (self.kind, self.party, self.date_from), strict=True):
            text_label.setBuddy(buddy)
        bar = QHBoxLayout()
        bar.addWidget(self.labels[0])
        bar.addWidget(self.kind, 2)
        bar.addWidget(self.labels[1])
        bar.addWidget(self.party, 2)
        bar.addWidget(self.labels[2])
        bar.addWidget(self.date_from, 1)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.date_to, 1)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.flagged)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bar)
        # A case with no entries shows what to do first instead of an empty grid.
        self.checklist = CaseChecklist()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.checklist)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.count)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(self._restart_search_timer)
        self.kind.currentIndexChanged.connect(self._filters_changed)
        self.party.currentIndexChanged.connect(self._filters_changed)
        self.date_from.dateChanged.connect(self._filters_changed)
        self.date_to.dateChanged.connect(self._filters_changed)
        self.flagged.toggled.connect(self._filters_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.selection_changed.emit())
        self.model.modelReset.connect(self.selection_changed.emit)
        self.proxy.modelReset.connect(self._update_count)
        self.model.flags_changed.connect(self.table.viewport().update)
        self.proxy.layoutChanged.connect(self._update_count)
        self.retranslate()

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")  # the minimum means "no limit"
        edit.setDate(NO_DATE)
        return use_ui_date_format(edit)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search words, numbers, names… (Ctrl+F)"))
        self.search.setAccessibleName(_("Search"))
        self.labels[0].setText(_("&Kind:"))
        self.labels[1].setText(_("&Who:"))
        self.labels[2].setText(_("&Dates:"))
        self.kind.setAccessibleName(_("Filter by kind"))
        self.party.setAccessibleName(_("Filter by person"))
        self.date_from.setAccessibleName(_("From date"))
        self.date_to.setAccessibleName(_("To date"))
        self.flagged.setText(_("Flagged only"))
        self.flagged.setAccessibleName(_("Flagged only"))
        self.table.setAccessibleName(_("Timeline"))
        for edit in (self.date_from, self.date_to):
            use_ui_date_format(edit)
        self.checklist.retranslate()
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(_("All kinds"), None)
        for kind in EventKind:
            self.kind.addItem(label(kind), kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.kind.blockSignals(False)
        self.party.setItemText(0, _("Everyone")) if self.party.count() else None
        self.model.retranslate()
        self.table.set_column_widths()
        self._update_count()

    # -- loading ---------------------------------------------------------------------------
    def load_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self._search_generation += 1
        if case_id is None:
            self.model.set_rows([], {})
            self._fill_parties({})
            return
        parties = {p.id: p.name for p in self.ws.parties.list(case_id)}
        self._fill_parties(parties)
        self.model.region = str(self.ws.cases.get(case_id).jurisdiction.value)
        self.model.set_rows(self.ws.events.timeline_rows(case_id), parties)
        self.model.suggested = self.ws.events.suggested_by_event(case_id)
        self.table.set_column_widths()  # the Who column fits this case's names
        if self.search.text().strip():
            self._run_search()

    def reload(self, keep: int | None = None) -> None:
        """Re-read the rows (after a change), keeping the selection on `keep` or the current event."""
        keep = keep if keep is not None else self.current_event_id()
        header = self.table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        self.load_case(self.case_id)
        if column >= 0 and not (column == Col.WHEN and order == Qt.SortOrder.AscendingOrder):
            self.model.sort(column, order)
        if keep is not None:
            self.select_events([keep])

    def update_rows(self, event_ids: list[int]) -> bool:
        """Refresh these events' rows in place (after an edit); False when a full reload is needed
        (an event was added or removed).  Saves re-reading 100,000 rows for one changed entry."""
        if self.case_id is None or not event_ids:
            return False
        fresh = {r[0]: r for r in self.ws.events.timeline_rows(self.case_id, event_ids)}
        positions = [self.model.row_of(i) for i in event_ids]
        if len(fresh) != len(event_ids) or any(p is None for p in positions):
            return False
        if any(self.model.rows[p][3] != fresh[i][3] for i, p in zip(event_ids, positions, strict=True)):
            return False  # a new date or time: the entry moves, so re-read in order
        fresh_suggested = self.ws.events.suggested_by_event(self.case_id, event_ids)
        for event_id, position in zip(event_ids, positions, strict=True):
            assert position is not None
            self.model.rows[position] = fresh[event_id]
            self.model.suggested.pop(event_id, None)
            if event_id in fresh_suggested:
                self.model.suggested[event_id] = fresh_suggested[event_id]
            self.model.dataChanged.emit(self.model.index(position, 0),
                                        self.model.index(position, self.model.columnCount() - 1))
        if self.proxy.active():
            self.proxy.set_filters()  # the edit may move the entry in or out of the filter
        self.model._sorted = None  # a changed column value may break a non-date sort; re-sort on request
        self._update_count()
        return True

    def _fill_parties(self, parties: dict[int, str]) -> None:
        current = self.party.currentData()
        self.party.blockSignals(True)
        self.party.clear()
        self.party.addItem(_("Everyone"), None)
        for party_id, name in sorted(parties.items(), key=lambda item: item[1]):
            self.party.addItem(name, party_id)
        self.party.setCurrentIndex(max(0, self.party.findData(current)))
        self.party.blockSignals(False)
        if self.party.currentData() != self.proxy.party_id:
            self.proxy.set_filters(party_id=self.party.currentData())

    # -- filters and search --------------------------------------------------------------------
    def _date_value(self, edit: QDateEdit) -> str | None:
        return None if edit.date() == NO_DATE else edit.date().toString("yyyy-MM-dd")

    def _filters_changed(self, *args) -> None:
        self.proxy.set_filters(kind=self.kind.currentData(), party_id=self.party.currentData(),
                               date_from=self._date_value(self.date_from), date_to=self._date_value(self.date_to),
                               flagged_only=self.flagged.isChecked())
        self._update_count()
        self._follow_filters()

    def clear_filters(self) -> None:
        for widget in (self.kind, self.party, self.date_from, self.date_to, self.search):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(0)
        self.party.setCurrentIndex(0)
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        self.flagged.setChecked(False)
        self.search.clear()
        for widget in (self.kind, self.party, self.date_from, self.date_to, self.search):
            widget.blockSignals(False)
        self._search_generation += 1
        self.proxy.set_filters(kind=None, party_id=None, date_from=None, date_to=None, flagged_only=False,
                               search_ids=None)
        self._update_count()

    def _restart_search_timer(self, _text: str = "") -> None:
        self._timer.start()  # each keystroke pushes the search back; it runs once typing pauses

    def _run_search(self) -> None:
        self._timer.stop()
        query = self.search.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        if not query or self.case_id is None:
            self._apply_search(generation, None)
            return
        case_id, search = self.case_id, self.ws.search

        self._search_task = run_task(lambda progress, cancel: search.search_ids(case_id, query),
                                     on_result=lambda ids: self._apply_search(generation, set(ids)),
                                     on_error=lambda exc: self._apply_search(generation, set()))

    def _apply_search(self, generation: int, ids: set[int] | None) -> None:
        if generation != self._search_generation:
            return  # an older query answered after a newer one started
        self.proxy.set_filters(search_ids=ids)
        self._update_count()
        self._follow_filters()
        self.search_applied.emit()

    def _update_count(self, *args) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.pages.setCurrentWidget(self.checklist if total == 0 and self.case_id is not None else self.table)
        locale = QLocale()
        if self.proxy.active():
            self.count.setText(ngettext("{shown} of {total} entry shown", "{shown} of {total} entries shown",
                                        total).format(shown=locale.toString(shown), total=locale.toString(total)))
        else:
            self.count.setText(ngettext("{total} entry", "{total} entries", total).format(
                total=locale.toString(total)))

    # -- selection -------------------------------------------------------------------------
    def _current_changed(self, current, previous) -> None:
        self._shown_id = self.proxy.event_id_at(current.row()) if current.isValid() else None
        self.event_selected.emit(self._shown_id)

    def _follow_filters(self) -> None:
        """The entry being shown was filtered out (a search, a kind, a date range): the editor lets go
        of it instead of showing an entry the list no longer has; still shown, it stays current."""
        shown = self._shown_id
        if shown is None:
            return
        row = self.proxy.proxy_row_of(shown)
        if row is None:
            self.table.selectionModel().blockSignals(True)
            self.table.selectionModel().clear()
            self.table.selectionModel().blockSignals(False)
            self._shown_id = None
            self.event_selected.emit(None)
            self.selection_changed.emit()
        elif self.current_event_id() != shown:  # Qt moved the current row: put it back on the entry
            self.select_events([shown])

    def current_event_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.event_id_at(index.row()) if index.isValid() else None

    def selected_event_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.proxy.event_id_at(r) for r in rows]
        return [i for i in ids if i is not None]

    def select_events(self, event_ids: list[int]) -> None:
        """Select these events (those the filters hide are skipped) and scroll to the first."""
        selection = QItemSelection()
        first = None
        for event_id in event_ids:
            row = self.proxy.proxy_row_of(event_id)
            if row is None:
                continue
            selection.select(self.proxy.index(row, 0), self.proxy.index(row, len(Col) - 1))
            first = row if first is None else first
        if first is None:
            return
        model = self.table.selectionModel()
        model.setCurrentIndex(self.proxy.index(first, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(self.proxy.index(first, 0))
