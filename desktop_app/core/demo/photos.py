"""Photo-like pictures for the demo cases: drawn scenes with blur, sensor grain and a vignette,
saved as JPEG with EXIF capture times (DateTimeOriginal + OffsetTimeOriginal) like a phone camera.

Seeded noise keeps the bytes — and so the sha256 — identical from run to run.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

from desktop_app.core.demo.render import font


def _noise(size: tuple[int, int], seed: int, strength: int) -> Image.Image:
    rng = random.Random(seed)
    w, h = size
    table = bytes(128 + (b % (2 * strength + 1)) - strength for b in range(256))  # byte -> grain level
    raw = rng.randbytes(w * h).translate(table)
    return Image.frombytes("L", size, raw)


def door_photo(stamp: str, seed: int, people: int = 2, exif: bytes | None = None) -> bytes:
    """A hand-held photo through a half-open flat door: corridor, two visitors, sensor noise,
    a camera watermark with the time.  Drawn, not photographed — and marked as a demo."""
    w, h = 960, 720
    img = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(img)
    for y in range(h):  # corridor wall and floor, lit from a ceiling lamp
        if y < 470:
            v = 200 - int(60 * abs(y - 120) / 470)
            draw.line((0, y, w, y), fill=(v, v - 6, v - 18))
        else:
            v = 120 - int(40 * (y - 470) / 250)
            draw.line((0, y, w, y), fill=(v, v - 10, v - 22))
    draw.ellipse((430, 10, 560, 50), fill=(255, 250, 225))  # lamp
    # stairwell door and a fire-hydrant box on the far wall
    draw.rectangle((640, 150, 780, 470), fill=(96, 120, 104), outline=(60, 70, 64), width=4)
    draw.rectangle((820, 250, 920, 370), fill=(190, 40, 36), outline=(120, 20, 20), width=3)
    draw.text((870, 310), "消防栓", font=font(22), fill=(255, 235, 230), anchor="mm")
    # floor tiles in perspective, converging on the far end of the corridor
    for x in range(-400, w + 400, 120):
        draw.line((x, h, w // 2 + (x - w // 2) // 4, 470), fill=(98, 90, 80), width=2)
    for y in (500, 545, 610, 700):
        draw.line((0, y, w, y), fill=(98, 90, 80), width=2)
    # the visitors (dark jackets): the nearer one holds a folder, the other stands back
    figures = [(520, 190, 0.86, (58, 52, 48)), (300, 150, 1.0, (40, 44, 58))]  # far one first (behind)
    for cx, top, scale, jacket in figures[-people:] if people else []:
        def sc(v: float, s: float = scale) -> int:
            return int(v * s)
        hx, hy = cx, top + sc(50)
        draw.rounded_rectangle((cx - sc(95), top + sc(105), cx + sc(95), top + sc(420)), radius=sc(50), fill=jacket)
        draw.rounded_rectangle((cx - sc(118), top + sc(125), cx - sc(78), top + sc(360)), radius=sc(20), fill=jacket)
        draw.rounded_rectangle((cx + sc(78), top + sc(125), cx + sc(118), top + sc(360)), radius=sc(20), fill=jacket)
        draw.ellipse((cx - sc(116), top + sc(340), cx - sc(80), top + sc(376)), fill=(176, 140, 114))
        draw.ellipse((cx + sc(80), top + sc(340), cx + sc(116), top + sc(376)), fill=(176, 140, 114))
        draw.rectangle((cx - sc(16), top + sc(90), cx + sc(16), top + sc(112)), fill=(170, 134, 110))  # neck
        draw.ellipse((hx - sc(38), hy - sc(48), hx + sc(38), hy + sc(48)), fill=(186, 150, 124))
        draw.chord((hx - sc(40), hy - sc(52), hx + sc(40), hy + sc(30)), 180, 360, fill=(34, 28, 26))  # hair
        draw.polygon([(cx - sc(30), top + sc(105)), (cx, top + sc(160)), (cx + sc(30), top + sc(105))],
                     fill=(210, 210, 214))  # shirt collar
        draw.rectangle((cx - sc(70), top + sc(415), cx - sc(12), h), fill=(34, 34, 40))
        draw.rectangle((cx + sc(12), top + sc(415), cx + sc(70), h), fill=(34, 34, 40))
    if people:
        draw.polygon([(330, 330), (420, 318), (432, 420), (342, 432)], fill=(226, 220, 196))  # the folder
        draw.line((345, 350, 415, 340), fill=(150, 146, 130), width=3)
    # our own door leaf in the foreground, slightly out of focus
    draw.rectangle((0, 0, 150, h), fill=(120, 74, 44))
    draw.rectangle((20, 40, 130, 330), outline=(92, 54, 30), width=6)
    draw.rectangle((20, 380, 130, 680), outline=(92, 54, 30), width=6)
    draw.rounded_rectangle((112, 340, 150, 372), radius=8, fill=(200, 196, 180))
    return _camera_finish(img, seed, stamp, "演示案例 · 画面为绘制的虚构场景", exif)


def _camera_finish(img: Image.Image, seed: int, stamp: str, mark: str, exif: bytes | None,
                   blur: float = 1.6) -> bytes:
    """Soft focus, sensor grain, a vignette, the camera's time watermark and a demo mark; JPEG bytes."""
    w, h = img.size
    img = img.filter(ImageFilter.GaussianBlur(blur))
    grain = _noise((w, h), seed, 18).convert("RGB")
    img = Image.blend(img, grain, 0.12)
    # The vignette is smooth, so draw and blur it at 1/8 size (a big blur at full size is slow).
    small = Image.new("L", (w // 8, h // 8), 0)
    ImageDraw.Draw(small).ellipse((-20, -18, w // 8 + 20, h // 8 + 18), fill=255)
    vignette = small.filter(ImageFilter.GaussianBlur(11)).resize((w, h), Image.Resampling.BILINEAR)
    img = Image.composite(img, Image.new("RGB", (w, h), (20, 18, 16)), vignette)
    draw = ImageDraw.Draw(img)
    draw.text((w - 24, h - 56), stamp, font=font(28), fill=(255, 214, 90), anchor="ra")
    draw.text((24, h - 44), mark, font=font(20), fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85, exif=exif or b"")
    return out.getvalue()


def envelope_photo(stamp: str, seed: int, sender: str, window_lines: list[str], exterior: str,
                   mark: str, exif: bytes | None = None) -> bytes:
    """A letter lying on a kitchen table, photographed from above: the sender's return address,
    a window showing the addressee, and what is printed on the outside for anyone to read."""
    w, h = 960, 720
    rng = random.Random(seed)
    img = Image.new("RGB", (w, h), (150, 108, 72))
    draw = ImageDraw.Draw(img)
    for y in range(0, h, 3):  # wood grain
        tone = rng.randint(-14, 14)
        draw.line((0, y, w, y + rng.randint(-6, 6)), fill=(150 + tone, 108 + tone, 72 + tone // 2), width=2)
    env = Image.new("RGBA", (760, 400), (246, 244, 236, 255))
    e = ImageDraw.Draw(env)
    e.rectangle((0, 0, 759, 399), outline=(210, 206, 196), width=3)
    e.text((36, 30), sender, font=font(24), fill=(40, 40, 60))
    e.rectangle((300, 170, 700, 300), fill=(232, 236, 240), outline=(190, 196, 204), width=2)
    for i, line in enumerate(window_lines):
        e.text((320, 182 + i * 34), line, font=font(24), fill=(30, 30, 30))
    e.text((36, 330), exterior, font=font(30), fill=(200, 30, 30))
    e.rectangle((640, 26, 730, 120), outline=(140, 140, 140), width=2)
    e.text((685, 73), "USPS\nFIRST-CLASS", font=font(14), fill=(90, 90, 90), anchor="mm", align="center")
    env = env.rotate(-4, resample=Image.Resampling.BICUBIC, expand=True)
    shadow = Image.new("RGBA", env.size, (0, 0, 0, 0))
    shadow.paste((40, 28, 20, 120), mask=env.split()[3])
    img.paste(shadow.filter(ImageFilter.GaussianBlur(8)), (112, 172), shadow.filter(ImageFilter.GaussianBlur(8)))
    img.paste(env, (96, 150), env)
    return _camera_finish(img, seed, stamp, mark, exif, blur=0.9)


def exif_bytes(local: str, offset: str, model: str = "Demo Phone") -> bytes:
    """EXIF with DateTimeOriginal ('YYYY:MM:DD HH:MM:SS') and OffsetTimeOriginal ('+08:00')."""
    exif = Image.Exif()
    exif[0x010F] = "PaperTrail"  # Make
    exif[0x0110] = model
    exif[0x0132] = local  # DateTime
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = local  # DateTimeOriginal
    sub[0x9004] = local  # DateTimeDigitized
    sub[0x9011] = offset  # OffsetTimeOriginal
    sub[0x9010] = offset  # OffsetTime
    return exif.tobytes()
