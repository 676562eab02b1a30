"""Issue 19 item 1: the mouse wheel edits a combo box, spin box or date field only when it has focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateTimeEdit, QScrollArea, QSpinBox, QVBoxLayout, QWidget


def _wheel(widget, steps: int = -1) -> bool:
    """One notch of the wheel over the middle of `widget` (negative: scrolling down); True if it was taken."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_wheel_over_an_unfocused_who_box_leaves_the_entry_alone(qtbot, case_window):
    w = case_window
    event = next(e for e in w.ws.events.list(w.ids["case"]) if e.kind == "call")
    w.select_events([event.id])
    editor = w.detail.editor
    who = editor.party
    assert who.count() > 2
    assert who.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel does not give it focus
    editor.summary.setFocus()
    qtbot.waitUntil(lambda: editor.summary.hasFocus())
    before = who.currentIndex()
    _wheel(who)
    _wheel(who)
    assert who.currentIndex() == before
    assert not editor.dirty  # so moving on asks nothing: no Save default for a change nobody made
    # Focused, the wheel is the user's choice and does change it.
    who.setFocus()
    qtbot.waitUntil(lambda: who.hasFocus())
    _wheel(who, 1 if before > 0 else -1)
    assert who.currentIndex() != before
    assert editor.dirty


def test_every_kind_of_field_is_guarded_and_passes_the_wheel_on(qtbot):
    page = QWidget()
    column = QVBoxLayout(page)
    combo, spin, when = QComboBox(), QSpinBox(), QDateTimeEdit()
    combo.addItems(["a", "b", "c"])
    spin.setRange(0, 10)
    spin.setValue(5)
    for widget in (combo, spin, when):
        column.addWidget(widget)
    column.addSpacing(2000)
    area = QScrollArea()
    area.setWidget(page)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    start = when.dateTime()
    for widget in (combo, spin, when):
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus
        # Ignored, so QApplication offers a real (spontaneous) wheel to the parents: the page scrolls.
        assert _wheel(widget) is False
    assert (combo.currentIndex(), spin.value(), when.dateTime()) == (0, 5, start)
    spin.setFocus()
    qtbot.waitUntil(lambda: spin.hasFocus())
    assert _wheel(spin, 1) is True and spin.value() == 6
