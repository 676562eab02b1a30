"""tools/make_icons.py: the SVG renders to valid PNG, ICO and ICNS files, and the committed ones are current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"


def _load_tool():
    spec = importlib.util.spec_from_file_location("make_icons", REPO / "tools" / "make_icons.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_icons", module)
    spec.loader.exec_module(module)
    return module


make_icons = _load_tool()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, qapp_cls=None):
    # make_icons needs a Q(Gui)Application; in a test session the pytest-qt one is reused.
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])  # noqa: F841 - kept alive for the renders
    out = tmp_path_factory.mktemp("icons")
    written = make_icons.make_icons(out)
    return out, written


def test_every_size_is_a_square_rgba_png_with_transparent_corners(rendered):
    out, written = rendered
    assert {p.name for p in written} == {f"app-{s}.png" for s in make_icons.PNG_SIZES} | {"app.ico", "app.icns"}
    for size in make_icons.PNG_SIZES:
        with Image.open(out / f"app-{size}.png") as image:
            assert image.format == "PNG"
            assert image.size == (size, size)
            assert image.mode == "RGBA"
            assert image.getpixel((0, 0))[3] == 0  # rounded corner: see-through
            assert image.getpixel((size // 2, size // 2))[3] == 255  # the page: solid


def test_small_sizes_leave_the_detail_out():
    svg = make_icons.SOURCE.read_text("utf-8")
    small = make_icons.simplified(svg)
    assert 'id="detail"' in svg and 'id="detail"' not in small
    assert "<circle" in small  # the seal stays


def test_ico_holds_every_windows_size(rendered):
    out, _ = rendered
    with Image.open(out / "app.ico") as ico:
        assert ico.format == "ICO"
        assert set(ico.info["sizes"]) >= {(s, s) for s in make_icons.ICO_SIZES}


def test_icns_holds_the_macos_sizes(rendered):
    out, _ = rendered
    with Image.open(out / "app.icns") as icns:
        assert icns.format == "ICNS"
        assert icns.size == (1024, 1024)
        sizes = {(w, h) for w, h, _ in icns.info["sizes"]}
        assert {(16, 16), (32, 32), (128, 128), (256, 256), (512, 512)} <= sizes


@pytest.mark.parametrize("size", [16, 48, 256])
def test_committed_icons_match_the_svg(rendered, size):
    """Editing app.svg without re-running tools/make_icons.py fails here."""
    out, _ = rendered
    with Image.open(ICONS / f"app-{size}.png") as committed, Image.open(out / f"app-{size}.png") as fresh:
        diff = ImageChops.difference(committed.convert("RGBA"), fresh.convert("RGBA"))
        assert max(ImageStat.Stat(diff).mean) < 2.0  # tolerance for another Qt's anti-aliasing


def test_committed_ico_and_icns_exist():
    for name in ("app.ico", "app.icns", "app.svg"):
        assert (ICONS / name).stat().st_size > 0
