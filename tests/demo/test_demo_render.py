"""The demo's picture and sound generators: line breaking, EXIF times, WAV format, determinism."""

from __future__ import annotations

import io
import wave

from PIL import Image

from desktop_app.core.demo import cn_timeline as t
from desktop_app.core.demo.photos import door_photo, exif_bytes
from desktop_app.core.demo.render import _CLOSING, _OPENING, font, wrap
from desktop_app.core.demo.sound import call_recording


def test_wrap_follows_chinese_line_breaking():
    fnt = font(27)
    for text in (t.SMS_0218, t.SMS_0225, t.SMS_0310, t.SMS_0315):
        lines = wrap(text, fnt, 470)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost but break spaces
        assert all(line[0] not in _CLOSING for line in lines)
        assert all(line[-1] not in _OPENING for line in lines)
        # only hanging punctuation may pass the margin
        assert all(fnt.getlength(line.rstrip("".join(_CLOSING))) <= 470 for line in lines)
    assert wrap(t.SMS_0225, fnt, 470)[-1] == "171 0068 2291"  # a phone number is never split


def test_wrap_splits_overlong_words_and_keeps_paragraphs():
    fnt = font(20)
    lines = wrap("x" * 200 + "\n第二段", fnt, 100)
    assert len(lines) > 3 and lines[-1] == "第二段"
    assert all(fnt.getlength(line) <= 100 for line in lines)


def test_photo_has_exif_time_with_offset_and_is_deterministic():
    exif = exif_bytes("2026:03:07 09:34:12", "+08:00")
    data = door_photo("2026-03-07 09:34", seed=7, people=2, exif=exif)
    assert data == door_photo("2026-03-07 09:34", seed=7, people=2, exif=exif)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    sub = image.getexif().get_ifd(0x8769)
    assert sub[0x9003] == "2026:03:07 09:34:12" and sub[0x9011] == "+08:00"
    # a drawn scene with grain, not a flat colour
    assert len(image.convert("L").resize((64, 48)).getcolors(4096) or []) > 40


def test_recording_is_a_short_mono_wav():
    data = call_recording(3.0, seed=1)
    assert data == call_recording(3.0, seed=1) and data != call_recording(3.0, seed=2)
    with wave.open(io.BytesIO(data)) as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        assert wav.getnframes() == 3 * wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    assert max(frames) > 0 and len(set(frames)) > 100
