"""How the main window copes with a 100,000-event case: opening it, scrolling, filtering, sorting,
and typing in the search box (time spent on the GUI thread per keystroke).

    QT_QPA_PLATFORM=offscreen python bench/bench_timeline.py [--events 100000] [--keep DIR]

The case is generated with one transaction of INSERTs (the search index is filled by the
schema's triggers, as in real use).  Figures are printed; the goals are: the timeline is shown
within 1 s of opening the case, and no keystroke blocks the GUI thread for long.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PHRASES = ["今天再不还款就上门", "已移交律师事务所处理", "通知你单位领导", "你已被列入征信黑名单", "明天安排外访人员",
           "请立即处理逾期账单", "联系你的紧急联系人", "再不还就起诉你", "Call about the overdue balance",
           "催收员态度恶劣，辱骂", "要求转账到个人账户", "Voicemail left, no name given", "深夜来电未接", "说要拘留我"]


def generate(data_dir: Path, n: int) -> int:
    from desktop_app.core.domain.phones import number_key
    from desktop_app.core.services.workspace import Workspace

    rng = random.Random(11)
    with Workspace.open(data_dir) as ws:
        case = ws.cases.create(f"Bench {n}", "CN")
        numbers = [f"170{rng.randrange(10**8):08d}" for _ in range(40)]
        parties = [ws.parties.add(case.id, f"催收员{i}号", "collector", numbers=numbers[i * 4:(i + 1) * 4]).id
                   for i in range(10)]
        keys = {num: number_key(num, "CN") for num in numbers}
        start = datetime(2020, 1, 1, 8, 0)
        now = "2026-01-01T00:00:00+00:00"
        rows = []
        for i in range(n):
            moment = start + timedelta(minutes=17 * i)
            kind = rng.choice(("call", "call", "call", "sms", "chat"))
            num = rng.choice(numbers)
            local = moment.isoformat() + "+08:00"
            utc = int((moment - timedelta(hours=8) - datetime(1970, 1, 1)).total_seconds())
            rows.append((case.id, kind, local, utc, "Asia/Shanghai", "incoming",
                         rng.choice(("answered", "missed", "rejected")) if kind == "call" else None,
                         parties[numbers.index(num) // 4], num, keys[num], f"{rng.choice(PHRASES)} #{i}",
                         rng.choice(PHRASES) if kind != "call" else "",
                         json.dumps(["threat"]) if rng.random() < 0.05 else "[]", now, now))
        with ws.db.transaction() as conn:
            conn.executemany(
                "INSERT INTO events(case_id, kind, start_local, start_utc, tz, direction, call_outcome, party_id, "
                "contact_value, contact_key, summary, body, conduct, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        ws.db.conn.execute("PRAGMA optimize")
        return case.id


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="reuse (or create) the generated data folder here")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="pt-bench-timeline-")
    data_dir = args.keep or Path(tmp.name) / "data"

    from desktop_app.core.services.workspace import Workspace

    if not (data_dir / "papertrail.sqlite3").exists():
        started = time.perf_counter()
        generate(data_dir, args.events)
        print(f"generated {args.events:,} events in {time.perf_counter() - started:.1f} s")

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest  # noqa: F401 - qWait below

    from desktop_app.core.i18n import set_language
    from desktop_app.ui.application import apply_language, create_application
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings import Settings
    from desktop_app.ui.timeline_model import Col
    from desktop_app.ui.workers import wait_all

    set_language("zh_CN")
    app = create_application()
    apply_language(app, "zh_CN")
    ws = Workspace.open(data_dir)
    case_id = ws.cases.list()[0].id
    n = ws.events.count(case_id)

    started = time.perf_counter()
    rows = ws.events.timeline_rows(case_id)
    light = time.perf_counter() - started
    started = time.perf_counter()
    ws.events.list(case_id)
    full = time.perf_counter() - started
    print(f"load {len(rows):,} rows: timeline_rows {ms(light)} vs events.list {ms(full)}")

    window = MainWindow(ws, Settings.load(ws.layout.settings))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    table = window.timeline.table

    def painted() -> None:
        table.viewport().repaint()
        app.processEvents()

    started = time.perf_counter()
    window.open_case(case_id)
    painted()
    opened = time.perf_counter() - started
    print(f"open the case and paint the timeline ({n:,} events): {ms(opened)}  (goal < 1000 ms)")
    # While the rule checks run in a worker (Python threads share the GIL), the GUI must still move.
    window.refresh_flags(now=True)
    bar = table.verticalScrollBar()
    busy = []
    for step in range(10):
        started = time.perf_counter()
        bar.setValue(bar.maximum() * step // 9)
        painted()
        busy.append(time.perf_counter() - started)
    print(f"scroll + repaint while the rule checks run: median {ms(statistics.median(busy))}, worst {ms(max(busy))}")
    started = time.perf_counter()
    while window.flags_busy:  # the rule checks started after the paint run in a worker; let them finish
        app.processEvents()
        time.sleep(0.005)
    print(f"rule checks in the background (flags in the timeline): {ms(time.perf_counter() - started)} more")

    started = time.perf_counter()
    window.select_events([rows[n // 2][0]])
    painted()
    print(f"select an entry in the middle and show it in the editor (first time builds the editor): "
          f"{ms(time.perf_counter() - started)}")

    editor = window.detail.editor
    editor.summary.setText(editor.summary.text() + " (edited)")
    started = time.perf_counter()
    editor.save()
    painted()
    print(f"save an edit (its row refreshed in place): {ms(time.perf_counter() - started)}")
    dialog = window.quick_log("call")
    dialog.number.setText("13800138000")
    started = time.perf_counter()
    dialog.accept()
    painted()
    print(f"quick-log a call (the timeline re-read): {ms(time.perf_counter() - started)}")
    while window.flags_busy:  # the edits asked for new rule checks; let them finish before measuring on
        app.processEvents()
        time.sleep(0.005)

    scroll = []
    for step in range(20):
        started = time.perf_counter()
        bar.setValue(bar.maximum() * step // 19)
        painted()
        scroll.append(time.perf_counter() - started)
    print(f"scroll + repaint: median {ms(statistics.median(scroll))}, worst {ms(max(scroll))} (20 jumps)")

    t = window.timeline
    started = time.perf_counter()
    t.kind.setCurrentIndex(t.kind.findData("sms"))
    painted()
    print(f"filter by kind: {ms(time.perf_counter() - started)} -> {t.proxy.rowCount():,} rows")
    t.clear_filters()
    started = time.perf_counter()
    table.sortByColumn(Col.PARTY, Qt.SortOrder.AscendingOrder)
    painted()
    print(f"sort by person: {ms(time.perf_counter() - started)}")
    table.sortByColumn(Col.WHEN, Qt.SortOrder.AscendingOrder)
    painted()

    # Typing: each keystroke's handling on the GUI thread, then the time until results show.
    for query in ("律师事务所", "拘留", "170"):
        t.search.clear()
        wait_all()
        app.processEvents()
        applied: list[float] = []
        t.search_applied.connect(lambda applied=applied: applied.append(time.perf_counter()))
        per_key = []
        for ch in query:
            started = time.perf_counter()
            t.search.insert(ch)  # what a keyboard or an input method commits
            app.processEvents()
            per_key.append(time.perf_counter() - started)
            QTest.qWait(60)  # a fast typist: ~60 ms between keys
        typed = time.perf_counter()
        deadline = typed + 30
        while not applied and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.002)
        painted()
        latency = (applied[-1] - typed) if applied else float("nan")
        t.search_applied.disconnect()
        print(f"type {query!r}: per keystroke on the GUI thread max {ms(max(per_key))}, "
              f"median {ms(statistics.median(per_key))}; results {t.proxy.rowCount():,} rows "
              f"{ms(latency)} after the last key (includes the {t._timer.interval()} ms pause)")

    # How long the GUI thread is blocked while results are applied (the proxy filters 100k rows).
    ids = set(ws.search.search_ids(case_id, "律师事务所"))
    started = time.perf_counter()
    t.proxy.set_filters(search_ids=ids)
    painted()
    print(f"applying a search result of {len(ids):,} ids to {n:,} rows (GUI thread): "
          f"{ms(time.perf_counter() - started)}")
    started = time.perf_counter()
    ws.search.search_ids(case_id, "拘留")
    print(f"core search for a 2-character word (worker thread): {ms(time.perf_counter() - started)}")

    window.detail.discard()
    window.close()
    wait_all()
    ws.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
