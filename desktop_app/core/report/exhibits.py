"""The evidence index and the exhibits themselves (photos, message texts, recordings, documents).

Every SHA-256 sits alone on a full-width row in a small font so that it never wraps: copying
or extracting the text gives the whole 64-digit hash in one piece.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Image, KeepTogether, LongTable, Paragraph, Spacer

from desktop_app.core.domain.enums import EventKind
from desktop_app.core.domain.models import Evidence
from desktop_app.core.i18n import N_, translator
from desktop_app.core.report import fonts, layout
from desktop_app.core.report.common import fmt_datetime, fmt_duration, fmt_size
from desktop_app.core.report.dossier import Dossier
from desktop_app.core.report.images import Prepared
from desktop_app.core.report.third_person import dossier_label

TYPE_NAMES = {
    "image": N_("Photo or screenshot"),
    "audio": N_("Recording"),
    "video": N_("Video"),
    "text": N_("Text"),
    "application/pdf": N_("PDF document"),
}
SOURCE_NAMES = {
    "exif": N_("from the photo's EXIF data"),
    "filename": N_("from the file name"),
    "mtime": N_("from the file's modified time"),
    "import": N_("from the imported record"),
    "user": N_("entered by the complainant"),
}
MESSAGE_KINDS = (EventKind.SMS, EventKind.CHAT, EventKind.EMAIL, EventKind.LETTER)
TEXT_LIMIT = 20_000  # characters of a text exhibit printed in full mode


def type_name(mime: str, _: Callable[[str], str]) -> str:
    key = mime if mime in TYPE_NAMES else mime.split("/")[0]
    return _(TYPE_NAMES[key]) if key in TYPE_NAMES else _("File") + f" ({mime})"


def capture_text(v: Evidence, _: Callable[[str], str]) -> str:
    if v.capture_time is None:
        return _("unknown")
    source = SOURCE_NAMES.get(v.capture_source.value if v.capture_source else "", "")
    return fmt_datetime(v.capture_time) + (f"\n({_(source)})" if source else "")


def evidence_index(d: Dossier, st, width: float, link_exhibit: Callable[[str], bool],
                   volume_of: Callable[[str], int]) -> list:
    lang = d.options.lang
    _ = translator(lang)
    story: list = [layout.heading(_("Evidence index"), st["h1"], lang, 0, "index")]
    if not d.evidence:
        return story + [Paragraph(fonts.markup(_("(No exhibits.)"), lang), st["body"])] + left_out(d, st)
    cell = st["cell_small"]
    head = [_("Exhibit"), _("Description"), _("Original file name"), _("Type"), _("Size"), _("Captured")]
    data = [[Paragraph(fonts.markup(h, lang), st["cell_head"]) for h in head]]
    spans = []
    for v in d.evidence:
        ex = v.exhibit
        exhibit_cell = f'<a href="#{ex}" color="black"><u>{ex}</u></a>' if link_exhibit(ex) else ex
        if volume_of(ex) > 1:
            exhibit_cell += "<br/>" + fonts.markup(_("volume {n}").format(n=volume_of(ex)), lang)
        kind = type_name(v.mime, _)
        if v.duration_s:
            kind += "\n" + fmt_duration(v.duration_s)
        elif v.width and v.height:
            kind += f"\n{v.width}×{v.height}"
        data.append([
            Paragraph(exhibit_cell, cell),
            Paragraph(fonts.markup(d.redactor.text(v.caption), lang), cell),
            Paragraph(fonts.markup(d.redactor.text(v.original_name), lang), cell),
            Paragraph(fonts.markup(kind, lang), cell),
            Paragraph(fmt_size(v.size), cell),
            Paragraph(fonts.markup(capture_text(v, _), lang), cell),
        ])
        row = len(data)
        data.append([Paragraph("SHA-256: " + v.sha256, st["hash"]), "", "", "", "", ""])
        spans.append(row)
    ratios = (0.09, 0.26, 0.22, 0.17, 0.08, 0.18)
    extra = []
    for row in spans:
        extra += [("SPAN", (0, row), (-1, row)), ("LINEABOVE", (0, row), (-1, row), 0.2, layout.GREY_HEADER),
                  ("TOPPADDING", (0, row), (-1, row), 0.5)]
        extra.append(("LINEBELOW", (0, row - 1), (-1, row - 1), 0, layout.colors.white))
    table = LongTable(data, colWidths=[width * r for r in ratios], repeatRows=1, splitInRow=1)
    table.setStyle(layout.table_style(zebra=False, lang=lang, extra=[
        ("INNERGRID", (0, 1), (-1, -1), 0.25, layout.colors.Color(0.6, 0.6, 0.6))] + extra))
    story.append(table)
    return story + left_out(d, st)


def left_out(d: Dossier, st) -> list:
    """The exhibits the user chose to leave out because their file is missing or altered, and why."""
    if not d.left_out:
        return []
    from desktop_app.core.report.exhibit_check import MISSING

    lang = d.options.lang
    _ = translator(lang)
    story: list = [Paragraph(fonts.markup(_("Left out of this dossier"), lang), st["h3"])]
    for u in d.left_out:
        v = u.evidence
        why = (_("the stored file is missing from the complainant's evidence vault") if u.problem == MISSING
               else _("the stored file no longer matches the SHA-256 recorded when it was added"))
        story.append(Paragraph(fonts.markup(_("{exhibit} · {name}: {why}.").format(
            exhibit=v.exhibit, name=d.redactor.text(v.original_name), why=why), lang), st["small"]))
        story.append(Paragraph(_("SHA-256 when added:") + " " + v.sha256, st["hash"]))
    return story


def reduced_copy_note(v: Evidence, item: Prepared, _: Callable[[str], str]) -> str:
    """What a printed picture is: a reduced copy, beside the original's size and pixels."""
    original = f"{v.width}×{v.height}" if v.width and v.height else _("pixel size not recorded")
    if v.width and v.height and max(item.width, item.height) >= max(v.width, v.height):
        # Not fewer pixels, but still not the original's bytes: it was re-encoded as JPEG.
        text = _("Copy re-compressed for printing ({printed} pixels). The original file is {size}, {pixels} pixels, "
                 "with the SHA-256 below; it is in the evidence package unchanged.")
    else:
        text = _("Reduced copy for printing ({printed} pixels). The original file is {size}, {pixels} pixels, with "
                 "the SHA-256 below; it is in the evidence package unchanged.")
    return text.format(printed=f"{item.width}×{item.height}", size=fmt_size(v.size), pixels=original)


def messages(d: Dossier, st) -> list:
    """Message texts (SMS, chat, e-mail, letters) in full, or excerpts when asked."""
    lang = d.options.lang
    _ = translator(lang)
    rows = [e for e in d.events if e.kind in MESSAGE_KINDS and e.body.strip()]
    if not rows:
        return []
    title = _("Message texts in full") if d.options.full_text else _("Message texts (excerpts)")
    story: list = [layout.heading(title, st["h2"], lang, 1, "messages")]
    for e in rows:
        who = d.redactor.name(e.party_id) or d.redactor.number(e.contact_value, e.party_id, e.contact_key)
        head = f"{fmt_datetime(e.start)} · {dossier_label(e.kind, _)} · {who}"
        body = d.redactor.text(e.body.strip())
        if not d.options.full_text and len(body) > d.options.excerpt_chars:
            body = body[: d.options.excerpt_chars] + "…"
        refs = [d.exhibit_of[i] for i in e.evidence_ids if i in d.exhibit_of]
        if refs:
            head += " · " + ", ".join(refs)
        story.append(KeepTogether([
            Paragraph(f'<a href="#ev-{e.id}" color="black">{fonts.markup(head, lang)}</a>', st["h3"]),
            Paragraph(fonts.markup(body, lang), st["quote"])]))
    return story


def decode_text(raw: bytes, whole: bool) -> str:
    """A text file's characters: UTF-16 with a BOM, UTF-8, else GB18030 (Chinese Windows' default),
    so a transcript saved by Notepad in China prints as written rather than as question marks.
    `whole` False: `raw` is only the start of the file (a character may be cut at its end)."""
    candidates = ["utf-16"] if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else []
    for encoding in [*candidates, "utf-8-sig", "gb18030"]:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(raw, final=whole)
        except UnicodeDecodeError:
            continue
        wide = [ch for ch in text if ord(ch) > 0x7F]
        # GB18030 decodes almost anything: accept it only when it gives Chinese text, not a
        # Western file (Windows-1252) turned into random ideographs.
        if encoding != "gb18030" or sum("\u3000" <= ch <= "\u9fff" for ch in wide) >= len(wide) * 0.8:
            return text
    return raw.decode("cp1252", errors="replace")


def _text_content(v: Evidence, full: bool, limit: int) -> tuple[str, bool] | None:
    """The text to print, and whether it was cut (the whole file is in the evidence package)."""
    if not (v.mime.startswith("text/") or v.mime in ("application/json", "application/xml")):
        return None
    try:
        with open(v.path, "rb") as fh:
            raw = fh.read(TEXT_LIMIT * 4 if full else limit * 4)
    except OSError:
        return None
    text = decode_text(raw, whole=len(raw) == v.size)
    cut = TEXT_LIMIT if full else limit
    if len(text) <= cut and len(raw) == v.size:
        return text, False
    return text[:cut] + " …", True


def exhibit_pages(d: Dossier, st, width: float, items: list[Evidence], prepared: dict[str, Prepared],
                  heading_key: str = "exhibits", show_heading: bool = True, link_events: bool = True) -> list:
    """Exhibit pages.  `link_events=False` in extra volumes, where the chronology is not."""
    lang = d.options.lang
    _ = translator(lang)
    story: list = []
    if show_heading:
        story.append(CondPageBreak(70 * mm))
        story.append(layout.heading(_("Exhibits"), st["h1"], lang, 0, heading_key))
    max_w, max_h = min(width, 150 * mm), 92 * mm  # two portrait screenshots fit on a page
    times = {e.id: e.start.strftime("%Y-%m-%d %H:%M") for e in d.events}
    for v in items:
        name = d.redactor.text(v.original_name)  # a recording is often named after the number
        block: list = [layout.heading(f"{v.exhibit} · {name}", st["h3"], lang, 1, v.exhibit)]
        facts = [type_name(v.mime, _), fmt_size(v.size)]
        if v.capture_time:
            facts.append(_("captured {when}").format(when=fmt_datetime(v.capture_time)))
        if v.duration_s:
            facts.append(_("duration {duration}").format(duration=fmt_duration(v.duration_s)))
        block.append(Paragraph(fonts.markup(" · ".join(facts), lang), st["small"]))
        if v.caption:
            block.append(Paragraph(fonts.markup(d.redactor.text(v.caption), lang), st["body"]))
        item = prepared.get(v.sha256)
        text = None
        if item is not None and item.ok:
            # Fit the box, but never print a small image above 100 dpi (it would only look blurred).
            scale = min(max_w / item.width, max_h / item.height, 72 / 100)
            img = Image(str(item.path), width=item.width * scale, height=item.height * scale)
            img.hAlign = "LEFT"
            block.append(img)
            block.append(Paragraph(fonts.markup(reduced_copy_note(v, item, _), lang), st["small"]))
        elif item is not None:
            block.append(Paragraph(fonts.markup(_("This image could not be read for printing; the original is in the "
                                                  "evidence package."), lang), st["note"]))
        elif v.mime.startswith(("audio/", "video/")):
            block.append(Paragraph(fonts.markup(_("Recording, duration {duration}. The original file is in the "
                                                  "evidence package as {file}.").format(
                duration=fmt_duration(v.duration_s) or _("unknown"), file=d.redactor.text(_file_name(v))), lang),
                st["note"]))
        else:
            content = _text_content(v, d.options.full_text, d.options.excerpt_chars * 5)
            text = content[0] if content is not None else None
            if content is not None:
                block.append(Paragraph(fonts.markup(_("The file's text as stored. If the complainant typed it (a "
                                                      "transcript or a note), it is their own transcript, not an "
                                                      "original document."), lang), st["small"]))
                block.append(Paragraph(fonts.markup(d.redactor.text(content[0]), lang), st["quote"]))
                if content[1]:
                    block.append(Paragraph(fonts.markup(_("Printed up to here; the whole file is in the evidence "
                                                          "package as {file}.").format(
                        file=d.redactor.text(_file_name(v))), lang), st["note"]))
            else:
                block.append(Paragraph(fonts.markup(_("The original file is in the evidence package as {file}.").format(
                    file=d.redactor.text(_file_name(v))), lang), st["note"]))
        if v.event_ids:
            refs = [f'<a href="#ev-{i}" color="black"><u>{times[i]}</u></a>' if link_events else times[i]
                    for i in v.event_ids if i in d.event_ids]
            if refs:
                block.append(Paragraph(fonts.markup(_("Events:"), lang) + " " + ", ".join(refs), st["small"]))
        block.append(Paragraph("SHA-256: " + v.sha256, st["hash"]))
        block.append(Spacer(1, 4 * mm))
        story.append(KeepTogether(block) if text is None else block[0])
        if text is not None:
            story += block[1:]
    return story


def _file_name(v: Evidence) -> str:
    from desktop_app.core.package import exhibit_file_name

    return exhibit_file_name(v)
