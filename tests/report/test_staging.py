"""Unfinished documents never litter the user's folders, even after a kill (issue 13, item 15).

Builds are killed for real (SIGKILL from inside the build, in a subprocess); the next start of
any command sweeps what they left, and only what dead processes left.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from report_case_builder import build_case

from desktop_app.core.errors import FileInputError
from desktop_app.core.package import build_package
from desktop_app.core.report import staging
from desktop_app.core.report.common import ReportOptions, build_report


def _env() -> dict[str, str]:
    return {**os.environ, "PAPERTRAIL_HOME": "", "LANG": "en_US.UTF-8", "LANGUAGE": "en"}


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=_env(), timeout=120)


def _killed_during(data: Path, where: str, args: list[str], other_fs: bool = False) -> int:
    """Run the CLI in a subprocess that SIGKILLs itself when `where` ("pdf": a volume is written,
    "publish": just before the final rename) is reached; returns its exit status."""
    code = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        from desktop_app.core.report import layout, staging
        if {where!r} == "pdf":
            real = layout.ReportDoc.build
            def build(self, story, **kw):
                real(self, story, **kw)
                os.kill(os.getpid(), signal.SIGKILL)
            layout.ReportDoc.build = build
        else:
            real_replace = os.replace
            def replace(a, b):
                if Path(a).name.startswith(".~papertrail-") and not str(b).startswith({str(data)!r}):
                    os.kill(os.getpid(), signal.SIGKILL)
                return real_replace(a, b)
            staging.os.replace = replace
        if {other_fs!r}:
            staging.same_filesystem = lambda a, b: False
        from desktop_app.cli.main import main
        sys.exit(main(["--data-dir", {str(data)!r}] + {args!r}))
    """)
    return subprocess.run([sys.executable, "-c", code], env=_env(), capture_output=True, timeout=120).returncode


def _leftovers(data: Path, out_dir: Path) -> list[Path]:
    root = staging.staging_root(data)
    inside = list(root.iterdir()) if root.exists() else []
    return inside + [p for p in out_dir.iterdir() if p.name.startswith(".~")]


@pytest.fixture
def case_data(workspace, tmp_path):
    built = build_case(workspace)
    workspace.close()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    return workspace.data_dir, built.case_id, out_dir


@pytest.mark.parametrize(("command", "where", "other_fs"), [
    ("report", "pdf", False), ("package", "pdf", False), ("report", "publish", True), ("package", "publish", True)])
def test_a_killed_build_leaves_nothing_after_the_next_start(case_data, command, where, other_fs) -> None:
    data, case_id, out_dir = case_data
    out = out_dir / ("d.pdf" if command == "report" else "p.zip")
    status = _killed_during(data, where, [command, str(case_id), "--lang", "en", "-o", str(out)], other_fs)
    assert status == -signal.SIGKILL
    assert not out.exists()
    left = _leftovers(data, out_dir)
    assert left, "the kill should have left its work folder"
    # Nothing beside the output except, on another filesystem, the one pid-tagged copy being renamed.
    beside = [p for p in left if p.parent == out_dir]
    assert all(p.name.startswith(".~papertrail-") and p.name.endswith(".part") for p in beside)
    assert bool(beside) == other_fs
    assert _cli(data, "cases").returncode == 0  # any next start sweeps
    assert _leftovers(data, out_dir) == []


def test_a_running_build_is_not_swept(data_dir, tmp_path) -> None:
    root = staging.staging_root(data_dir)
    root.mkdir(parents=True)
    mine = root / f"{os.getpid()}-abc"
    mine.mkdir()
    (mine / "0").mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = root / f"{int(gone.stdout)}-xyz"
    dead.mkdir()
    victim = tmp_path / "keep.pdf.part"  # not our name: never deleted, whatever the list says
    victim.write_text("x")
    ours = tmp_path / f".~papertrail-{int(gone.stdout)}-xyz-d.pdf.part"
    ours.write_text("x")
    (dead / "beside.txt").write_text(f"{victim}\n{ours}\n")
    assert staging.sweep(data_dir) == 1
    assert mine.exists() and not dead.exists() and not ours.exists() and victim.exists()


def test_documents_are_0600_and_written_in_the_data_folder(workspace, tmp_path) -> None:
    built = build_case(workspace)
    old = os.umask(0o022)
    try:
        pdf = tmp_path / "d.pdf"
        build_report(workspace, built.case_id, ReportOptions(lang="en"), pdf)
        zip_path = tmp_path / "p.zip"
        build_package(workspace, built.case_id, zip_path, ReportOptions(lang="en"))
    finally:
        os.umask(old)
    for path in (pdf, zip_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    with zipfile.ZipFile(zip_path) as zf:
        assert zf.testzip() is None
        # The package's instructions claim what a hash shows, and no more.
        assert "no independent timestamp is attached" in zf.read("HOW-TO-VERIFY.txt").decode()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []
    assert list(staging.staging_root(workspace.layout.root).iterdir()) == []


def test_a_failed_copy_to_another_filesystem_leaves_nothing(workspace, tmp_path, monkeypatch) -> None:
    built = build_case(workspace)
    monkeypatch.setattr(staging, "same_filesystem", lambda a, b: False)

    def full(src, dst, length):  # the disk holding the output fills up during the copy
        dst.write(src.read(100))
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "d.pdf"
    monkeypatch.setattr(staging.shutil, "copyfileobj", full)
    with pytest.raises(FileInputError, match="No space left on device") as caught:
        build_report(workspace, built.case_id, ReportOptions(lang="en"), out)
    assert str(tmp_path) in str(caught.value)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []
    assert list(staging.staging_root(workspace.layout.root).iterdir()) == []
    # And it works when the copy does.
    monkeypatch.undo()
    monkeypatch.setattr(staging, "same_filesystem", lambda a, b: False)
    build_report(workspace, built.case_id, ReportOptions(lang="en"), out)
    assert out.read_bytes().startswith(b"%PDF") and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_photos_for_a_read_only_cache_are_prepared_in_the_work_folder(workspace, tmp_path, monkeypatch) -> None:
    """They used to go to a /tmp/papertrail-photos-* folder that nothing ever removed."""
    import pathlib
    import tempfile

    built = build_case(workspace)
    real_mkdir = pathlib.Path.mkdir

    def mkdir(self, *args, **kw):
        if self.name == "pdf-images":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *args, **kw)

    monkeypatch.setattr(pathlib.Path, "mkdir", mkdir)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "systmp"))
    real_mkdir(tmp_path / "systmp")
    out = tmp_path / "d.pdf"
    build_report(workspace, built.case_id, ReportOptions(lang="en"), out)
    assert "Copyre-compressedforprinting" in "".join(subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert list((tmp_path / "systmp").iterdir()) == []
    assert list(staging.staging_root(workspace.layout.root).iterdir()) == []
