"""The bundle rules in packaging/bundle_config.py: what build.spec ships and what it leaves out."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import desktop_app

REPO = Path(__file__).resolve().parents[2]


def _load_config():
    spec = importlib.util.spec_from_file_location("bundle_config", REPO / "packaging" / "bundle_config.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bundle_config", module)
    spec.loader.exec_module(module)
    return module


cfg = _load_config()


def test_version_and_ids_come_from_the_package_without_importing_it():
    constants = cfg.package_constants(REPO)
    assert constants["__version__"] == desktop_app.__version__
    assert constants["APP_ID"] == desktop_app.APP_ID
    assert constants["APP_DISPLAY_NAME"] == desktop_app.APP_DISPLAY_NAME


@pytest.mark.parametrize(("text", "expected"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0)), ("3.4.5.6.7", (3, 4, 5, 6)),
])
def test_version_tuple_for_the_windows_version_resource(text, expected):
    assert cfg.version_tuple(text) == expected


def test_every_runtime_resource_is_listed_and_build_inputs_are_not():
    datas = cfg.resource_datas(REPO)
    by_name = {Path(src).name: dest for src, dest in datas}
    # Fonts for the UI and the PDF, the catalogues, the rule packs, the icons.
    assert by_name["NotoSansSC-Regular.ttf"] == "resources/fonts"
    assert by_name["NotoSansTC-Regular.ttf"] == "resources/fonts"
    assert by_name["OFL.txt"] == "resources/fonts"  # the font licence travels with the fonts
    assert by_name["app.svg"] == "resources/icons"
    assert by_name["app-256.png"] == "resources/icons"
    for folder in ("i18n", "rules"):
        files = [p for p in (REPO / "resources" / folder).rglob("*") if p.is_file()]
        assert files, f"resources/{folder} is empty"
        for path in files:
            assert (str(path), str(Path("resources", folder, *path.relative_to(REPO / "resources" / folder)
                                        .parent.parts).as_posix())) in datas, path
    assert any(Path(src).suffix == ".toml" and dest == "resources/i18n" for src, dest in datas)
    assert "app.ico" not in by_name and "app.icns" not in by_name  # used by the packager, not at run time
    # Every other file under resources/ is listed, so a new resource folder cannot be forgotten.
    listed = {Path(src) for src, _ in datas}
    for path in (REPO / "resources").rglob("*"):
        if path.is_file() and path.suffix not in {".ico", ".icns", ".pyc"} and "__pycache__" not in path.parts:
            assert path in listed, path


def test_qt_translations_other_than_chinese_and_english_are_dropped():
    qt = "PySide6/Qt/translations/"
    assert cfg.keep_data(qt + "qtbase_zh_CN.qm")
    assert cfg.keep_data(qt + "qtbase_zh_TW.qm")
    assert cfg.keep_data(qt + "qt_en.qm")
    assert cfg.keep_data(qt + "qtmultimedia_zh_TW.qm")
    assert not cfg.keep_data(qt + "qtbase_de.qm")
    assert not cfg.keep_data(qt + "qt_zh_HK.qm")  # not one of ours: zh_TW covers Hong Kong users
    assert not cfg.keep_data(qt + "qtbase_ja.qm")
    assert cfg.keep_data("resources/i18n/core.toml")
    assert cfg.keep_data("PySide6\\Qt\\translations\\qtbase_zh_CN.qm")  # Windows separators


def test_plugins_kept_and_dropped():
    plugins = "PySide6/Qt/plugins/"
    kept = ["platforms/libqxcb.so", "platforms/libqoffscreen.so", "platforms/libqwayland.so",
            "wayland-shell-integration/libxdg-shell.so", "wayland-decoration-client/libadwaita.so",
            "platforminputcontexts/libibusplatforminputcontextplugin.so",
            "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
            "imageformats/libqjpeg.so", "imageformats/libqwebp.so", "imageformats/libqsvg.so",
            "iconengines/libqsvgicon.so", "platformthemes/libqxdgdesktopportal.so",
            "wayland-graphics-integration-client/libqt-plugin-wayland-egl.so"]
    dropped = ["platforms/libqeglfs.so", "platforms/libqvnc.so", "platformthemes/libqgtk3.so",
               "platforminputcontexts/libqtvirtualkeyboardplugin.so", "imageformats/libqpdf.so",
               "tls/libqopensslbackend.so", "networkinformation/libqnetworkmanager.so",
               "wayland-shell-integration/libivi-shell.so", "generic/libqevdevmouseplugin.so",
               "sqldrivers/libqsqlite.so", "qmltooling/libqmldbg_debugger.so",
               "wayland-graphics-integration-client/libdmabuf-server.so",
               "wayland-graphics-integration-client/libvulkan-server.so"]
    for name in kept:
        assert cfg.keep_binary(plugins + name, {"QtWidgets"}), name
    for name in dropped:
        assert not cfg.keep_binary(plugins + name, {"QtWidgets"}), name


def test_plugins_and_libraries_a_used_module_needs_are_kept():
    plugins = "PySide6/Qt/plugins/"
    assert not cfg.keep_binary(plugins + "multimedia/libffmpegmediaplugin.so", {"QtWidgets"})
    assert cfg.keep_binary(plugins + "multimedia/libffmpegmediaplugin.so", {"QtMultimedia"})
    assert cfg.keep_binary(plugins + "sqldrivers/libqsqlite.so", {"QtSql"})
    assert not cfg.keep_binary("PySide6/Qt/lib/libQt6Quick.so.6", {"QtWidgets"})
    assert cfg.keep_binary("PySide6/Qt/lib/libQt6Quick.so.6", {"QtQuick"})
    # The FFmpeg media plugin links QtQuick and QtQml: dropping them silently breaks audio.
    for lib in ("libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6QmlModels.so.6", "libQt6QmlMeta.so.6"):
        assert cfg.keep_binary("PySide6/Qt/lib/" + lib, cfg.with_dependencies({"QtMultimedia"})), lib
    assert cfg.keep_binary("PySide6/Qt/lib/libQt6Network.so.6")
    assert cfg.keep_binary("PySide6/Qt/lib/libQt6WaylandClient.so.6")
    assert cfg.keep_binary("libpython3.11.so.1.0")


def test_host_libraries_come_from_the_system_and_the_rest_is_bundled():
    for lib in ("libpulse.so.0", "libpulsecommon-16.1.so", "libcups.so.2", "libgnutls.so.30", "libfontconfig.so.1",
                "libX11.so.6", "libdbus-1.so.3", "libcrypto.so.3", "libssl.so.3",
                # The C++ runtime: a bundled older copy breaks the system's GL driver (mesa links
                # the system's); and the compression libraries dpkg/rpm/pacman themselves link.
                "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1", "libzstd.so.1", "liblzma.so.5"):
        assert not cfg.keep_binary(lib), lib
        assert cfg.is_system_lib(lib)
    # Not on every system (feasibility.md §2: missing on a bare Debian), so they travel with the app.
    # libbz2 stays too: Fedora has only libbz2.so.1, and Python's _bz2 asks for libbz2.so.1.0.
    for lib in ("libxkbcommon.so.0", "libxkbcommon-x11.so.0", "libxcb-cursor.so.0", "libxcb-icccm.so.4",
                "libsqlite3.so.0", "libglib-2.0.so.0", "libgssapi_krb5.so.2", "libkrb5.so.3", "libbz2.so.1.0",
                "libbrotlidec.so.1"):
        assert cfg.keep_binary(lib), lib
        assert not cfg.is_system_lib(lib)
    # Only top-level copies: Pillow's and Qt's private copies are theirs (Pillow's libtiff links
    # its own renamed zstd and lzma, which the system does not provide under those names).
    assert cfg.keep_binary("pillow.libs/libfreetype-57f805ba.so.6.20.6")
    assert cfg.keep_binary("pillow.libs/libzstd-40ad5e7e.so.1.5.7")
    assert cfg.keep_binary("libzstd-40ad5e7e.so.1.5.7") and not cfg.is_system_lib("liblzma-de26b416.so.5.8.4")
    assert cfg.is_system_lib("libc.so.6") and cfg.is_system_lib("libGL.so.1")


def test_python_excludes_keep_the_chinese_codecs_and_drop_the_others():
    import encodings
    import re

    excludes = set(cfg.PY_EXCLUDES)

    def c_codec(encoding: str) -> str:
        """The C extension an encoding's module imports (e.g. gb18030 → _codecs_cn)."""
        module = encodings.search_function.__globals__["normalize_encoding"](encoding)
        module = encodings.aliases.aliases.get(module, module)
        source = (Path(encodings.__file__).parent / f"{module}.py").read_text("utf-8")
        return re.search(r"import (_codecs_\w+)", source).group(1)

    # What our importers and previews decode (GB18030/GBK, HZ), Big5 for Taiwan, Big5-HKSCS for Hong Kong.
    for encoding in ("gb18030", "gbk", "gb2312", "hz", "big5", "cp950", "big5hkscs"):
        assert c_codec(encoding) not in excludes, encoding
    for encoding in ("shift_jis", "euc_jp", "cp932", "euc_kr", "cp949", "iso2022_jp", "iso2022_kr"):
        assert c_codec(encoding) in excludes, encoding
    assert {"charset_normalizer", "_pydecimal", "multiprocessing"} <= excludes
    for needed in ("_decimal", "decimal", "unicodedata", "_multibytecodec", "sqlite3", "xml", "concurrent.futures"):
        assert needed not in excludes, needed


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)


def test_an_xml_file_in_a_dropped_encoding_is_refused_with_a_clear_message(tmp_path):
    # As frozen: the Japanese codec is not there.  The importer must say so in one sentence, not crash.
    xml = tmp_path / "calls.xml"
    xml.write_bytes(b'<?xml version="1.0" encoding="iso-2022-jp"?><calls><call number="1"/></calls>')
    result = _run(f"""
import sys
sys.modules["_codecs_iso2022"] = sys.modules["_codecs_jp"] = None  # what the bundle lacks
from pathlib import Path
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.importers.model import FileReport
from desktop_app.core.importers.xmlstream import iter_elements
path = Path({str(xml)!r})
try:
    list(iter_elements(path, FileReport(path=path, format="xml"), {{"call"}}, {{"calls"}}))
except ImportFormatError as exc:
    print("refused:", exc)
""")
    assert result.returncode == 0, result.stderr
    assert "refused: calls.xml" in result.stdout and "iso-2022-jp" in result.stdout.lower(), result.stdout


def test_qt_bindings_the_app_does_not_import_are_excluded_unless_it_starts_to():
    used = cfg.used_qt_modules(REPO)
    excludes = cfg.qt_excludes(used | {"QtSvg"})
    # QtGui links libQt6DBus (kept as a library); only the Python binding goes.  Recordings play
    # through QMediaPlayer + QAudioOutput, so QtMultimediaWidgets (QVideoWidget) is not needed.
    assert "PySide6.QtDBus" in excludes and "PySide6.QtMultimediaWidgets" in excludes
    assert "PySide6.QtMultimedia" not in excludes
    assert "PySide6.QtDBus" not in cfg.qt_excludes(used | {"QtDBus"})
    assert "PySide6.QtMultimediaWidgets" not in cfg.qt_excludes(used | {"QtMultimediaWidgets"})
    assert cfg.keep_binary("PySide6/Qt/lib/libQt6DBus.so.6", cfg.with_dependencies(used))


def _qt_lib(name: str) -> str:
    import PySide6

    return str(Path(PySide6.__file__).parent / "Qt" / "lib" / name)


@pytest.mark.skipif(__import__("shutil").which("readelf") is None, reason="binutils' readelf not installed")
def test_prune_orphans_drops_only_libraries_nothing_links_to():
    import PySide6

    binding = str(Path(PySide6.__file__).parent / "QtCore.abi3.so")
    assert "libQt6Core.so.6" in cfg.elf_needed(binding)
    entries = [
        ("PySide6/QtCore.abi3.so", binding, "EXTENSION"),
        ("libQt6Core.so.6", _qt_lib("libQt6Core.so.6"), "BINARY"),  # needed by the binding
        ("libQt6SvgWidgets.so.6", _qt_lib("libQt6SvgWidgets.so.6"), "BINARY"),  # needed by nothing: pruned
        ("libQt6Svg.so.6", _qt_lib("libQt6Svg.so.6"), "BINARY"),  # only SvgWidgets needed it: next round
        ("libQt6Gui.so.6", _qt_lib("libQt6Gui.so.6"), "BINARY"),  # Widgets needs it: kept
        ("PySide6/Qt/lib/libQt6Widgets.so.6", _qt_lib("libQt6Widgets.so.6"), "BINARY"),  # in a folder: kept
    ]
    kept = [e[0] for e in cfg.prune_orphans(entries)]
    assert kept == ["PySide6/QtCore.abi3.so", "libQt6Core.so.6", "libQt6Gui.so.6",
                    "PySide6/Qt/lib/libQt6Widgets.so.6"]
    assert cfg.elf_needed(str(REPO / "build.spec")) is None  # not ELF


def test_prune_orphans_never_touches_windows_or_macos_builds(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    entries = [("libcrypto-3.dll", "C:/x/libcrypto-3.dll", "BINARY"), ("libffi-8.dll", "C:/x/libffi-8.dll", "BINARY")]
    assert cfg.prune_orphans(entries) == entries


def test_excluded_qt_modules_never_include_what_the_app_imports():
    used = cfg.used_qt_modules(REPO)
    assert {"QtCore", "QtWidgets"} <= used
    excludes = set(cfg.qt_excludes(used | {"QtSvg"}))
    for module in cfg.with_dependencies(used):
        assert f"PySide6.{module}" not in excludes, module
    # QtMultimedia needs QtNetwork at import time (research/feasibility.md §6).
    assert "PySide6.QtNetwork" not in cfg.qt_excludes({"QtMultimedia"})
    assert "PySide6.QtNetwork" not in cfg.QT_EXCLUDE_CANDIDATES
    assert "PySide6.QtQuick" in cfg.qt_excludes({"QtWidgets"})
    assert "PySide6.QtWebEngineCore" in cfg.qt_excludes({"QtWidgets"})


def test_used_qt_modules_reads_both_import_forms(tmp_path):
    pkg = tmp_path / "desktop_app" / "ui"
    pkg.mkdir(parents=True)
    (pkg / "a.py").write_text("from PySide6.QtCharts import QChart\nimport PySide6.QtSvg\n")
    (pkg / "b.py").write_text("from PySide6 import (\n    QtCore,\n    QtMultimedia,\n)\nfrom PySide6 import QtGui\n")
    assert cfg.used_qt_modules(tmp_path) == {"QtCharts", "QtSvg", "QtCore", "QtMultimedia", "QtGui"}


def test_phonenumbers_carrier_and_timezone_data_only_when_used(tmp_path):
    pkg = tmp_path / "desktop_app"
    pkg.mkdir()
    (pkg / "a.py").write_text("import phonenumbers\nfrom phonenumbers import geocoder\n")
    assert cfg.phonenumbers_excludes(tmp_path) == ["phonenumbers.carrier", "phonenumbers.carrierdata",
                                                   "phonenumbers.timezone", "phonenumbers.tzdata"]
    (pkg / "b.py").write_text("from phonenumbers import carrier\n")
    assert cfg.phonenumbers_excludes(tmp_path) == ["phonenumbers.timezone", "phonenumbers.tzdata"]
    (pkg / "c.py").write_text("import phonenumbers.timezone\n")
    assert cfg.phonenumbers_excludes(tmp_path) == []
    # The real app uses the geocoder only, which is never excluded.
    assert not any("geo" in name for name in cfg.phonenumbers_excludes(REPO))


def test_phonenumbers_short_number_data_only_when_used(tmp_path):
    pkg = tmp_path / "desktop_app"
    pkg.mkdir()
    (pkg / "a.py").write_text("import phonenumbers\nphonenumbers.format_number(n, fmt)\n")
    excludes = cfg.phonenumbers_short_data_excludes(tmp_path)
    assert "phonenumbers.shortdata.region_CN" in excludes and "phonenumbers.shortdata.region_HK" in excludes
    assert "phonenumbers.shortdata" not in excludes  # phonenumbers imports the package itself
    assert all(name.startswith("phonenumbers.shortdata.region_") for name in excludes)
    (pkg / "b.py").write_text("from phonenumbers import is_emergency_number\n")
    assert cfg.phonenumbers_short_data_excludes(tmp_path) == []
    (pkg / "b.py").write_text("import phonenumbers.shortnumberinfo\n")
    assert cfg.phonenumbers_short_data_excludes(tmp_path) == []
    assert cfg.phonenumbers_short_data_excludes(REPO)  # the app uses none of it


def test_numbers_parse_format_and_get_their_place_without_the_excluded_data():
    # As frozen: every excluded phonenumbers module is missing.  Our own phone code must not notice.
    blocked = cfg.phonenumbers_short_data_excludes(REPO) + cfg.phonenumbers_excludes(REPO)
    result = _run(f"""
import sys
for name in {blocked!r}:
    sys.modules[name] = None
import phonenumbers
from phonenumbers import geocoder
for raw, region in (("13800138000", "CN"), ("021 6000 1234", "CN"), ("9123 4567", "HK"), ("0912 345 678", "TW")):
    n = phonenumbers.parse(raw, region)
    assert phonenumbers.is_valid_number(n), raw
    print(phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164), geocoder.description_for_number(n, "zh"))
""")
    assert result.returncode == 0, result.stderr
    assert "+862160001234 上海市" in result.stdout, result.stdout
    assert "+85291234567" in result.stdout and "+886912345678" in result.stdout
