"""The QApplication: names, shipped fonts, Qt's own translations, the stylesheet, one instance per folder.

Fonts are registered after the QApplication exists (Qt refuses before) and the UI font is
Noto Sans (Latin) for English and Noto Sans SC or TC for Chinese, so Chinese renders on a
machine with no Chinese fonts at all (a fresh Windows VM, a minimal Linux, CI).  The emoji and
symbols fonts are fallbacks for message text.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop_app import APP_DISPLAY_NAME, APP_ID, APP_NAME, __version__
from desktop_app.core.paths import resource_path
from desktop_app.ui.screen_fit import install_screen_fit
from desktop_app.ui.wheel_guard import install_wheel_guard

log = logging.getLogger(__name__)

FONT_FILES = ("NotoSansSC-Regular.ttf", "NotoSansTC-Regular.ttf", "NotoEmoji-Regular.ttf",
              "NotoSansSymbols-Regular.ttf", "NotoSans-Regular.ttf")
# English is drawn with the Latin Noto Sans: in a CJK font curly quotes and "…" are full-width.
UI_FAMILY = {"zh_CN": "Noto Sans SC", "zh_TW": "Noto Sans TC", "en": "Noto Sans"}
QT_LOCALE = {"zh_CN": "zh_CN", "zh_TW": "zh_TW", "en": "en_US"}

_registered: list[str] = []
_translators: list[QTranslator] = []


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    QGuiApplication.setDesktopFileName(APP_ID)
    app_icon = resource_path("icons", "app.svg")
    if app_icon.is_file():
        app.setWindowIcon(QIcon(str(app_icon)))
    register_fonts()
    load_stylesheet(app)
    install_wheel_guard(app)
    install_screen_fit(app)
    return app  # type: ignore[return-value]


def register_fonts() -> list[str]:
    """Register the shipped fonts once per process; returns the families Qt found."""
    if _registered:
        return _registered
    for name in FONT_FILES:
        path = resource_path("fonts", name)
        if not path.is_file():
            log.warning("shipped font missing: %s", name)
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load the font %s", name)
            continue
        _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _registered


def apply_language(app: QApplication, lang: str) -> None:
    """Use the font, Qt translations and locale (dates, numbers) that fit `lang`."""
    family = UI_FAMILY.get(lang, "Noto Sans SC")
    font = QFont(app.font())
    if family in _registered:
        # The other faces fill in characters the first lacks: Chinese in English text (names,
        # quotes), the other Chinese script, emoji and symbols.  zh_TW puts TC before SC.
        others = [f for f in _registered if f != family]
        if lang == "zh_TW" and "Noto Sans SC" in others and "Noto Sans TC" in others:
            others.remove("Noto Sans TC")
            others.insert(0, "Noto Sans TC")
        font.setFamilies([family, *others])
    app.setFont(font)
    QLocale.setDefault(QLocale(QT_LOCALE.get(lang, "en_US")))
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if lang != "en":
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(app)
        if translator.load(QLocale(QT_LOCALE[lang]), "qtbase", "_", folder):
            app.installTranslator(translator)
            _translators.append(translator)
        else:
            log.info("no Qt translation for %s", lang)


def load_stylesheet(app: QApplication) -> None:
    path = resource_path("styles", "app.qss")
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError:
        log.warning("stylesheet missing: %s", path.name)


class SingleInstance:
    """One running app per data folder: the data folder's lock (core/storage/lock.py, the same one
    the writing commands take) stops two processes writing the same database, and a local server
    lets a second launch ask the first to come to the front."""

    def __init__(self, data_dir: Path) -> None:
        digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
        self.server_name = f"{APP_NAME}-{digest}"
        from desktop_app.core.paths import make_private_dir
        from desktop_app.core.storage.lock import FolderLock

        make_private_dir(data_dir)
        self.lock = FolderLock(data_dir)  # a crashed instance's lock is released by the OS with it
        self._holding = False
        self.server = None  # QLocalServer, made by listen() (QtNetwork is imported only then)

    def acquire(self, listen: bool = True) -> bool:
        """Take the folder's lock (and listen for later launches); False if another instance has it."""
        if not self._holding:
            if not self.lock.acquire(0.1):
                return False
            self._holding = True
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        if self.server is None:
            QLocalServer.removeServer(self.server_name)
            self.server = QLocalServer()
            self.server.listen(self.server_name)

    def on_activate(self, callback) -> None:
        """Call `callback()` whenever a second launch knocks."""
        if self.server is None:
            return

        def accept() -> None:
            while self.server is not None and self.server.hasPendingConnections():
                conn = self.server.nextPendingConnection()
                conn.disconnected.connect(conn.deleteLater)
                callback()

        self.server.newConnection.connect(accept)

    def notify_running(self) -> bool:
        """Ask the running instance to show itself; True if it answered."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        ok = socket.waitForConnected(500)
        if ok:
            socket.write(b"activate\n")
            socket.waitForBytesWritten(200)
            socket.disconnectFromServer()
        return ok

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self._holding:
            self._holding = False
            self.lock.release()
