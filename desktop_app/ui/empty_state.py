"""What a first-time user sees: two clear choices and a promise that nothing leaves the computer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.i18n import N_, _


class EmptyState(QWidget):
    new_case = Signal()
    open_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.title = QLabel()
        self.title.setObjectName("emptyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.privacy = QLabel()
        self.privacy.setObjectName("hint")
        self.privacy.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.privacy.setWordWrap(True)
        self.new_button = QPushButton()
        self.new_button.setObjectName("primary")
        self.demo_button = QPushButton()
        self.new_button.clicked.connect(self.new_case)
        self.demo_button.clicked.connect(self.open_demo)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addSpacing(16)
        layout.addWidget(self.privacy)
        layout.addStretch(3)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Keep a record of every contact from debt collectors"))
        self.text.setText(_("Log calls, messages and visits as they happen, keep the evidence safe, and turn "
                            "it into a complaint or a repayment request when you are ready."))
        self.privacy.setText(_("Everything stays on this computer. Nothing is sent anywhere unless you export it."))
        self.new_button.setText(_("New case"))
        self.new_button.setAccessibleName(_("New case"))
        self.demo_button.setText(_("Open the demo case"))
        self.demo_button.setAccessibleName(_("Open the demo case"))


class CaseChecklist(QWidget):
    """What a new, empty case shows instead of a blank grid: the first four things worth doing."""

    requested = Signal(str)  # an action name: "log_call", "import", "parties"

    STEPS = (("log_call", N_("Log a call the moment one comes in: the time is filled in for you."), N_("Log a call")),
             ("import", N_("Import the call log and messages your phone already has."), N_("Import…")),
             ("parties", N_("Add the collector, the agency and the numbers they use."), N_("People and numbers…")),
             (None, N_("What to keep: screenshots of messages, call recordings, letters and envelopes, photos of "
                       "visits. Drop them on an entry; each file is stored with a fingerprint that shows it was "
                       "not changed."), None))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseChecklist")
        self.title = QLabel()
        self.title.setObjectName("emptyTitle")
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        self.texts: list[QLabel] = []
        self.buttons: dict[str, QPushButton] = {}
        for index, (name, _text, _button) in enumerate(self.STEPS, start=1):
            row = QHBoxLayout()
            number = QLabel(f"{index}.")
            number.setAlignment(Qt.AlignmentFlag.AlignTop)
            text = QLabel()
            text.setWordWrap(True)
            row.addWidget(number)
            row.addWidget(text, 1)
            self.texts.append(text)
            if name is not None:
                button = QPushButton()
                button.clicked.connect(lambda _checked=False, n=name: self.requested.emit(n))
                self.buttons[name] = button
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("This case has no entries yet. A good start:"))
        for label_widget, (name, text, button) in zip(self.texts, self.STEPS, strict=True):
            label_widget.setText(_(text))
            if name is not None:
                self.buttons[name].setText(_(button))
                self.buttons[name].setAccessibleName(_(button))
