"""Benchmark: import a generated 100,000-call SMS Backup & Restore backup.

Prints, all measured in this one run (each step in its own subprocess, so memory is per step):
- the time the standard library's iterparse takes merely to read the file (the baseline),
- the time and peak memory (ru_maxrss) of `run_import(..., all=True)` into a fresh data folder,
- the storage floor: the same number of rows, made up front, written with the import's own
  `insert_imported` batches and indexed for search with `index_import` (no parsing or checks),
and the ratios.  Usage:  python bench/bench_import.py [CALLS]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "importers"))

from backup_gen import write_calls  # noqa: E402

BASELINE = """
import sys, xml.etree.ElementTree as ET
n = 0
for _event, elem in ET.iterparse(sys.argv[1]):
    if elem.tag == "call":
        n += 1
        elem.clear()
print(n)
"""

IMPORT = """
import sys
from desktop_app.core.services.workspace import Workspace
from desktop_app.core.importers import run_import
ws = Workspace.open(sys.argv[2])
case_id = ws.cases.create("bench").id
result = run_import(ws, case_id, [sys.argv[1]], all=True)
print(result.imported)
"""

FLOOR = """
import sys
from desktop_app.core.services.workspace import Workspace
ws = Workspace.open(sys.argv[2])
case_id = ws.cases.create("floor").id
n = int(sys.argv[1])
with ws.db.transaction() as conn:
    import_id = conn.execute("INSERT INTO imports(case_id, at, importer) VALUES (?, '2024', 'floor')",
                             (case_id,)).lastrowid
    parties = [ws.parties.add(case_id, "170 0000 00%02d" % k, "unknown", numbers=["170000000%02d" % k]).id
               for k in range(50)]
    # The rows an import of this backup writes (EventService.IMPORT_COLUMNS), made without parsing or checks.
    rows = [(case_id, "call", "2023-11-15T06:19:00+08:00", 1700000340 + i, 0, "Asia/Shanghai", i % 60,
             "incoming", "missed", parties[i % 50], "170000000%02d" % (i % 50), "+86170000000%02d" % (i % 50), "",
             '{"sim": "1"}', "sbr_calls", "calls-bench.xml", "0" * 64, "%040x" % (i * 2654435761 % 2**160),
             import_id, "2024", "2024") for i in range(n)]
    for start in range(0, n, 2000):
        ws.events.insert_imported(rows[start:start + 2000])
    ws.search.index_import(import_id)
print(n)
"""


def run(code: str, *args: str) -> tuple[float, float, str]:
    """(seconds, peak resident MB of that child, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    out = proc.stdout.read() if proc.stdout else ""
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"step failed with exit code {proc.returncode}")
    return seconds, usage.ru_maxrss / 1024, out.strip()  # ru_maxrss is in KiB on Linux


def xml_reader(backup: Path) -> str:
    """Which parser the import uses for this file (xmlstream.plain_prolog decides)."""
    import pyexpat

    from desktop_app.core.importers import xmlstream

    with open(backup, "rb") as fh:
        plain = xmlstream.plain_prolog(xmlstream._read_head(fh))
    return f"the C parser ({pyexpat.EXPAT_VERSION.replace('_', ' ')})" if plain else "defusedxml"


def main() -> int:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        backup = write_calls(Path(folder) / "calls-bench.xml", calls)
        size_mb = backup.stat().st_size / 1e6
        base_s, base_mb, n = run(BASELINE, str(backup))
        assert int(n) == calls
        imp_s, imp_mb, n = run(IMPORT, str(backup), str(Path(folder) / "data"))
        assert int(n) == calls, n
        floor_s, _floor_mb, _n = run(FLOOR, str(calls), str(Path(folder) / "floor"))
        xml_path = xml_reader(backup)  # after the steps: a forked child's peak memory starts at its parent's
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"backup: {calls} calls, {size_mb:.1f} MB; the import reads it with {xml_path}")
    print(f"iterparse read only:       {base_s:6.2f} s   peak {base_mb:6.1f} MB")
    print(f"run_import (all numbers):  {imp_s:6.2f} s   peak {imp_mb:6.1f} MB   (limit 150 MB)")
    print(f"storage floor (write+index):{floor_s:5.2f} s")
    print(f"ratio import / iterparse:  {imp_s / base_s:6.1f}x  (target 2x)")
    print(f"ratio floor / iterparse:   {floor_s / base_s:6.1f}x  (storage alone, no parsing or checks)")
    print(f"ratio import / floor:      {imp_s / floor_s:6.1f}x")
    print(f"RUSAGE_CHILDREN max rss:   {children_mb:6.1f} MB (largest child)")
    return 0 if imp_mb < 150 else 1


if __name__ == "__main__":
    sys.exit(main())
