"""The real command line in a subprocess, and what a clean failure looks like (shared by the hostile tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HANG_S = 30  # the Done-when line: no hang past 30 s


def run_cli(data: Path, *args: str, env: dict[str, str] | None = None,
            timeout: float = HANG_S) -> subprocess.CompletedProcess[str]:
    """`papertrail --data-dir DATA --lang en ARGS` as a real process; a hang fails the test (TimeoutExpired)."""
    full = {**os.environ, "PAPERTRAIL_HOME": "", "LANG": "en_US.UTF-8", "LANGUAGE": "en", **(env or {})}
    return subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), "--lang", "en", *args],
                          capture_output=True, text=True, env=full, timeout=timeout, stdin=subprocess.DEVNULL)


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback, no "unexpected error" (exit 70), no raw Python warning on stderr."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode != 70, result.stderr
    assert "Warning:" not in result.stderr and "warnings.warn" not in result.stderr, result.stderr
