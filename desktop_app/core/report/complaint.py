"""The complaint dossier (投诉材料): builder, e-mail budget and volumes.

Order: cover · requests · facts in brief (+ chart, + the user's statement) · chronology ·
breaches by rule · earlier complaints · evidence index · message texts · exhibits ·
declaration · how-to-verify appendix.

The budget (`options.max_mb`, 10 MB by default, what most mail systems accept): photos are
downscaled and recompressed for the PDF (the vault's originals are never touched), stepping
down the `images.TIERS` until the estimate fits.  If even the smallest photos do not fit, the
exhibits are spread over extra volumes (`<name>-vol2.pdf`, …), each under the budget, and the
cover of volume 1 lists them.  The sizes are then checked on the real files and the plan
corrected once or twice if the estimate was off.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from desktop_app.core import i18n
from desktop_app.core.domain.models import Evidence
from desktop_app.core.i18n import translator
from desktop_app.core.progress import CancelToken, ProgressFn
from desktop_app.core.report import exhibit_check, findings_section, fonts, layout, sections
from desktop_app.core.report import exhibits as ex
from desktop_app.core.report.common import ReportOptions, ReportResult, missing_glyph_warnings
from desktop_app.core.report.dossier import Dossier, gather, printed_strings
from desktop_app.core.report.images import TIERS, Prepared, is_image, prepare_all, shrink
from desktop_app.core.report.people import people
from desktop_app.core.report.staging import staging

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

VOLUME_OVERHEAD = 90_000  # fonts, cover and page furniture of an extra volume (bytes, measured ≈ 60 KB)
PER_EXHIBIT = 4_000  # an exhibit's heading, facts and hash lines
BASE_OVERHEAD = 120_000  # volume 1 without events or photos (fonts embedded and subset)
PER_EVENT = 350  # one chronology row, compressed (measured ≈ 290 B at 5,000 events)


def _volume_path(out_path: Path, number: int) -> Path:
    return out_path if number == 1 else out_path.with_name(f"{out_path.stem}-vol{number}{out_path.suffix}")


def _cost(v: Evidence, prepared: dict[str, Prepared]) -> int:
    item = prepared.get(v.sha256)
    size = PER_EXHIBIT + (item.size if item is not None and item.ok else 0)
    if v.mime.startswith("text/"):
        size += min(v.size, 80_000) // 2
    return size


def plan_volumes(items: list[Evidence], prepared: dict[str, Prepared], main_size: int,
                 budget: int) -> list[list[Evidence]]:
    """Exhibits per volume, in order; volume 1 also holds everything else (`main_size` bytes)."""
    volumes: list[list[Evidence]] = [[]]
    used = main_size
    for v in items:
        cost = _cost(v, prepared)
        if used + cost > budget and (volumes[-1] or len(volumes) == 1):
            volumes.append([])
            used = VOLUME_OVERHEAD
        volumes[-1].append(v)
        used += cost
    return volumes


def _story_main(d: Dossier, st, width: float, generated: datetime, plan: list[list[Evidence]],
                prepared: dict[str, Prepared], names: list[str]) -> list:
    lang = d.options.lang
    _ = translator(lang)
    where = {v.exhibit: n for n, vol in enumerate(plan, 1) for v in vol}

    def in_this(label: str) -> bool:
        return where.get(label) == 1

    def volume_of(label: str) -> int:
        return where.get(label, 1)

    listing = []
    for number, vol in enumerate(plan, 1):
        if number == 1:
            what = _("the dossier") + (f", {vol[0].exhibit}–{vol[-1].exhibit}" if vol else "")
        else:
            what = _("exhibits {first} to {last}").format(first=vol[0].exhibit, last=vol[-1].exhibit)
        listing.append((names[number - 1], what))
    story = sections.cover(d, st, width, generated, listing)
    story += sections.requests(d, st)
    story += sections.facts_section(d, st, width)
    story += people(d, st, width)
    story += sections.chronology(d, st, width, in_this)
    story += findings_section.findings(d, st, in_this)
    story += sections.prior_complaints(d, st, width)
    story += sections.entries_in_full(d, st)
    story += ex.evidence_index(d, st, width, in_this, volume_of)
    if d.options.with_exhibits:
        story += ex.messages(d, st)
        if plan[0]:
            story += ex.exhibit_pages(d, st, width, plan[0], prepared)
        elif len(plan) > 1:
            story.append(Paragraph(fonts.markup(_("The exhibits are in the further volumes listed on the cover."),
                                                lang), st["note"]))
    story += sections.declaration(d, st, width, generated)
    story += sections.appendix(d, st)
    return story


def _story_extra(d: Dossier, st, width: float, number: int, total: int, items: list[Evidence],
                 prepared: dict[str, Prepared]) -> list:
    lang = d.options.lang
    _ = translator(lang)
    story: list = [Spacer(1, 20 * mm),
                   Paragraph(fonts.markup(_("Complaint about debt collection conduct"), lang), st["title"]),
                   Paragraph(fonts.markup(_("Volume {n} of {total}: exhibits {first} to {last}").format(
                       n=number, total=total, first=items[0].exhibit, last=items[-1].exhibit), lang), st["subtitle"]),
                   Paragraph(fonts.markup(_("Case reference: {ref}").format(ref=d.case.reference), lang),
                             st["subtitle"]),
                   Paragraph(fonts.markup(_("SHA-256 of the evidence manifest:"), lang), st["small"]),
                   Paragraph(d.manifest_sha256, st["hash"]),
                   PageBreak()]
    story += ex.exhibit_pages(d, st, width, items, prepared, heading_key=f"exhibits-{number}", link_events=False)
    return story


def _build_all(d: Dossier, work: Path, out_path: Path, plan: list[list[Evidence]], prepared: dict[str, Prepared],
               generated: datetime, progress: ProgressFn, cancel: CancelToken) -> tuple[list[Path], list[int], int]:
    """Write every volume into `work`; return their temporary paths, sizes and page count."""
    lang = d.options.lang
    _ = translator(lang)
    st = layout.styles(lang)
    paths = [_volume_path(out_path, n) for n in range(1, len(plan) + 1)]
    temps = [work / p.name for p in paths]
    sizes: list[int] = []
    pages = 0
    for number, tmp in enumerate(temps, 1):
        base = 50 + 50 * (number - 1) // len(paths)

        def vol_progress(done: int, total: int, label: str = "", base: int = base) -> None:
            progress(base + int(50 / len(paths) * done / max(total, 1)), 100, label)

        title = _("Complaint about debt collection conduct")
        doc = layout.ReportDoc(
            tmp, lang=lang, paper=d.options.paper, case_ref=d.case.reference,
            title=title if len(paths) == 1 else f"{title} ({number}/{len(paths)})",
            author=d.case.borrower_name, subject=d.case.title, keywords=[d.case.reference],
            generated=generated, progress=vol_progress, cancel=cancel,
            progress_label=i18n._("Laying out the pages"))
        if number == 1:
            story = _story_main(d, st, doc.width, generated, plan, prepared, [p.name for p in paths])
        else:
            story = _story_extra(d, st, doc.width, number, len(paths), plan[number - 1], prepared)
        doc.build(story)
        pages += doc.page_count
        sizes.append(tmp.stat().st_size)
    return temps, sizes, pages


def build_complaint(ws: Workspace, case_id: int, options: ReportOptions, out_path: Path,
                    progress: ProgressFn, cancel: CancelToken) -> ReportResult:
    # Progress labels and warnings are for the person using the app: in the UI's language
    # (i18n._), not the document's.
    fonts.register()
    progress(0, 100, i18n._("Gathering the case"))
    d = gather(ws, case_id, options)
    warnings: list[str] = []

    def check_progress(done: int, total: int, label: str = "") -> None:
        progress(1 + int(4 * done / max(total, 1)), 100, i18n._("Checking the exhibits"))

    # Every exhibit is hashed before its picture or its SHA-256 goes into the PDF.
    unverified = exhibit_check.check(d.evidence, check_progress, cancel)
    if unverified and not options.leave_out_unverified:
        raise exhibit_check.UnverifiedExhibitsError(unverified)
    if unverified:
        d = exhibit_check.leave_out(d, unverified)
        warnings.append(i18n._("Left out of the dossier because their files are missing or altered: "
                               "{exhibits}").format(exhibits=", ".join(u.evidence.exhibit for u in unverified)))
    if d.findings is None:
        warnings.append(i18n._("The rule checks could not be run, so the dossier has no findings section."))
    cancel.check()
    budget = int(options.max_mb * 1024 * 1024)
    photos = [v for v in d.evidence if is_image(v.mime)] if options.with_exhibits else []
    # Volumes (and the photos, when the data folder's cache cannot be written) are written into a
    # work folder in the data folder and moved into place only when all of them are done: a
    # cancel, an error, a re-plan or a kill never leaves stray files beside the output or in /tmp
    # (staging.py; a kill's leftovers are swept at the next start).
    with staging(ws.layout.root, out_path.parent) as stage:
        cache = ws.layout.root / "cache" / "pdf-images"
        try:
            cache.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:  # a read-only data folder: prepare the photos in the build's work folder instead
            cache = stage.path("photos")
            cache.mkdir()
        tier = 0

        def img_progress(done: int, total: int, label: str = "") -> None:
            progress(5 + int(45 * done / max(total, 1)), 100, i18n._("Preparing photos"))

        prepared = prepare_all([(v.sha256, Path(v.path)) for v in photos], *TIERS[0], cache, img_progress, cancel)
        main_size = BASE_OVERHEAD + PER_EVENT * len(d.events)

        def total_cost() -> int:
            return main_size + sum(_cost(v, prepared) for v in d.evidence)

        while tier < len(TIERS) - 1 and total_cost() > budget * 0.95:
            tier += 1
            prepared = shrink(prepared, *TIERS[tier], cache, cancel)
        generated = datetime.now().astimezone()
        for attempt in range(3):
            work = stage.path(str(attempt))
            work.mkdir()
            plan = plan_volumes(d.evidence if options.with_exhibits else [], prepared, main_size, budget)
            temps, sizes, pages = _build_all(d, work, out_path, plan, prepared, generated, progress, cancel)
            if max(sizes) <= budget:
                break
            # The estimate was off: learn the real size of the non-photo part and plan again.
            in_first = sum(_cost(v, prepared) for v in plan[0])
            main_size = max(main_size, sizes[0] - in_first + 20_000)
            if tier < len(TIERS) - 1 and len(plan) == 1:
                tier += 1
                prepared = shrink(prepared, *TIERS[tier], cache, cancel)
        cancel.check()
        paths = [_volume_path(out_path, n) for n in range(1, len(temps) + 1)]
        for tmp, final in zip(temps, paths, strict=True):
            stage.publish(tmp, final)
    _remove_stale_volumes(out_path, len(paths))
    if tier:
        warnings.append(i18n._("Photos were reduced to {px} pixels to keep each file under {mb} MB; the originals "
                          "are unchanged in the evidence package.").format(px=TIERS[tier][0], mb=_mb(options.max_mb)))
    if len(paths) > 1:
        warnings.append(i18n._("The dossier does not fit in {mb} MB, so it is split into {n} volumes.").format(
            mb=_mb(options.max_mb), n=len(paths)))
    over = [p.name for p, s in zip(paths, sizes, strict=True) if s > budget]
    if over:
        warnings.append(i18n._("Still over {mb} MB: {files}. The chronology alone is that large; choose a shorter "
                          "period to make it smaller.").format(mb=_mb(options.max_mb), files=", ".join(over)))
    unreadable = [v.exhibit for v in photos if v.sha256 in prepared and not prepared[v.sha256].ok]
    if unreadable:
        warnings.append(i18n._("These images could not be read, so the dossier lists them without a picture "
                               "(the files are unchanged): {exhibits}").format(exhibits=", ".join(unreadable)))
    warnings += missing_glyph_warnings(printed_strings(d))
    progress(100, 100, "")
    return ReportResult(paths, pages, sum(sizes), warnings)


def _remove_stale_volumes(out_path: Path, count: int) -> None:
    """An earlier run may have split the same dossier into more volumes: remove those extra
    files (only ours — PDFs made by Paper Trail), so nobody e-mails a stale volume."""
    number = count + 1
    while (path := _volume_path(out_path, number)).is_file():
        try:
            data = path.read_bytes()
        except OSError:
            return
        if not (data.startswith(b"%PDF") and b"Paper Trail" in data):
            return
        path.unlink(missing_ok=True)
        number += 1


def _mb(value: float) -> str:
    return f"{value:g}"
