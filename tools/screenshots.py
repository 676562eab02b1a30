"""Screenshots of every window and dialog on the demo case, in each language, on a 1280x720 screen.

    python tools/screenshots.py [OUT_DIR]   # default docs/screenshots

Runs Qt's offscreen platform with a 1280x720 screen (a small laptop), so each picture shows what
fits there: <window>-<lang>.png for the first-run screen, the main window with an entry selected
and the Follow-ups and Findings docks, and every dialog.  The shipped fonts are used, so Chinese
renders without system fonts.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCREEN = {"windowFrameMargins": True, "screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720,
                                                   "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def _settle(app, rounds: int = 3) -> None:
    from desktop_app.ui.workers import wait_all

    for _ in range(rounds):
        wait_all()
        app.processEvents()


def shoot(out_dir: Path, lang: str, tmp: Path) -> list[Path]:
    from desktop_app.core.demo import ensure_demo
    from desktop_app.core.i18n import set_language
    from desktop_app.core.services.workspace import Workspace
    from desktop_app.ui.application import apply_language, create_application
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings import Settings

    set_language(lang)
    app = create_application()
    apply_language(app, lang)
    written: list[Path] = []

    def save(widget, name: str) -> None:
        widget.show()
        _settle(app)
        path = out_dir / f"{name}-{lang}.png"
        widget.grab().save(str(path))
        written.append(path)

    with Workspace.open(tmp / f"data-{lang}") as ws:
        settings = Settings.load(ws.layout.settings)
        settings.language = lang
        empty = MainWindow(ws, settings)
        save(empty, "empty")
        empty.close()

        case_id = ensure_demo(ws, "us" if lang == "en" else "cn")
        window = MainWindow(ws, settings)
        window.open_case(case_id)
        window.show()
        app.processEvents()
        window.refresh_flags(now=True)  # the rule checks' flags belong in the picture
        while window.flags_busy:
            app.processEvents()
        rows = window.timeline.model.rows
        # Show an entry that has misconduct ticked: the editor then has the most to show.
        pick = next((r[0] for r in rows if r[7] != "[]" and r[1] == "call"), rows[0][0])
        window.select_events([pick])
        save(window, "main")
        window.actions.follow_ups.setChecked(True)
        window.actions.findings.setChecked(True)
        save(window, "main-docks")
        window.actions.follow_ups.setChecked(False)
        window.actions.findings.setChecked(False)

        from desktop_app.ui.verify_dialog import VerifyDialog

        openers = {
            "quick-log": lambda: window.quick_log("call"), "quick-log-message": lambda: window.quick_log("message"),
            "new-case": window.new_case, "case-details": window.edit_case, "people": window.show_parties,
            "negotiation": window.show_negotiation, "report": window.show_report, "import": window.show_import,
            "trash": window.show_trash, "settings": window.show_settings, "about": window.show_about,
            "due-today": window.show_due_follow_ups, "help-guide": lambda: window.show_help(0),
            "help-shortcuts": lambda: window.show_help(1),
            "verify": lambda: VerifyDialog(ws.evidence.verify(case_id), window),
        }
        evidence = ws.evidence.list(case_id)
        if evidence:
            from desktop_app.ui.evidence.preview import PreviewDialog

            openers["preview"] = lambda: PreviewDialog(evidence[0], window)
        for name, opener in openers.items():
            dialog = opener()
            if dialog is None:
                continue
            save(dialog, name)
            dialog.close()
        window.detail.discard()
        window.close()
        _settle(app)
    return written


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pt-shots-") as tmp:
        config = Path(tmp) / "screen.json"
        config.write_text(json.dumps(SCREEN), encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        for lang in ("zh_CN", "zh_TW", "en"):
            for path in shoot(out_dir, lang, Path(tmp)):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
