"""Errors the core raises on purpose.

Every error a user can cause (bad file, unknown id, newer database…) is an `AppError` whose
message is one plain sentence naming the thing and the problem; the command line prints it on
one line and the GUI shows it in a dialog.  Anything else is a bug and is logged as such.
"""

from __future__ import annotations

from pathlib import Path


class AppError(Exception):
    """An expected failure with a message fit to show the user."""

    exit_code = 2


class NotFoundError(AppError):
    """An id (case, event, party, evidence) that does not exist."""


class ValidationError(AppError):
    """Input that breaks a rule of the domain (an end before the start, a negative duration)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class FileInputError(AppError):
    """A file the user named is missing, unreadable, a folder, or of the wrong kind."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


class StorageError(AppError):
    """The database cannot be used as it is."""


class NewerDatabaseError(StorageError):
    """The database was written by a newer Paper Trail; we refuse to touch it."""


class CorruptDatabaseError(StorageError):
    """The database file is damaged; `latest_backup` is offered to the user when there is one."""

    def __init__(self, message: str, latest_backup: Path | None = None) -> None:
        super().__init__(message)
        self.latest_backup = latest_backup


class VaultError(AppError):
    """The evidence vault could not store or read a file."""


class Cancelled(AppError):  # noqa: N818 - reads better at the raise site than CancelledError
    """The user cancelled a long operation; nothing was changed."""

    exit_code = 130


class MissingDatabaseError(StorageError):
    """The data folder holds evidence or backups but its database is missing or empty.

    Such a folder is not new: creating a fresh database there would hide every case.  The user
    is offered `latest_backup` (`papertrail restore-backup`)."""

    def __init__(self, message: str, latest_backup: Path | None = None) -> None:
        super().__init__(message)
        self.latest_backup = latest_backup


class FolderBusyError(StorageError):
    """Another Paper Trail process is writing to this data folder."""

    exit_code = 75  # EX_TEMPFAIL: try again when the other one has finished

    def __init__(self, message: str, pid: int | None = None) -> None:
        super().__init__(message)
        self.pid = pid


class DataFolderIOError(StorageError):
    """Writing to the data folder (vault, backups, database) failed: an I/O error of the disk."""


class DiskFullError(DataFolderIOError):
    """The disk (or the user's quota) holding the data folder is full."""
