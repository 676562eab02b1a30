"""What every PDF builder shares: options, result, the dispatcher and small helpers.

How to use (negotiation helper): implement, in desktop_app/core/report/negotiation.py,

    def build_negotiation(ws, case_id: int, options: ReportOptions, out_path: Path,
                          progress: ProgressFn, cancel: CancelToken) -> ReportResult

and `build_report(..., ReportOptions(kind="negotiation", …))` will call it.  Inside, use
`selected_events(ws, case_id, options)` (date range + include/exclude already applied),
`Redactor(parties, options)` for names and numbers of third parties, `fmt_datetime()`
for times with their UTC offset, and write through `atomic_output(out_path, ws.layout.root)`
so a cancel, an error or a kill never leaves a half-written PDF behind (see staging.py):

    with atomic_output(out_path, ws.layout.root) as tmp:
        doc = layout.ReportDoc(tmp, lang=options.lang, paper=options.paper, …)
        doc.build(story)
    return ReportResult([out_path], doc.page_count, out_path.stat().st_size, warnings)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from desktop_app.core.domain.enums import PartyRole, Relationship
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.models import Event, Evidence, Party
from desktop_app.core.domain.phones import redacted
from desktop_app.core.errors import FileInputError, ValidationError
from desktop_app.core.i18n import LANGUAGES, N_, _, translator
from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

T = TypeVar("T")
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
        raise FileInputError(out_path, _("is a folder; give a file name ending in .pdf"))
    if not out_path.parent.exists():
        raise FileInputError(out_path.parent, _("no such folder"))
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


REDACTION_NOTE = N_("Names and numbers of third parties are masked in the text of this copy: each third party is "
                    "named by a letter, and a number shows at most its last 4 digits. Images and recordings in the "
                    "exhibits are not redacted and may still show them.")


class Redactor:
    """Names and numbers as printed: third parties masked when the options ask for it.

    The dossier applies it once, at gather time, to everything it will print (`apply()`; see
    redaction.py for every written form it finds); after that `text()` has nothing left to do
    and `name()` / `number()` give the masked forms."""

    def __init__(self, parties: list[Party], options: ReportOptions, region: str = "CN",
                 keep_names: tuple[str, ...] = ()) -> None:
        from desktop_app.core.report.redaction import Matcher

        self._ = translator(options.lang)
        self.redact = options.redact_third_parties
        self.region = region
        self.applied = False  # True once the gathered data itself is redacted
        self.parties = {p.id: p for p in parties}
        self._third_party_keys: set[str] = set()
        self._aliases: dict[int, str] = {}
        self._masks: dict[str, str] = {}  # a third party's number or key → its mask
        self.matcher = Matcher(region)
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        for index, party in enumerate(p for p in parties if p.role == PartyRole.THIRD_PARTY):
            rel = label(party.relationship, self._) if party.relationship else label(PartyRole.THIRD_PARTY, self._)
            letter = letters[index % 26] + (str(index // 26) if index >= 26 else "")
            alias = self._(THIRD_PARTY_ALIAS).format(letter=letter, relationship=rel)
            self._aliases[party.id] = alias
            self.matcher.add_name(party.name, alias, organisation=party.relationship == Relationship.EMPLOYER)
            for cp in party.contact_points:
                self._third_party_keys.add(cp.key)
                mask = self.matcher.add_number(cp.value)
                self._masks[cp.value] = self._masks[cp.key] = mask
        for party in parties:
            if party.role != PartyRole.THIRD_PARTY:
                self.matcher.keep_name(party.name)
        for name in keep_names:
            self.matcher.keep_name(name)

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
        if not value or not self.redact:
            return value or ""
        if value in self._masks:
            return self._masks[value]
        if self.applied:
            return value  # already masked at gather time
        if self.is_third_party(party_id) or (key and key in self._third_party_keys):
            return redacted(value, self.region)
        return self.text(value)

    def text(self, text: str) -> str:
        """Free text with third parties' names and numbers masked (when redacting)."""
        if not self.redact or not text or self.applied:
            return text
        return self.matcher(text)

    def apply(self, value: T) -> T:
        """A copy of `value` (an event, a party, a case, a list of findings…) with every string
        in it redacted; third parties themselves get their alias and masked numbers."""
        from desktop_app.core.report.redaction import redact_tree

        if not self.redact:
            return value
        if isinstance(value, Party) and value.id in self._aliases:
            party = redact_tree(value, self.matcher)
            party.name = self._aliases[value.id]
            party.contact_points = [replace(cp, value=self._masks.get(cp.value, cp.value),
                                            key=self._masks.get(cp.key, cp.key)) for cp in value.contact_points]
            return party
        if isinstance(value, list):
            return [self.apply(v) for v in value]  # type: ignore[return-value]
        return redact_tree(value, self.matcher)


def case_redactor(ws: Workspace, case: Any, options: ReportOptions) -> Redactor:
    """The Redactor for one case: its parties, its jurisdiction's numbering, the complainant kept."""
    from desktop_app.core.domain.phones import region_for_jurisdiction

    return Redactor(ws.parties.list(case.id), options, region=region_for_jurisdiction(case.jurisdiction),
                    keep_names=(case.borrower_name,))


MISSING_GLYPHS = N_("These characters have no glyph in the PDF fonts and print as boxes (they still copy "
                    "out correctly): {chars}")


def missing_glyph_warnings(texts: list[str]) -> list[str]:
    """A warning (in the UI's language) naming characters of `texts` that no PDF font draws.

    `texts` is everything the document prints from the user's data (dossier.printed_strings()),
    not a list of fields, so a new field cannot escape the check."""
    from desktop_app.core.report import fonts

    unprintable = fonts.missing("\n".join(texts))
    if not unprintable:
        return []
    return [_(MISSING_GLYPHS).format(chars=" ".join(sorted(unprintable))[:80])]
