"""The timeline as a table model plus a filtering proxy, built to stay smooth at 100,000 events.

Rows are light tuples from `EventService.timeline_rows` (no dataclass per event); text and
icons are made only for the cells Qt paints.  Sorting happens on the Python list in the source
model (one `list.sort` with a key) instead of QSortFilterProxyModel's per-comparison calls back
into Python, which would take seconds at this size; the proxy only filters.
"""

from __future__ import annotations

import html
import json
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon

from desktop_app.core.domain.display import escape_controls
from desktop_app.core.domain.enums import CallOutcome, Conduct, Direction, EventKind
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.phones import display_number
from desktop_app.core.i18n import _, ngettext
from desktop_app.ui.panel_format import short_datetime_format

# Positions in a row tuple (see EventService.timeline_rows).
(R_ID, R_KIND, R_START, R_UTC, R_PARTY, R_NUMBER, R_SUMMARY, R_CONDUCT, R_EVIDENCE, R_FOLLOW, R_DIR,
 R_OUTCOME) = range(12)

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class Col(IntEnum):
    KIND = 0
    WHEN = 1
    PARTY = 2
    NUMBER = 3
    FLAGS = 4
    EVIDENCE = 5
    SUMMARY = 6  # last: it takes the remaining width


def column_titles() -> list[str]:
    return [_("Kind"), _("Date and time"), _("Who"), _("Number"), _("Flags"), _("Files"), _("Summary")]


_Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractTableModel):
    flags_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple] = []
        self.parties: dict[int, str] = {}
        self.flagged: set[int] = set()
        self.region = "CN"  # the case's jurisdiction: its numbers show in national format, others international
        self.suggested: dict[int, list[str]] = {}  # open suggestions by event id (issue 18), marked "?"
        self._titles = column_titles()
        self._icons: dict[str, QIcon] = {}
        self._kind_text: dict[str, str] = {}
        self._when_cache: dict[str, str] = {}
        self._use_default_locale()
        self._row_of: dict[int, int] | None = None
        self._flag_color = QColor("#b3261e")
        self._sorted: tuple[int, Qt.SortOrder] | None = (int(Col.WHEN), Qt.SortOrder.AscendingOrder)
        self.before_layout_change = lambda: None  # set by the filter: re-filter after rows move

    # -- loading ---------------------------------------------------------------------------
    def set_rows(self, rows: list[tuple], parties: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.parties = parties
        self._row_of = None
        self._sorted = (int(Col.WHEN), Qt.SortOrder.AscendingOrder)  # the order timeline_rows returns
        self._when_cache.clear()
        self.endResetModel()

    def set_flagged(self, ids: set[int]) -> None:
        if not ids and not self.flagged:
            return
        self.flagged = set(ids)
        # Not dataChanged over every row: the proxy would re-check all 100,000 rows. Only the
        # painted cells show flags, so the view just repaints (flags_changed → viewport update).
        self.flags_changed.emit()

    def retranslate(self) -> None:
        self._titles = column_titles()
        self._kind_text.clear()
        self._when_cache.clear()
        self._use_default_locale()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Col) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(Col) - 1))

    def _use_default_locale(self) -> None:
        """Qt's default locale (set per UI language) and its date-time pattern, read once."""
        self._locale = QLocale()
        self._when_format = short_datetime_format(self._locale)

    def row_of(self, event_id: int) -> int | None:
        if self._row_of is None:
            self._row_of = {r[R_ID]: i for i, r in enumerate(self.rows)}
        return self._row_of.get(event_id)

    def event_id(self, row: int) -> int:
        return self.rows[row][R_ID]

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.DecorationRole and col == Col.KIND:
            return self.kind_icon(row[R_KIND])
        if role == EVENT_ID_ROLE:
            return row[R_ID]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == Col.FLAGS and row[R_ID] in self.flagged:
            return self._flag_color
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Col.EVIDENCE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, col)
        return None

    def _display(self, row: tuple, col: int) -> str:
        if col == Col.KIND:
            return self.kind_text(row)
        if col == Col.WHEN:
            return self.when_text(row[R_START])
        if col == Col.PARTY:
            return escape_controls(self.parties.get(row[R_PARTY], "")) if row[R_PARTY] is not None else ""
        if col == Col.NUMBER:
            return display_number(row[R_NUMBER], self.region) if row[R_NUMBER] else ""
        if col == Col.SUMMARY:
            # A summary may quote a file name: its control and bidi characters are shown, not obeyed.
            return escape_controls(row[R_SUMMARY].split("\n", 1)[0])
        if col == Col.FLAGS:
            n = 0 if row[R_CONDUCT] == "[]" else len(json.loads(row[R_CONDUCT]))
            mark = "⚑ " if row[R_ID] in self.flagged else ""
            text = f"{mark}{n}" if n else mark.strip()
            return f"{text} ?".strip() if row[R_ID] in self.suggested else text
        if col == Col.EVIDENCE:
            return str(row[R_EVIDENCE]) if row[R_EVIDENCE] else ""
        return ""

    def shown_kind_texts(self) -> list[str]:
        """The texts the Kind column shows for these rows (for its width): one per kind and outcome."""
        seen = {(r[R_KIND], r[R_DIR], r[R_OUTCOME]): r for r in self.rows}
        return [self.kind_text(r) for r in seen.values()]

    def kind_text(self, row: tuple) -> str:
        key = f"{row[R_KIND]}|{row[R_DIR]}|{row[R_OUTCOME]}"
        text = self._kind_text.get(key)
        if text is None:
            text = _kind_label(row[R_KIND])
            if row[R_KIND] == EventKind.CALL and row[R_OUTCOME]:
                text = f"{text} · {_enum_label(CallOutcome, row[R_OUTCOME])}"
            self._kind_text[key] = text
        return text

    def when_text(self, start_local: str) -> str:
        text = self._when_cache.get(start_local)
        if text is None:
            moment = datetime.fromisoformat(start_local)
            qdt = QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
            text = self._locale.toString(qdt, self._when_format)
            self._when_cache[start_local] = text
        return text

    def kind_icon(self, kind: str) -> QIcon:
        icon = self._icons.get(kind)
        if icon is None:
            from desktop_app.ui.actions import icon as load_icon

            icon = load_icon(f"kind-{kind}")
            self._icons[kind] = icon
        return icon

    def _tooltip(self, row: tuple, col: int) -> str | None:
        if col == Col.FLAGS:
            ticks = json.loads(row[R_CONDUCT])
            lines = [_enum_label(Conduct, c) for c in ticks]
            if row[R_ID] in self.flagged:
                lines.insert(0, _("Flagged by the rule checks"))
            if row[R_ID] in self.suggested:
                lines.append(_("? Suggested by the words, not yet reviewed: {what}").format(
                    what=", ".join(_enum_label(Conduct, c) for c in self.suggested[row[R_ID]])))
            return "\n".join(lines) or None
        if col == Col.EVIDENCE and row[R_EVIDENCE]:
            return ngettext("{n} evidence file", "{n} evidence files", row[R_EVIDENCE]).format(n=row[R_EVIDENCE])
        if col == Col.KIND and row[R_DIR]:
            return _enum_label(Direction, row[R_DIR])
        if col == Col.SUMMARY and row[R_SUMMARY]:
            # Rich text on purpose, so a summary that looks like HTML is shown as written.
            text = "<br>".join(html.escape(escape_controls(line)) for line in row[R_SUMMARY].split("\n"))
            return f"<p style='white-space:pre-wrap'>{text}</p>"
        return None

    # -- sorting (in Python, see the module docstring) ----------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        keys = {
            Col.KIND: lambda r: (self.kind_text(r), r[R_UTC]),
            Col.WHEN: lambda r: (r[R_UTC], r[R_ID]),
            Col.PARTY: lambda r: (self.parties.get(r[R_PARTY], "") if r[R_PARTY] is not None else "", r[R_UTC]),
            Col.NUMBER: lambda r: (r[R_NUMBER], r[R_UTC]),
            Col.SUMMARY: lambda r: (r[R_SUMMARY], r[R_UTC]),
            Col.FLAGS: lambda r: (r[R_ID] in self.flagged, len(r[R_CONDUCT]), r[R_UTC]),
            Col.EVIDENCE: lambda r: (r[R_EVIDENCE], r[R_UTC]),
        }
        key = keys.get(Col(column)) if 0 <= column < len(Col) else None
        if key is None or self._sorted == (column, order):
            return  # QTableView.sortByColumn asks twice (the header's signal and the call itself)
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old = [r[R_ID] for r in self.rows] if persistent else []
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._row_of = None
        if persistent:  # keep selections and the current row on the same events after the move
            new_pos = {r[R_ID]: i for i, r in enumerate(self.rows)}
            self.changePersistentIndexList(
                persistent,
                [self.index(new_pos[old[p.row()]], p.column()) if p.row() < len(old) else QModelIndex()
                 for p in persistent])
        self.before_layout_change()
        self.layoutChanged.emit()


def _kind_label(kind: str) -> str:
    return _enum_label(EventKind, kind)


def _enum_label(enum_cls, value: str) -> str:
    try:
        return label(enum_cls(value))
    except ValueError:
        return value


class TimelineFilter(QSortFilterProxyModel):
    """Filters by kind, party, date range, "flagged only" and search results.

    Which rows pass is computed for all rows at once in Python (`_recompute`, ~30 ms at 100,000
    rows); `filterAcceptsRow`, which Qt calls once per row, only looks the answer up.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.party_id: int | None = None
        self.date_from: str | None = None  # ISO dates compared with the local start's date
        self.date_to: str | None = None
        self.flagged_only = False
        self.search_ids: set[int] | None = None  # None: no search running
        self._accept: list[bool] | None = None  # None: every row passes

    def source(self) -> TimelineModel:
        return self.sourceModel()  # type: ignore[return-value]

    def setSourceModel(self, model: TimelineModel) -> None:  # noqa: N802 - Qt API
        model.before_layout_change = self._recompute  # rows moved: the answers must follow them
        model.modelAboutToBeReset.connect(lambda: setattr(self, "_accept", None))
        model.modelReset.connect(self._recompute)
        super().setSourceModel(model)

    def set_filters(self, **values: Any) -> None:
        for name, value in values.items():
            if not hasattr(self, name) or name.startswith("_"):
                raise AttributeError(name)
            setattr(self, name, value)
        self._recompute()
        # One layout change, not the per-range row removals a filter change emits: a search that
        # keeps every tenth row of 100,000 would otherwise send the view ~10,000 signals.
        self.invalidate()

    def active(self) -> bool:
        return bool(self.kind or self.party_id is not None or self.date_from or self.date_to or self.flagged_only
                    or self.search_ids is not None)

    def _recompute(self) -> None:
        if not self.active():
            self._accept = None
            return
        kind, party, date_from, date_to = self.kind, self.party_id, self.date_from, self.date_to
        flagged = self.source().flagged if self.flagged_only else None
        ids = self.search_ids
        accept = []
        append = accept.append
        for row in self.source().rows:
            append(not ((kind and row[R_KIND] != kind)
                        or (party is not None and row[R_PARTY] != party)
                        or (date_from and row[R_START][:10] < date_from)
                        or (date_to and row[R_START][:10] > date_to)
                        or (flagged is not None and row[R_CONDUCT] == "[]" and row[R_ID] not in flagged)
                        or (ids is not None and row[R_ID] not in ids)))
        self._accept = accept

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 - Qt API
        accept = self._accept
        return accept is None or accept[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorting is the source model's job (fast Python sort); the proxy keeps source order.
        self.source().sort(column, order)

    def event_id_at(self, proxy_row: int) -> int | None:
        if proxy_row < 0 or proxy_row >= self.rowCount():
            return None
        return self.source().event_id(self.mapToSource(self.index(proxy_row, 0)).row())

    def proxy_row_of(self, event_id: int) -> int | None:
        source_row = self.source().row_of(event_id)
        if source_row is None:
            return None
        index = self.mapFromSource(self.source().index(source_row, 0))
        return index.row() if index.isValid() else None
