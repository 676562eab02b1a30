"""The importer's one documented error: a file we cannot read, named with where and why."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.errors import AppError


class ImportFormatError(AppError):
    """A file is not in a format we import, or is damaged before its first complete record.

    The message is one sentence naming the file, the line or record, and the problem, e.g.
    "calls.xml, line 3: the XML is broken (not well-formed (invalid token))".
    """

    def __init__(self, path: Path | str, problem: str, where: str = "") -> None:
        self.path = Path(path)
        self.where = where
        self.problem = problem
        place = f"{self.path.name}, {where}" if where else self.path.name
        super().__init__(f"{place}: {problem}")
