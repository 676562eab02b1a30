"""Reading evidence files for display, without Qt (so it can run in a worker thread).

Images get their EXIF orientation applied (a phone photo taken sideways shows upright); a PDF
shows its first page; text is decoded by trying UTF-8, UTF-16 and GB18030 in turn (the
encodings Chinese phones and PCs actually write).  Results are PNG bytes or text: plain data
that crosses threads safely, turned into a QImage on the GUI thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

TEXT_PREVIEW_BYTES = 200 * 1024


@dataclass(frozen=True, slots=True)
class PreviewContent:
    kind: str  # "image", "pdf", "text", "audio", "none"
    png: bytes = b""
    text: str = ""
    encoding: str = ""
    truncated: bool = False
    pages: int = 0
    problem: str = ""  # why nothing could be shown (an exception type name, never file content)


def kind_of(mime: str) -> str:
    if mime.startswith("image/"):
        return "image"
    if mime == "application/pdf":
        return "pdf"
    if mime.startswith("text/"):
        return "text"
    if mime.startswith(("audio/", "video/")):
        return "audio"
    return "none"


def _png(image) -> bytes:
    buffer = io.BytesIO()
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA")
    image.save(buffer, "PNG")
    return buffer.getvalue()


def image_png(path: Path, max_side: int | None = None) -> bytes:
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        image = ImageOps.exif_transpose(image)  # apply (and drop) the EXIF orientation
        if max_side:
            image.thumbnail((max_side, max_side))
        return _png(image)


def pdf_first_page(path: Path, max_side: int | None = None) -> tuple[bytes, int]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = len(pdf)
        page = pdf[0]
        width, height = page.get_size()
        scale = (max_side / max(width, height)) if max_side else 1.5
        image = page.render(scale=scale).to_pil()
        page.close()
        return _png(image), pages
    finally:
        pdf.close()


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name).  BOMs first, then strict UTF-8, UTF-16 (NULs in the bytes), GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    candidates = ["utf-8"]
    if data.count(b"\x00") > len(data) // 8:
        candidates = ["utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", *candidates]
    candidates.append("gb18030")
    for encoding in candidates:
        for cut in range(4):  # a preview cut mid-character: drop up to 3 trailing bytes
            try:
                return data[: len(data) - cut].decode(encoding), encoding.upper().replace("-LE", "").replace("-BE", "")
            except UnicodeDecodeError:
                continue
    return data.decode("latin-1"), "Latin-1"


def read_text(path: Path) -> tuple[str, str, bool]:
    with open(path, "rb") as fh:
        data = fh.read(TEXT_PREVIEW_BYTES + 1)
    truncated = len(data) > TEXT_PREVIEW_BYTES
    text, encoding = decode_text(data[:TEXT_PREVIEW_BYTES])
    return text, encoding, truncated


def looks_like_text(path: Path) -> bool:
    """Text the MIME sniffer missed (it knows UTF-8 and UTF-16, not GB18030): decodes, few control bytes."""
    with open(path, "rb") as fh:
        sample = fh.read(4096)
    if not sample:
        return False
    text, encoding = decode_text(sample)
    if encoding == "Latin-1":
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls <= len(text) // 100


def load_preview(path: Path | str, mime: str, max_side: int | None = None) -> PreviewContent:
    path = Path(path)
    kind = kind_of(mime)
    try:
        if not path.is_file():
            return PreviewContent("none", problem="missing")
        if kind == "image":
            return PreviewContent("image", png=image_png(path, max_side))
        if kind == "pdf":
            png, pages = pdf_first_page(path, max_side)
            return PreviewContent("pdf", png=png, pages=pages)
        if kind == "text" or (kind == "none" and looks_like_text(path)):
            text, encoding, truncated = read_text(path)
            return PreviewContent("text", text=text, encoding=encoding, truncated=truncated)
        return PreviewContent(kind)
    except Exception as exc:  # noqa: BLE001 - a damaged file shows a message, never a crash
        return PreviewContent("none", problem=type(exc).__name__)


def thumbnail_png(path: Path | str, mime: str, side: int) -> bytes:
    """A thumbnail no larger than side×side, or b"" for a file with no picture (audio, text…)."""
    kind = kind_of(mime)
    if kind not in ("image", "pdf"):
        return b""
    content = load_preview(path, mime, max_side=side)
    return content.png
