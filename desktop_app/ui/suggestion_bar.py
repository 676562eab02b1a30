"""The entry editor's strip of suggested conduct (issue 18): what the other side's words suggest,
apart from the conduct the user ticked, with the words highlighted in the text fields and one
button to confirm and one to dismiss each suggestion.

`attach(editor)` places it above the editor's conduct boxes; `show_event(event)` refreshes it.
Deciding saves pending edits first, then records the decision through the EventService.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import Conduct
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.models import Event
from desktop_app.core.errors import AppError
from desktop_app.core.i18n import _
from desktop_app.core.suggest import SPANS, SUGGESTED

HIGHLIGHT = QColor("#ffe08a")  # readable under dark and light text alike


class SuggestionBar(QFrame):
    def __init__(self, editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("suggestions")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel(_("Suggested by the words (not yet reviewed):"))
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        self.buttons: dict[str, tuple[QPushButton, QPushButton]] = {}
        self.hide()

    def show_event(self, e: Event | None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = {}
        pending = list(e.details.get(SUGGESTED) or []) if e is not None else []
        for row, value in enumerate(pending):
            name = label(Conduct(value))
            text = QLabel(name)
            yes = QPushButton(_("Confirm"))
            yes.setAccessibleName(_("Confirm: {what}").format(what=name))
            yes.setToolTip(_("The words show this; record it as what they did"))
            no = QPushButton(_("Dismiss"))
            no.setAccessibleName(_("Dismiss: {what}").format(what=name))
            no.setToolTip(_("The words do not show this; do not suggest it again"))
            yes.clicked.connect(lambda _c=False, v=value: self.decide(v, True))
            no.clicked.connect(lambda _c=False, v=value: self.decide(v, False))
            self.grid.addWidget(text, row, 0)
            self.grid.addWidget(yes, row, 1)
            self.grid.addWidget(no, row, 2)
            self.buttons[value] = (yes, no)
        self.setVisible(bool(pending))
        spans = (e.details.get(SPANS) or []) if e is not None else []
        for field, widget in (("body", self.editor.body), ("quotes", self.editor.quotes)):
            highlight(widget, [(s["start"], s["end"]) for s in spans if s.get("field") == field])

    def decide(self, conduct: str, confirmed: bool) -> bool:
        ed = self.editor
        if ed.record is None or (ed.dirty and not ed.save()):
            return False
        try:
            (ed.ws.events.confirm if confirmed else ed.ws.events.dismiss)(ed.record.id, conduct)
        except AppError as exc:
            ed.show_field_error(None, str(exc))
            return False
        ed.set_event(ed.record.id)
        ed.saved.emit(ed.record.id)  # the timeline and the findings refresh as after a save
        return True


def highlight(widget: QPlainTextEdit, spans: list[tuple[int, int]]) -> None:
    """Mark character ranges of a text field (extra selections: the text itself is not changed)."""
    fmt = QTextCharFormat()
    fmt.setBackground(HIGHLIGHT)
    fmt.setForeground(QColor("#000000"))
    marks = []
    for start, end in spans:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(widget.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        marks.append(sel)
    widget.setExtraSelections(marks)


def attach(editor) -> SuggestionBar:
    """Put the strip just above the editor's conduct boxes."""
    group = editor.conduct_group
    column = group.parentWidget().layout()
    bar = SuggestionBar(editor, group.parentWidget())
    column.insertWidget(column.indexOf(group), bar)
    return bar
