"""build.spec, run with stand-ins for PyInstaller's build classes: what it would build on each OS.

Running PyInstaller itself takes a minute; tools/build_bundle.sh (CI) does that.  Here we check
the spec's decisions in a fraction of a second: data files, filters, executables, icons, ids.
"""

from __future__ import annotations

import ast
import sys
import types
from pathlib import Path

import pytest

import desktop_app

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "build.spec"


class Recorder:
    """Stands in for Analysis / PYZ / EXE / COLLECT / BUNDLE and remembers how it was called."""

    calls: list[Recorder]

    def __init__(self, kind: str, *args, **kwargs):
        self.kind, self.args, self.kwargs = kind, args, kwargs
        Recorder.calls.append(self)
        if kind == "Analysis":
            self.scripts, self.pure = ["run_papertrail"], []
            self.binaries = [
                ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
                ("PySide6/Qt/plugins/platforms/libqeglfs.so", "/x/libqeglfs.so", "BINARY"),
                ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/x/libqgtk3.so", "BINARY"),
                ("libgtk-3.so.0", "/x/libgtk-3.so.0", "BINARY"),
                ("PySide6/Qt/lib/libQt6Network.so.6", "/x/libQt6Network.so.6", "BINARY"),
            ]
            self.datas = [(dest, src, "DATA") for src, dest in kwargs["datas"]] + [
                ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/x/a.qm", "DATA"),
                ("PySide6/Qt/translations/qtbase_fr.qm", "/x/b.qm", "DATA"),
            ]


def run_spec(monkeypatch, tmp_path, platform="linux", onefile=False) -> list[Recorder]:
    Recorder.calls = []
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [f"{package}.stub_submodule"]
    hooks.collect_data_files = lambda package: [(f"/site/{package}/data.sql", package)]
    for name in ("PyInstaller", "PyInstaller.utils", "PyInstaller.utils.win32"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for cls in ("FixedFileInfo", "StringFileInfo", "StringStruct", "StringTable", "VarFileInfo", "VarStruct",
                "VSVersionInfo"):
        setattr(versioninfo, cls, lambda *a, _c=cls, **kw: (_c, a, kw))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", versioninfo)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("PAPERTRAIL_ONEFILE", "1" if onefile else "")
    (tmp_path / "dist" / "papertrail").mkdir(parents=True, exist_ok=True)
    namespace = {
        "SPECPATH": str(REPO), "DISTPATH": str(tmp_path / "dist"), "__name__": "__main__",
        **{kind: (lambda *a, _k=kind, **kw: Recorder(_k, *a, **kw))
           for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    exec(compile(SPEC.read_text("utf-8"), str(SPEC), "exec"), namespace)
    return Recorder.calls


def only(calls, kind):
    found = [c for c in calls if c.kind == kind]
    return found


def test_spec_is_valid_python_and_names_the_entry_script():
    tree = ast.parse(SPEC.read_text("utf-8"))
    assert tree.body
    entry = REPO / "packaging" / "run_papertrail.py"
    assert "from desktop_app.app import main" in entry.read_text("utf-8")  # absolute import


def test_linux_one_folder_build(monkeypatch, tmp_path):
    calls = run_spec(monkeypatch, tmp_path)
    (analysis,) = only(calls, "Analysis")
    assert analysis.args[0] == [str(REPO / "packaging" / "run_papertrail.py")]
    datas = {(Path(src).name, dest) for src, dest in analysis.kwargs["datas"]}
    assert ("NotoSansSC-Regular.ttf", "resources/fonts") in datas
    assert ("app.svg", "resources/icons") in datas
    assert any(dest == "resources/i18n" for _, dest in datas)
    assert any(dest == "resources/rules" for _, dest in datas)
    assert ("data.sql", "desktop_app") in datas  # the package's own data (schema_v1.sql)
    assert "desktop_app.stub_submodule" in analysis.kwargs["hiddenimports"]
    excludes = analysis.kwargs["excludes"]
    assert "tkinter" in excludes and "PySide6.QtWebEngineCore" in excludes
    assert "_codecs_jp" in excludes and "charset_normalizer" in excludes and "PySide6.QtDBus" in excludes
    assert "phonenumbers.shortdata.region_CN" in excludes and "phonenumbers.carrierdata" in excludes
    assert "_codecs_cn" not in excludes and "_codecs_hk" not in excludes
    assert "PySide6.QtNetwork" not in excludes and "PySide6.QtSvg" not in excludes
    # The filters ran over what the hooks collected.
    assert [d[0] for d in analysis.binaries] == ["PySide6/Qt/plugins/platforms/libqxcb.so",
                                                 "PySide6/Qt/lib/libQt6Network.so.6"]
    dests = [d[0] for d in analysis.datas]
    assert "PySide6/Qt/translations/qtbase_zh_CN.qm" in dests
    assert "PySide6/Qt/translations/qtbase_fr.qm" not in dests

    (exe,) = only(calls, "EXE")
    assert exe.kwargs["name"] == "papertrail"
    assert exe.kwargs["exclude_binaries"] is True
    assert exe.kwargs["strip"] is True and exe.kwargs["upx"] is False
    assert exe.kwargs["icon"] is None  # Linux takes its icon from the desktop entry
    (coll,) = only(calls, "COLLECT")
    assert coll.kwargs["name"] == "papertrail"
    assert not only(calls, "BUNDLE")
    # The menu installer ends up beside the program.
    assert (tmp_path / "dist" / "papertrail" / "install.sh").is_file()
    assert (tmp_path / "dist" / "papertrail" / "papertrail.desktop").is_file()
    readme = (tmp_path / "dist" / "papertrail" / "README.txt").read_text("utf-8")
    assert "./install.sh" in readme and "按两下" not in readme and "双击" in readme and "按兩下" in readme


def test_one_file_option(monkeypatch, tmp_path):
    calls = run_spec(monkeypatch, tmp_path, onefile=True)
    (exe,) = only(calls, "EXE")
    assert not only(calls, "COLLECT")
    assert "exclude_binaries" not in exe.kwargs
    (analysis,) = only(calls, "Analysis")
    assert analysis.binaries in exe.args and analysis.datas in exe.args


def test_windows_gui_exe_has_no_console_and_a_cli_twin(monkeypatch, tmp_path):
    calls = run_spec(monkeypatch, tmp_path, platform="win32")
    exes = {e.kwargs["name"]: e for e in only(calls, "EXE")}
    assert set(exes) == {"papertrail", "papertrail-cli"}
    assert exes["papertrail"].kwargs["console"] is False
    assert exes["papertrail-cli"].kwargs["console"] is True
    assert exes["papertrail"].kwargs["icon"].endswith("app.ico")
    assert Path(exes["papertrail"].kwargs["icon"]).is_file()
    assert exes["papertrail"].kwargs["strip"] is False
    (coll,) = only(calls, "COLLECT")
    assert exes["papertrail"] in coll.args and exes["papertrail-cli"] in coll.args
    # The version resource names the product, so Task Manager shows "Paper Trail", not "papertrail.exe".
    kind, _, resource = exes["papertrail"].kwargs["version"]
    assert kind == "VSVersionInfo"
    assert resource["ffi"][2]["filevers"] == (*map(int, desktop_app.__version__.split(".")), 0)[:4]
    strings = {s[1][0]: s[1][1] for s in resource["kids"][0][1][0][0][1][1]}
    assert strings["ProductName"] == "Paper Trail (留痕)"
    assert strings["InternalName"] == desktop_app.APP_ID
    assert strings["OriginalFilename"] == "papertrail.exe"
    assert "version" not in only(run_spec(monkeypatch, tmp_path), "EXE")[0].kwargs  # Linux has none
    (analysis,) = only(calls, "Analysis")
    assert "tzdata.stub_submodule" in analysis.kwargs["hiddenimports"]  # zoneinfo needs it there


def test_macos_app_bundle(monkeypatch, tmp_path):
    calls = run_spec(monkeypatch, tmp_path, platform="darwin")
    (bundle,) = only(calls, "BUNDLE")
    assert bundle.kwargs["bundle_identifier"] == desktop_app.APP_ID
    assert bundle.kwargs["name"] == "Paper Trail.app"
    assert bundle.kwargs["version"] == desktop_app.__version__
    assert bundle.kwargs["icon"].endswith("app.icns") and Path(bundle.kwargs["icon"]).is_file()
    plist = bundle.kwargs["info_plist"]
    assert plist["CFBundleShortVersionString"] == desktop_app.__version__
    assert plist["NSHighResolutionCapable"] is True
    (exe,) = only(calls, "EXE")
    assert exe.kwargs["console"] is False


@pytest.mark.parametrize("name", ["install.sh", "papertrail.desktop", "README.txt"])
def test_linux_extras_exist(name):
    assert (REPO / "packaging" / "linux" / name).is_file()
