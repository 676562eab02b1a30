"""packaging/linux/install.sh into a throw-away HOME: from a bundle folder, from PATH, and back out."""

from __future__ import annotations

import configparser
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
APP_ID = "org.papertrail.PaperTrail"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def fake_program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\necho papertrail\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def make_bundle(folder: Path) -> Path:
    """The layout build.spec produces: program, install.sh and template beside it, icons in _internal."""
    fake_program(folder / "papertrail")
    shutil.copy2(LINUX / "install.sh", folder / "install.sh")
    shutil.copy2(LINUX / "papertrail.desktop", folder / "papertrail.desktop")
    shutil.copytree(REPO / "resources" / "icons", folder / "_internal" / "resources" / "icons")
    return folder


def run(script: Path, home: Path, *args: str, path_dirs: tuple[Path, ...] = (), xdg: Path | None = None,
        shell: str = "bash"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    env["PATH"] = os.pathsep.join([*map(str, path_dirs), "/usr/bin", "/bin"])
    if xdg is not None:
        env["XDG_DATA_HOME"] = str(xdg)
    return subprocess.run([shell, str(script), *args], env=env, capture_output=True, text=True, timeout=60)


def installed_files(data_home: Path) -> set[Path]:
    files = {data_home / "applications" / f"{APP_ID}.desktop",
             data_home / "icons" / "hicolor" / "scalable" / "apps" / "papertrail.svg"}
    files |= {data_home / "icons" / "hicolor" / f"{s}x{s}" / "apps" / "papertrail.png" for s in SIZES}
    return files


def read_launcher(data_home: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(data_home / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    return parser


def validate(path: Path) -> None:
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_install_from_a_bundle_folder_and_uninstall(tmp_path):
    home = tmp_path / "home"
    bundle = make_bundle(tmp_path / "Paper Trail folder")  # a space in the path, as users have
    result = run(bundle / "install.sh", home)
    assert result.returncode == 0, result.stderr
    data_home = home / ".local" / "share"
    for path in installed_files(data_home):
        assert path.is_file(), path
    png = data_home / "icons" / "hicolor" / "48x48" / "apps" / "papertrail.png"
    assert png.read_bytes() == (REPO / "resources" / "icons" / "app-48.png").read_bytes()

    launcher = read_launcher(data_home)
    program = str(bundle / "papertrail")
    assert launcher["Desktop Entry"]["Exec"] == f'"{program}"'
    assert launcher["Desktop Entry"]["TryExec"] == program
    assert launcher["Desktop Entry"]["Icon"] == "papertrail"
    assert launcher["Desktop Action demo"]["Exec"] == f'"{program}" --demo'
    validate(data_home / "applications" / f"{APP_ID}.desktop")

    # Something else of the user's in the same folders must survive the uninstall.
    other = data_home / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    result = run(bundle / "install.sh", home, "--uninstall")
    assert result.returncode == 0, result.stderr
    for path in installed_files(data_home):
        assert not path.exists(), path
    assert other.is_file()


def test_install_for_a_pip_installed_papertrail_on_path(tmp_path):
    home = tmp_path / "home"
    program = fake_program(tmp_path / "venv" / "bin" / "papertrail")
    result = run(LINUX / "install.sh", home, path_dirs=(program.parent,))
    assert result.returncode == 0, result.stderr
    data_home = home / ".local" / "share"
    for path in installed_files(data_home):
        assert path.is_file(), path
    assert read_launcher(data_home)["Desktop Entry"]["Exec"] == f'"{program}"'


def test_xdg_data_home_and_explicit_exec(tmp_path):
    home, xdg = tmp_path / "home", tmp_path / "xdg"
    program = fake_program(tmp_path / "opt" / "papertrail")
    result = run(LINUX / "install.sh", home, "--exec", str(program), xdg=xdg)
    assert result.returncode == 0, result.stderr
    for path in installed_files(xdg):
        assert path.is_file(), path
    assert not (home / ".local").exists()


def test_no_program_found_writes_nothing(tmp_path):
    home = tmp_path / "home"
    result = run(LINUX / "install.sh", home)
    assert result.returncode != 0
    assert "no papertrail program found" in result.stderr
    assert not (home / ".local").exists()


@pytest.mark.parametrize("args", [("--bogus",), ("--exec",)])
def test_bad_options_are_refused(tmp_path, args):
    result = run(LINUX / "install.sh", tmp_path / "home", *args)
    assert result.returncode != 0 and "install.sh:" in result.stderr


def test_started_with_sh_it_still_runs_under_bash(tmp_path):
    home = tmp_path / "home"
    program = fake_program(tmp_path / "opt" / "papertrail")
    result = run(LINUX / "install.sh", home, "--exec", str(program), shell="sh")
    assert result.returncode == 0, result.stderr
    assert (home / ".local" / "share" / "applications" / f"{APP_ID}.desktop").is_file()
