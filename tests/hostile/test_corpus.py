"""The hostile-input corpus (issue 13, "Done when"): every input imported with `import 1 FILE --all`:
0 tracebacks, 0 exit-70 "unexpected" errors, 0 hangs past 30 s, 0 partial imports.

Most inputs go through the command line's own `main()` in this process (fast, with an alarm as the
hang guard); the FIFOs, the terminal-attack names and a fixed sample of the rest go through a real
`papertrail` process with a 30 s timeout."""

from __future__ import annotations

import io
import json
import random
import signal
import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hostile_cli import HANG_S, run_cli
from hostile_corpus import TOKEN_LIMIT, Item, write_corpus

from desktop_app.cli.main import main

SUBPROCESS_SAMPLE = 12


class HangError(Exception):
    pass


@contextmanager
def _hang_guard(seconds: int) -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):  # Windows: no alarm (and no FIFOs to hang on)
        yield
        return

    def fire(signum, frame):
        raise HangError
    previous = signal.signal(signal.SIGALRM, fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _counts(data_dir: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(f"file:{data_dir / 'papertrail.sqlite3'}?mode=ro", uri=True)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("events", "imports", "evidence"))
    finally:
        conn.close()


def _in_process(data_dir: Path, path: Path) -> tuple[int, str, str, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    with warnings.catch_warnings(record=True) as caught, redirect_stdout(out), redirect_stderr(err), \
            _hang_guard(HANG_S):
        warnings.simplefilter("always")
        code = main(["--data-dir", str(data_dir), "--lang", "en", "import", "1", str(path), "--all", "--json"])
    return code, out.getvalue(), err.getvalue(), [f"{w.category.__name__}: {w.message}" for w in caught]


def _check(item: Item, code: int, out: str, err: str, before: tuple, after: tuple) -> list[str]:
    """What is wrong with one import's outcome ([] when nothing)."""
    name = item.path.name
    problems = []
    if "Traceback" in err or code == 70 or "unexpected error" in err:
        problems.append(f"{name!r}: exit {code}, stderr {err!r}")
    if code == 0:
        doc = json.loads(out)
        if after[0] - before[0] != doc["imported"] or after[1] - before[1] != 1:
            problems.append(f"{name!r}: said {doc['imported']} imported, events {before} -> {after}")
    else:
        lines = err.splitlines()
        if len(lines) != 1 or not lines[0].startswith("papertrail: "):
            problems.append(f"{name!r}: exit {code} without one clear line: {err!r}")
        if after != before:
            problems.append(f"{name!r}: failed (exit {code}) but changed the database: {before} -> {after}")
    return problems


def test_the_hostile_corpus(case_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERTRAIL_XML_TOKEN_LIMIT", str(TOKEN_LIMIT))
    items = write_corpus(tmp_path / "corpus")
    assert len(items) >= 100
    rng = random.Random(13)
    ordinary = [i for i in items if not i.subprocess_only]
    attacks = [i for i in ordinary if any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\u202e\u2066"
                                          for c in i.path.name)]
    by_process = {i.path for i in items if i.subprocess_only} | {i.path for i in attacks} | {
        i.path for i in rng.sample(ordinary, SUBPROCESS_SAMPLE)}
    problems: list[str] = []
    outcomes: dict[str, int] = {}
    for item in items:
        before = _counts(case_dir)
        if item.path in by_process:
            result = run_cli(case_dir, "import", "1", str(item.path), "--all", "--json",
                             env={"PAPERTRAIL_XML_TOKEN_LIMIT": str(TOKEN_LIMIT)})
            code, out, err, raw_warnings = result.returncode, result.stdout, result.stderr, []
        else:
            code, out, err, raw_warnings = _in_process(case_dir, item.path)
        problems += _check(item, code, out, err, before, _counts(case_dir))
        problems += [f"{item.path.name!r}: a raw warning escaped: {w}" for w in raw_warnings]
        outcomes[item.path.name] = code
    assert problems == []
    conn = sqlite3.connect(case_dir / "papertrail.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    # The corpus is not all refused: the valid and the damaged-but-readable files import.
    assert sum(1 for c in outcomes.values() if c == 0) >= 40
    assert outcomes["calls-valid.xml"] == 0 and outcomes.get("fifo.xml", 2) == 2
