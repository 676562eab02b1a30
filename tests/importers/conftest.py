"""Fixtures for the importer tests: a case to import into."""

from __future__ import annotations

import pytest


@pytest.fixture
def case_id(workspace) -> int:
    return workspace.cases.create("Import test", "CN").id
