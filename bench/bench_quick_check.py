"""What the database check at open costs: PRAGMA quick_check and integrity_check on 100,000 events.

    python bench/bench_quick_check.py [N_EVENTS] [--rounds 5]

Builds a case of N events (default 100,000) with `make_big_case.build` in a temporary folder,
then times, alternately so machine load hits all alike: opening the workspace with no check (the
file unchanged since a clean close), `PRAGMA quick_check`, `PRAGMA integrity_check` (what `verify`
runs), and a checked backup.  Prints the medians and the file's size.  Workspace.open runs
quick_check only once a day, after an unclean shutdown, or when the file changed behind its back
(core/storage/health.py), so the usual open pays the first row only.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_big_case import build  # noqa: E402

from desktop_app.core.services.workspace import Workspace  # noqa: E402
from desktop_app.core.storage import backups  # noqa: E402


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("events", nargs="?", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        _case, seconds = build(data, args.events)
        print(f"built {args.events:,} events in {seconds:.1f} s")
        db = data / "papertrail.sqlite3"
        with Workspace.open(data, daily_backup=False):
            pass  # a clean close notes the file as checked
        print(f"database: {db.stat().st_size / 1e6:.1f} MB")

        def open_unchecked() -> None:
            with Workspace.open(data, daily_backup=False) as ws:
                ws.cases.list()

        def pragma(name: str):
            def run() -> None:
                conn = sqlite3.connect(db)
                assert conn.execute(f"PRAGMA {name}").fetchone()[0] == "ok"
                conn.close()
            return run

        def checked_backup() -> None:
            conn = sqlite3.connect(db)
            path = backups.backup(conn, data / "bench-backups", "bench")
            conn.close()
            path.unlink()

        rows = {"open + list cases, no check (the usual start)": open_unchecked,
                "PRAGMA quick_check (at open, when there is a reason)": pragma("quick_check"),
                "PRAGMA integrity_check (papertrail verify)": pragma("integrity_check"),
                "backup + quick_check of the copy (daily, before imports)": checked_backup}
        times: dict[str, list[float]] = {name: [] for name in rows}
        for _ in range(args.rounds):
            for name, fn in rows.items():
                times[name].append(timed(fn))
        for name, values in times.items():
            print(f"{statistics.median(values) * 1000:8.0f} ms  {name}")


if __name__ == "__main__":
    main()
