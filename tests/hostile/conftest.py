"""Fixtures for the hostile-input tests: a data folder with one case (helpers are in hostile_cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The importer tests' generators (backup_gen.py) are reused here rather than copied.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "importers"))


@pytest.fixture
def case_dir(data_dir: Path) -> Path:
    """A data folder holding case 1 (closed again before any subprocess opens it)."""
    from desktop_app.core.services.workspace import Workspace

    with Workspace.open(data_dir) as ws:
        ws.cases.create("Hostile input", "CN")
    return data_dir
