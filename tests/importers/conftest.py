"""Fixtures for the importer tests: the copied sample files and a case to import into."""

from __future__ import annotations

from pathlib import Path

import pytest

IMPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "imports"
SAMPLES = IMPORTS / "samples"
PUBLIC = IMPORTS / "public"


@pytest.fixture
def case_id(workspace) -> int:
    return workspace.cases.create("Import test", "CN").id
