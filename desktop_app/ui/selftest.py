"""`papertrail --selftest`: open the real main window offscreen on a throw-away folder with the demo
case, use it the way a person would, build a PDF, and say what worked.  Exit 0 only if all did.

Used after installing or packaging, on a machine where nobody can look at the screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

CJK = range(0x4E00, 0xA000)


def _wait(app, condition: Callable[[], bool], timeout_s: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return condition()


class SelfTest:
    def __init__(self, app, window, ws, case_id: int, folder: Path, lang: str) -> None:
        self.app, self.window, self.ws, self.case_id, self.folder, self.lang = app, window, ws, case_id, folder, lang
        self.results: list[tuple[str, bool, str]] = []

    def check(self, name: str, fn: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail = fn() or ""
            ok = True
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the run
            ok, detail = False, f"{type(exc).__name__}: {exc}"
            traceback.print_exc(file=sys.stderr)
        self.results.append((name, ok, f"{detail} ({(time.perf_counter() - start) * 1000:.0f} ms)"))

    # -- the checks ------------------------------------------------------------------------
    def timeline(self) -> str:
        rows = self.window.timeline.proxy.rowCount()
        assert rows == self.ws.events.count(self.case_id) > 0, "timeline rows do not match the case"
        image = self.window.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}
        assert len(colours) > 20, "the window looks blank"
        return f"{rows} entries shown"

    def select(self) -> str:
        t = self.window.timeline
        ids = [t.proxy.event_id_at(r) for r in range(3)]
        t.select_events(ids)
        self.app.processEvents()
        assert sorted(t.selected_event_ids()) == sorted(ids), "selection did not stick"
        assert self.window.detail.current_id() == ids[0], "the editor did not show the selected entry"
        return "3 selected, editor shows the first"

    def filter(self) -> str:
        t = self.window.timeline
        t.kind.setCurrentIndex(t.kind.findData("call"))
        calls = t.proxy.rowCount()
        kinds = {t.model.rows[t.proxy.mapToSource(t.proxy.index(r, 0)).row()][1] for r in range(calls)}
        assert calls > 0 and kinds == {"call"}, f"kind filter let through {kinds}"
        t.clear_filters()
        assert t.proxy.rowCount() == t.model.rowCount()
        return f"{calls} calls"

    def search(self) -> str:
        t = self.window.timeline
        word = next((r[6][:2] for r in t.model.rows if len(r[6].strip()) >= 2), "")
        assert word, "no summary to search for"
        done: list[bool] = []
        t.search_applied.connect(lambda: done.append(True))
        t.search.setText(word)
        assert _wait(self.app, lambda: bool(done)), "the search never answered"
        found = t.proxy.rowCount()
        assert 0 < found <= t.model.rowCount(), "search found nothing"
        done.clear()
        t.search.clear()
        _wait(self.app, lambda: bool(done))
        return f"{found} entries match {len(word)} characters"

    def edit(self) -> str:
        t = self.window.timeline
        call = next(r[0] for r in t.model.rows if r[1] == "call")
        t.select_events([call])
        self.app.processEvents()
        editor = self.window.detail.editor
        event_id = editor.record.id
        assert event_id == call, "the editor did not follow the selection"
        editor.summary.setText(editor.summary.text() + " ✓")
        editor.duration.setText("-1")
        assert not editor.save() and editor._errors["duration_s"].isVisible(), "a negative duration was accepted"
        editor.duration.setText("2:30")
        assert editor.save(), "saving failed"
        assert self.ws.events.get(event_id).summary.endswith("✓")
        return "edit saved, bad duration refused next to its field"

    def quick_log(self) -> str:
        before = self.ws.events.count(self.case_id)
        dialog = self.window.quick_log("call")
        assert dialog is not None
        dialog.number.setText("13800138000")
        dialog.outcome_group.button(1).setChecked(True)
        dialog.accept()
        self.app.processEvents()
        assert self.ws.events.count(self.case_id) == before + 1, "the call was not saved"
        assert self.window.timeline.proxy.rowCount() == before + 1, "the timeline did not show it"
        return "call logged and shown"

    def pdf(self) -> str:
        from desktop_app.core.report.common import ReportOptions, build_report

        out = self.folder / "selftest.pdf"
        result = build_report(self.ws, self.case_id, ReportOptions(kind="complaint", lang=self.lang), out)
        assert result.paths and result.paths[0].stat().st_size > 1000, "no PDF written"
        text = _pdf_text(result.paths[0], pages=3)
        hanzi = sum(1 for ch in text if ord(ch) in CJK)
        if self.lang != "en":
            assert hanzi > 50, f"only {hanzi} Chinese characters could be read back from the PDF"
        return f"{result.pages} pages, {hanzi} Chinese characters read back"

    def run(self) -> bool:
        for name, fn in (("timeline", self.timeline), ("select events", self.select), ("filter", self.filter),
                         ("search", self.search), ("editor", self.edit), ("quick log", self.quick_log),
                         ("PDF", self.pdf)):
            self.check(name, fn)
        return all(ok for _name, ok, _detail in self.results)


def _pdf_text(path, pages: int) -> str:
    """The text of the first pages, read back as a recipient's viewer would.  pypdfium2 ships
    with the app (it renders previews), so this works in the frozen bundle too."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "".join(pdf[i].get_textpage().get_text_range() for i in range(min(pages, len(pdf))))
    finally:
        pdf.close()


def run_selftest(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop_app.core.demo import ensure_demo
    from desktop_app.core.i18n import set_language
    from desktop_app.core.services.workspace import Workspace
    from desktop_app.ui.application import apply_language, create_application
    from desktop_app.ui.launch import build_window
    from desktop_app.ui.settings import Settings
    from desktop_app.ui.workers import wait_all

    lang = getattr(args, "lang", None) or "zh_CN"
    set_language(lang)
    started = time.perf_counter()
    app = create_application()
    apply_language(app, lang)
    with tempfile.TemporaryDirectory(prefix="papertrail-selftest-") as tmp:
        folder = Path(tmp)
        ws = Workspace.open(folder / "data")
        try:
            case_id = ensure_demo(ws, "us" if lang == "en" else "cn")
            settings = Settings.load(ws.layout.settings)
            settings.language = lang
            window = build_window(ws, settings, demo_mode=True, demo_dir=None, case_id=case_id)
            window.show()
            _wait(app, lambda: window._painted, 10)
            test = SelfTest(app, window, ws, case_id, folder, lang)
            ok = test.run()
            window.detail.discard()
            window.close()
            wait_all(10_000)
        finally:
            ws.close()
    lines = [f"Paper Trail self-test ({lang}, Qt platform {app.platformName()}):"]
    lines += [f"  {'ok  ' if passed else 'FAIL'} {name}: {detail}" for name, passed, detail in test.results]
    lines.append(f"{'PASSED' if ok else 'FAILED'} in {time.perf_counter() - started:.1f} s")
    sys.stdout.write("\n".join(lines) + "\n")  # the report is the command's output
    return 0 if ok else 1
