"""Make a PDF: the complaint dossier or the negotiation request, with a preview, Open, Print.

The build runs off the GUI thread (workers.run_task) with a progress bar and a Cancel button
inside the dialog; a cancelled or failed build leaves no file behind (the core writes to a
temporary file).  When the negotiation request is chosen the dialog explains, before anything
is built, what the user can and cannot expect from the creditor (domain.md §C.1) — that belongs
to the user, not in the letter.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Jurisdiction
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.negotiation import Negotiation
from desktop_app.core.errors import AppError, ValidationError
from desktop_app.core.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language
from desktop_app.core.report.common import ReportOptions
from desktop_app.core.report.exhibit_check import UnverifiedExhibitsError
from desktop_app.ui import report_preview
from desktop_app.ui.confirm import confirm_replace
from desktop_app.ui.errors import show_error
from desktop_app.ui.panel_format import fmt_datetime, use_ui_date_format
from desktop_app.ui.screen_fit import scrolling
from desktop_app.ui.workers import Task, run_task

KIND_NAMES = {"complaint": N_("Complaint dossier"), "negotiation": N_("Negotiation request")}
FILE_STEM = {"complaint": "complaint", "negotiation": "negotiation"}


def build_documents(ws, case_id: int, options: ReportOptions, out: Path, zip_path: Path | None, progress, cancel):
    """The background job: the PDF, then (if asked) the evidence package.  Runs in a worker thread."""
    from desktop_app.core.report.common import build_report

    result = build_report(ws, case_id, options, out, progress, cancel)
    package = None
    if zip_path is not None:
        from desktop_app.core.package import build_package

        cancel.check()
        try:
            package = build_package(ws, case_id, zip_path, dataclasses.replace(options), progress, cancel)
        except UnverifiedExhibitsError as exc:
            # The dossier was made without them (the user chose so); a package holds originals only.
            result.warnings.append(_("No evidence package was made: it must hold the original files, and {exhibits} "
                                     "are missing or altered.").format(
                exhibits=", ".join(u.evidence.exhibit for u in exc.unverified)))
    return result, package


class ReportDialog(QDialog):
    def __init__(self, ws, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.case_id = ws, case_id
        self.case = ws.cases.get(case_id)
        self.task: Task | None = None
        self.result = None  # ReportResult of the last build
        self.package = None  # PackageResult when a ZIP was made
        self._path_edited = False
        self.setObjectName("reportDialog")
        self.setWindowTitle(_("Make a PDF — {case}").format(case=self.case.title))
        self.resize(860, 820)

        self.kind = QComboBox()
        for key, name in KIND_NAMES.items():
            self.kind.addItem(_(name), key)
        self.lang = QComboBox()
        for code in LANGUAGES:
            self.lang.addItem(LANGUAGE_NAMES[code], code)
        self.lang.setCurrentIndex(max(0, self.lang.findData(current_language())))
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem(_("US Letter"), "letter")
        self.paper.setCurrentIndex(1 if self.case.jurisdiction == Jurisdiction.US else 0)
        for combo, name in ((self.kind, _("Document")), (self.lang, _("Language of the document")),
                            (self.paper, _("Paper size"))):
            combo.setAccessibleName(name)

        self.notice = QLabel()
        self.notice.setObjectName("art70Notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setFrameShape(QLabel.Shape.StyledPanel)
        self.notice.setMargin(8)

        form = QFormLayout()
        form.addRow(_("Document"), self.kind)
        form.addRow(_("Language of the document"), self.lang)
        form.addRow(_("Paper size"), self.paper)

        self.out = QLineEdit()
        self.out.setAccessibleName(_("Save as"))
        self.out.textEdited.connect(lambda _text: setattr(self, "_path_edited", True))
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self._choose_path)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(choose)
        form.addRow(_("Save as"), out_row)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Progress"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("cancelBuild")
        self.cancel_button.clicked.connect(self.cancel_build)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

        self.preview = report_preview.ReportPreview()
        self.preview.hide()

        self.build_button = QPushButton(_("Make PDF"))
        self.build_button.setObjectName("buildReport")
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.start_build)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(lambda: report_preview.open_file(self.result.paths[0]))
        self.folder_button = QPushButton(_("Show in folder"))
        self.folder_button.clicked.connect(lambda: report_preview.show_in_folder(self.result.paths[0]))
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(lambda: report_preview.print_pdf(self.result.paths[0], self))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.folder_button, self.print_button):
            b.setEnabled(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.build_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(scrolling(self._options_box()), 1)  # fits 720 px once the preview shows
        layout.addLayout(progress_row)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 2)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.lang.currentIndexChanged.connect(self._update_default_path)
        self._kind_changed()

    # -- the options ------------------------------------------------------------------------------
    def _options_box(self) -> QGroupBox:
        box = QGroupBox(_("Options"))
        grid = QFormLayout(box)
        self.use_dates = QCheckBox(_("Only entries between"))
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        events = self.ws.events.list(self.case_id)
        first = events[0].start.date() if events else None
        last = events[-1].start.date() if events else None
        for edit, day in ((self.date_from, first), (self.date_to, last)):
            edit.setCalendarPopup(True)
            use_ui_date_format(edit)
            edit.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
            edit.setEnabled(False)
            self.use_dates.toggled.connect(edit.setEnabled)
        self.date_from.setAccessibleName(_("From"))
        self.date_to.setAccessibleName(_("To"))
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        self.dates_row = QWidget()
        self.dates_row.setLayout(dates)
        dates.setContentsMargins(0, 0, 0, 0)
        grid.addRow(self.dates_row)
        self.redact = QCheckBox(_("Hide the names and numbers of third parties (family, colleagues)"))
        self.redact.setToolTip(_("Masks them in the PDF's text. Pictures and recordings in the exhibits are not "
                                 "redacted and may still show them."))
        grid.addRow(self.redact)
        self.text_mode = QComboBox()
        self.text_mode.addItem(_("Full message text"), True)
        self.text_mode.addItem(_("Excerpts (first 200 characters)"), False)
        self.text_mode.setAccessibleName(_("Message text"))
        grid.addRow(_("Message text"), self.text_mode)
        self.max_mb = QDoubleSpinBox()
        self.max_mb.setRange(1.0, 500.0)
        self.max_mb.setValue(10.0)
        self.max_mb.setSuffix(" MB")
        self.max_mb.setAccessibleName(_("Largest file size (split into volumes above it)"))
        grid.addRow(_("Largest file size (split into volumes above it)"), self.max_mb)
        self.zip = QCheckBox(_("Also make an evidence package (ZIP) to send with it"))
        grid.addRow(self.zip)
        # Off by default: a missing or altered exhibit stops the dossier unless the user chooses this.
        self.leave_out = QCheckBox(_("Leave out exhibits whose stored file is missing or altered (the dossier lists "
                                     "them and says why)"))
        grid.addRow(self.leave_out)

        self.event_list, self.exhibit_list = QListWidget(), QListWidget()
        for e in events:
            text = f"{fmt_datetime(e.start)}  {label(e.kind)}  {e.summary or e.contact_value}"
            self._add_item(self.event_list, text, e.id)
        for v in self.ws.evidence.list(self.case_id):
            self._add_item(self.exhibit_list, f"{v.exhibit}  {v.original_name}  {v.caption}".rstrip(), v.id)
        self.lists = QTabWidget()
        self.lists.addTab(self.event_list, _("Entries to include"))
        self.lists.addTab(self.exhibit_list, _("Exhibits to include"))
        self.lists.setMinimumHeight(120)
        self.untick = QLabel(_("Untick anything to leave it out of the document:"))
        grid.addRow(self.untick)
        grid.addRow(self.lists)
        self.no_documents = QLabel(_("No hardship documents are chosen in the request form, so the letter will say "
                                     "that none are attached."))
        self.no_documents.setWordWrap(True)
        grid.addRow(self.no_documents)
        self.grid = grid
        # Rows that only mean something for the complaint dossier; hidden (not just greyed) for the
        # letter so the user sees only what shapes it.
        self._complaint_only = [self.dates_row, self.redact, self.text_mode, self.max_mb, self.zip]
        return box

    @staticmethod
    def _add_item(widget: QListWidget, text: str, ident: int) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, ident)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)

    @staticmethod
    def _unchecked(widget: QListWidget) -> set[int]:
        return {widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                if widget.item(i).checkState() != Qt.CheckState.Checked}

    def options(self) -> ReportOptions:
        dates = self.use_dates.isChecked() and self.kind.currentData() == "complaint"
        return ReportOptions(
            kind=self.kind.currentData(), lang=self.lang.currentData(), paper=self.paper.currentData(),
            date_from=self.date_from.date().toPython() if dates else None,
            date_to=self.date_to.date().toPython() if dates else None,
            exclude_event_ids=self._unchecked(self.event_list),
            exclude_evidence_ids=self._unchecked(self.exhibit_list),
            redact_third_parties=self.redact.isChecked(), full_text=bool(self.text_mode.currentData()),
            max_mb=self.max_mb.value(), leave_out_unverified=self.leave_out.isChecked())

    # -- reacting to choices ----------------------------------------------------------------------
    def _kind_changed(self) -> None:
        negotiation = self.kind.currentData() == "negotiation"
        for widget in self._complaint_only:
            self.grid.setRowVisible(widget, not negotiation)
        self.lists.setTabVisible(0, not negotiation)
        self.lists.setTabText(1, _("Hardship documents to attach") if negotiation else _("Exhibits to include"))
        if negotiation:
            self.lists.setCurrentIndex(1)
        # The letter attaches only the hardship documents chosen in the request form.
        attached = set(self._negotiation_evidence())
        for i in range(self.exhibit_list.count()):
            item = self.exhibit_list.item(i)
            item.setHidden(negotiation and item.data(Qt.ItemDataRole.UserRole) not in attached)
        nothing = negotiation and not attached
        self.grid.setRowVisible(self.no_documents, nothing)
        self.grid.setRowVisible(self.untick, not nothing)
        self.grid.setRowVisible(self.lists, not nothing)
        self.notice.setVisible(negotiation)
        if negotiation:
            self.notice.setText(self.negotiation_notice())
        self._update_default_path()
        if self.layout() is not None:
            self.layout().activate()  # the notice's wrapped height now, not at the next event loop pass

    def _negotiation_evidence(self) -> list[int]:
        try:
            return Negotiation.from_dict(self.case.negotiation).evidence_ids
        except AppError:  # the build reports the problem; the list just shows nothing to attach
            return []

    def negotiation_notice(self) -> str:
        """What the user may expect from the creditor (domain.md §C.1): shown here, never printed."""
        from desktop_app.core.report.negotiation_notes import user_notice

        return "\n\n".join(user_notice(self.case))

    def default_path(self) -> Path:
        stem = f"{self.case.reference}_{FILE_STEM[self.kind.currentData()]}_{self.lang.currentData()}.pdf"
        return self.ws.layout.exports / stem

    def _update_default_path(self) -> None:
        if not self._path_edited:
            self.out.setText(str(self.default_path()))

    def _choose_path(self) -> None:
        start = self.out.text() or str(self.default_path())
        name, _filter = QFileDialog.getSaveFileName(self, _("Save the PDF as"), start, _("PDF files (*.pdf)"))
        if name:
            if not name.lower().endswith(".pdf"):
                name += ".pdf"
            self.out.setText(name)
            self._path_edited = True

    # -- building ---------------------------------------------------------------------------------
    def start_build(self) -> None:
        if self.task is not None:
            return
        try:
            options = self.options().validate()
        except AppError as exc:
            show_error(self, exc)
            return
        out = Path(self.out.text().strip() or self.default_path()).expanduser()
        if out.suffix.lower() != ".pdf":
            out = out.with_suffix(".pdf")
        if out.parent == self.ws.layout.exports:
            out.parent.mkdir(parents=True, exist_ok=True)
        zip_path = out.with_suffix(".zip") if self.zip.isChecked() and self.zip.isEnabled() else None
        # Ask before replacing a file, except the one this dialog just made (building again is knowing).
        made = {Path(p) for p in self.result.paths} if self.result is not None else set()
        made |= {Path(self.package.path)} if self.package is not None else set()
        if not confirm_replace(self, [p for p in (out, zip_path) if p is not None and p not in made]):
            return
        self.result = self.package = None
        self._set_building(True)
        self.preview.clear()
        self.preview.hide()
        self.status.setText(_("Making the PDF…"))
        self.task = run_task(
            lambda progress, cancel: build_documents(self.ws, self.case_id, options, out, zip_path, progress, cancel),
            on_result=self._built, on_error=self._failed, on_progress=self._progress,
            on_cancelled=self._cancelled, on_finished=self._finished)

    def cancel_build(self) -> None:
        if self.task is not None:
            self.cancel_button.setEnabled(False)
            self.status.setText(_("Cancelling…"))
            self.task.cancel()

    def _set_building(self, building: bool) -> None:
        self.progress.setVisible(building)
        self.cancel_button.setVisible(building)
        self.cancel_button.setEnabled(building)
        self.build_button.setEnabled(not building)
        self.progress.setRange(0, 0)
        for b in (self.open_button, self.folder_button, self.print_button):
            b.setEnabled(False if building else self.result is not None)

    def _progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))
        if text:
            self.status.setText(text)

    def _built(self, outcome) -> None:
        self.result, self.package = outcome
        lines = [_("Saved {path} ({pages} pages).").format(path=self.result.paths[0], pages=self.result.pages)]
        if self.result.volumes > 1:
            lines.append(_("The document was split into {n} files to stay under the size limit.").format(
                n=self.result.volumes))
        if self.package is not None:
            lines.append(_("Evidence package: {path}").format(path=self.package.path))
        warnings = list(self.result.warnings) + (list(self.package.warnings) if self.package else [])
        lines += [f"⚠ {w}" for w in warnings]
        self.status.setText("\n".join(lines))
        self.preview.show()
        self.preview.show_pdf(self.result.paths[0])

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(_("The PDF was not made."))
        box = show_error(self, exc)
        if isinstance(exc, ValidationError) and self.kind.currentData() == "negotiation":
            box.setInformativeText(_("Open the negotiation request form for this case, correct this, then make the "
                                     "PDF again."))
        elif isinstance(exc, UnverifiedExhibitsError):
            box.setInformativeText(_("To make the dossier without them, tick \"Leave out exhibits whose stored file is "
                                     "missing or altered\" and make the PDF again."))
        elif isinstance(exc, AppError) and not box.informativeText():
            box.setInformativeText(_("Check the options and the folder you chose, then try again."))

    def _cancelled(self) -> None:
        self.status.setText(_("Cancelled. No file was written."))

    def _finished(self) -> None:
        self.task = None
        self._set_building(False)

    def reject(self) -> None:
        if self.task is not None:  # closing while building: stop the build, nothing is left behind
            self.task.cancel()
        super().reject()
