"""Render the app icon resources/icons/app.svg into the PNG, ICO and ICNS files we ship.

    python tools/make_icons.py            # writes resources/icons/app-<size>.png, app.ico, app.icns
    python tools/make_icons.py --out DIR  # somewhere else (the tests do this)

Qt's SVG renderer (QtSvg, in PySide6-Essentials) draws each size from the vector source, so
small sizes are sharp rather than scaled-down bitmaps; at 16 and 24 px the group id="detail"
(the text lines) is left out because it would only blur into grey.  Pillow writes the .ico
(Windows) and .icns (macOS) from those renders.  The outputs are committed, so building the
app needs neither step.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)  # Pillow writes the retina variants from the larger images
SMALL = 24  # at this size and below, the detail group is dropped

_DETAIL = re.compile(r'<g id="detail".*?</g>', re.S)


def simplified(svg: str) -> str:
    stripped = _DETAIL.sub("", svg)
    if stripped == svg:
        raise ValueError(f"{SOURCE.name} has no <g id=\"detail\"> group to leave out at small sizes")
    return stripped


def render(svg: str, size: int):
    """A Pillow RGBA image of the SVG drawn at size × size."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        raise ValueError(f"Qt cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def make_icons(out: Path, source: Path = SOURCE) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it alive
    svg = source.read_text("utf-8")
    small = simplified(svg)
    images = {size: render(small if size <= SMALL else svg, size) for size in sorted(set(PNG_SIZES + (1024,)))}

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for size in PNG_SIZES:
        path = out / f"app-{size}.png"
        images[size].save(path, optimize=True)
        written.append(path)

    ico = out / "app.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    written.append(ico)

    icns = out / "app.icns"
    images[1024].save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES])
    written.append(icns)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SOURCE.parent, help="output folder (default: resources/icons)")
    args = parser.parse_args(argv)
    for path in make_icons(args.out):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
