"""The mouse wheel scrolls the page; it edits a combo box, spin box or date field only when that field has focus.

Qt's default lets a wheel turn over a field change it (and give it focus), so scrolling down the entry editor
silently changed "Who" and the dates under the pointer.  One application-wide filter fixes every field in
every window: the field gets Qt.StrongFocus (a wheel no longer takes focus) and an unfocused field passes the
wheel on to its parent (QApplication keeps offering an event that was ignored to the parents, so the
scroll area around the field scrolls instead).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

GUARDED = (QComboBox, QAbstractSpinBox)  # QAbstractSpinBox covers QSpinBox, QDoubleSpinBox, QDate/TimeEdit


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and isinstance(watched, GUARDED) and not watched.hasFocus():
            event.ignore()
            return True  # not delivered to the field; QApplication then offers it to the parent
        return False


_guard: WheelGuard | None = None


def install_wheel_guard(app: QApplication) -> None:
    """Install the filter once per process (create_application may be called again, e.g. by tests)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
