"""What a file is, judged from its content: MIME type, capture time, size, duration.

The MIME type comes from the file's magic bytes (`filetype`), never its name; text is
recognised by decoding.  The capture time comes from EXIF, else from the phone's file-name
pattern, else from the file's mtime — and we record which, because a dossier must say.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop_app.core.domain.enums import CaptureSource
from desktop_app.core.i18n import _

# Phone file names that carry a time: Screenshot_20240314-201507, IMG_20240314_201507,
# Screenshot_2024-03-14-20-15-07-123_com.tencent.mm, 微信图片_20240314201507, PXL_20240314_201507123,
# and call recordings such as 13800138000_20240314201507 or "通话录音 张三 2024-03-14 20-15-07".
_NAME_PATTERNS = [
    re.compile(r"(?P<y>20\d\d)-?(?P<mo>[01]\d)-?(?P<d>[0-3]\d)[-_ T]?"
               r"(?P<h>[0-2]\d)[-_:.]?(?P<mi>[0-5]\d)[-_:.]?(?P<s>[0-5]\d)"),
]


@dataclass(frozen=True, slots=True)
class FileFacts:
    mime: str
    capture_time: datetime | None
    capture_source: CaptureSource | None
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    problems: tuple[str, ...] = ()  # what was wrong with the file's own facts, for the user (no file name)


# A capture time outside these years is damage (EXIF 0001:01:01, 9999:12:31), not a real picture;
# taking it would also overflow the timestamp arithmetic further on.
_FIRST_YEAR, _LAST_YEAR = 1990, 2100


def sniff_mime(head: bytes) -> str:
    import filetype

    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.startswith(b"#!AMR"):
        return "audio/amr"
    sample = head[:4096]
    # UTF-16 text is full of NUL bytes, so it is recognised by its byte-order mark first;
    # without a BOM we do not guess UTF-16 (any even-length binary would "decode").
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text/plain"
    if b"\x00" not in sample:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                sample.decode(encoding)
            except UnicodeDecodeError:
                continue
            return "text/plain"
        # A multi-byte character cut at the sample's end is still text.
        try:
            sample[:-3].decode("utf-8")
            return "text/plain"
        except UnicodeDecodeError:
            pass
    return "application/octet-stream"


def time_from_name(name: str, tz: str) -> datetime | None:
    stem = Path(name).stem
    for pattern in _NAME_PATTERNS:
        match = pattern.search(stem)
        if not match:
            continue
        try:
            naive = datetime(int(match["y"]), int(match["mo"]), int(match["d"]),
                             int(match["h"]), int(match["mi"]), int(match["s"]))
        except ValueError:
            continue
        return naive.replace(tzinfo=ZoneInfo(tz))
    return None


def _exif_time(path: Path, tz: str) -> tuple[datetime | None, int | None, int | None, list[str]]:
    """(capture time, width, height, problems) from the picture's header and EXIF.

    Only the header is read, never the pixels, so a picture declaring 50000×50000 costs nothing;
    Pillow's own guard then refuses to open it, which only costs us its date.  Pillow's warnings
    ("Corrupt EXIF data", DecompressionBombWarning) become problems here instead of raw stderr."""
    from PIL import Image

    problems: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with Image.open(path) as image:
                width, height = image.size
                exif = image.getexif()
                sub = exif.get_ifd(0x8769)  # the Exif IFD, where DateTimeOriginal lives
                raw = sub.get(36867) or sub.get(36868) or exif.get(306)
                offset = sub.get(36881) or sub.get(36880)
                orientation = exif.get(274)
        except Image.DecompressionBombError:
            return None, None, None, [_("the picture declares more pixels than we open safely; its own date and "
                                        "size were not read")]
        except Exception:  # noqa: BLE001 - Pillow raises many types on damaged files; that only costs the date
            return None, None, None, []
    if any("EXIF" in str(w.message) or "exif" in str(w.message) for w in caught):
        problems.append(_("the picture's EXIF data is damaged"))
    if orientation in (5, 6, 7, 8):  # rotated a quarter turn: report the size as shown
        width, height = height, width
    if not raw:
        return None, width, height, problems
    text = str(raw).strip("\x00 ")[:19]
    try:
        naive = datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None, width, height, problems
    if not _FIRST_YEAR <= naive.year < _LAST_YEAR:
        problems.append(_("the date in the picture ({value}) cannot be right; it was not used").format(value=text))
        return None, width, height, problems
    if offset:
        match = re.fullmatch(r"([+-])(\d\d):(\d\d)", str(offset).strip("\x00 "))
        if match and int(match[2]) < 24 and int(match[3]) < 60:
            delta = timedelta(hours=int(match[2]), minutes=int(match[3]))
            return naive.replace(tzinfo=timezone(delta if match[1] == "+" else -delta)), width, height, problems
        problems.append(_("the time zone in the picture ({value}) cannot be right; the case's was used").format(
            value=str(offset).strip("\x00 ")[:12]))
    return naive.replace(tzinfo=ZoneInfo(tz)), width, height, problems


def audio_duration(path: Path, mime: str) -> float | None:
    if mime in ("audio/x-wav", "audio/wav", "audio/vnd.wave"):
        import wave  # rarely needed; not at startup

        try:
            with wave.open(str(path), "rb") as wav:
                return wav.getnframes() / float(wav.getframerate())
        except (wave.Error, EOFError, OSError, ZeroDivisionError):
            return None
    if mime.startswith(("audio/", "video/")):
        try:
            import mutagen

            info = mutagen.File(str(path))
            if info is not None and getattr(info, "info", None) is not None:
                return float(info.info.length)
        except Exception:  # noqa: BLE001 - a damaged header only costs us the duration
            return None
        if mime == "audio/amr":
            return _amr_duration(path)
    return None


def _amr_duration(path: Path) -> float | None:
    # AMR-NB: 20 ms per frame; frame size from the mode in each frame header.
    sizes = [12, 13, 15, 17, 19, 20, 26, 31, 5, 0, 0, 0, 0, 0, 0, 0]
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(b"#!AMR\n"):
        return None
    pos, frames = 6, 0
    while pos < len(data):
        mode = (data[pos] >> 3) & 0x0F
        pos += 1 + sizes[mode]
        frames += 1
    return frames * 0.02


def sniff_file(path: Path, tz: str, original_name: str | None = None) -> FileFacts:
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(8192)
    mime = sniff_mime(head)
    width = height = None
    capture: datetime | None = None
    source: CaptureSource | None = None
    problems: list[str] = []
    if mime.startswith("image/"):
        capture, width, height, problems = _exif_time(path, tz)
        if capture:
            source = CaptureSource.EXIF
    if capture is None:
        capture = time_from_name(original_name or path.name, tz)
        if capture:
            source = CaptureSource.FILENAME
    if capture is None:
        try:
            capture = datetime.fromtimestamp(path.stat().st_mtime, ZoneInfo(tz)).replace(microsecond=0)
        except (OverflowError, ValueError, OSError):  # a file dated past what a datetime holds
            capture = None
        if capture is not None:
            source = CaptureSource.MTIME
        else:
            problems.append(_("the file has no usable date"))
    return FileFacts(mime, capture, source, width, height, audio_duration(path, mime), tuple(problems))
