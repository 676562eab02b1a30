"""Screenshots of the main window on the demo case in each language, for the docs and for looking.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [OUT_DIR]   # default docs/screenshots

Writes main-<lang>.png (1280x800, an entry selected in the editor), plus quick-log-<lang>.png
and empty-<lang>.png.  The shipped fonts are used, so Chinese renders without system fonts.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def shoot(out_dir: Path, lang: str, tmp: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.demo import ensure_demo
    from desktop_app.core.i18n import set_language
    from desktop_app.core.services.workspace import Workspace
    from desktop_app.ui.application import apply_language, create_application
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings import Settings
    from desktop_app.ui.workers import wait_all

    set_language(lang)
    app = create_application()
    apply_language(app, lang)
    written = []
    with Workspace.open(tmp / f"data-{lang}") as ws:
        settings = Settings.load(ws.layout.settings)
        settings.language = lang
        empty = MainWindow(ws, settings)
        empty.resize(1280, 800)
        empty.show()
        app.processEvents()
        path = out_dir / f"empty-{lang}.png"
        empty.grab().save(str(path))
        written.append(path)
        empty.close()

        case_id = ensure_demo(ws, "us" if lang == "en" else "cn")
        window = MainWindow(ws, settings)
        window.resize(1280, 800)
        window.open_case(case_id)
        window.show()
        app.processEvents()
        window.refresh_flags(now=True)  # the rule checks' flags belong in the picture
        while window.flags_busy:
            app.processEvents()
        wait_all()
        app.processEvents()
        rows = window.timeline.model.rows
        # Show an entry that has misconduct ticked: the editor then has the most to show.
        pick = next((r[0] for r in rows if r[7] != "[]" and r[1] == "call"), rows[0][0])
        window.select_events([pick])
        app.processEvents()
        path = out_dir / f"main-{lang}.png"
        window.grab().save(str(path))
        written.append(path)

        dialog = window.quick_log("call")
        app.processEvents()
        path = out_dir / f"quick-log-{lang}.png"
        dialog.grab().save(str(path))
        written.append(path)
        dialog.reject()
        window.detail.discard()
        window.close()
        wait_all()
        QApplication.processEvents()
    return written


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pt-shots-") as tmp:
        for lang in ("zh_CN", "zh_TW", "en"):
            for path in shoot(out_dir, lang, Path(tmp)):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
