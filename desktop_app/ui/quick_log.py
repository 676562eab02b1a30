"""Quick log: a compact form for "a call just came in", saved with Enter.

Designed for well under 15 seconds: Ctrl+L opens it at the current time with the last-used
number and party filled in; type or confirm the number, pick the outcome with Alt+1…Alt+5 or
the arrow keys, press Enter.  Everything else can be added later in the full editor.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import CallOutcome, Channel, Conduct, Direction, EventKind, VisitPlace
from desktop_app.core.domain.labels import label
from desktop_app.core.errors import AppError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.ui.event_fields import EnumBox, TriBox, parse_duration
from desktop_app.ui.event_form import from_qdatetime
from desktop_app.ui.panel_format import use_ui_date_format

QUICK_CONDUCT = (Conduct.THREAT, Conduct.ABUSE, Conduct.THIRD_PARTY_DISCLOSURE, Conduct.IMPERSONATION)
MESSAGE_CHANNELS = (Channel.SMS, Channel.WECHAT, Channel.APP, Channel.EMAIL)


class QuickLogDialog(QDialog):
    logged = Signal(int)  # the new event's id

    def __init__(self, ws, case_id: int, mode: str, settings=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if mode not in ("call", "message", "visit"):
            raise ValueError(mode)
        self.ws = ws
        self.case_id = case_id
        self.mode = mode
        self.settings = settings
        self.setObjectName(f"quickLog_{mode}")
        self.setWindowTitle({"call": _("Log a call"), "message": _("Log a message"), "visit": _("Log a visit")}[mode])
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()

        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        use_ui_date_format(self.when)  # the one pattern the timeline and the editor use
        self.when.setCalendarPopup(True)
        self._add(form, _("&When"), self.when)

        last_party, last_number = (settings.last_party_for(case_id) if settings else (None, ""))
        self.number = QLineEdit(last_number)
        self.number.setPlaceholderText(_("The number or account they used"))
        self.party = QComboBox()
        self.party.addItem(_("— not known yet —"), None)
        for party in ws.parties.list(case_id):
            self.party.addItem(party.name, party.id)
        self.party.setCurrentIndex(max(0, self.party.findData(last_party)))
        self.number.editingFinished.connect(self._match_party)

        if mode == "call":
            self._add(form, _("&Number"), self.number)
            self._add(form, _("W&ho"), self.party)
            self.direction = EnumBox(Direction, optional=False)
            self.direction.set_value(Direction.INCOMING.value)
            self._add(form, _("&Direction"), self.direction)
            self.outcome_group = QButtonGroup(self)
            row = QWidget()
            grid = QGridLayout(row)
            grid.setContentsMargins(0, 0, 0, 0)
            for i, outcome in enumerate(CallOutcome):
                button = QRadioButton(f"{i + 1} {label(outcome)}")
                button.setObjectName(f"outcome_{outcome.value}")
                button.setAccessibleName(label(outcome))
                button.setToolTip(f"Alt+{i + 1}")
                self.outcome_group.addButton(button, i)
                grid.addWidget(button, i // 3, i % 3)
                # A real shortcut, resolved before the focused widget sees the key: a line edit
                # would otherwise take Alt+2 as the text "2" (seen on X11).
                QShortcut(QKeySequence(f"Alt+{i + 1}"), self, lambda b=button: (b.setChecked(True), b.setFocus()))
            self.outcome_group.button(0).setChecked(True)
            self._add(form, _("&Outcome"), row, self.outcome_group.button(0))
            self.duration = QLineEdit()
            self.duration.setPlaceholderText(_("minutes:seconds, e.g. 3:25"))
            self._add(form, _("D&uration"), self.duration)
        elif mode == "message":
            self.channel = QComboBox()
            for channel in MESSAGE_CHANNELS:
                self.channel.addItem(label(channel), channel.value)
            self._add(form, _("&Channel"), self.channel)
            self._add(form, _("&From (number or account)"), self.number)
            self._add(form, _("W&ho"), self.party)
            self.text = QPlainTextEdit()
            self.text.setPlaceholderText(_("Paste or type the whole message (Ctrl+Enter saves)"))
            self.text.setMinimumHeight(90)
            self._add(form, _("Message &text"), self.text)
            self.text.installEventFilter(self)  # Ctrl+Enter in the text saves
        else:
            self.place = EnumBox(VisitPlace, optional=False)
            self._add(form, _("Whe&re"), self.place)
            self._add(form, _("W&ho"), self.party)
            self.people = QSpinBox()
            self.people.setRange(1, 99)
            self._add(form, _("How many &people"), self.people)
            self.id_shown = TriBox()
            self._add(form, _("Every visitor showed &ID"), self.id_shown)
            self.notice = TriBox()
            self._add(form, _("Announced &beforehand"), self.notice)
            self.entered = TriBox()
            self._add(form, _("Came in without my c&onsent"), self.entered)

        self.summary = QLineEdit()
        self.summary.setPlaceholderText(_("One line: what happened (optional)"))
        self._add(form, _("&Summary"), self.summary)
        ticks = QWidget()
        tick_grid = QGridLayout(ticks)
        tick_grid.setContentsMargins(0, 0, 0, 0)
        self.conduct: dict[Conduct, QCheckBox] = {}
        for i, item in enumerate(QUICK_CONDUCT):
            box = QCheckBox(label(item))
            box.setAccessibleName(label(item))
            tick_grid.addWidget(box, i // 2, i % 2)
            self.conduct[item] = box
        self._add(form, _("Misconduct"), ticks, next(iter(self.conduct.values())))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.setToolTip(_("Save (Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.save_button.setText(_("Save"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(_("Saved at the time shown; add details later in the full editor."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        first = self.number if mode == "call" else (self.text if mode == "message" else self.place)
        first.setFocus()
        if mode == "call":
            self.number.selectAll()  # typing replaces the prefilled number; Tab keeps it

    def _add(self, form: QFormLayout, caption: str, widget: QWidget, buddy: QWidget | None = None) -> None:
        (buddy or widget).setAccessibleName(caption.replace("&", ""))
        title = QLabel(caption)
        title.setBuddy(buddy or widget)
        form.addRow(title, widget)

    def _match_party(self) -> None:
        """A number already known in the case selects its party."""
        value = self.number.text().strip()
        if not value:
            return
        try:
            party = self.ws.parties.find_by_contact(self.case_id, value)
        except AppError:
            return
        if party is not None:
            self.party.setCurrentIndex(max(0, self.party.findData(party.id)))

    def values(self) -> tuple[EventKind, dict]:
        fields: dict = {
            "summary": self.summary.text().strip(),
            "conduct": [c.value for c, box in self.conduct.items() if box.isChecked()],
            "party_id": self.party.currentData(),
        }
        number = self.number.text().strip()
        if self.mode == "call":
            outcome = list(CallOutcome)[max(0, self.outcome_group.checkedId())]
            fields.update(contact_value=number, direction=self.direction.value(), call_outcome=outcome.value,
                          duration_s=parse_duration(self.duration.text()))
            return EventKind.CALL, fields
        if self.mode == "message":
            channel = Channel(self.channel.currentData())
            kind = {Channel.SMS: EventKind.SMS, Channel.EMAIL: EventKind.EMAIL}.get(channel, EventKind.CHAT)
            fields.update(contact_value=number, direction=Direction.INCOMING.value, body=self.text.toPlainText(),
                          details={"channel": channel.value})
            if not fields["summary"]:
                fields["summary"] = self.text.toPlainText().strip().split("\n", 1)[0][:80]
            return kind, fields
        details = {"place": self.place.value(), "people_count": self.people.value()}
        for key, box in (("id_shown", self.id_shown), ("notice_given", self.notice),
                         ("entered_without_consent", self.entered)):
            if box.value() is not None:
                details[key] = box.value()
        fields.update(direction=Direction.INCOMING.value, details=details)
        return EventKind.VISIT, fields

    def accept(self) -> None:
        try:
            kind, fields = self.values()
            if fields.get("party_id") is None:
                fields.pop("party_id")  # let the service match the number to a known party
            event = self.ws.events.log(self.case_id, kind, from_qdatetime(self.when.dateTime()), **fields)
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        except AppError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        if self.settings is not None and self.mode != "visit":
            self.settings.remember_party(self.case_id, event.party_id, event.contact_value)
            self.settings.save()
        self.logged.emit(event.id)
        super().accept()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def _pick_outcome(self, event) -> bool:
        """Alt+1…Alt+5 anywhere, or a plain digit on the outcome buttons, picks the outcome."""
        if self.mode != "call":
            return False
        digit = event.key() - Qt.Key.Key_1
        if not 0 <= digit < len(CallOutcome):
            return False
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        on_buttons = isinstance(self.focusWidget(), QRadioButton)
        if not (alt or on_buttons):
            return False
        button = self.outcome_group.button(digit)
        button.setChecked(True)
        button.setFocus()
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._pick_outcome(event):
            return
        # Enter on a radio button or combo saves too (QDialog only does it for some widgets).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(),
                                                                                     QPlainTextEdit):
            self.accept()
            return
        super().keyPressEvent(event)
