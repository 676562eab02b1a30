"""How long building the demo cases takes (prints numbers; no assertions).

Baseline, measured in the same run: a case with the same number of plain events and no files,
so the ratio shows what generating and storing the evidence costs on this machine.

    /work/venv/bin/python bench/bench_demo.py
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.core.demo import ensure_demo
from desktop_app.core.services.workspace import Workspace


def _baseline(folder: Path, events: int) -> float:
    with Workspace.open(folder) as ws:
        start = time.perf_counter()
        with ws.db.transaction():
            case = ws.cases.create("baseline", "CN")
            for i in range(events):
                ws.events.insert(case.id, "call", datetime(2026, 2, 16, 9) + timedelta(hours=i),
                                 contact_value="170 1234 5678", call_outcome="missed", summary="x")
        return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("cn", "us"):
            times = []
            for run in range(3):
                with Workspace.open(root / f"{name}{run}") as ws:
                    start = time.perf_counter()
                    case_id = ensure_demo(ws, name)
                    times.append(time.perf_counter() - start)
                    n = ws.events.count(case_id)
            base = min(_baseline(root / f"base-{name}{i}", n) for i in range(3))
            best = min(times)
            print(f"demo {name}: {n} events, best of 3 {best:.3f} s; plain-events baseline {base:.3f} s; "
                  f"ratio {best / base:.1f}x")


if __name__ == "__main__":
    main()
