"""Where the importer tests' fixture files are (copied from /work/shared/fixtures, each LICENSE beside them)."""

from __future__ import annotations

from pathlib import Path

IMPORTS = Path(__file__).resolve().parent.parent / "fixtures" / "imports"
SAMPLES = IMPORTS / "samples"
PUBLIC = IMPORTS / "public"
