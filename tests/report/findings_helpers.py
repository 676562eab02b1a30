"""Shared by tests/report/test_findings_*.py: cases built through the services, the real command line
(`python -m desktop_app` in a subprocess) and the real PDF read back with pdftotext."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def cli(data: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PAPERTRAIL_HOME": "", "LANG": "en_US.UTF-8", "LANGUAGE": "en",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), "--lang", lang, *args],
                            capture_output=True, text=True, env=env, timeout=180, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result


def findings_json(data: Path, case_id: int, lang: str = "en") -> list[dict[str, Any]]:
    return json.loads(cli(data, "findings", str(case_id), "--json", lang=lang).stdout)


def pdf_text(data: Path, case_id: int, out: Path, lang: str) -> str:
    """The complaint's extracted text with line breaks and spaces removed (headings wrap anywhere)."""
    cli(data, "report", str(case_id), "--kind", "complaint", "--lang", lang, "-o", str(out))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", "", text)


def findings_part(flat: str, lang: str) -> str:
    """From the findings section's heading to the next section."""
    start = {"en": "Conductmeasuredagainsttherules", "zh_CN": "对照规则的认定", "zh_TW": "對照規則的認定"}[lang]
    end = {"en": "ComplaintsIhavealreadymade", "zh_CN": "我已提出的投诉", "zh_TW": "我已提出的投訴"}
    i = flat.rindex(start)  # the bookmark/contents may name it earlier; the section is the last one
    j = flat.find(end.get(lang, "\0"), i)
    return flat[i:j if j > 0 else None]


def log(ws: Any, case_id: int, when: str, kind: str = "call", **fields: Any) -> int:
    if kind == "call":
        fields.setdefault("call_outcome", "answered")
    if kind in ("call", "sms", "chat", "visit", "letter"):
        fields.setdefault("direction", "incoming")
    return ws.events.log(case_id, kind, datetime.fromisoformat(when), **fields).id
