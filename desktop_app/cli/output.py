"""Printing for the command line: JSON for machines, short lines for people."""

from __future__ import annotations

import json
import sys
from typing import Any

from desktop_app.core.domain.serialize import jsonable


def emit_json(value: Any) -> None:
    json.dump(jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def emit(line: str = "") -> None:
    print(line)
