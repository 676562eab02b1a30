"""Every interactive control in the panels can be reached by keyboard and has a name a screen reader says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.ui.case_forms import CaseDialog
from desktop_app.ui.evidence.panel import EvidencePanel
from desktop_app.ui.evidence.preview import PreviewWidget
from desktop_app.ui.followups import FollowUpsPanel
from desktop_app.ui.negotiation_form import NegotiationDialog
from desktop_app.ui.parties.dialog import PartiesDialog
from desktop_app.ui.trash import TrashDialog

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QPlainTextEdit,
               QAbstractSlider)


def _inside_compound(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def _problems(root: QWidget) -> list[str]:
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE):
            continue
        parent = widget.parentWidget()
        # Parts of a compound control (a combo's line edit and popup list, a table's header, a scroll
        # bar, a tab bar's arrows) are named and reached through the control itself.
        if isinstance(widget, QHeaderView) or _inside_compound(widget) or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QAbstractSlider) and not widget.accessibleName() and \
                type(widget).__name__ == "QScrollBar":
            continue
        if type(widget).__name__ in ("QToolButton",) and parent is not None and \
                type(parent).__name__ in ("QTabBar", "QCalendarWidget"):
            continue
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip():
            problems.append(f"{type(widget).__name__} in {type(parent).__name__} has no accessible name")
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            problems.append(f"{name or type(widget).__name__} cannot be reached with Tab")
    return problems


def test_every_control_is_named_and_reachable(qtbot, small_case):
    ws = small_case
    widgets = [EvidencePanel(ws), PreviewWidget(), FollowUpsPanel(ws), PartiesDialog(ws, ws.case_id),
               CaseDialog(ws, ws.case_id), CaseDialog(ws, None), NegotiationDialog(ws, ws.case_id),
               TrashDialog(ws, ws.case_id)]
    problems = []
    for widget in widgets:
        qtbot.addWidget(widget)
        problems += [f"{type(widget).__name__}: {p}" for p in _problems(widget)]
    assert problems == [], "\n".join(problems)
