"""Thumbnails made off the GUI thread and cached by content hash and size.

Evidence files never change (the vault is content-addressed), so a thumbnail keyed by
sha256+size is valid forever: kept in memory for this session and as a PNG in the data
folder's private cache for the next.  Files with no picture get an icon for their type.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from desktop_app.core.paths import make_private_dir
from desktop_app.ui.evidence.loaders import kind_of, thumbnail_png
from desktop_app.ui.workers import run_task

THUMB_SIDE = 128


def type_icon(mime: str) -> QIcon:
    style = QApplication.style()
    kind = kind_of(mime)
    pixmap = {
        "audio": QStyle.StandardPixmap.SP_MediaVolume,
        "text": QStyle.StandardPixmap.SP_FileDialogDetailedView,
        "pdf": QStyle.StandardPixmap.SP_FileIcon,
        "image": QStyle.StandardPixmap.SP_FileIcon,
    }.get(kind, QStyle.StandardPixmap.SP_FileIcon)
    return style.standardIcon(pixmap)


class ThumbnailCache(QObject):
    """`get()` answers at once (a cached picture, or None while one is made); `ready` follows."""

    ready = Signal(str)  # sha256

    def __init__(self, cache_dir: Path | None, side: int = THUMB_SIDE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.cache_dir = cache_dir
        self._memory: dict[tuple[str, int], QPixmap | None] = {}
        self._pending: set[tuple[str, int]] = set()

    def _disk_path(self, sha: str) -> Path | None:
        return self.cache_dir / f"{sha}-{self.side}.png" if self.cache_dir else None

    def get(self, sha: str, path: str, mime: str) -> QPixmap | None:
        key = (sha, self.side)
        if key in self._memory:
            return self._memory[key]
        if key in self._pending:
            return None
        disk = self._disk_path(sha)
        if disk is not None and disk.is_file():
            pixmap = QPixmap(str(disk))
            if not pixmap.isNull():
                self._memory[key] = pixmap
                return pixmap
        if kind_of(mime) not in ("image", "pdf"):
            self._memory[key] = None
            return None
        self._pending.add(key)
        side = self.side
        run_task(lambda _progress, _cancel: thumbnail_png(path, mime, side),
                 on_result=lambda png, s=sha: self._store(s, png),
                 on_error=lambda _exc, s=sha: self._store(s, b""))
        return None

    def _store(self, sha: str, png: bytes) -> None:
        key = (sha, self.side)
        self._pending.discard(key)
        pixmap: QPixmap | None = None
        if png:
            image = QImage.fromData(png, "PNG")
            if not image.isNull():
                pixmap = QPixmap.fromImage(image)
                disk = self._disk_path(sha)
                if disk is not None:
                    with contextlib.suppress(OSError):  # the cache is a convenience
                        make_private_dir(disk.parent)
                        disk.write_bytes(png)
        self._memory[key] = pixmap
        self.ready.emit(sha)

    def icon_size(self) -> QSize:
        return QSize(self.side, self.side)

