"""File ▸ Import from phone: choose files → preview the numbers → import the ticked ones → summary.

Reading and importing run in a worker (ui/workers.run_task) with a progress bar and Cancel; a
cancelled import leaves nothing behind (the core imports in one transaction).  Nothing from the
phone is imported unless its number is ticked: the numbers that look like collectors are ticked
for the user, everyone else (family, friends) is not.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.display import escape_controls
from desktop_app.core.i18n import _, ngettext
from desktop_app.core.importers import ImportPreview, ImportResult, preview, run_import
from desktop_app.core.importers.detect import FORMATS
from desktop_app.ui.errors import show_error
from desktop_app.ui.import_numbers import MappingBox, NumbersTable
from desktop_app.ui.panel_format import fmt_datetime, named
from desktop_app.ui.workers import Task, run_task

CHOOSE, PREVIEW, WORKING, DONE = range(4)


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # file names shown here may hold "<b>" or "<img …>"
    label.setWordWrap(True)
    return label


class ImportDialog(QDialog):
    imported = Signal(object)  # the ImportResult

    def __init__(self, ws, case_id: int, parent: QWidget | None = None, paths=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.case_id = case_id
        self.paths: list[Path] = []
        self.found: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.task: Task | None = None
        self.setWindowTitle(_("Import from a phone"))
        self.resize(1100, 640)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._working_page())
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        if paths:
            self.add_paths([Path(p) for p in paths])
            self.start_preview()

    # -- page 1: choose ----------------------------------------------------------------
    def _choose_page(self) -> QWidget:
        page = QWidget()
        intro = _label(_("Choose the files or folder you copied from the phone: an SMS Backup & Restore backup "
                         "(calls-….xml, sms-….xml), an iPhone backup folder, call recordings, screenshots, or a "
                         "CSV export (WeChat MemoTrace, iMazing, or any other with columns). Nothing is imported "
                         "yet: you will see which numbers the files hold and choose."))
        self.file_list = QListWidget()
        named(self.file_list, _("Files and folders to import"))
        add_files = QPushButton(_("Add files…"))
        add_folder = QPushButton(_("Add a folder…"))
        remove = QPushButton(_("Remove"))
        add_files.clicked.connect(self._pick_files)
        add_folder.clicked.connect(self._pick_folder)
        remove.clicked.connect(self._remove_selected)
        row = QHBoxLayout()
        for button in (add_files, add_folder, remove):
            row.addWidget(button)
        row.addStretch(1)
        self.per_picture = QRadioButton(_("One timeline entry for each screenshot or photo"))
        self.nearest = QRadioButton(_("Attach each screenshot or photo to the nearest entry (within 30 minutes)"))
        self.per_picture.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.per_picture)
        group.addButton(self.nearest)
        self.next_button = QPushButton(_("Next: see what the files hold"))
        self.next_button.setDefault(True)
        self.next_button.setEnabled(False)
        self.next_button.clicked.connect(self.start_preview)
        cancel = QPushButton(_("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.file_list, 1)
        layout.addLayout(row)
        layout.addWidget(self.per_picture)
        layout.addWidget(self.nearest)
        layout.addLayout(buttons)
        return page

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.paths:
                self.paths.append(path)
                self.file_list.addItem(str(path))
        self.next_button.setEnabled(bool(self.paths))

    def _pick_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Choose files from the phone"))
        self.add_paths([Path(n) for n in names])

    def _pick_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, _("Choose a folder from the phone"))
        if name:
            self.add_paths([Path(name)])

    def _remove_selected(self) -> None:
        for item in self.file_list.selectedItems():
            self.paths.remove(Path(item.text()))
            self.file_list.takeItem(self.file_list.row(item))
        self.next_button.setEnabled(bool(self.paths))

    # -- page 2: preview ---------------------------------------------------------------
    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary = _label()
        self.file_notes = _label()
        self.file_notes.setStyleSheet("color: #6b4e00")
        self.table = NumbersTable()
        self.table.itemChanged.connect(lambda _item: self._update_import_button())
        suggested = QPushButton(_("Tick the suggested"))
        tick_all = QPushButton(_("Tick all"))
        untick = QPushButton(_("Untick all"))
        suggested.clicked.connect(lambda: self.table.set_all("suggested"))
        tick_all.clicked.connect(lambda: self.table.set_all("all"))
        untick.clicked.connect(lambda: self.table.set_all("none"))
        ticks = QHBoxLayout()
        for button in (suggested, tick_all, untick):
            ticks.addWidget(button)
        ticks.addStretch(1)
        self.mapping_box = MappingBox()
        self.remap = QPushButton(_("Read the CSV again with these columns"))
        self.remap.clicked.connect(self.start_preview)
        self.mapping_box.layout().addRow(self.remap)
        self.mapping_box.hide()
        self.create_parties = QCheckBox(_("Add each new number to the case as a party (role: not yet known)"))
        self.create_parties.setChecked(True)
        back = QPushButton(_("Back"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(CHOOSE))
        self.import_button = QPushButton(_("Import the ticked numbers"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_parties)
        buttons.addStretch(1)
        buttons.addWidget(back)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.file_notes)
        layout.addWidget(self.table, 1)
        layout.addLayout(ticks)
        layout.addWidget(self.mapping_box)
        layout.addLayout(buttons)
        return page

    def start_preview(self) -> None:
        if not self.paths:
            return
        paths, mapping = list(self.paths), self.mapping_box.mapping() if not self.mapping_box.isHidden() else None
        self._working(_("Reading the files…"))
        self.task = run_task(
            lambda progress, cancel: preview(self.ws, self.case_id, paths, mapping=mapping, progress=progress,
                                             cancel=cancel),
            on_result=self._show_preview, on_error=self._failed, on_progress=self._progress,
            on_cancelled=lambda: self.pages.setCurrentIndex(CHOOSE))

    def _show_preview(self, found: ImportPreview) -> None:
        self.found = found
        self.task = None
        if found.first is not None:
            span = _("from {first} to {last}").format(first=fmt_datetime(found.first), last=fmt_datetime(found.last))
        else:
            span = ""
        parts = [ngettext("{n} record", "{n} records", found.records).format(n=found.records),
                 ngettext("{n} number", "{n} numbers", len(found.numbers)).format(n=len(found.numbers))]
        if found.recordings:
            parts.append(ngettext("{n} call recording", "{n} call recordings", found.recordings).format(
                n=found.recordings))
        if found.images:
            parts.append(ngettext("{n} picture", "{n} pictures", found.images).format(n=found.images))
        self.summary.setText(_("The files hold {what} {span}. Tick the numbers to import; only those go into the "
                               "case.").format(what=", ".join(parts), span=span))
        notes = []
        for f in found.files:
            if f.error:
                notes.append(f.message if f.explicit else _("{file}: skipped ({problem}).").format(
                    file=f.name, problem=f.error))
            elif f.stopped_at:
                notes.append(_("{file}: the file breaks off at {where}; the complete records before it were read.")
                             .format(file=f.name, where=f.stopped_at))
        kinds = sorted({_(FORMATS[f.format]) for f in found.files if not f.error and f.format in FORMATS})
        if kinds:
            notes.insert(0, _("Found: {kinds}.").format(kinds="; ".join(kinds)))
        self.file_notes.setText("\n".join(escape_controls(n) for n in notes[:8]))
        self.table.blockSignals(True)
        self.table.show_numbers(found.numbers)
        self.table.blockSignals(False)
        csv_files = [f for f in found.files if f.format == "csv"]
        if csv_files and self.mapping_box.isHidden():
            self.mapping_box.show_columns(csv_files[0].columns)
        self.mapping_box.setVisible(bool(csv_files))
        self._update_import_button()
        self.pages.setCurrentIndex(PREVIEW)

    def _update_import_button(self) -> None:
        has_pictures = bool(self.found and (self.found.images or self.found.recordings))
        self.import_button.setEnabled(bool(self.table.checked_keys()) or has_pictures)

    # -- page 3: working ---------------------------------------------------------------
    def _working_page(self) -> QWidget:
        page = QWidget()
        self.working_label = _label()
        self.bar = QProgressBar()
        named(self.bar, _("Progress"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.working_label)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _working(self, text: str) -> None:
        self.working_label.setText(text)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.pages.setCurrentIndex(WORKING)

    def _progress(self, done: int, total: int, label: str) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(done, total) / total))

    def _cancel(self) -> None:
        if self.task is not None:
            self.cancel_button.setEnabled(False)
            self.working_label.setText(_("Cancelling…"))
            self.task.cancel()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.pages.setCurrentIndex(CHOOSE)
        show_error(self, exc)

    # -- page 4: done ------------------------------------------------------------------
    def start_import(self) -> None:
        keys = self.table.checked_keys()
        paths = list(self.paths)
        mapping = self.mapping_box.mapping() if not self.mapping_box.isHidden() else None
        images = "nearest" if self.nearest.isChecked() else "event"
        create = self.create_parties.isChecked()
        self._working(_("Importing…"))
        self.task = run_task(
            lambda progress, cancel: run_import(self.ws, self.case_id, paths, numbers=keys, create_parties=create,
                                                images=images, mapping=mapping, progress=progress, cancel=cancel),
            on_result=self._done, on_error=self._failed_import, on_progress=self._progress,
            on_cancelled=self._cancelled)

    def _failed_import(self, exc: BaseException) -> None:
        self.task = None
        self.pages.setCurrentIndex(PREVIEW)
        show_error(self, exc)

    def _cancelled(self) -> None:
        self.task = None
        self.done_label.setText(_("Cancelled; nothing was imported."))
        self.warnings.clear()
        self.pages.setCurrentIndex(DONE)

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_label = _label()
        self.warnings = QListWidget()
        named(self.warnings, _("Warnings"))
        close = QPushButton(_("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_label)
        layout.addWidget(self.warnings, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        return page

    def _done(self, result: ImportResult) -> None:
        self.task = None
        self.result = result
        text = _("{imported} imported, {duplicates} were already in the case, {skipped} skipped, "
                 "{warnings} warnings.").format(imported=result.imported, duplicates=result.duplicates,
                                                skipped=result.skipped, warnings=len(result.warnings))
        extra = []
        if result.recordings_linked:
            extra.append(ngettext("{n} call recording was attached to its call.",
                                  "{n} call recordings were attached to their calls.",
                                  result.recordings_linked).format(n=result.recordings_linked))
        if result.parties_created:
            extra.append(ngettext("{n} new party was added.", "{n} new parties were added.",
                                  len(result.parties_created)).format(n=len(result.parties_created)))
        self.done_label.setText(" ".join([text, *extra]))
        self.warnings.clear()
        self.warnings.addItems([escape_controls(w) for w in result.warnings[:500]])
        self.warnings.setVisible(bool(result.warnings))
        self.pages.setCurrentIndex(DONE)
        self.imported.emit(result)

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
        super().reject()
