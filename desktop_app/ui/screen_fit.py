"""Every window and dialog fits the screen it opens on (a 1280×720 laptop included).

Windows ask for comfortable sizes (the main window 1280×800, the report dialog 860×820); on a small
screen that put the status bar, Make PDF and Close below the bottom edge.  One application-wide
filter shrinks a top-level window to the screen's available geometry (less its frame) when it is
shown and whenever its layout later grows it (the report dialog used to grow back after a PDF was
made), and moves it back on screen.  Content taller than that scrolls inside the window
(QScrollArea in the dialogs that hold long forms).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

# Before a window is first shown its frame is unknown: assume a common title bar and border.
GUESSED_FRAME = QMargins(4, 32, 4, 4)


def available_rect(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(widget: QWidget) -> QMargins:
    frame, inner = widget.frameGeometry(), widget.geometry()
    if widget.isVisible() and frame != inner:
        return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                        frame.right() - inner.right(), frame.bottom() - inner.bottom())
    return GUESSED_FRAME


def fit_to_screen(widget: QWidget) -> None:
    """Shrink `widget` (a top-level window) to fit the available screen and move it fully onto it."""
    if widget.isMaximized() or widget.isFullScreen():
        return
    area = available_rect(widget)
    margins = frame_margins(widget)
    max_w = area.width() - margins.left() - margins.right()
    max_h = area.height() - margins.top() - margins.bottom()
    size = widget.size()
    if size.width() > max_w or size.height() > max_h:
        widget.resize(min(size.width(), max_w), min(size.height(), max_h))
    frame = widget.frameGeometry()
    if widget.isVisible() and not area.contains(frame):
        x = min(max(frame.left(), area.left()), area.right() + 1 - frame.width())
        y = min(max(frame.top(), area.top()), area.bottom() + 1 - frame.height())
        widget.move(max(x, area.left()), max(y, area.top()))


class ScreenFit(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize) and isinstance(watched, QWidget) \
                and watched.isWindow() and watched.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            fit_to_screen(watched)
        return False


_filter: ScreenFit | None = None


def install_screen_fit(app: QApplication) -> None:
    global _filter
    if _filter is None:
        _filter = ScreenFit(app)
        app.installEventFilter(_filter)


def scrolling(content: QWidget) -> QWidget:
    """`content` in a frameless scroll area, so a long form scrolls instead of making its window
    taller than the screen."""
    from PySide6.QtWidgets import QFrame, QScrollArea

    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area
