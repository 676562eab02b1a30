"""Run the command line as a user does (a real process) and look at a data folder's files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def cli_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PAPERTRAIL_HOME": "", "LANG": "en_US.UTF-8", "LANGUAGE": "en",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    env.update(extra)
    return env


def run(data: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=env or cli_env(), timeout=timeout)


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr
    return result


def one_clean_error(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Non-zero, not the 'unexpected error' exit (70), one line on stderr holding every needle."""
    assert result.returncode not in (0, 70), (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def vault_files(data: Path) -> dict[str, str]:
    """name -> sha256 of every evidence file, stored or set aside."""
    found = {}
    for folder in (data / "vault" / "objects", data / "vault" / "orphans"):
        for path in folder.rglob("*") if folder.is_dir() else ():
            if path.is_file():
                found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
