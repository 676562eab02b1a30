"""Pictures that lie: a PNG header declaring 50000×50000 pixels, EXIF with impossible dates and zones."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def png_declaring(width: int, height: int) -> bytes:
    """A valid PNG header (CRCs right) for a huge image, with almost no pixel data behind it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b""))


def jpeg_with_exif(taken: str = "2024:03:14 20:15:07", offset: str | None = None) -> bytes:
    """An 8×8 JPEG whose EXIF DateTimeOriginal (and OffsetTimeOriginal) say what we want."""
    exif = Image.Exif()
    sub: dict[int, str] = {36867: taken}
    if offset is not None:
        sub[36881] = offset
    exif[0x8769] = sub
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def jpeg_corrupt_exif() -> bytes:
    """A JPEG whose APP1 Exif block is cut short: Pillow warns "Corrupt EXIF data"."""
    good = jpeg_with_exif()
    at = good.index(b"Exif\x00\x00")
    return good[:at + 6] + b"MM\x00\x2a\x00\x00\x00\x08\x00\x05\x01\x0f" + good[at + 60:]
