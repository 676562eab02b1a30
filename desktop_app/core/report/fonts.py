"""Fonts for every PDF: registration, glyph fallback and copy-paste-exact text.

How to use (complaint dossier, negotiation letter, anything else that draws text):

    from desktop_app.core.report import fonts
    fonts.register()                       # idempotent, cheap after the first call
    name = fonts.primary_font(lang)        # "NotoSansTC" for zh_TW, else "NotoSansSC"
    Paragraph(fonts.markup(user_text, lang), style)   # ALWAYS pass user text through markup()

`markup()` escapes `& < >` (so a summary like "<b>" prints literally), shows control and
bidi characters as "[U+202E]" (they would reorder the line), turns newlines into `<br/>`,
and wraps runs of characters the primary font lacks in `<font name=…>` for the next font of
the chain that has them (SC ↔ TC → Noto Emoji → Noto Sans Symbols → a HanaMinB subset for
CJK Extension B and later).  ReportLab has no fallback of its own: without this a missing
character prints as a box and copies out as junk.
For canvas drawing (headers, footers, charts) use `draw_font(text, lang)` to pick one font.

`register()` also patches ReportLab 5.1's ToUnicode CMap writer, which writes code points
beyond U+FFFF as 5 hex digits (U+1F600 → <1F600>, read by viewers as U+1F60): with the
patch emoji and CJK Extension B characters copy and extract exactly.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from xml.sax.saxutils import escape

from desktop_app.core.paths import resource_path
from desktop_app.core.report import linebreak

SC, TC, EMOJI, SYMBOLS = "NotoSansSC", "NotoSansTC", "NotoEmoji", "NotoSansSymbols"
# CJK Extension B and later (𠮷 𡈽 𪚥, found in personal and place names): Noto Sans SC/TC stop at the
# BMP and a few hundred HKSCS characters, so a subset of HanaMinB is the last resort.
EXT_B = "HanaMinBNames"
FILES = {
    SC: "NotoSansSC-Regular.ttf",
    TC: "NotoSansTC-Regular.ttf",
    EMOJI: "NotoEmoji-Regular.ttf",
    SYMBOLS: "NotoSansSymbols-Regular.ttf",
    EXT_B: "HanaMinB-Names.ttf",
}
_lock = threading.Lock()
_registered = False
_COVERAGE: dict[str, frozenset[int]] = {}  # what each font really covers, before any _adopt()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's makeToUnicodeCMap, but with UTF-16BE surrogate pairs beyond the BMP."""

    def utf16(code: int) -> str:
        if code > 0xFFFF:
            code -= 0x10000
            return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"
        return f"{code:04X}"

    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


def _patch_reportlab() -> None:
    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    linebreak.install()  # kinsoku: no "，" at a line start, no "“" at a line end, "12" kept whole
    # ASCII85 makes every stream 25 % bigger and image-heavy builds several times slower.
    rl_config.useA85 = 0


def register() -> None:
    """Register the shipped fonts with ReportLab once per process (thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        _patch_reportlab()
        for name, filename in FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
            # There is no bold face: map <b>/<i> to the regular one so markup never fails.
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(name, bold, italic, name)
            _COVERAGE[name] = frozenset(pdfmetrics.getFont(name).face.charToGlyph)
        _registered = True


def primary_font(lang: str) -> str:
    """The main font of a document: Traditional forms (and Taiwan punctuation) for zh_TW."""
    return TC if lang == "zh_TW" else SC


def chain(lang: str) -> tuple[str, ...]:
    first = primary_font(lang)
    return (first, SC if first == TC else TC, EMOJI, SYMBOLS, EXT_B)


def _cmap(name: str) -> frozenset[int]:
    register()
    return _COVERAGE[name]


def covered(lang: str) -> frozenset[int]:
    """Code points the document's main font draws (text made only of these needs no markup)."""
    return _cmap(primary_font(lang))


@lru_cache(maxsize=4096)
def _adopt(code: int, name: str) -> None:
    """Give a character no font has a code of its own in `name`, drawn as the empty glyph.

    ReportLab maps an unknown character to code 0, which loses it from the text layer.  Mapped
    to glyph 0 explicitly it gets a real code and a ToUnicode entry: it still prints as a box
    (no shipped font has it) but copies out as what the user typed.
    """
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics.getFont(name).face.charToGlyph.setdefault(code, 0)


def font_for(char: str, lang: str) -> str:
    """The first font of the chain that has `char` (the primary one when none has it)."""
    code = ord(char)
    fonts = chain(lang)
    for name in fonts:
        if code in _cmap(name):
            return name
    if code > 0x20:
        _adopt(code, fonts[0])
    return fonts[0]


def missing(text: str) -> set[str]:
    """Characters of `text` that no shipped font can draw (they print as boxes)."""
    register()
    covered = set().union(*_COVERAGE.values())
    return {ch for ch in visible_controls(text) if ord(ch) > 0x20 and ord(ch) not in covered}


# Characters that would act on the page instead of printing: C0/C1 controls (tab and newline
# excepted) and the bidirectional embeddings, overrides, isolates and marks.  A U+202E in a file
# name would otherwise print the rest of the line backwards — what the reader sees would not be
# what the file is called.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_ENDS = re.compile("\r\n?|[\u2028\u2029\x85]")


def visible_controls(text: str) -> str:
    """`text` with line ends made "\\n" and every control or bidi character shown as "[U+202E]"."""
    text = _LINE_ENDS.sub("\n", text)
    return _CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def runs(text: str, lang: str) -> list[tuple[str, str]]:
    """Split text into (font name, run) pieces, each run drawable in its font."""
    text = visible_controls(text)
    primary = primary_font(lang)
    have = _cmap(primary)
    out: list[tuple[str, str]] = []
    current = primary
    buf: list[str] = []
    for ch in text:
        name = primary if (ord(ch) in have or ch in "\n\r\t") else font_for(ch, lang)
        if name != current and buf:
            out.append((current, "".join(buf)))
            buf = []
        current = name
        buf.append(ch)
    if buf:
        out.append((current, "".join(buf)))
    return out


def markup(text: object, lang: str, newlines: bool = True) -> str:
    """Paragraph markup for plain user text: escaped, with font fallback (see module doc)."""
    text = visible_controls("" if text is None else str(text))
    primary = primary_font(lang)
    have = _cmap(primary)
    if all(ord(ch) in have or ch == "\n" for ch in text):  # the common case: one font, no work
        out = escape(text)
    else:
        parts = []
        for name, run in runs(text, lang):
            piece = escape(run)
            parts.append(piece if name == primary else f'<font name="{name}">{piece}</font>')
        out = "".join(parts)
    return out.replace("\n", "<br/>") if newlines else out.replace("\n", " ")


def draw_string(canvas, x: float, y: float, text: str, lang: str, size: float, align: str = "left") -> float:
    """Draw one line on a canvas with fallback fonts; returns its width.  align: left/right/centre."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces = runs(text, lang)
    width = sum(stringWidth(run, name, size) for name, run in pieces)
    if align == "right":
        x -= width
    elif align in ("centre", "center"):
        x -= width / 2
    for name, run in pieces:
        canvas.setFont(name, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, name, size)
    return width


def text_width(text: str, lang: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(run, name, size) for name, run in runs(text, lang))
