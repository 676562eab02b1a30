"""Test helpers for the panel tests: generated media files and screenshots."""

from __future__ import annotations

import wave
from pathlib import Path

SHOTS = Path("/tmp/panel_shots")


def make_wav(path: Path, seconds: float = 1.0, rate: int = 8000) -> Path:
    import math
    import struct

    frames = int(seconds * rate)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                               for i in range(frames)))
    return path


def make_jpeg(path: Path, size=(64, 32), orientation: int | None = None, when: str | None = None) -> Path:
    from PIL import Image

    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue: shows a rotation
    exif = Image.Exif()
    if orientation:
        exif[274] = orientation
    if when:
        exif.get_ifd(0x8769)[36867] = when
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


def shot(widget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    widget.grab().save(str(path))
    return path
