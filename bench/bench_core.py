"""Search and `show` on a case of 100,000 events.

    python bench/bench_core.py [N_EVENTS]

Prints the median of several runs for: a 2-character Chinese query (the short-query scan
path), a longer query (the FTS5 trigram index), a two-word query, loading every event through
the service (`ws.events.list`, what `show` does), and the whole `papertrail show --json`
command in a subprocess.  Goal (issue #2): search within 50 ms at 100,000 events.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from make_big_case import build  # noqa: E402

from desktop_app.core.services.workspace import Workspace  # noqa: E402


def timed(fn, repeat: int = 7) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        case_id, build_s = build(data, n)
        print(f"built {n} events in {build_s:.1f} s")
        with Workspace.open(data) as ws:
            # Baseline measured in the same run: listing the case's event ids in time order, the
            # least any search has to do.  Ratios stay meaningful on a loaded machine.
            base, _ = timed(lambda: ws.db.execute(
                "SELECT id FROM events WHERE case_id = ? AND deleted_at IS NULL ORDER BY start_utc, id",
                (case_id,)).fetchall())
            print(f"baseline: list all ids in order        {base * 1000:7.1f} ms")
            for label, query in (("2-char 律师 (scan path)", "律师"), ("5-char 律师事务所 (trigram)", "律师事务所"),
                                 ("2 words 起诉 单位", "起诉 单位"), ("English 'voicemail'", "voicemail"),
                                 ("no match 不存在", "不存在")):
                seconds, ids = timed(lambda q=query: ws.search.search_ids(case_id, q))
                print(f"search {label:<28} {seconds * 1000:7.1f} ms  = {seconds / base:4.1f}x baseline"
                      f"  ({len(ids)} hits)")
            seconds, events = timed(lambda: ws.events.list(case_id), repeat=3)
            print(f"ws.events.list (all {len(events)} events)  {seconds * 1000:7.0f} ms")
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), "show", str(case_id),
                              "--json"], capture_output=True, check=True)
        print(f"papertrail show --json (process)        {(time.perf_counter() - t0) * 1000:7.0f} ms  "
              f"({len(out.stdout) / 1e6:.1f} MB of JSON)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
