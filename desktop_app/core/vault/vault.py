"""The evidence vault: content-addressed, write-once, verifiable.

A file is stored under `objects/<first two hex digits>/<sha256>`.  Adding copies and hashes
in one pass into `tmp/`, fsyncs, then renames into place, so a reader never sees half a file
and a kill leaves at most a temporary file that `sweep()` removes on the next start.  Stored
files are made read-only.  The same content added twice is stored once.  The original file
outside the vault is only ever opened for reading.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop_app.core.errors import FileInputError, VaultError
from desktop_app.core.paths import make_private_dir
from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress

CHUNK = 1 << 20


class FileState(StrEnum):
    OK = "ok"
    ALTERED = "altered"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class StoredFile:
    sha256: str
    size: int
    path: Path
    already_present: bool


def sha256_of(path: Path, cancel: CancelToken = NEVER_CANCELLED) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            cancel.check()
            digest.update(chunk)
    return digest.hexdigest()


def check_readable_file(path: Path) -> Path:
    """Raise a FileInputError naming `path` unless it is a regular, readable file."""
    path = Path(path)
    if not path.exists():
        raise FileInputError(path, "no such file")
    if path.is_dir():
        raise FileInputError(path, "is a folder, not a file")
    if not path.is_file():
        raise FileInputError(path, "is not a regular file")
    if not os.access(path, os.R_OK):
        raise FileInputError(path, "cannot be read (permission denied)")
    return path


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not supported on every platform (Windows)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Vault:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.tmp = self.root / "tmp"

    def create(self) -> Vault:
        for folder in (self.root, self.objects, self.tmp):
            make_private_dir(folder)
        return self

    def path_for(self, sha256: str) -> Path:
        return self.objects / sha256[:2] / sha256

    def contains(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def add_file(self, source: Path, progress: ProgressFn = no_progress,
                 cancel: CancelToken = NEVER_CANCELLED) -> StoredFile:
        source = check_readable_file(Path(source))
        total = source.stat().st_size
        try:
            with open(source, "rb") as src:
                return self._store(src, total, progress, cancel)
        except OSError as exc:
            raise FileInputError(source, f"could not be read ({exc.strerror or exc})") from exc

    def add_bytes(self, data: bytes) -> StoredFile:
        import io

        return self._store(io.BytesIO(data), len(data), no_progress, NEVER_CANCELLED)

    def _store(self, src, total: int, progress: ProgressFn, cancel: CancelToken) -> StoredFile:
        self.create()
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix="incoming-", suffix=".part", dir=self.tmp)
        tmp_path = Path(tmp_name)
        size = 0
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := src.read(CHUNK):
                    cancel.check()
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                    progress(size, total, "")
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            final = self.path_for(sha)
            if final.is_file():
                tmp_path.unlink(missing_ok=True)
                return StoredFile(sha, size, final, already_present=True)
            make_private_dir(final.parent)
            os.chmod(tmp_path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            os.replace(tmp_path, final)
            _fsync_dir(final.parent)
            return StoredFile(sha, size, final, already_present=False)
        except BaseException:
            tmp_path.unlink(missing_ok=True)
            raise

    def check(self, sha256: str, cancel: CancelToken = NEVER_CANCELLED) -> FileState:
        path = self.path_for(sha256)
        if not path.is_file():
            return FileState.MISSING
        try:
            actual = sha256_of(path, cancel)
        except OSError:
            return FileState.MISSING
        return FileState.OK if actual == sha256 else FileState.ALTERED

    def sweep(self, referenced: Iterable[str] | None = None, orphan_age_s: float = 3600) -> int:
        """Remove temporary files left by a killed process, and (given the referenced hashes)
        vault objects no row refers to that are older than `orphan_age_s`.  Returns the count."""
        removed = 0
        if self.tmp.is_dir():
            for leftover in self.tmp.iterdir():
                leftover.unlink(missing_ok=True)
                removed += 1
        if referenced is not None and self.objects.is_dir():
            keep = set(referenced)
            now = time.time()
            for folder in self.objects.iterdir():
                for obj in folder.iterdir() if folder.is_dir() else ():
                    if obj.name in keep:
                        continue
                    with contextlib.suppress(OSError):
                        if now - obj.stat().st_mtime > orphan_age_s:
                            os.chmod(obj, stat.S_IWUSR | stat.S_IRUSR)
                            obj.unlink()
                            removed += 1
        return removed

    def export_copy(self, sha256: str, destination: Path) -> Path:
        """Copy a stored file out (for evidence packages); the copy is writable, the vault's is not."""
        source = self.path_for(sha256)
        if not source.is_file():
            raise VaultError(f"{source}: the vault file for {sha256[:12]}… is missing")
        import shutil

        shutil.copyfile(source, destination)
        return destination
