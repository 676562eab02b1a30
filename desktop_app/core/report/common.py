"""What every PDF builder shares: options, result, the dispatcher and small helpers.

How to use (negotiation helper): implement, in desktop_app/core/report/negotiation.py,

    def build_negotiation(ws, case_id: int, options: ReportOptions, out_path: Path,
                          progress: ProgressFn, cancel: CancelToken) -> ReportResult

and `build_report(..., ReportOptions(kind="negotiation", …))` will call it.  Inside, use
`selected_events(ws, case_id, options)` (date range + include/exclude already applied),
`Redactor(ws, case_id, options)` for names and numbers of third parties, `fmt_datetime()`
for times with their UTC offset, and write through `atomic_output(out_path, ws.layout.root)`
so a cancel, an error or a kill never leaves a half-written PDF behind (see staging.py):

    with atomic_output(out_path, ws.layout.root) as tmp:
        doc = layout.ReportDoc(tmp, lang=options.lang, paper=options.paper, …)
        doc.build(story)
    return ReportResult([out_path], doc.page_count, out_path.stat().st_size, warnings)
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.domain.enums import PartyRole
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.models import Event, Evidence, Party
from desktop_app.core.domain.phones import masked
from desktop_app.core.errors import FileInputError, ValidationError
from desktop_app.core.i18n import LANGUAGES, N_, _, translator
from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

KINDS = ("complaint", "negotiation")
PAPERS = ("a4", "letter")


@dataclass(slots=True)
class ReportOptions:
    kind: str = "complaint"  # complaint | negotiation
    lang: str = "zh_CN"  # zh_CN | zh_TW | en — the document's language, independent of the UI's
    paper: str = "a4"  # a4 | letter
    date_from: date | None = None  # inclusive, in each event's local date
    date_to: date | None = None  # inclusive
    include_event_ids: set[int] | None = None  # None: every event (in the date range)
    exclude_event_ids: set[int] = field(default_factory=set)
    include_evidence_ids: set[int] | None = None  # None: every exhibit
    exclude_evidence_ids: set[int] = field(default_factory=set)
    redact_third_parties: bool = False  # mask third parties' names and numbers
    full_text: bool = True  # False: message bodies cut to `excerpt_chars`
    excerpt_chars: int = 200
    max_mb: float = 10.0  # the e-mail budget; the dossier is split into volumes above it
    with_exhibits: bool = True  # complaint: print the exhibits section
    # complaint: an exhibit whose vault file is missing or altered stops the report unless the user
    # chose to leave such exhibits out (the dossier then says which, and why)
    leave_out_unverified: bool = False

    def validate(self) -> ReportOptions:
        if self.kind not in KINDS:
            raise ValidationError(_("Unknown report kind {kind!r}; choose complaint or negotiation.").format(
                kind=self.kind), "kind")
        if self.lang not in LANGUAGES:
            raise ValidationError(_("Unknown document language {lang!r}; choose zh_CN, zh_TW or en.").format(
                lang=self.lang), "lang")
        if self.paper not in PAPERS:
            raise ValidationError(_("Unknown paper size {paper!r}; choose a4 or letter.").format(
                paper=self.paper), "paper")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationError(_("The start date is after the end date."), "date_from")
        if not self.max_mb or self.max_mb <= 0.2:
            raise ValidationError(_("The size limit must be more than 0.2 MB."), "max_mb")
        return self

    def event_selected(self, event: Event) -> bool:
        if event.id in self.exclude_event_ids:
            return False
        if self.include_event_ids is not None and event.id not in self.include_event_ids:
            return False
        day = event.start.date()
        if self.date_from and day < self.date_from:
            return False
        return not (self.date_to and day > self.date_to)

    def evidence_selected(self, evidence: Evidence) -> bool:
        if evidence.id in self.exclude_evidence_ids:
            return False
        return self.include_evidence_ids is None or evidence.id in self.include_evidence_ids


@dataclass(slots=True)
class ReportResult:
    paths: list[Path]  # one per volume, in order
    pages: int  # all volumes together
    size: int  # bytes, all volumes together
    warnings: list[str] = field(default_factory=list)  # translated sentences for the user

    @property
    def volumes(self) -> int:
        return len(self.paths)

    def to_json(self) -> dict[str, Any]:
        return {"paths": [str(p) for p in self.paths], "pages": self.pages, "bytes": self.size,
                "volumes": self.volumes, "warnings": list(self.warnings)}


def build_report(ws: Workspace, case_id: int, options: ReportOptions, out_path: Path | str,
                 progress: ProgressFn = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> ReportResult:
    """Build the PDF `options.kind` asks for.  Runs off the GUI thread; honours `cancel`."""
    options.validate()
    out_path = Path(out_path)
    if out_path.is_dir():
        raise FileInputError(out_path, "is a folder; give a file name ending in .pdf")
    if not out_path.parent.exists():
        raise FileInputError(out_path.parent, "no such folder")
    ws.cases.get(case_id)  # a clear NotFoundError before any work
    if options.kind == "negotiation":
        from desktop_app.core.report.negotiation import build_negotiation

        return build_negotiation(ws, case_id, options, out_path, progress, cancel)
    from desktop_app.core.report.complaint import build_complaint

    return build_complaint(ws, case_id, options, out_path, progress, cancel)


@contextlib.contextmanager
def atomic_output(out_path: Path | str, data_root: Path | None = None) -> Iterator[Path]:
    """A temporary file in the data folder's staging area, published onto `out_path` (0600,
    atomically) only if the block succeeds; see staging.py for what a kill leaves and who sweeps it."""
    from desktop_app.core.report.staging import staging

    out_path = Path(out_path)
    with staging(data_root, out_path.parent) as stage:
        tmp = stage.path(out_path.name)
        yield tmp
        stage.publish(tmp, out_path)


def selected_events(ws: Workspace, case_id: int, options: ReportOptions) -> list[Event]:
    return [e for e in ws.events.list(case_id) if options.event_selected(e)]


def fmt_datetime(value: datetime | None, with_offset: bool = True) -> str:
    """'2026-03-02 23:14 +08:00' — local wall time and its offset, as the borrower lived it."""
    if value is None:
        return ""
    text = value.strftime("%Y-%m-%d %H:%M")
    if with_offset and value.utcoffset() is not None:
        offset = value.strftime("%z")
        text += f" {offset[:3]}:{offset[3:]}"
    return text


def fmt_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def fmt_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


THIRD_PARTY_ALIAS = N_("Third party {letter} ({relationship})")


class Redactor:
    """Names and numbers as printed: third parties masked when the options ask for it."""

    def __init__(self, parties: list[Party], options: ReportOptions) -> None:
        self._ = translator(options.lang)
        self.redact = options.redact_third_parties
        self.parties = {p.id: p for p in parties}
        self._third_party_keys: set[str] = set()
        self._compiled: list[tuple[re.Pattern[str], str]] | None = None
        self._aliases: dict[int, str] = {}
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        for index, party in enumerate(p for p in parties if p.role == PartyRole.THIRD_PARTY):
            rel = label(party.relationship, self._) if party.relationship else label(PartyRole.THIRD_PARTY, self._)
            letter = letters[index % 26] + (str(index // 26) if index >= 26 else "")
            self._aliases[party.id] = self._(THIRD_PARTY_ALIAS).format(letter=letter, relationship=rel)
            self._third_party_keys.update(cp.key for cp in party.contact_points)

    def is_third_party(self, party_id: int | None) -> bool:
        party = self.parties.get(party_id) if party_id is not None else None
        return party is not None and party.role == PartyRole.THIRD_PARTY

    def name(self, party_id: int | None) -> str:
        if party_id is None or party_id not in self.parties:
            return ""
        if self.redact and party_id in self._aliases:
            return self._aliases[party_id]
        return self.parties[party_id].name

    def number(self, value: str, party_id: int | None = None, key: str = "") -> str:
        if not value:
            return ""
        if self.redact and (self.is_third_party(party_id) or (key and key in self._third_party_keys)):
            return masked(value)
        return value

    def _patterns(self) -> list[tuple[re.Pattern[str], str]]:
        """(pattern, replacement) for every third party's names and numbers, longest first.

        A name is matched as entered and without its bracketed note ("陈秀兰（母亲）" → "陈秀兰"),
        since that is how people write it in a statement; a number is matched however it is
        spaced or dashed ("171 3357 0826", "17133570826", "+86 171-3357-0826")."""
        if self._compiled is not None:
            return self._compiled
        pairs: dict[str, tuple[re.Pattern[str], str]] = {}
        for party_id, alias in self._aliases.items():
            party = self.parties[party_id]
            core = re.split(r"[（(]", party.name, maxsplit=1)[0].strip()
            for name in {party.name.strip(), core}:
                if len(name) >= 2:
                    pairs[name] = (re.compile(re.escape(name)), alias)
            for cp in party.contact_points:
                digits = re.sub(r"\D", "", cp.value)
                if len(digits) >= 5:
                    national = digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
                    body = r"[\s\-]?".join(map(re.escape, national))
                    pairs[national] = (re.compile(rf"(?:\+?86[\s\-]?)?(?<!\d){body}(?!\d)"), masked(cp.value))
        self._compiled = [pairs[k] for k in sorted(pairs, key=len, reverse=True)]
        return self._compiled

    def text(self, text: str) -> str:
        """Free text with third parties' names and numbers masked (when redacting)."""
        if not self.redact or not text:
            return text
        for pattern, replacement in self._patterns():
            text = pattern.sub(replacement, text)
        return text
