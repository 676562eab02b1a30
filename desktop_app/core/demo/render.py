"""Pictures for the demo cases, drawn at build time so that no binary asset lives in git.

Everything here is deterministic: fixed sizes, fixed fonts, noise from a seeded `random.Random`,
PNG/JPEG written with fixed options — the same code gives the same bytes (and sha256) every run,
which the demo tests rely on.  Each picture carries a small "demo / fictitious" mark so that a
screenshot of the demo can never be mistaken for a real person's evidence.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from desktop_app.core.paths import resource_path

W, H = 720, 1480
_CLOSING = set("，。、；：？！）》」』】”’,.;:?!)")
_OPENING = set("（《「『【“‘(")  # a phone screenshot, scaled down from 1080x2220 to keep the demo small


@lru_cache(maxsize=32)
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", "NotoSansSC-Regular.ttf")), size)


def wrap(text: str, fnt: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Wrap by character (Chinese has no spaces), keeping Latin words whole where possible."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        tokens: list[str] = []
        word = ""
        for i, ch in enumerate(paragraph):  # tokens: Latin words, spaces, or single CJK characters
            between_digits = ch == " " and word[-1:].isdigit() and paragraph[i + 1:i + 2].isdigit()
            if (ch.isascii() and not ch.isspace()) or between_digits:  # "171 0068 2291" stays on one line
                word += ch
                continue
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        if word:
            tokens.append(word)
        for token in tokens:
            # Closing punctuation never starts a line (it hangs in the margin instead), as phones do.
            if fnt.getlength(line + token) <= width or (token in _CLOSING and line):
                line += token
                continue
            carry = ""
            if line and line[-1] in _OPENING:  # an opening bracket never ends a line
                line, carry = line[:-1], line[-1]
            if line:
                lines.append(line.rstrip())
            line = carry + (token.lstrip() if token.isspace() else token)
            while fnt.getlength(line) > width:  # a token longer than the line: hard split
                cut = len(line) - 1
                while cut > 1 and fnt.getlength(line[:cut]) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue()


def _status_bar(draw: ImageDraw.ImageDraw, clock: str, dark: bool = False, battery: int = 64) -> None:
    ink = (240, 240, 240) if dark else (30, 30, 30)
    draw.text((28, 10), clock, font=font(24), fill=ink)
    x = W - 150
    for i in range(4):  # signal bars
        h = 8 + i * 5
        draw.rectangle((x + i * 9, 34 - h, x + i * 9 + 5, 34), fill=ink)
    draw.text((x + 42, 10), "5G", font=font(20), fill=ink)
    bx = W - 70
    draw.rounded_rectangle((bx, 14, bx + 40, 34), radius=4, outline=ink, width=2)
    draw.rectangle((bx + 40, 20, bx + 43, 28), fill=ink)
    draw.rectangle((bx + 4, 18, bx + 4 + int(32 * battery / 100), 30), fill=ink)


def _demo_mark(draw: ImageDraw.ImageDraw, y: int, text: str, x: int | None = None) -> None:
    fnt = font(18)
    w = int(fnt.getlength(text)) + 20
    x0 = (W - w) // 2 if x is None else x
    draw.rounded_rectangle((x0, y, x0 + w, y + 30), radius=15, fill=(255, 236, 230), outline=(220, 120, 100))
    draw.text((x0 + 10, y + 3), text, font=fnt, fill=(190, 70, 50))


@dataclass(frozen=True, slots=True)
class Bubble:
    text: str
    stamp: str = ""  # a time separator shown above the bubble ("2月18日 13:10")
    mine: bool = False  # sent by the phone's owner (right side)


def sms_screenshot(sender: str, subtitle: str, bubbles: Sequence[Bubble], clock: str,
                   mark: str = "演示案例 · 号码与内容均为虚构", input_hint: str = "短信") -> bytes:
    """An Android messages thread: status bar, the sender's number, grey/blue bubbles."""
    img = Image.new("RGB", (W, H), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    _status_bar(draw, clock)
    draw.rectangle((0, 48, W, 150), fill=(248, 248, 248))
    draw.line((34, 100, 50, 84), fill=(40, 40, 40), width=4)  # back arrow
    draw.line((34, 100, 50, 116), fill=(40, 40, 40), width=4)
    draw.text((W // 2, 86), sender, font=font(32), fill=(20, 20, 20), anchor="mm")
    draw.text((W // 2, 126), subtitle, font=font(20), fill=(130, 130, 130), anchor="mm")
    for i in range(3):  # overflow menu
        draw.ellipse((W - 44, 86 + i * 12, W - 38, 92 + i * 12), fill=(60, 60, 60))
    draw.line((0, 150, W, 150), fill=(225, 225, 225), width=1)
    _demo_mark(draw, 162, mark)
    y = 212
    body, inner = font(27), 470
    for bubble in bubbles:
        if bubble.stamp:
            draw.text((W // 2, y + 14), bubble.stamp, font=font(20), fill=(150, 150, 150), anchor="mm")
            y += 44
        lines = wrap(bubble.text, body, inner)
        h = len(lines) * 40 + 28
        w = max(int(body.getlength(t)) for t in lines) + 40
        x0 = W - 30 - w if bubble.mine else 30
        fill = (0, 122, 255) if bubble.mine else (236, 236, 240)
        ink = (255, 255, 255) if bubble.mine else (25, 25, 25)
        draw.rounded_rectangle((x0, y, x0 + w, y + h), radius=24, fill=fill)
        for i, line in enumerate(lines):
            draw.text((x0 + 20, y + 12 + i * 40), line, font=body, fill=ink)
        y += h + 26
        if y > H - 160:
            break
    draw.rectangle((0, H - 110, W, H), fill=(250, 250, 250))
    draw.rounded_rectangle((24, H - 92, W - 110, H - 30), radius=31, outline=(210, 210, 210), width=2,
                           fill=(255, 255, 255))
    draw.text((52, H - 78), input_hint, font=font(24), fill=(160, 160, 160))
    draw.ellipse((W - 90, H - 92, W - 28, H - 30), fill=(0, 122, 255))
    draw.polygon([(W - 72, H - 74), (W - 42, H - 61), (W - 72, H - 48)], fill=(255, 255, 255))
    return png_bytes(img)


def chat_screenshot(title: str, bubbles: Sequence[Bubble], clock: str, their_avatar: str,
                    mark: str = "演示案例 · 账号与内容均为虚构") -> bytes:
    """A WeChat-like chat: grey background, white bubbles left with an avatar, green ones right."""
    img = Image.new("RGB", (W, H), (237, 237, 237))
    draw = ImageDraw.Draw(img)
    _status_bar(draw, clock)
    draw.line((30, 92, 46, 76), fill=(30, 30, 30), width=4)
    draw.line((30, 92, 46, 108), fill=(30, 30, 30), width=4)
    draw.text((W // 2, 92), title, font=font(30), fill=(20, 20, 20), anchor="mm")
    for i in range(3):
        draw.ellipse((W - 70 + i * 14, 88, W - 62 + i * 14, 96), fill=(30, 30, 30))
    draw.line((0, 138, W, 138), fill=(215, 215, 215), width=1)
    _demo_mark(draw, 150, mark)
    y = 204
    body, inner = font(27), 430
    for bubble in bubbles:
        if bubble.stamp:
            draw.text((W // 2, y + 12), bubble.stamp, font=font(20), fill=(160, 160, 160), anchor="mm")
            y += 42
        lines = wrap(bubble.text, body, inner)
        h = max(len(lines) * 40 + 24, 76)
        w = max(int(body.getlength(t)) for t in lines) + 36
        if bubble.mine:
            ax = W - 96
            draw.rounded_rectangle((ax, y, ax + 70, y + 70), radius=8, fill=(120, 150, 190))
            draw.text((ax + 35, y + 35), "我", font=font(30), fill=(255, 255, 255), anchor="mm")
            x0, fill = ax - 18 - w, (149, 236, 105)
            draw.polygon([(x0 + w, y + 26), (x0 + w + 10, y + 35), (x0 + w, y + 44)], fill=fill)
        else:
            draw.rounded_rectangle((26, y, 96, y + 70), radius=8, fill=(96, 96, 110))
            draw.text((61, y + 35), their_avatar, font=font(30), fill=(255, 255, 255), anchor="mm")
            x0, fill = 114, (255, 255, 255)
            draw.polygon([(x0, y + 26), (x0 - 10, y + 35), (x0, y + 44)], fill=fill)
        draw.rounded_rectangle((x0, y, x0 + w, y + h), radius=8, fill=fill)
        for i, line in enumerate(lines):
            draw.text((x0 + 18, y + 12 + i * 40), line, font=body, fill=(25, 25, 25))
        y += h + 30
        if y > H - 150:
            break
    draw.rectangle((0, H - 104, W, H), fill=(246, 246, 246))
    draw.ellipse((20, H - 84, 68, H - 36), outline=(40, 40, 40), width=3)
    draw.rounded_rectangle((82, H - 88, W - 150, H - 32), radius=8, fill=(255, 255, 255))
    draw.ellipse((W - 134, H - 84, W - 86, H - 36), outline=(40, 40, 40), width=3)
    draw.ellipse((W - 70, H - 84, W - 22, H - 36), outline=(40, 40, 40), width=3)
    draw.text((W - 46, H - 61), "+", font=font(34), fill=(40, 40, 40), anchor="mm")
    return png_bytes(img)


@dataclass(frozen=True, slots=True)
class CallRow:
    number: str
    detail: str  # "呼入未接 · 广东深圳"
    time: str
    missed: bool
    day: str = ""  # shown under the time when the list spans several days


def call_log_screenshot(heading: str, rows: Sequence[CallRow], clock: str,
                        mark: str = "演示案例 · 号码均为虚构", title: str = "通话记录") -> bytes:
    """The phone's recent-calls list: missed calls in red."""
    img = Image.new("RGB", (W, H), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    _status_bar(draw, clock)
    draw.text((32, 70), title, font=font(44), fill=(20, 20, 20))
    draw.text((32, 140), heading, font=font(22), fill=(120, 120, 120))
    _demo_mark(draw, 180, mark, x=32)
    y = 226
    grey = (130, 130, 130)
    for row in rows:
        red = (230, 50, 50) if row.missed else (25, 25, 25)
        # incoming-call arrow: a diagonal pointing down-left, with its head
        draw.line((54, y + 30, 36, y + 48), fill=grey, width=2)
        draw.line((36, y + 48, 36, y + 36), fill=grey, width=2)
        draw.line((36, y + 48, 48, y + 48), fill=grey, width=2)
        draw.text((76, y + 12), row.number, font=font(30), fill=red)
        draw.text((76, y + 56), row.detail, font=font(20), fill=(140, 140, 140))
        if row.day:
            draw.text((W - 72, y + 18), row.time, font=font(24), fill=grey, anchor="ra")
            draw.text((W - 72, y + 54), row.day, font=font(20), fill=grey, anchor="ra")
        else:
            draw.text((W - 72, y + 32), row.time, font=font(24), fill=grey, anchor="ra")
        draw.ellipse((W - 56, y + 30, W - 28, y + 58), outline=(150, 150, 150), width=2)
        draw.text((W - 42, y + 44), "i", font=font(18), fill=(150, 150, 150), anchor="mm")
        draw.line((76, y + 100, W, y + 100), fill=(235, 235, 235), width=1)
        y += 104
        if y > H - 120:
            break
    return png_bytes(img)


def document_image(title: str, header: str, rows: Sequence[tuple[str, str]], body: str, footer: str,
                   stamp_text: str, watermark: str) -> bytes:
    """A scanned A4 form (e.g. a 诊断证明书) with a big diagonal SAMPLE watermark."""
    w, h = 900, 1272
    img = Image.new("RGB", (w, h), (252, 251, 247))
    draw = ImageDraw.Draw(img)
    draw.text((w // 2, 90), header, font=font(30), fill=(30, 30, 30), anchor="mm")
    draw.text((w // 2, 160), title, font=font(48), fill=(20, 20, 20), anchor="mm")
    draw.line((70, 210, w - 70, 210), fill=(60, 60, 60), width=2)
    y = 240
    for label, value in rows:
        draw.text((90, y), label, font=font(26), fill=(70, 70, 70))
        draw.text((250, y), value, font=font(26), fill=(20, 20, 20))
        draw.line((250, y + 38, w - 90, y + 38), fill=(200, 200, 200), width=1)
        y += 56
    y += 20
    for line in wrap(body, font(26), w - 180):
        draw.text((90, y), line, font=font(26), fill=(20, 20, 20))
        y += 44
    draw.multiline_text((w - 90, h - 190), footer, font=font(26), fill=(20, 20, 20), anchor="ra", align="right",
                        spacing=12)
    # a red round seal
    cx, cy = w - 300, h - 330
    draw.ellipse((cx - 105, cy - 105, cx + 105, cy + 105), outline=(210, 40, 40), width=6)
    draw.text((cx, cy - 10), "★", font=font(48), fill=(210, 40, 40), anchor="mm")
    draw.text((cx, cy + 52), stamp_text, font=font(20), fill=(210, 40, 40), anchor="mm")
    overlay = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    odraw = ImageDraw.Draw(overlay)
    for i, y0 in enumerate((300, 700, 1100)):
        odraw.text((w // 2 + (i - 1) * 40, y0), watermark, font=font(90), fill=(220, 40, 40, 70), anchor="mm")
    overlay = overlay.rotate(28, resample=Image.Resampling.BICUBIC, center=(w // 2, h // 2))
    img = Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB")
    return png_bytes(img)
