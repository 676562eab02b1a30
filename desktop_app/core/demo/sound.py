"""A few seconds of synthetic "call recording" for the demo (stdlib `wave`, seeded, deterministic).

Not speech: bursts of voiced tones with a wandering pitch, separated by pauses, over line hiss —
enough that a media player shows a waveform and plays something that sounds like a phone line.
"""

from __future__ import annotations

import io
import math
import random
import sys
import wave
from array import array

RATE = 8000  # phone-line sample rate


def call_recording(seconds: float, seed: int) -> bytes:
    rng = random.Random(seed)
    n = int(seconds * RATE)
    samples = array("h", bytes(2 * n))
    t = 0
    while t < n:
        # one "syllable" group: 0.6–1.6 s of voice, then a 0.2–0.7 s pause
        length = int(rng.uniform(0.6, 1.6) * RATE)
        pitch = rng.uniform(110, 220)
        phase = 0.0
        for i in range(min(length, n - t)):
            envelope = math.sin(math.pi * i / length) * (0.55 + 0.45 * math.sin(2 * math.pi * 4.5 * i / RATE))
            freq = pitch * (1 + 0.08 * math.sin(2 * math.pi * 1.3 * i / RATE))
            phase += 2 * math.pi * freq / RATE
            voice = math.sin(phase) + 0.5 * math.sin(2 * phase) + 0.25 * math.sin(3 * phase)
            samples[t + i] = int(5200 * envelope * voice)
        t += length + int(rng.uniform(0.2, 0.7) * RATE)
    for i in range(n):  # line hiss
        value = samples[i] + int(rng.gauss(0, 260))
        samples[i] = max(-32768, min(32767, value))
    if sys.byteorder == "big":  # WAV samples are little-endian
        samples.byteswap()
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples.tobytes())
    return out.getvalue()
