"""Register the shipped fonts with Qt, so Chinese never renders as boxes.

A bare system (a fresh Linux install, a CI runner, Qt offscreen) may have no CJK font at all;
Qt only falls back to fonts it knows, so we add ours once a QApplication exists.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.core.paths import resource_path

_families: list[str] = []


def register_app_fonts() -> list[str]:
    """Add resources/fonts/*.ttf to Qt (idempotent); return the font families registered."""
    if _families:
        return list(_families)
    if QApplication.instance() is None:
        raise RuntimeError("register_app_fonts() needs a QApplication")
    for path in sorted(resource_path("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            _families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in _families)
    # Make the CJK fonts the fallback of whatever the platform's default family is: names typed
    # in Latin then keep the system look, and hanzi come from Noto instead of a missing glyph.
    cjk = [f for f in ("Noto Sans SC", "Noto Sans TC", "Noto Emoji", "Noto Sans Symbols") if f in _families]
    if cjk:
        default = QApplication.font().family()
        QFont.insertSubstitutions(default, cjk)
    return list(_families)
