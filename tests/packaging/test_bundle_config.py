"""The bundle rules in packaging/bundle_config.py: what build.spec ships and what it leaves out."""

from __future__ import annotations

import importlib.util
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
            "iconengines/libqsvgicon.so", "platformthemes/libqxdgdesktopportal.so"]
    dropped = ["platforms/libqeglfs.so", "platforms/libqvnc.so", "platformthemes/libqgtk3.so",
               "platforminputcontexts/libqtvirtualkeyboardplugin.so", "imageformats/libqpdf.so",
               "tls/libqopensslbackend.so", "networkinformation/libqnetworkmanager.so",
               "wayland-shell-integration/libivi-shell.so", "generic/libqevdevmouseplugin.so",
               "sqldrivers/libqsqlite.so", "qmltooling/libqmldbg_debugger.so"]
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
                "libX11.so.6", "libdbus-1.so.3", "libcrypto.so.3", "libssl.so.3"):
        assert not cfg.keep_binary(lib), lib
        assert cfg.is_system_lib(lib)
    # Not on every system (feasibility.md §2: missing on a bare Debian), so they travel with the app.
    for lib in ("libxkbcommon.so.0", "libxkbcommon-x11.so.0", "libxcb-cursor.so.0", "libxcb-icccm.so.4",
                "libsqlite3.so.0", "libstdc++.so.6", "libglib-2.0.so.0", "libgssapi_krb5.so.2"):
        assert cfg.keep_binary(lib), lib
        assert not cfg.is_system_lib(lib)
    # Only top-level copies: Pillow's and Qt's private copies are theirs.
    assert cfg.keep_binary("pillow.libs/libfreetype-57f805ba.so.6.20.6")
    assert cfg.is_system_lib("libc.so.6") and cfg.is_system_lib("libGL.so.1")


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
