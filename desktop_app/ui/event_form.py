"""The event editor's form: every field laid out once, an error label under each, and the
kind-specific detail pages built the first time a kind is shown.

Behaviour (loading, saving, the unsaved-changes prompt) is in `event_editor.EventEditor`.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import CallOutcome, Conduct, Direction, EventKind, Target
from desktop_app.core.domain.labels import label
from desktop_app.core.i18n import _
from desktop_app.ui.event_fields import (
    DETAIL_FIELDS,
    EnumBox,
    OptionalDate,
    change_signal,
    detail_form,
)
from desktop_app.ui.panel_format import use_ui_date_format

log = logging.getLogger(__name__)

#: Kinds whose body is a message's full text (the field is titled accordingly).
MESSAGE_KINDS = {EventKind.SMS, EventKind.CHAT, EventKind.EMAIL, EventKind.LETTER}


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())



class EventForm(QWidget):
    """The editor's widgets.  Subclasses provide `_mark_dirty`, `_kind_changed`, `_target_changed`
    and `_fill_party_boxes`, which the widgets are connected to."""

    def _error_label(self, field: str) -> QLabel:
        text = QLabel()
        text.setObjectName("fieldError")
        text.setWordWrap(True)
        text.hide()
        self._errors[field] = text
        return text

    def _row(self, form: QFormLayout, caption: str, widget: QWidget, field: str | None = None) -> None:
        widget.setAccessibleName(caption.replace("&", ""))
        if isinstance(widget, QComboBox):  # long party names must not widen the whole pane
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(12)
        title = QLabel(caption)
        title.setBuddy(widget)
        if field:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(self._error_label(field))
            form.addRow(title, box)
        else:
            form.addRow(title, widget)
        self._titles[id(widget)] = title

    def _build(self) -> None:
        self._titles: dict[int, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # The unsaved-changes banner sits above the scroll area so it is always visible.
        self.banner = QFrame()
        self.banner.setObjectName("unsavedBanner")
        banner_row = QHBoxLayout(self.banner)
        self.banner_text = QLabel(_("This entry has unsaved changes."))
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(_("Save the changes to this entry") + " (Ctrl+S)")
        self.save_button.setAccessibleName(_("Save"))
        self.revert_button = QPushButton(_("Discard changes"))
        self.revert_button.setAccessibleName(_("Discard changes"))
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.revert_button)
        banner_row.addWidget(self.save_button)
        self.banner.hide()
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.general_error = self._error_label("__all__")
        outer.addWidget(self.banner)
        outer.addWidget(self.general_error)

        body = QWidget()
        column = QVBoxLayout(body)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.kind = EnumBox(EventKind, optional=False)
        self._row(form, _("&Kind"), self.kind, "kind")
        self.start = QDateTimeEdit()
        self.start.setCalendarPopup(True)
        use_ui_date_format(self.start)
        self._row(form, _("&Started"), self.start, "start")
        end_box = QWidget()
        end_row = QHBoxLayout(end_box)
        end_row.setContentsMargins(0, 0, 0, 0)
        self.has_end = QCheckBox(_("Ended at"))
        self.has_end.setAccessibleName(_("Has an end time"))
        self.end = QDateTimeEdit()
        self.end.setCalendarPopup(True)
        use_ui_date_format(self.end)
        self.end.setEnabled(False)
        self.end.setAccessibleName(_("End time"))
        self.has_end.toggled.connect(self.end.setEnabled)
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end, 1)
        self._row(form, _("End"), end_box, "end")
        self.direction = EnumBox(Direction)
        self._row(form, _("&Direction"), self.direction, "direction")
        self.outcome = EnumBox(CallOutcome)
        self._row(form, _("Ou&tcome"), self.outcome, "call_outcome")
        self.duration = QLineEdit()
        self.duration.setPlaceholderText(_("minutes:seconds, e.g. 3:25"))
        self._row(form, _("D&uration"), self.duration, "duration_s")
        self.party = QComboBox()
        self._row(form, _("&Who"), self.party, "party_id")
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(_("The number or account they used"))
        self._row(form, _("&Number or account"), self.contact, "contact_value")
        self.target = EnumBox(Target, optional=False)
        self._row(form, _("Who was &contacted"), self.target, "target")
        self.target_party = QComboBox()
        self._row(form, _("Which third party"), self.target_party, "target_party_id")
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(_("One line: what happened"))
        self._row(form, _("Su&mmary"), self.summary, "summary")
        self.body = QPlainTextEdit()
        self.body.setMinimumHeight(70)
        self._row(form, _("Full te&xt"), self.body, "body")
        column.addLayout(form)

        self.details_group = QGroupBox(_("Details"))
        details_layout = QVBoxLayout(self.details_group)
        self.details_stack = QStackedWidget()
        details_layout.addWidget(self.details_stack)
        self.detail_widgets: dict[EventKind, dict] = {}
        self._detail_pages: dict[EventKind, int] = {}
        self.details_stack.addWidget(QWidget())  # page 0: kinds with no detail fields; others built when first shown
        column.addWidget(self.details_group)

        self.conduct_group = QGroupBox(_("What they did (misconduct)"))
        grid = QGridLayout(self.conduct_group)
        self.conduct: dict[Conduct, QCheckBox] = {}
        for i, item in enumerate(Conduct):
            box = QCheckBox(label(item))
            box.setAccessibleName(label(item))
            box.setObjectName(f"conduct_{item.value}")
            grid.addWidget(box, i, 0)  # one column: long labels must not widen the pane
            self.conduct[item] = box
        column.addWidget(self.conduct_group)

        more = QFormLayout()
        self.quotes = QPlainTextEdit()
        self.quotes.setPlaceholderText(_("Their exact words, one quote per line"))
        self.quotes.setMinimumHeight(60)
        self._row(more, _("&Quotes, word for word"), self.quotes, "quotes")
        self.follow_up = OptionalDate(_("Follow up on"))
        self._row(more, _("&Follow-up"), self.follow_up, "follow_up")
        self.follow_up_note = QLineEdit()
        self._row(more, _("Follow-up note"), self.follow_up_note, "follow_up_note")
        self.follow_up_done = QCheckBox(_("Done"))
        self._row(more, _("Follow-up done"), self.follow_up_done, "follow_up_done")
        column.addLayout(more)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # fields shrink instead
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.target.currentIndexChanged.connect(self._target_changed)
        for widget in self._all_inputs():
            signal = change_signal(widget)
            if signal is not None:
                signal.connect(self._mark_dirty)

    def _all_inputs(self) -> list[QWidget]:
        items: list[QWidget] = [self.kind, self.start, self.has_end, self.end, self.direction, self.outcome,
                                self.duration, self.party, self.contact, self.target, self.target_party,
                                self.summary, self.body, self.quotes, self.follow_up, self.follow_up_note,
                                self.follow_up_done, *self.conduct.values()]
        return items

    def _detail_page(self, kind: EventKind) -> int:
        """The stack page of a kind's detail fields, built the first time it is needed."""
        if kind not in DETAIL_FIELDS:
            return 0
        if kind not in self._detail_pages:
            page, widgets = detail_form(kind, lambda: self._party_items)
            self._detail_pages[kind] = self.details_stack.addWidget(page)
            self.detail_widgets[kind] = widgets
            self._fill_party_boxes(widgets)
            for widget in widgets.values():
                signal = change_signal(widget)
                if signal is not None:
                    signal.connect(self._mark_dirty)
        return self._detail_pages[kind]

    # -- state ---------------------------------------------------------------------------
