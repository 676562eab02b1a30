"""Every fixture file imports, or fails with a clear message naming it (never a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_paths import IMPORTS

from desktop_app.core.importers import ImportFormatError, preview, run_import

SKIP = {"LICENSE", "SOURCES.txt", "README.md", "MANIFEST.tsv", "xml-reference.md"}
FILES = sorted(p for p in IMPORTS.rglob("*") if p.is_file() and p.name not in SKIP)
#: Files that are not in a format we import (each must fail with a message naming it).
UNSUPPORTED = {"malformed.xml"}


def test_the_fixture_copy_is_complete() -> None:
    assert len(FILES) >= 40
    for folder in (IMPORTS / "public").iterdir():
        assert (folder / "LICENSE").is_file(), folder


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(IMPORTS)) for p in FILES])
def test_fixture_imports_or_fails_clearly(workspace, case_id: int, path: Path) -> None:
    if path.name in UNSUPPORTED:
        with pytest.raises(ImportFormatError) as info:
            run_import(workspace, case_id, [path], all=True)
        assert str(info.value).startswith(path.name) and "\n" not in str(info.value)
        found = preview(workspace, case_id, [path])
        assert found.files[0].error
        return
    found = preview(workspace, case_id, [path])
    (report,) = found.files
    assert report.format not in ("unsupported", "csv") and not report.error, report.error
    result = run_import(workspace, case_id, [path], all=True)
    assert result.imported + result.duplicates + result.skipped + len(result.recordings_unmatched) >= min(
        report.records, 1) or report.records == 0
    again = run_import(workspace, case_id, [path], all=True)
    assert again.imported == 0
