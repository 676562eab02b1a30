"""Item 14: control and bidi characters in file names are shown escaped on the terminal and in GUI labels,
never obeyed (a name could clear the screen, forge an output line, or reverse its own extension)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hostile_cli import assert_clean, run_cli
from import_paths import SAMPLES

from desktop_app.core.domain.display import escape_controls

CALLS = SAMPLES / "sbr" / "calls-20240314201507.xml"
# Clear the screen; a newline forging a "success" line; a right-to-left override turning "gpj.exe" around.
HOSTILE = ["\x1b[2Jcalls.xml", "x\npapertrail: 0 imported, all is well.txt", "IMG_20240314_201507\u202egpj.exe",
           "bell\x07\x9b31m\u2066.jpg"]


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F
            or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029"]


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b[2J", "\\x1b[2J"), ("a\nb\r", "a\\x0ab\\x0d"), ("tab\tstays", "tab\tstays"), ("\x7f\x9b", "\\x7f\\x9b"),
    ("\u202egpj.exe", "\\u202egpj.exe"), ("\u2066\u2069\u200e\u200f\u061c", "\\u2066\\u2069\\u200e\\u200f\\u061c"),
    ("催收通知 ok", "催收通知 ok"),
])
def test_escape_controls(raw: str, shown: str) -> None:
    assert escape_controls(raw) == shown


def test_cli_lines_show_hostile_names_escaped(case_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "phone"
    folder.mkdir()
    for name in HOSTILE:
        (folder / name).write_text("not a phone export\n")
    shutil.copy(CALLS, folder / "calls-20240314201507.xml")
    for args in ([], ["--all"]):
        result = run_cli(case_dir, "import", "1", str(folder), *args)
        assert_clean(result)
        assert result.returncode == 0
        assert _raw_controls(result.stdout + result.stderr) == []
        assert "\\x1b[2Jcalls.xml" in result.stdout and "IMG_20240314_201507\\u202egpj.exe" in result.stdout
        assert not any(line.startswith("papertrail: 0 imported") for line in result.stdout.splitlines())
    # A named file's error line on stderr is escaped too.
    result = run_cli(case_dir, "import", "1", str(folder / HOSTILE[1]), "--all")
    assert_clean(result)
    assert len(result.stderr.splitlines()) == 1 and "x\\x0apapertrail: 0 imported" in result.stderr


def test_json_keeps_names_as_data(case_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "phone"
    folder.mkdir()
    for name in HOSTILE:
        (folder / name).write_text("not a phone export\n")
    result = run_cli(case_dir, "import", "1", str(folder), "--json")
    assert_clean(result)
    names = {Path(f["path"]).name for f in json.loads(result.stdout)["files"]}
    assert names == set(HOSTILE)


@pytest.mark.gui
def test_gui_labels_show_names_escaped_and_as_plain_text(qtbot, workspace, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from desktop_app.ui.evidence.drop import TimelineDropDialog, plan_drop
    from desktop_app.ui.evidence.model import EvidenceModel
    from desktop_app.ui.evidence.preview import PreviewWidget
    from desktop_app.ui.evidence.thumbnails import ThumbnailCache
    from desktop_app.ui.import_dialog import PREVIEW, ImportDialog

    case_id = workspace.cases.create("Display", "CN").id
    name = "<b>bold<i>\u202egpj.exe\x1b[2J.png"
    picture = tmp_path / name
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    evidence = workspace.evidence.attach(case_id, [picture], [])[0]
    model = EvidenceModel(ThumbnailCache(None))
    model.set_items([evidence])
    shown = model.data(model.index(0), Qt.ItemDataRole.DisplayRole)
    assert "\\u202egpj.exe\\x1b[2J" in shown and _raw_controls(shown) == []
    tip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;i&gt;" in tip and _raw_controls(tip) == []
    preview = PreviewWidget()
    qtbot.addWidget(preview)
    preview.show_evidence(evidence)
    assert preview.title.textFormat() == Qt.TextFormat.PlainText and "<b>bold<i>\\u202e" in preview.title.text()
    drop = TimelineDropDialog(workspace, case_id, plan_drop(workspace, case_id, [picture]))
    qtbot.addWidget(drop)
    assert drop.table.item(0, 0).text() == "<b>bold<i>\\u202egpj.exe\\x1b[2J.png"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "\u202etxt.exe\nforged.xml").write_text("<unknown/>")
    dialog = ImportDialog(workspace, case_id, paths=[tmp_path / "in", CALLS])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW and dialog.task is None, timeout=20_000)
    assert dialog.file_notes.textFormat() == Qt.TextFormat.PlainText
    assert "\\u202etxt.exe\\x0aforged.xml" in dialog.file_notes.text()
