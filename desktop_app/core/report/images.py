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
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress

#: (longest side in px, JPEG quality) from best to smallest; the dossier steps down to fit the budget.
TIERS: tuple[tuple[int, int], ...] = ((1200, 75), (900, 68), (650, 60), (450, 52), (320, 45))
IMAGE_MIMES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/tiff", "image/heic")


@dataclass(frozen=True, slots=True)
class Prepared:
    sha256: str
    data: bytes | None  # JPEG bytes, or None when the file could not be read as an image
    width: int = 0
    height: int = 0
    error: str = ""


def is_image(mime: str) -> bool:
    return mime.startswith("image/")


def _cache_file(cache_dir: Path, sha256: str, px: int, quality: int) -> Path:
    return cache_dir / f"{sha256}-{px}-{quality}.jpg"


def prepare_one(source: Path, px: int, quality: int) -> tuple[bytes, int, int]:
    """Decode (DCT-domain downscale for JPEG), rotate per EXIF, fit in px×px, save as JPEG."""
    from PIL import Image, ImageOps

    with Image.open(source) as im:
        im.draft("RGB", (px, px))  # JPEG only: decode at 1/2, 1/4 or 1/8 size — 2× faster
        im = ImageOps.exif_transpose(im)
        if im.mode not in ("RGB", "L"):
            background = Image.new("RGB", im.size, "white")  # transparent PNG → white, not black
            rgba = im.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            im = background
        im.thumbnail((px, px), Image.Resampling.BICUBIC)
        out = io.BytesIO()
        im.save(out, "JPEG", quality=quality, optimize=True)
        return out.getvalue(), im.width, im.height


def _dims(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        return im.width, im.height


def _load_or_make(sha256: str, source: Path, px: int, quality: int, cache_dir: Path | None,
                  cancel: CancelToken) -> Prepared:
    cancel.check()
    cached = _cache_file(cache_dir, sha256, px, quality) if cache_dir else None
    try:
        if cached is not None and cached.exists():
            data = cached.read_bytes()
            return Prepared(sha256, data, *_dims(data))
        data, width, height = prepare_one(source, px, quality)
    except Exception as exc:  # noqa: BLE001 - a damaged or exotic image is listed, not fatal
        return Prepared(sha256, None, error=type(exc).__name__)
    if cached is not None:
        with contextlib.suppress(OSError):  # a read-only data folder just means no cache
            fd, tmp = tempfile.mkstemp(dir=cached.parent, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, cached)
    return Prepared(sha256, data, width, height)


def prepare_all(items: Sequence[tuple[str, Path]], px: int, quality: int, cache_dir: Path | None = None,
                progress: ProgressFn = no_progress, cancel: CancelToken = NEVER_CANCELLED,
                label: str = "") -> dict[str, Prepared]:
    """{sha256: Prepared} for (sha256, vault path) pairs, duplicates prepared once."""
    unique = dict(items)
    if cache_dir is not None:
        with contextlib.suppress(OSError):
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


def shrink(prepared: dict[str, Prepared], px: int, quality: int, cache_dir: Path | None = None,
           cancel: CancelToken = NEVER_CANCELLED) -> dict[str, Prepared]:
    """The next tier down, made from the current (already small) JPEGs rather than the originals."""
    out: dict[str, Prepared] = {}
    for sha, item in prepared.items():
        cancel.check()
        if item.data is None:
            out[sha] = item
            continue
        cached = _cache_file(cache_dir, sha, px, quality) if cache_dir else None
        if cached is not None and cached.exists():
            data = cached.read_bytes()
            out[sha] = Prepared(sha, data, *_dims(data))
            continue
        data, width, height = prepare_one(io.BytesIO(item.data), px, quality)  # type: ignore[arg-type]
        out[sha] = Prepared(sha, data, width, height)
    return out
