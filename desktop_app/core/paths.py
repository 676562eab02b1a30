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


def make_private_dir(path: Path) -> Path:
    """Create `path` (and parents we create) with mode 0700; tighten it if it already exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700)
    except OSError:  # a folder we do not own (e.g. a shared mount): leave it as it is
        pass
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

        if self.root.exists() and not self.root.is_dir():
            raise StorageError(f"{self.root}: is a file, not a folder; choose a folder for Paper Trail's data")
        try:
            for folder in (self.root, self.vault, self.backups, self.logs):
                make_private_dir(folder)
        except OSError as exc:
            raise StorageError(f"{self.root}: cannot use this folder for data ({exc.strerror or exc})") from exc
        return self
