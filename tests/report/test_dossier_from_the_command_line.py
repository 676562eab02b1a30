"""Issue 14's first Done-when line, end to end as a user would do it: a case built only with the
command line (`new-case`, `edit-case`, `add`) from long, multi-line, Extension-B, bidi and emoji
text, turned into complaint PDFs, and every line of every field found in the extracted text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from report_case_builder import squash
from test_nothing_dropped import body_text

from desktop_app.core.report.fonts import visible_controls

SENTENCES = "".join(f"第{i:03d}句：他说明天带人去你单位𠮷𡈽𪚥😡，" for i in range(190))  # ~5,000 characters
ENGLISH = "".join(f"Line {i:03d}: he said they would tell my boss. " for i in range(110))[:5000]


def cli(data: Path, *args: str) -> str:
    env = {**os.environ, "PAPERTRAIL_HOME": "", "LANG": "en_US.UTF-8", "LANGUAGE": "en"}
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), *args],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("cli-dossier")
    data = folder / "data"
    case = json.loads(cli(data, "new-case", "--title", "命令行建的案件", "--json"))["id"]
    fields = {
        "statement": f"本人陈述第一段。\n{SENTENCES}\n\n最后一段：\u202e反转的文字\u202c与 tab\t之后。",
        "request": "请求：" + SENTENCES[:900],
        "summary": "夜间来电：" + SENTENCES,
        "quote1": "你这种人就是骗子，借钱不还的老赖",
        "quote2": "If you don't pay, the sheriff will come to your job and arrest you",
        "quote3": "第三行 𠮷野家 😀 mixed English 和中文 12345",
        "body": f"短信第一行\n{ENGLISH}\n第三行：文件名 evil\u202egpj.exe",
        "visit": "两人上门 \u2067隔离\u2069 𪚥",
        "visit_quote": "开门！我们知道你在家\n不开门就天天来",
    }
    statement = folder / "statement.txt"
    statement.write_text(fields["statement"], "utf-8")
    cli(data, "edit-case", str(case), "--statement-file", str(statement), "--request", fields["request"],
        "--borrower-name", "林晓雯", "--platform", "乐享分期")
    cli(data, "add", str(case), "--kind", "call", "--time", "2026-03-03T22:15", "--number", "171 1234 0826",
        "--outcome", "answered", "--summary", fields["summary"], "--quote", fields["quote1"],
        "--quote", fields["quote2"], "--quote", fields["quote3"], "--conduct", "abuse")
    cli(data, "add", str(case), "--kind", "message", "--time", "2026-03-04T09:00", "--number", "10690000",
        "--body", fields["body"])
    cli(data, "add", str(case), "--kind", "visit", "--time", "2026-03-05T19:30", "--summary", fields["visit"],
        "--quote", fields["visit_quote"], "--conduct", "visit_without_notice", "--detail", "people_count=2")
    return data, {**fields, "case_id": str(case)}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_line_of_every_field_reaches_the_pdf(built: tuple[Path, dict[str, str]], tmp_path: Path,
                                                   lang: str) -> None:
    data, fields = built
    fields = dict(fields)
    case_id = fields.pop("case_id")
    out = tmp_path / f"complaint-{lang}.pdf"
    report = json.loads(cli(data, "report", case_id, "--kind", "complaint", "--lang", lang, "-o", str(out),
                            "--json"))
    assert report["paths"] == [str(out)]
    flat = body_text(out)
    for name, value in fields.items():
        for line in value.split("\n"):
            if line.strip():
                # Bidi and control characters are printed visibly ([U+202E]), never obeyed.
                assert squash(visible_controls(line)) in flat, (lang, name, line[:50])
    assert "\u202e" not in flat and "\u2067" not in flat
