"""The evidence vault: content-addressed, write-once, verifiable.

A file is stored under `objects/<first two hex digits>/<sha256>`.  Adding copies and hashes
in one pass into `tmp/`, fsyncs, then renames into place, so a reader never sees half a file
and a kill leaves at most a temporary file.  Temporary files carry their process's pid, and
`sweep()` removes only those whose process is gone, so a second process never pulls a copy
from under the first.  Stored files are made read-only (0400).  The same content added twice is
stored once.  The original file outside the vault is only ever opened for reading.

Nothing here deletes a stored object.  One no database row refers to (an attach cancelled after
the copy, a database restored from an older backup, or a missing database) is moved, never
deleted, to `orphans/`, like git keeps unreachable objects: `papertrail orphans` lists them and
can attach one to an event again or, when the user asks, purge it.
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

from desktop_app.core.errors import FileInputError, NotFoundError, VaultError
from desktop_app.core.i18n import _
from desktop_app.core.paths import make_private_dir
from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress

CHUNK = 1 << 20
READ_ONLY = stat.S_IRUSR  # 0400: private, and no slip of ours can change evidence in place
#: An unreferenced object younger than this may belong to an attach another process is about to
#: record; it is left in place until the next start.
ORPHAN_AGE_S = 3600
#: A temporary file this old is a leftover even if its pid is alive again (pids are reused).
TMP_MAX_AGE_S = 24 * 3600


class FileState(StrEnum):
    OK = "ok"
    ALTERED = "altered"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Orphan:
    """A vault object no database row referred to, kept in `orphans/`."""

    name: str  # the file name in orphans/: the sha256, or sha256.N for a second copy
    sha256: str
    size: int
    moved_at: float
    path: Path


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
        raise FileInputError(path, _("no such file"))
    if path.is_dir():
        raise FileInputError(path, _("is a folder, not a file"))
    if not path.is_file():
        raise FileInputError(path, _("is not a regular file"))
    if not os.access(path, os.R_OK):
        raise FileInputError(path, _("cannot be read (permission denied)"))
    return path


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not supported on every platform (Windows)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _SourceReader:
    """The user's file, opened for reading: its read errors name that file."""

    def __init__(self, fh, path: Path) -> None:
        self._fh = fh
        self._path = path

    def read(self, size: int) -> bytes:
        try:
            return self._fh.read(size)
        except OSError as exc:
            raise FileInputError(self._path, _("could not be read ({error})").format(
                error=exc.strerror or exc)) from exc


class Vault:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.tmp = self.root / "tmp"
        self.orphans = self.root / "orphans"

    def create(self) -> Vault:
        for folder in (self.root, self.objects, self.tmp):
            make_private_dir(folder)
        return self

    def has_objects(self) -> bool:
        """Does this vault hold any evidence (stored or quarantined)?"""
        for folder in (self.objects, self.orphans):
            with contextlib.suppress(OSError):
                for entry in folder.rglob("*"):
                    if entry.is_file():
                        return True
        return False

    def path_for(self, sha256: str) -> Path:
        return self.objects / sha256[:2] / sha256

    def contains(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def add_file(self, source: Path, progress: ProgressFn = no_progress,
                 cancel: CancelToken = NEVER_CANCELLED) -> StoredFile:
        source = check_readable_file(Path(source))
        total = source.stat().st_size
        try:
            src = open(source, "rb")  # noqa: SIM115 - closed below; only its errors are the source's fault
        except OSError as exc:
            raise FileInputError(source, _("could not be read ({error})").format(error=exc.strerror or exc)) from exc
        with src:
            return self._store(_SourceReader(src, source), total, progress, cancel)

    def add_bytes(self, data: bytes) -> StoredFile:
        import io

        return self._store(io.BytesIO(data), len(data), no_progress, NEVER_CANCELLED)

    def _store(self, src, total: int, progress: ProgressFn, cancel: CancelToken) -> StoredFile:
        try:
            return self._store_unchecked(src, total, progress, cancel)
        except OSError as exc:
            # Reading the source raises FileInputError (see _SourceReader): an OSError here was
            # raised writing into the vault, so it is the data folder's disk, not the user's file.
            from desktop_app.core.storage.faults import disk_error

            problem = disk_error(exc, self.root.parent)
            if problem is not None:
                raise problem from exc
            raise VaultError(_("Could not store a file in the vault {folder} ({error}).").format(
                folder=self.root, error=exc.strerror or exc)) from exc

    def _store_unchecked(self, src, total: int, progress: ProgressFn, cancel: CancelToken) -> StoredFile:
        self.create()
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix=f"incoming-{os.getpid()}-", suffix=".part", dir=self.tmp)
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
            os.chmod(tmp_path, READ_ONLY)
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

    def sweep(self, referenced: Iterable[str] | None = None, orphan_age_s: float = ORPHAN_AGE_S) -> int:
        """Tidy up after killed processes; delete no evidence.

        Removes temporary files whose process is gone; given the referenced hashes, puts back
        orphans rows refer to again and moves vault objects no row refers to (older than
        `orphan_age_s`) to `orphans/`.  Only the process
        holding the data folder's lock calls this.  Returns how many files it removed or moved."""
        count = self.sweep_tmp()
        if referenced is not None:
            referenced = set(referenced)
            count += len(self.readopt(referenced))
            count += len(self.quarantine(referenced, orphan_age_s))
        return count

    def sweep_tmp(self) -> int:
        removed = 0
        if not self.tmp.is_dir():
            return 0
        from desktop_app.core.storage.lock import pid_alive

        now = time.time()
        for leftover in self.tmp.iterdir():
            parts = leftover.name.split("-")
            owner = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None
            with contextlib.suppress(OSError):
                age = now - leftover.stat().st_mtime
                if owner is not None and owner != os.getpid() and pid_alive(owner) and age < TMP_MAX_AGE_S:
                    continue  # another process is still copying it
                if owner is None and age < ORPHAN_AGE_S:
                    continue  # an older version's name: we cannot tell whose it is yet
                if owner == os.getpid():
                    continue
                leftover.unlink()
                removed += 1
        return removed

    def quarantine(self, referenced: Iterable[str], min_age_s: float = ORPHAN_AGE_S) -> list[Path]:
        """Move objects no row refers to into `orphans/` (kept read-only, never deleted).  Also
        tightens objects an older version left readable by others (0444) to 0400."""
        keep = set(referenced)
        moved: list[Path] = []
        if not self.objects.is_dir():
            return moved
        now = time.time()
        for folder in self.objects.iterdir():
            for obj in folder.iterdir() if folder.is_dir() else ():
                with contextlib.suppress(OSError):
                    st = obj.stat()
                    if st.st_mode & 0o077:
                        os.chmod(obj, READ_ONLY)
                    if obj.name in keep or now - st.st_mtime <= min_age_s:
                        continue
                    make_private_dir(self.orphans)
                    target = self._free_orphan_name(obj.name)
                    os.rename(obj, target)  # same file system: atomic, content and mode untouched
                    os.utime(target)  # mtime now says when it was set aside
                    moved.append(target)
        if moved:
            _fsync_dir(self.orphans)
        return moved

    def readopt(self, referenced: Iterable[str]) -> list[str]:
        """Put back orphans the database refers to again (a newer database restored after an older
        one): setting a file aside is always undone this way, never lost.  Returns their hashes."""
        keep = set(referenced)
        back: list[str] = []
        for orphan in self.list_orphans():
            if orphan.name in keep and not self.contains(orphan.sha256):
                with contextlib.suppress(OSError, VaultError):
                    self.adopt_orphan(orphan)
                    back.append(orphan.sha256)
        return back

    def _free_orphan_name(self, sha: str) -> Path:
        target = self.orphans / sha
        n = 1
        while target.exists():
            target = self.orphans / f"{sha}.{n}"
            n += 1
        return target

    def list_orphans(self) -> list[Orphan]:
        found: list[Orphan] = []
        if not self.orphans.is_dir():
            return found
        for path in sorted(self.orphans.iterdir()):
            with contextlib.suppress(OSError):
                if path.is_file():
                    st = path.stat()
                    found.append(Orphan(path.name, path.name.split(".")[0], st.st_size, st.st_mtime, path))
        return found

    def find_orphan(self, name: str) -> Orphan:
        """The orphan whose file name is `name` or starts with it (at least 8 hex digits)."""
        matches = [o for o in self.list_orphans() if o.name == name] or \
                  ([o for o in self.list_orphans() if o.name.startswith(name)] if len(name) >= 8 else [])
        if len(matches) != 1:
            raise NotFoundError(_("There is no single orphaned file {name} in {folder}.").format(
                name=name, folder=self.orphans))
        return matches[0]

    def adopt_orphan(self, orphan: Orphan) -> StoredFile:
        """Put an orphan back among the objects (checking its content first)."""
        if sha256_of(orphan.path) != orphan.sha256:
            raise VaultError(_("{path}: its content no longer matches its name; it was left where it is.").format(
                path=orphan.path))
        final = self.path_for(orphan.sha256)
        if final.is_file():  # the same content was stored again since: the orphan stays a spare copy
            return StoredFile(orphan.sha256, orphan.size, final, already_present=True)
        make_private_dir(final.parent)
        os.rename(orphan.path, final)
        _fsync_dir(final.parent)
        return StoredFile(orphan.sha256, orphan.size, final, already_present=False)

    def purge_orphan(self, orphan: Orphan) -> None:
        """Delete an orphan for good: only ever at the user's explicit request."""
        os.chmod(orphan.path, stat.S_IRUSR | stat.S_IWUSR)
        orphan.path.unlink()

    def export_copy(self, sha256: str, destination: Path) -> Path:
        """Copy a stored file out (for evidence packages); the copy is writable, the vault's is not."""
        source = self.path_for(sha256)
        if not source.is_file():
            raise VaultError(_("{path}: the vault file for {sha}… is missing").format(path=source, sha=sha256[:12]))
        import shutil

        shutil.copyfile(source, destination)
        return destination
