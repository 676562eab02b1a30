"""Run in a child process on a given offscreen screen: opens every window and dialog on the demo
case and prints their frames and the screen's available geometry as JSON (tests/gui/test_gui_fit.py).

    QT_QPA_PLATFORM=offscreen:configfile=screen.json python -m tests.gui.screen_probe DATA_DIR LANG
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main(data_dir: Path, lang: str) -> int:

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
    out: dict[str, object] = {"available": rect(app.primaryScreen().availableGeometry()), "windows": {}}
    with Workspace.open(data_dir) as ws:
        case_id = ensure_demo(ws, "us" if lang == "en" else "cn")
        settings = Settings.load(ws.layout.settings)
        settings.language = lang
        window = MainWindow(ws, settings)
        window.show()
        window.open_case(case_id)
        app.processEvents()
        window._flags_timer.stop()

        def record(name: str, widget) -> None:
            if widget is None:
                out["windows"][name] = None
                return
            widget.show()
            for _ in range(3):
                app.processEvents()
            out["windows"][name] = {"frame": rect(widget.frameGeometry()),
                                    "min": [widget.minimumSizeHint().width(), widget.minimumSizeHint().height()]}

        record("main", window)
        openers = {
            "new_case": window.new_case, "edit_case": window.edit_case,
            "quick_log_call": lambda: window.quick_log("call"),
            "quick_log_message": lambda: window.quick_log("message"),
            "trash": window.show_trash, "parties": window.show_parties, "negotiation": window.show_negotiation,
            "report": window.show_report, "import": window.show_import, "settings": window.show_settings,
            "about": window.show_about, "follow_ups": window.show_due_follow_ups,
        }
        for name, opener in openers.items():
            dialog = opener()
            record(name, dialog)
            if name == "report":  # after a PDF is made the preview shows: the dialog must not grow off-screen
                dialog.preview.show()
                record("report_with_preview", dialog)
            if dialog is not None:
                dialog.close()
        from desktop_app.ui.verify_dialog import VerifyDialog

        dialog = VerifyDialog(ws.evidence.verify(case_id), window)
        record("verify", dialog)
        dialog.close()
        evidence = ws.evidence.list(case_id)
        if evidence:
            from desktop_app.ui.evidence.preview import PreviewDialog

            dialog = PreviewDialog(evidence[0], window)
            record("preview", dialog)
            dialog.close()
        window.detail.discard()
        window.close()
        wait_all()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
