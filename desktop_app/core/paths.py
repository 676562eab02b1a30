"""Where data and resources live.

Data: platformdirs' user data folder for "PaperTrail", unless `--data-dir` or
`PAPERTRAIL_HOME` says otherwise.  Every folder we create is 0700: case files are private.
Resources (fonts, rule packs, translations, icons) are found through `resource_path()`, which
works from a source checkout, an installed wheel and a PyInstaller bundle alike.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop_app import APP_NAME

ENV_HOME = "PAPERTRAIL_HOME"


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, in `_MEIPASS` when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return _checkout_resources()


@lru_cache(maxsize=1)
def _checkout_resources() -> Path:
    # Cached: resolving the package path costs a realpath() per call, and the window asks ~20 times.
    package_dir = Path(__file__).resolve().parent.parent
    for candidate in (package_dir.parent / "resources", package_dir / "resources"):
        if candidate.is_dir():
            return candidate
    return package_dir.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


#: Files and folders whose private mode could not be set (a FAT/NTFS or shared mount ignores or
#: refuses chmod).  Front ends show them as warnings (`take_permission_warnings`), once each.
_permission_problems: list[Path] = []
_reported: set[Path] = set()


def private_umask() -> None:
    """Everything this process creates from now on is 0600 (files) / 0700 (folders): the
    database's -wal and -shm, logs, settings, backups, exported PDFs and ZIPs alike."""
    os.umask(0o077)


def make_private(path: Path, mode: int = 0o600) -> bool:
    """chmod `path` to `mode` (0700 for folders), and check it took; note it when it did not."""
    try:
        os.chmod(path, mode)
        if sys.platform == "win32" or (os.stat(path).st_mode & 0o777) == mode:
            return True
    except FileNotFoundError:
        return True
    except OSError:
        pass
    if path not in _reported:
        _reported.add(path)
        _permission_problems.append(path)
    return False


def take_permission_warnings() -> list[str]:
    """One line per file or folder that could not be made private since the last call."""
    from desktop_app.core.i18n import _

    lines = [_("{path}: could not be made private (this disk ignores file permissions); other users of this "
               "computer may be able to read it.").format(path=p) for p in _permission_problems]
    _permission_problems.clear()
    return lines


def make_private_dir(path: Path) -> Path:
    """Create `path` (and parents we create) with mode 0700; tighten it if it already exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    make_private(path, 0o700)
    return path


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir beats PAPERTRAIL_HOME beats the platform default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def demo_data_dir() -> Path:
    """The demo case lives in its own folder so it never mixes with the user's cases."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME + "-demo", appauthor=False))


@dataclass(frozen=True)
class DataLayout:
    """The files inside one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "papertrail.sqlite3"

    @property
    def vault(self) -> Path:
        return self.root / "vault"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    def create(self) -> DataLayout:
        from desktop_app.core.errors import StorageError
        from desktop_app.core.i18n import _  # i18n finds its catalogues through this module

        if self.root.exists() and not self.root.is_dir():
            raise StorageError(_("{path}: is a file, not a folder; choose a folder for Paper Trail's data").format(
                path=self.root))
        try:
            for folder in (self.root, self.vault, self.backups, self.logs):
                make_private_dir(folder)
        except OSError as exc:
            raise StorageError(_("{path}: cannot use this folder for data ({error})").format(
                path=self.root, error=exc.strerror or exc)) from exc
        return self
