"""What goes into the PyInstaller bundle: the decisions behind build.spec, as plain functions.

build.spec imports this file so the rules can be unit-tested without running PyInstaller
(tests/packaging/test_bundle_config.py).  Nothing here imports the app or Qt.

Sizes and reasons: research/feasibility.md §6 and docs/packaging.md.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "papertrail"

# ---------------------------------------------------------------------------------------------
# Version and identifiers, read from desktop_app/__init__.py without importing the package.


def package_constants(root: Path = ROOT) -> dict[str, str]:
    """The string constants assigned at the top of desktop_app/__init__.py (__version__, APP_ID…)."""
    tree = ast.parse((root / "desktop_app" / "__init__.py").read_text("utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' / '1.2rc1' → (0, 1, 0, 0) / (1, 2, 0, 0): Windows' version resource wants four integers."""
    numbers = [int(m) for m in re.findall(r"\d+", version.split("+")[0].split("rc")[0].split("a")[0].split("b")[0])]
    numbers = (numbers + [0, 0, 0, 0])[:4]
    return numbers[0], numbers[1], numbers[2], numbers[3]


# ---------------------------------------------------------------------------------------------
# Our data files: everything under resources/ is found at run time through
# desktop_app.core.paths.resource_path(), which looks in <_MEIPASS>/resources when frozen.

# Build-time inputs that the running app never reads: the icon sources for the OS packagers.
_BUILD_ONLY_SUFFIXES = {".ico", ".icns", ".py", ".pyc"}
_SKIP_DIRS = {"__pycache__"}


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for every run-time file under resources/.

    One entry per file (not per folder) so the build-only files can be left out and the test
    can check each expected kind of resource is listed.
    """
    base = root / "resources"
    pairs: list[tuple[str, str]] = []
    for path in sorted(base.rglob("*")):
        if not path.is_file() or path.suffix.lower() in _BUILD_ONLY_SUFFIXES:
            continue
        rel = path.relative_to(base)
        if any(part in _SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        pairs.append((str(path), str(PurePosixPath("resources", *rel.parent.parts))))
    return pairs


# ---------------------------------------------------------------------------------------------
# Qt modules: exclude the big ones the app does not import.  The list is a deny-list of
# candidates, minus whatever desktop_app actually imports (scanned from the source) and what
# those need, so a new `from PySide6 import QtCharts` in the UI cannot be silently broken by
# a stale exclude.  QtMultimedia needs QtNetwork at import time (feasibility.md §6 gotcha).

QT_DEPENDS: dict[str, set[str]] = {
    "QtGui": {"QtCore"},
    "QtWidgets": {"QtGui"},
    "QtSvg": {"QtGui"},
    "QtSvgWidgets": {"QtSvg", "QtWidgets"},
    "QtPrintSupport": {"QtWidgets"},
    "QtNetwork": {"QtCore"},
    "QtMultimedia": {"QtNetwork", "QtGui"},
    "QtMultimediaWidgets": {"QtMultimedia", "QtWidgets"},
    "QtCharts": {"QtWidgets", "QtOpenGL", "QtOpenGLWidgets"},
    "QtOpenGLWidgets": {"QtOpenGL", "QtWidgets"},
    "QtOpenGL": {"QtGui"},
    "QtPdf": {"QtGui", "QtNetwork"},
    "QtPdfWidgets": {"QtPdf", "QtWidgets"},
    "QtQuickWidgets": {"QtQuick", "QtWidgets"},
    "QtQuick": {"QtQml", "QtGui", "QtOpenGL"},
    "QtQml": {"QtNetwork"},
    "QtSql": {"QtCore"},
    "QtXml": {"QtCore"},
    "QtDBus": {"QtCore"},
    "QtConcurrent": {"QtCore"},
    "QtStateMachine": {"QtCore"},
    "QtTextToSpeech": {"QtCore"},
}

QT_EXCLUDE_CANDIDATES = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus", "QtDesigner",
    "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLabsStyleKit", "QtLocation", "QtNetworkAuth",
    "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtQml",
    "QtQmlFeatures", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql",
    "QtMultimediaWidgets",  # recordings play through QMediaPlayer + QAudioOutput; no QVideoWidget
    "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore",
    "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
)

_QT_DOTTED = re.compile(r"\bPySide6\.(Qt\w+)")
_QT_FROM = re.compile(r"\bfrom\s+PySide6\s+import\s+(\([^)]*\)|[^\n]*)")


def used_qt_modules(root: Path = ROOT) -> set[str]:
    """PySide6 modules named anywhere in desktop_app/ (imports, and strings like 'PySide6.QtSvg')."""
    used: set[str] = set()
    for path in (root / "desktop_app").rglob("*.py"):
        text = path.read_text("utf-8", errors="replace")
        used.update(_QT_DOTTED.findall(text))
        for listed in _QT_FROM.findall(text):
            used.update(re.findall(r"\bQt\w+", listed))
    return used


def with_dependencies(modules: Iterable[str]) -> set[str]:
    needed: set[str] = set()
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo.extend(QT_DEPENDS.get(name, ()))
    return needed


def qt_excludes(used: Iterable[str]) -> list[str]:
    needed = with_dependencies(used)
    return [f"PySide6.{name}" for name in QT_EXCLUDE_CANDIDATES if name not in needed]


# Python packages no code path of the app uses (the build venv also holds test tools).
PY_EXCLUDES = [
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc_data", "test",
    "pytest", "_pytest", "pytestqt", "hypothesis", "pypdf", "ruff", "pip", "setuptools", "pkg_resources",
    "IPython", "matplotlib", "numpy",
    # No network by design (README: nothing leaves the computer), so no TLS: drops _ssl and
    # libssl.  hashlib keeps OpenSSL's libcrypto through _hashlib: its SHA-256 is ~7x faster
    # than the built-in one, which matters when the vault hashes a long video.
    "ssl", "_ssl",
    # An interactive console's line editing (and libreadline/libtinfo with it).
    "readline",
    # Developer tools that libraries import only under `if __name__ == "__main__"` (phonenumbers'
    # doctests) or from their own test modules; with them go unittest, asyncio, http.server, xmlrpc.
    "doctest", "pdb", "pydoc", "unittest", "xmlrpc", "http.server", "reportlab.graphics.testshapes",
    # Pillow's AVIF codec (libavif, 4.8 MB): no phone or messenger export uses AVIF; without it
    # PIL.AvifImagePlugin just reports the format as unsupported.
    "PIL._avif",
    # Japanese and Korean codecs (0.45 MB): our text is UTF-8/16 or GB18030 (csvfiles.py, sniff.py,
    # loaders.py); Big5 and Big5-HKSCS (_codecs_tw, _codecs_hk) and GBK/GB18030/HZ (_codecs_cn)
    # stay.  Without these, codecs.lookup("shift_jis") raises LookupError, which xmlstream.py
    # reports as "declares a text encoding we do not know" (expat refuses multi-byte ones anyway).
    "_codecs_jp", "_codecs_kr", "_codecs_iso2022",
    # decimal's pure-Python fallback, imported only when the C _decimal (bundled) is missing.
    "_pydecimal",
    # Only reportlab's legacy platypus.para parser and XMP metadata read from a file import it
    # (reportlab.lib.rparsexml.smartDecode); the dossier uses neither.
    "charset_normalizer",
    # The app runs its background work in threads (QThreadPool), never in processes, so the frozen
    # entry needs no multiprocessing.freeze_support(); leaving multiprocessing out also drops
    # PyInstaller's runtime hook that imported it at every start (10 ms).  Anything that starts
    # using processes then fails loudly with ImportError instead of re-opening the app per child;
    # tests/core/test_architecture.py keeps desktop_app free of it.
    "multiprocessing", "concurrent.futures.process",
]


# phonenumbers' hook takes every submodule.  Carrier names and number time zones are data
# sets of their own (0.35 MB packed) that the app does not use; they are left out unless the
# source starts importing them.  The geocoder's place names (4.4 MB) are used for 归属地.
_PHONENUMBERS_OPTIONAL = {"carrier": ("phonenumbers.carrier", "phonenumbers.carrierdata"),
                          "timezone": ("phonenumbers.timezone", "phonenumbers.tzdata")}


def phonenumbers_excludes(root: Path = ROOT) -> list[str]:
    text = "\n".join(p.read_text("utf-8", errors="replace") for p in (root / "desktop_app").rglob("*.py"))
    excludes: list[str] = []
    for part, modules in _PHONENUMBERS_OPTIONAL.items():
        used = re.search(rf"phonenumbers\.{part}\b|from\s+phonenumbers\s+import\s+[^\n]*\b{part}\b", text)
        if not used:
            excludes.extend(modules)
    return excludes


# Short-number metadata (emergency and service numbers such as 110 or 95588; 0.17 MB packed) is
# read only by phonenumbers' shortnumberinfo functions, one region module at a time when first
# asked; parsing, validating and formatting ordinary numbers never loads it.
_SHORT_NUMBER_API = re.compile(
    r"shortnumberinfo|shortdata|short_number|emergency_number|is_carrier_specific|is_sms_service"
    r"|expected_cost|ShortNumberCost|SUPPORTED_SHORT_REGIONS")


def phonenumbers_short_data_excludes(root: Path = ROOT) -> list[str]:
    """phonenumbers.shortdata's region modules, unless desktop_app uses the short-number API.

    The package itself stays (phonenumbers imports it to register the lazy loaders); only the
    per-region data goes.  Without phonenumbers installed nothing is excluded.
    """
    import importlib.util

    text = "\n".join(p.read_text("utf-8", errors="replace") for p in (root / "desktop_app").rglob("*.py"))
    if _SHORT_NUMBER_API.search(text):
        return []
    try:
        spec = importlib.util.find_spec("phonenumbers.shortdata")
    except ImportError:
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations)))
    return sorted(f"phonenumbers.shortdata.{path.stem}" for path in folder.glob("region_*.py"))


# ---------------------------------------------------------------------------------------------
# Filtering what PyInstaller's Qt hooks collected.  PyInstaller has no hook option for Qt
# plugins or translations, so we filter the Analysis TOCs by destination path.

QT_TRANSLATION_LANGS = ("zh_CN", "zh_TW", "en")

# Plugin folders (under PySide6/Qt/plugins/) we ship, and inside them the files we leave out.
_PLUGIN_DROP_DIRS = {
    "egldeviceintegrations", "generic", "networkinformation", "tls", "qmltooling", "designer",
    "wayland-graphics-integration-server", "assetimporters", "geometryloaders", "renderers", "renderplugins",
    "sceneparsers", "scxmldatamodel", "sensors", "canbus", "position", "geoservices", "texttospeech",
    "webview", "vectorimageformats",
}
# Plugin folders kept only when a Qt module we use needs them.
_PLUGIN_DIRS_NEEDING = {"sqldrivers": "QtSql", "multimedia": "QtMultimedia", "printsupport": "QtPrintSupport"}
_PLUGIN_DROP_FILES = {
    # platforms: keep xcb (X11), wayland (sharp fractional scaling, input methods and the app_id
    # that ties the window to its menu entry on GNOME/KDE), offscreen (CI, --selftest), minimal.
    "libqeglfs", "libqlinuxfb", "libqminimalegl", "libqvnc", "libqvkkhrdisplay",
    # Wayland shells other than the desktop one (xdg-shell).
    "libfullscreen-shell-v1", "libivi-shell", "libqt-shell", "libwl-shell-plugin",
    # Wayland server-buffer integrations: only Qt's own compositors (qt_server_buffer_integration)
    # offer them; GNOME's and KDE's do not.  The EGL client integration (GL on Wayland) stays.
    "libdmabuf-server", "libdrm-egl-server", "libshm-emulation-server", "libvulkan-server",
    # themes: GTK3's drags cairo/pango/gdk libs in; the portal theme gives native file dialogs.
    "libqgtk3",
    # input methods: keep ibus and compose (Chinese input; fcitx5 speaks ibus too); the
    # virtual keyboard needs QtQuick.
    "libqtvirtualkeyboardplugin",
    # image formats no evidence file uses (QImage reads PNG itself; JPEG, GIF, WebP, SVG, ICO stay).
    "libqtga", "libqwbmp", "libqicns", "libqpdf", "libqtiff",
}
# Qt libraries that only some Qt modules need, by name prefix → the modules that need them.
# Filtering a plugin does not drop the libraries PyInstaller collected for it, hence this list.
# The FFmpeg media plugin (QtMultimedia) links QtQuick and QtQml, so those stay with it.
_QT_LIBS_NEEDED_BY: dict[str, set[str]] = {
    "libQt6Quick": {"QtQuick", "QtMultimedia"},
    "libQt6Qml": {"QtQml", "QtQuick", "QtMultimedia"},  # also QmlModels, QmlMeta, QmlWorkerScript
    "libQt6VirtualKeyboard": set(), "libQt6WaylandCompositor": set(), "libQt6VncServer": set(),
    "libQt6EglFSDeviceIntegration": set(), "libQt6EglFsKmsSupport": set(), "libQt6EglFsKmsGbmSupport": set(),
    "libQt6Pdf.": {"QtPdf"}, "libQt6Sql.": {"QtSql"},
}

# Libraries every desktop Linux has, taken from the running system instead of the build
# machine: they must match the system's sound server, printers, fonts, X server and D-Bus, and
# shipping Debian 12's copies would add ~20 MB (docs/packaging.md lists the runtime needs).
# Where one is missing only its feature goes: no CUPS → Qt prints to PDF only; no libcrypto →
# hashlib uses Python's own (slower) SHA-256.
HOST_LIBS = (
    # QtMultimedia's PulseAudio client (PipeWire provides it too) and libsndfile's codec stack
    "libpulse.so", "libpulse-simple.so", "libpulsecommon-", "libsndfile.so", "libFLAC.so", "libvorbis.so",
    "libvorbisenc.so", "libogg.so", "libopus.so", "libmpg123.so", "libmp3lame.so", "libasyncns.so",
    # printing: the CUPS print-support plugin and the TLS/zeroconf stack under it
    "libcups.so", "libavahi-common.so", "libavahi-client.so", "libgnutls.so", "libnettle.so", "libhogweed.so",
    "libgmp.so", "libp11-kit.so", "libidn2.so", "libunistring.so", "libtasn1.so",
    # fonts and X11: the system's font configuration and X server
    "libfontconfig.so", "libfreetype.so", "libexpat.so", "libpng16.so", "libX11.so", "libX11-xcb.so",
    "libXext.so", "libXrandr.so", "libXrender.so", "libXau.so", "libXdmcp.so", "libbsd.so", "libmd.so",
    # the D-Bus client library (input methods, portals) and what Debian builds it with
    "libdbus-1.so", "libsystemd.so", "libgcrypt.so", "libgpg-error.so", "liblz4.so", "libcap.so",
    # OpenSSL's libcrypto, for hashlib's fast SHA-256 (no network, so no libssl)
    "libcrypto.so", "libssl.so",
    # The C++ runtime (2.2 MB).  Every Linux has it: apt itself is C++, so even a debootstrap
    # minbase has libstdc++6, and glibc needs libgcc_s.  A bundled copy older than the system's
    # breaks the system's GL driver, which mesa links against the system libstdc++ ("GLIBCXX_3.4.xx
    # not found"); linuxdeploy-plugin-checkrt's README: "Bundling libstdc++.so.6 will in most cases
    # break compatibility with distros that have a newer library version".  The Qt wheels need
    # GLIBCXX_3.4.29 (GCC 11), which every distro with glibc >= 2.35 has (Ubuntu 22.04: GCC 12).
    "libstdc++.so", "libgcc_s.so",
    # Compression libraries dpkg, rpm and pacman themselves link (Debian 12's dpkg pre-depends on
    # zlib1g, liblzma5 and libzstd1); the bootloader already takes libz from the system.  The
    # bundled files need at most ZLIB_1.2.3.4 and XZ_5.0.  Not libbz2: Fedora names it libbz2.so.1 only,
    # and Python's _bz2 asks for libbz2.so.1.0.
    "libz.so", "libzstd.so", "liblzma.so",
)

# The base system a bundle may rely on without shipping: glibc and the GL drivers (PyInstaller
# never bundles those), libxcb (ditto) and the HOST_LIBS above.  tools/check_bundle.py fails
# the build if a bundled file needs anything else that is not in the bundle.
SYSTEM_LIBS = (
    "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so", "libutil.so", "libresolv.so",
    "ld-linux", "linux-vdso", "libGL.so", "libEGL.so", "libGLX.so", "libOpenGL.so", "libgbm.so", "libdrm.so",
    "libxcb.so", "libwayland-client.so", "libwayland-cursor.so", "libwayland-egl.so", *HOST_LIBS,
)


def is_host_lib(name: str) -> bool:
    return name.startswith(HOST_LIBS)


def is_system_lib(name: str) -> bool:
    return name.startswith(SYSTEM_LIBS)


def _is_qt_path(parts: tuple[str, ...]) -> bool:
    return len(parts) >= 2 and parts[0] == "PySide6" and parts[1] == "Qt"


def keep_data(dest: str) -> bool:
    """False for Qt translation files other than zh_CN, zh_TW and en."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if _is_qt_path(parts) and "translations" in parts and dest.endswith(".qm"):
        stem = PurePosixPath(dest).stem
        return any(stem.endswith("_" + lang) for lang in QT_TRANSLATION_LANGS)
    return True


def keep_binary(dest: str, needed_qt: set[str] | None = None) -> bool:
    """False for the Qt plugins and libraries listed above (unless a module we use needs them)
    and for the libraries taken from the host system."""
    path = PurePosixPath(dest.replace("\\", "/"))
    parts = path.parts
    needed_qt = needed_qt or set()
    if "plugins" in parts and _is_qt_path(parts):
        i = parts.index("plugins")
        folder = parts[i + 1] if len(parts) > i + 2 else ""
        if folder in _PLUGIN_DROP_DIRS:
            return False
        if folder in _PLUGIN_DIRS_NEEDING:
            return _PLUGIN_DIRS_NEEDING[folder] in needed_qt
        return path.name.split(".")[0] not in _PLUGIN_DROP_FILES
    for prefix, modules in _QT_LIBS_NEEDED_BY.items():
        if path.name.startswith(prefix):
            return bool(modules & needed_qt)  # e.g. keep libQt6Quick when the UI uses QtMultimedia
    return not (len(parts) == 1 and is_host_lib(path.name))


def elf_needed(path: str) -> list[str] | None:
    """The DT_NEEDED names of an ELF file (None if it is not ELF or readelf is missing)."""
    import shutil
    import subprocess

    readelf = shutil.which("readelf")
    if not readelf:
        return None
    try:
        with open(path, "rb") as fh:
            if fh.read(4) != b"\x7fELF":
                return None
        out = subprocess.run([readelf, "-d", "-W", path], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def prune_orphans(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop top-level system libraries no remaining binary links to.

    They were collected for something filtered out above (the GTK theme plugin drags in GIO,
    Pango, HarfBuzz, pixman, libjpeg…).  Only plain top-level libraries are candidates: Python
    extensions, libpython, Qt's and Pillow's own folders are never pruned.  Without readelf, or
    off Linux, nothing is pruned (a bigger bundle, never a broken one).
    """
    import shutil
    import sys

    if not sys.platform.startswith("linux") or not shutil.which("readelf"):
        return binaries  # Windows DLLs and macOS dylibs are not ELF: never judge them by readelf
    needed_by = {entry[0]: elf_needed(entry[1]) for entry in binaries}
    kept = list(binaries)
    while True:
        needed = {name for entry in kept for name in (needed_by.get(entry[0]) or [])}
        orphans = [entry for entry in kept
                   if "/" not in entry[0] and entry[2] == "BINARY" and entry[0].startswith("lib")
                   and not entry[0].startswith("libpython") and entry[0] not in needed]
        if not orphans:
            return kept
        kept = [entry for entry in kept if entry not in orphans]


# Files copied beside the Linux program after the build: the menu installer and a short
# README in three languages for whoever unpacked the folder.
LINUX_EXTRAS = ("packaging/linux/install.sh", "packaging/linux/papertrail.desktop", "packaging/linux/README.txt")


# ---------------------------------------------------------------------------------------------
# The app's own Python modules and the libraries with lazy imports.


def hidden_import_roots() -> list[str]:
    """Packages whose every submodule goes in: the CLI imports command modules with importlib
    (desktop_app.cli.main.COMMAND_MODULES) and the app imports lazily all over."""
    return ["desktop_app"]
