"""Photos made small for the PDF: EXIF orientation applied, downscaled, recompressed, cached.

The vault's originals are only read.  Each prepared copy is cached in the data folder under
`cache/pdf-images/<sha256>-<px>-<quality>.jpg`: vault files never change, so the key never
goes stale and a second dossier of the same case costs no image work at all.  Cache misses are
prepared on a thread pool — Pillow drops the GIL while decoding, resizing and encoding, and
threads need neither pickling nor a frozen-app `freeze_support()`.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress

#: (longest side in px, JPEG quality) from best to smallest; the dossier steps down to fit the budget.
#: 1000 px over the 150 mm print width is ~170 dpi, and lets a 12-MP JPEG decode at 1/4 scale.
TIERS: tuple[tuple[int, int], ...] = ((1000, 75), (800, 68), (600, 60), (450, 52), (320, 45))
IMAGE_MIMES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/tiff", "image/heic")


@dataclass(frozen=True, slots=True)
class Prepared:
    """A print-ready JPEG on disk.  The PDF is given its path, not its bytes: ReportLab then
    embeds the JPEG as it is, where an in-memory image would be decoded to RGB (to name it)
    and kept decoded until the build ends — several MB per photo."""

    sha256: str
    path: Path | None  # None when the file could not be read as an image
    size: int = 0  # bytes
    width: int = 0
    height: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.path is not None


def is_image(mime: str) -> bool:
    return mime.startswith("image/")


def _cache_file(cache_dir: Path, sha256: str, px: int, quality: int) -> Path:
    return cache_dir / f"{sha256}-{px}-{quality}.jpg"


def prepare_one(source: Path | io.BytesIO, px: int, quality: int) -> tuple[bytes, int, int]:
    """Decode (DCT-domain downscale for JPEG), rotate per EXIF, fit in px×px, save as JPEG."""
    from PIL import Image, ImageOps

    with Image.open(source) as opened:
        # JPEG only: decode at 1/2, 1/4 or 1/8 size (several times faster).  draft() keeps
        # both sides at least as large as asked, so ask for the aspect-correct box.
        fit = px / max(opened.width, opened.height)
        if fit < 1:
            opened.draft("RGB", (math.ceil(opened.width * fit), math.ceil(opened.height * fit)))
        im: Image.Image = ImageOps.exif_transpose(opened)
        if im.mode not in ("RGB", "L"):
            background = Image.new("RGB", im.size, "white")  # transparent PNG → white, not black
            rgba = im.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            im = background
        im.thumbnail((px, px), Image.Resampling.BICUBIC, reducing_gap=2.0)
        out = io.BytesIO()
        im.save(out, "JPEG", quality=quality)
        return out.getvalue(), im.width, im.height


def _dims(path: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as im:
        return im.width, im.height


def _write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _load_or_make(sha256: str, source: Path | bytes, px: int, quality: int, cache_dir: Path,
                  cancel: CancelToken) -> Prepared:
    cancel.check()
    target = _cache_file(cache_dir, sha256, px, quality)
    try:
        if target.exists():
            return Prepared(sha256, target, target.stat().st_size, *_dims(target))
        src = io.BytesIO(source) if isinstance(source, bytes) else source
        data, width, height = prepare_one(src, px, quality)
    except Exception as exc:  # noqa: BLE001 - a damaged or exotic image is listed, not fatal
        return Prepared(sha256, None, error=type(exc).__name__)
    _write(target, data)
    return Prepared(sha256, target, len(data), width, height)


def prepare_all(items: Sequence[tuple[str, Path]], px: int, quality: int, cache_dir: Path,
                progress: ProgressFn = no_progress, cancel: CancelToken = NEVER_CANCELLED,
                label: str = "") -> dict[str, Prepared]:
    """{sha256: Prepared} for (sha256, vault path) pairs, duplicates prepared once."""
    unique = dict(items)
    cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    results: dict[str, Prepared] = {}
    if not unique:
        return results
    workers = max(1, min(len(unique), os.cpu_count() or 2, 8))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_load_or_make, sha, Path(path), px, quality, cache_dir, cancel): sha
                   for sha, path in unique.items()}
        try:
            for done, future in enumerate(futures, 1):
                results[futures[future]] = future.result()
                progress(done, len(unique), label)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return results


def shrink(prepared: dict[str, Prepared], px: int, quality: int, cache_dir: Path,
           cancel: CancelToken = NEVER_CANCELLED) -> dict[str, Prepared]:
    """The next tier down, made from the current (already small) JPEGs rather than the originals."""
    out: dict[str, Prepared] = {}
    for sha, item in prepared.items():
        out[sha] = item if item.path is None else _load_or_make(sha, item.path.read_bytes(), px, quality,
                                                                cache_dir, cancel)
    return out
