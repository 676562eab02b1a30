"""What the importers hand to the import service, and what the service hands back.

Parsers turn a file into `Record`s (one call, message or chat line each, with the number as the
phone wrote it) and note problems on the file's `FileReport`.  They never touch the database:
the service decides which numbers to import and writes them in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop_app.core.domain.enums import CallOutcome, Direction, EventKind
from desktop_app.core.domain.phones import NumberInfo
from desktop_app.core.i18n import _

_NO_VALUE = object()  # skip_undated: "no value to show", distinct from a value of None


@dataclass(slots=True)
class Attachment:
    """An MMS part (or similar) carried inside a backup file."""

    name: str
    mime: str
    data: bytes


@dataclass(slots=True)
class Record:
    kind: EventKind
    when: datetime  # aware
    number: str  # the other side as the phone wrote it ("" or "-2" when withheld)
    direction: Direction | None = None
    outcome: CallOutcome | None = None
    duration_s: int | None = None
    body: str = ""
    contact_name: str = ""  # the name the phone showed ("" when none)
    details: dict[str, Any] = field(default_factory=dict)
    where: str = ""  # "record 12" / "line 40", for messages
    attachments: list[Attachment] = field(default_factory=list)


@dataclass(slots=True)
class FileReport:
    """One input file: its format, hash and what parsing it found."""

    path: Path
    format: str  # see detect.FORMATS
    sha256: str = ""
    size: int = 0
    records: int = 0  # complete records read (imported or not)
    skipped: int = 0  # records that could not be used (no date, draft, empty…)
    warnings: list[str] = field(default_factory=list)
    stopped_at: str = ""  # where a truncated file ended ("line 136")
    error: str = ""  # why the file cannot be imported at all
    error_where: str = ""  # the line or record the error is at, when known
    explicit: bool = True  # named by the user (not found inside a folder)
    columns: list[str] = field(default_factory=list)  # generic CSV: its header, for the mapping step
    bytes_done: int = 0  # progress through the file while parsing

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def message(self) -> str:
        """The error as one sentence naming the file (and line), as ImportFormatError words it."""
        place = f"{self.name}, {self.error_where}" if self.error_where else self.name
        return f"{place}: {self.error}" if self.error else ""

    def skip_undated(self, where: str, value: object = _NO_VALUE) -> None:
        """Count a record that has no usable date and say so (with the raw value, when there is one)."""
        self.skipped += 1
        if value is _NO_VALUE:
            self.warn(_("{file}, {where}: no usable date; skipped.").format(file=self.name, where=where))
        else:
            self.warn(_("{file}, {where}: no usable date ({value!r}); skipped.").format(
                file=self.name, where=where, value=value))

    def warn(self, text: str) -> None:
        # A huge damaged file could warn on every record; keep the report readable.
        if len(self.warnings) < 200:
            self.warnings.append(text)
        elif len(self.warnings) == 200:
            self.warnings.append(f"{self.name}: …")


@dataclass(slots=True)
class FoundNumber:
    """One number (grouping key) seen in the files, for the preview's table."""

    key: str
    number: str  # display form
    type: str  # phones.NumberType value
    info: NumberInfo | None = None  # for the place (归属地), looked up only when shown
    calls: int = 0
    messages: int = 0
    chats: int = 0
    recordings: int = 0
    first: datetime | None = None
    last: datetime | None = None
    contact_name: str = ""
    party_id: int | None = None
    party_name: str = ""
    reasons: list[str] = field(default_factory=list)  # collectors.REASONS codes
    looks_like_collector: bool = False
    in_contacts: bool = False  # the phone had a contact name for it (likely the user's own contact)

    @property
    def count(self) -> int:
        return self.calls + self.messages + self.chats

    @property
    def location(self) -> str:
        """Where the number is registered ("广东深圳", "New York, NY"), or "".  A property, because the
        place data takes half a second to load and an import that shows no list does not need it."""
        return self.info.location if self.info is not None else ""


@dataclass(slots=True)
class ImportPreview:
    case_id: int
    files: list[FileReport] = field(default_factory=list)
    numbers: list[FoundNumber] = field(default_factory=list)  # most contacts first
    first: datetime | None = None
    last: datetime | None = None
    records: int = 0
    recordings: int = 0
    images: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def suggested(self) -> list[str]:
        """Keys pre-ticked in the preview: the numbers that look like collectors."""
        return [n.key for n in self.numbers if n.looks_like_collector]

    @property
    def needs_mapping(self) -> list[FileReport]:
        return [f for f in self.files if f.format == "csv"]


@dataclass(slots=True)
class ImportResult:
    imported: int = 0
    duplicates: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    evidence: list[int] = field(default_factory=list)  # evidence ids stored or linked
    import_id: int | None = None
    dry_run: bool = False
    parties_created: list[int] = field(default_factory=list)
    recordings_linked: int = 0
    recordings_unmatched: list[str] = field(default_factory=list)  # file names
    files: list[FileReport] = field(default_factory=list)
    numbers: list[FoundNumber] = field(default_factory=list)

    @property
    def stopped_at(self) -> list[dict[str, str]]:
        return [{"file": f.name, "where": f.stopped_at} for f in self.files if f.stopped_at]
