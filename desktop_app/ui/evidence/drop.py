"""Files dropped on the timeline (not on an event): make an event for each, or attach them.

A screenshot, photo or call recording usually *is* the record of a contact, taken at the
moment it happened, so the natural choice is a new entry at the file's capture time (from
EXIF, the phone's file name, or the file's date — the dialog says which).  The user can
instead attach a file to an existing entry.

`plan_drop()` builds the proposal (no widgets), `TimelineDropDialog` lets the user adjust it,
`apply_plan()` carries it out in one transaction, and `handle_timeline_drop()` ties them
together for the main window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.display import escape_controls
from desktop_app.core.domain.enums import CaptureSource, EventKind
from desktop_app.core.domain.labels import label
from desktop_app.core.i18n import N_, _, ngettext
from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress
from desktop_app.core.vault.sniff import sniff_file
from desktop_app.ui.errors import show_error
from desktop_app.ui.panel_format import fmt_datetime, named
from desktop_app.ui.workers import run_with_progress

KINDS = (EventKind.NOTE, EventKind.SMS, EventKind.CHAT, EventKind.VISIT, EventKind.CALL)
NEW_EVENT = -1
SOURCE_TEXT = {
    CaptureSource.EXIF: N_("the photo's EXIF data"),
    CaptureSource.FILENAME: N_("the file name"),
    CaptureSource.MTIME: N_("the file's date (may be when it was copied)"),
    CaptureSource.IMPORT: N_("the import"),
    CaptureSource.USER: N_("entered by you"),
}


@dataclass(slots=True)
class DropItem:
    path: Path
    mime: str
    capture_time: datetime
    capture_source: CaptureSource | None
    kind: EventKind = EventKind.NOTE
    target_event: int = NEW_EVENT  # NEW_EVENT, or the id of an existing event to attach to


def suggest_kind(name: str, mime: str) -> EventKind:
    """A first guess the user can change: recordings are calls, chat-app screenshots are chats."""
    lower = name.lower()
    if mime.startswith("audio/"):
        return EventKind.CALL
    if any(k in lower for k in ("tencent.mm", "wechat", "weixin", "微信", "qq")):
        return EventKind.CHAT
    if any(k in lower for k in ("mms", "sms", "message", "短信", "簡訊", "信息")):
        return EventKind.SMS
    return EventKind.NOTE


def plan_drop(ws, case_id: int, paths: list[Path]) -> list[DropItem]:
    tz = ws.cases.get(case_id).tz
    items = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            continue
        facts = sniff_file(path, tz, original_name=path.name)
        items.append(DropItem(path, facts.mime, facts.capture_time, facts.capture_source,
                              suggest_kind(path.name, facts.mime)))
    return items


def apply_plan(ws, case_id: int, items: list[DropItem], progress: ProgressFn = no_progress,
               cancel: CancelToken = NEVER_CANCELLED) -> list[int]:
    """Copy the files into the vault, then create the events and links in one transaction."""
    pending = ws.evidence.store_files(case_id, [i.path for i in items], progress, cancel)
    cancel.check()
    affected: list[int] = []
    with ws.db.transaction():
        for item, stored in zip(items, pending, strict=True):
            if item.target_event == NEW_EVENT:
                summary = _("{name} (added from a file)").format(name=item.path.name)
                event = ws.events.log(case_id, item.kind, item.capture_time, summary=summary)
                event_id = event.id
            else:
                event_id = item.target_event
            ws.evidence.record(case_id, [stored], [event_id])
            affected.append(event_id)
    return list(dict.fromkeys(affected))


class TimelineDropDialog(QDialog):
    def __init__(self, ws, case_id: int, items: list[DropItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.case_id, self.items = ws, case_id, items
        self.setWindowTitle(_("Add dropped files"))
        self.setAccessibleName(self.windowTitle())
        self.resize(1000, 360)
        layout = QVBoxLayout(self)
        intro = QLabel(ngettext(
            "For the file below, choose whether to make a new entry at the time it was taken, or to attach "
            "it to an entry you already have.",
            "For each file below, choose whether to make a new entry at the time it was taken, or to attach "
            "it to an entry you already have.", len(items)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(items), 5)
        self.table.setHorizontalHeaderLabels([_("File"), _("Taken"), _("Time taken from"), _("Add as"),
                                              _("Kind of entry")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        named(self.table, _("Dropped files"))
        events = ws.events.list(case_id)
        self.action_boxes: list[QComboBox] = []
        self.kind_boxes: list[QComboBox] = []
        for row, item in enumerate(items):
            self.table.setItem(row, 0, QTableWidgetItem(escape_controls(item.path.name)))
            self.table.setItem(row, 1, QTableWidgetItem(fmt_datetime(item.capture_time)))
            source = _(SOURCE_TEXT[item.capture_source]) if item.capture_source in SOURCE_TEXT else ""
            self.table.setItem(row, 2, QTableWidgetItem(source))
            action = QComboBox()
            named(action, _("Add {name} as").format(name=item.path.name))
            action.addItem(_("New entry at {when}").format(when=fmt_datetime(item.capture_time)), NEW_EVENT)
            # Entries closest in time to the file first: the likely match is at the top.
            nearest = sorted(events, key=lambda e: abs((e.start - item.capture_time).total_seconds()))[:30]
            for event in nearest:
                text = _("Attach to: {kind}, {when}").format(kind=label(event.kind), when=fmt_datetime(event.start))
                if event.summary:
                    text += f" — {event.summary[:30]}"
                action.addItem(text, event.id)
            kind = QComboBox()
            named(kind, _("Kind of entry for {name}").format(name=item.path.name))
            for value in KINDS:
                kind.addItem(label(value), value.value)
            kind.setCurrentIndex(kind.findData(item.kind.value))
            action.currentIndexChanged.connect(lambda _i, a=action, k=kind: k.setEnabled(a.currentData() == NEW_EVENT))
            self.table.setCellWidget(row, 3, action)
            self.table.setCellWidget(row, 4, kind)
            self.action_boxes.append(action)
            self.kind_boxes.append(kind)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def plan(self) -> list[DropItem]:
        """The items as the user set them."""
        for item, action, kind in zip(self.items, self.action_boxes, self.kind_boxes, strict=True):
            item.target_event = int(action.currentData())
            item.kind = EventKind(kind.currentData())
        return self.items


def handle_timeline_drop(parent: QWidget | None, ws, case_id: int, paths: list[Path]) -> list[int]:
    """Ask, then add the dropped files; returns the ids of the events created or attached to."""
    items = plan_drop(ws, case_id, paths)
    if not items:
        return []
    dialog = TimelineDropDialog(ws, case_id, items, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    plan = dialog.plan()
    result: list[int] = []
    loop = QEventLoop()
    # Copying large recordings can take a while: run it in a worker behind a progress dialog,
    # and wait here (the event loop keeps the window painting and the Cancel button working).
    def done(ids: list[int] | None = None) -> None:
        result.extend(ids or [])
        loop.quit()

    def failed(exc: BaseException) -> None:
        show_error(parent, exc)
        loop.quit()

    # Every callback is connected before the task starts, so a task that finishes at once
    # still ends the loop.
    run_with_progress(parent, _("Adding files…"),
                      lambda progress, cancel: apply_plan(ws, case_id, plan, progress, cancel),
                      on_result=done, on_error=failed, on_cancelled=done)
    loop.exec()
    return result
