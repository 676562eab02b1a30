"""The built-in demo cases: a realistic, fictitious Chinese case (and an English US one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

DEMOS = ("cn", "us")


def ensure_demo(ws: Workspace, name: str = "cn") -> int:
    """Create the named demo case unless it exists; return its id (idempotent)."""
    from desktop_app.core.demo.builder import build_demo

    existing = ws.cases.find_demo(name)
    if existing is not None:
        return existing
    return build_demo(ws, name)
