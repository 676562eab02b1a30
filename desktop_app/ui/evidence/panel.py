"""The evidence of one event: thumbnails with their verified state, attach (button or drop),
caption, preview, open, show in folder, unlink and move to the trash.

Every file is re-hashed against its fingerprint in a worker when the panel shows it, so an
altered or missing vault copy is visible where the user looks at it — not only in a report.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.models import Evidence
from desktop_app.core.i18n import _, ngettext
from desktop_app.core.paths import make_private_dir
from desktop_app.ui.actions import icon
from desktop_app.ui.errors import show_error
from desktop_app.ui.evidence.model import EvidenceModel
from desktop_app.ui.evidence.preview import PreviewDialog
from desktop_app.ui.evidence.thumbnails import ThumbnailCache
from desktop_app.ui.panel_format import named
from desktop_app.ui.workers import run_task, run_with_progress


def local_files(urls) -> list[Path]:
    """The regular files among dropped URLs (folders and web links are left out)."""
    paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return [p for p in paths if p.is_file()]


def viewing_copy(ws, evidence: Evidence) -> Path:
    """A read-only copy under the file's original name, for the system's viewer.

    The vault names files by their hash, with no extension, so a system viewer would not
    know what to open them with; the copy lives in the private data folder and the vault
    original is never handed to another program that might write to it."""
    folder = make_private_dir(ws.data_dir / "cache" / "open" / evidence.sha256[:16])
    name = Path(evidence.original_name).name or evidence.exhibit
    target = folder / name
    if not target.is_file():
        ws.vault.export_copy(evidence.sha256, target)
        os.chmod(target, stat.S_IRUSR)
    return target


class EvidencePanel(QWidget):
    changed = Signal()
    verified = Signal()  # every shown file has been checked (tests and the status bar listen)

    def __init__(self, ws, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.case_id: int | None = None
        self.event_id: int | None = None
        self._dialogs: list[PreviewDialog] = []
        self._check_token = 0
        self.thumbs = ThumbnailCache(ws.data_dir / "cache" / "thumbs", parent=self)
        self.model = EvidenceModel(self.thumbs, self)
        self.setAcceptDrops(True)
        self.setAccessibleName(_("Evidence"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(True)
        self.view.setIconSize(QSize(96, 96))
        self.view.setGridSize(QSize(170, 160))
        self.view.setSpacing(4)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragEnabled(False)
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)  # drops go to the panel, which attaches them
        self.view.setModel(self.model)
        self.view.setMinimumHeight(180)
        named(self.view, _("Evidence files"), _("Drop files here to attach them to this entry"))
        self.view.doubleClicked.connect(lambda _i: self.preview_selected())
        self.view.activated.connect(lambda _i: self.preview_selected())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.view, 1)

        caption_row = QHBoxLayout()
        self.caption_label = QLabel(_("Caption:"))
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(_("What this file shows, e.g. “SMS threatening to visit my parents”"))
        named(self.caption, _("Caption of the selected file"))
        self.caption_label.setBuddy(self.caption)
        self.caption.editingFinished.connect(self.save_caption)
        caption_row.addWidget(self.caption_label)
        caption_row.addWidget(self.caption, 1)
        layout.addLayout(caption_row)

        # A compact toolbar: six push buttons made the panel wider than the window's right-hand
        # pane (it scrolled sideways, "Open with the system app" cut off); a toolbar fits any
        # width and puts what does not fit behind its » button.
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("evidenceToolbar")
        self.toolbar.setIconSize(QSize(16, 16))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.style()
        pixmap = QStyle.StandardPixmap
        self.attach_button = self._button(_("Attach files…"), _("Copy files into the evidence vault and attach them"),
                                          self.choose_files, icon("add"))
        self.preview_button = self._button(_("Preview"), _("Look at the selected file"), self.preview_selected,
                                           style.standardIcon(pixmap.SP_FileDialogContentsView))
        self.open_button = self._button(_("Open with the system app"),
                                        _("Open a read-only copy in the program your computer uses for this file"),
                                        self.open_selected, style.standardIcon(pixmap.SP_DialogOpenButton))
        self.folder_button = self._button(_("Show in folder"), _("Show the read-only copy in its folder"),
                                          self.show_in_folder, style.standardIcon(pixmap.SP_DirOpenIcon))
        self.unlink_button = self._button(_("Detach"), _("Detach from this entry; the file stays in the case"),
                                          self.unlink_selected, style.standardIcon(pixmap.SP_DialogCancelButton))
        self.delete_button = self._button(_("Move to trash"), _("Move the file to the case's trash"),
                                          self.delete_selected, icon("trash"))
        for index, button in enumerate((self.attach_button, self.preview_button, self.open_button,
                                        self.folder_button, self.unlink_button, self.delete_button)):
            if index in (1, 4):
                self.toolbar.addSeparator()
            self.toolbar.addWidget(button)
        layout.addWidget(self.toolbar)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # PySide6 ignores a `context=` keyword on this constructor, so set it afterwards: Delete
        # must act only in the file list, never on the timeline's selected entry.
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.view, self.delete_selected)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._update_buttons()
        self._update_heading()

    def _button(self, text: str, tip: str, slot, button_icon: QIcon) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setIcon(button_icon)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        named(button, text.rstrip("…"), tip)
        button.clicked.connect(slot)
        return button

    # -- what is shown -----------------------------------------------------------------------
    def set_event(self, case_id: int | None, event_id: int | None) -> None:
        self.case_id, self.event_id = case_id, event_id
        self.status.clear()
        self.refresh()

    def refresh(self) -> None:
        items: list[Evidence] = []
        if self.case_id is not None and self.event_id is not None:
            event = self.ws.events.get(self.event_id)
            wanted = set(event.evidence_ids)
            items = [e for e in self.ws.evidence.list(self.case_id) if e.id in wanted]
        self.model.set_items(items)
        self._update_heading()
        self._selection_changed()  # a model reset emits no selection change: drop the last file's caption
        self._verify(items)

    def _verify(self, items: list[Evidence]) -> None:
        self._check_token += 1
        token = self._check_token
        hashes = list(dict.fromkeys(e.sha256 for e in items))
        if not hashes:
            self.verified.emit()
            return
        vault = self.ws.vault

        def check(_progress, cancel):
            return {sha: vault.check(sha, cancel) for sha in hashes}

        run_task(check, on_result=lambda states: self._verified(token, states))

    def _verified(self, token: int, states) -> None:
        if token != self._check_token:
            return
        self.model.set_states(states)
        bad = sum(1 for s in states.values() if s != "ok")
        if bad:
            self.status.setText(ngettext(
                "{n} file no longer matches its fingerprint or is missing. Keep your original copy.",
                "{n} files no longer match their fingerprints or are missing. Keep your original copies.",
                bad).format(n=bad))
        self.verified.emit()

    def _update_heading(self) -> None:
        if self.event_id is None:
            self.heading.setText(_("Choose an entry in the timeline to see its evidence."))
        elif not self.model.items:
            self.heading.setText(_("No files yet. Drop screenshots, photos or recordings here, or use "
                                   "“Attach files…”."))
        else:
            n = len(self.model.items)
            self.heading.setText(ngettext("{n} file attached to this entry", "{n} files attached to this entry",
                                          n).format(n=n))

    def selected(self) -> list[Evidence]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedIndexes())
        return [self.model.items[r] for r in rows]

    def _selection_changed(self, *_args) -> None:
        chosen = self.selected()
        self.caption.blockSignals(True)
        self.caption.setText(chosen[0].caption if len(chosen) == 1 else "")
        self.caption.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_event = self.event_id is not None
        count = len(self.selected())
        self.attach_button.setEnabled(has_event)
        self.caption.setEnabled(count == 1)
        for button in (self.preview_button, self.open_button, self.folder_button):
            button.setEnabled(count == 1)
        self.unlink_button.setEnabled(count > 0)
        self.delete_button.setEnabled(count > 0)

    # -- attaching -----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.event_id is not None and local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent  # noqa: N815

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = local_files(event.mimeData().urls())
        if self.event_id is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.attach_files(paths)

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Attach files"), str(Path.home()),
                                                      _("All files (*)"))
        if names:
            self.attach_files([Path(n) for n in names])

    def attach_files(self, paths: list[Path]):
        if self.case_id is None or self.event_id is None or not paths:
            return None
        ws, case_id, event_id = self.ws, self.case_id, self.event_id
        title = ngettext("Attaching {n} file…", "Attaching {n} files…", len(paths)).format(n=len(paths))
        return run_with_progress(
            self, title,
            lambda progress, cancel: ws.evidence.attach(case_id, paths, [event_id], progress=progress, cancel=cancel),
            on_result=self._attached, on_error=lambda exc: show_error(self, exc))

    def _attached(self, added: list[Evidence]) -> None:
        self.refresh()
        self.status.setText(ngettext("{n} file attached.", "{n} files attached.", len(added)).format(n=len(added)))
        self.changed.emit()

    # -- acting on files -------------------------------------------------------------------------
    def save_caption(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1 or chosen[0].caption == self.caption.text().strip():
            return
        try:
            self.ws.evidence.update(chosen[0].id, caption=self.caption.text().strip())
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return
        row = self.model.items.index(chosen[0])
        self.refresh()
        self.view.setCurrentIndex(self.model.index(row))
        self.changed.emit()

    def preview_selected(self) -> PreviewDialog | None:
        chosen = self.selected()
        if len(chosen) != 1:
            return None
        dialog = PreviewDialog(chosen[0], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)
        dialog.show()
        return dialog

    def open_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            try:
                opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(viewing_copy(self.ws, chosen[0]))))
            except Exception as exc:  # noqa: BLE001 - e.g. the vault copy is missing
                show_error(self, exc)
                return
            if not opened:  # no program for this type: say so instead of doing nothing
                self.status.setText(_("No program on this computer opened {name}. Use Preview, or Show in folder "
                                      "and open it from there.").format(name=chosen[0].original_name))

    def show_in_folder(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            try:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(viewing_copy(self.ws, chosen[0]).parent)))
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc)

    def unlink_selected(self) -> None:
        self._apply(lambda ev: self.ws.evidence.unlink(ev.id, self.event_id),
                    ngettext("{n} file detached; it stays in the case.", "{n} files detached; they stay in the case.",
                             len(self.selected())))

    def delete_selected(self) -> None:
        self._apply(lambda ev: self.ws.evidence.delete(ev.id),
                    ngettext("{n} file moved to the trash.", "{n} files moved to the trash.", len(self.selected())))

    def _apply(self, action, message: str) -> None:
        chosen = self.selected()
        if not chosen or self.event_id is None:
            return
        try:
            with self.ws.db.transaction():
                for ev in chosen:
                    action(ev)
        except Exception as exc:  # noqa: BLE001 - rolled back and shown
            show_error(self, exc)
            return
        self.refresh()
        self.status.setText(message.format(n=len(chosen)))
        self.changed.emit()
