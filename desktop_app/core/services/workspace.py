"""A data folder opened for use: the database, the vault and the services over them.

Both front ends (the command line and the GUI) start by `Workspace.open(data_dir)`.  Opening
creates the folders (0700), migrates the schema (backing it up first), and sweeps what a
killed process may have left (temporary vault files, partial backups).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.core.errors import CorruptDatabaseError
from desktop_app.core.paths import DataLayout
from desktop_app.core.report import staging as report_staging
from desktop_app.core.services.audit import AuditService
from desktop_app.core.services.cases import CaseService
from desktop_app.core.services.events import EventService
from desktop_app.core.services.evidence import EvidenceService
from desktop_app.core.services.parties import PartyService
from desktop_app.core.services.search import SearchService
from desktop_app.core.storage import backups
from desktop_app.core.storage.db import Database
from desktop_app.core.storage.migrations import migrate
from desktop_app.core.vault.vault import Vault


class Workspace:
    def __init__(self, layout: DataLayout, db: Database, vault: Vault) -> None:
        self.layout = layout
        self.db = db
        self.vault = vault
        self.audit = AuditService(db)
        self.cases = CaseService(db, self.audit)
        self.parties = PartyService(db, self.audit)
        self.events = EventService(db, self.audit)
        self.evidence = EvidenceService(db, vault, self.audit)
        self.search = SearchService(db)

    @property
    def data_dir(self) -> Path:
        return self.layout.root

    @classmethod
    def open(cls, data_dir: Path | str) -> Workspace:
        layout = DataLayout(Path(data_dir)).create()
        db = Database(layout.database)
        try:
            migrate(db.conn, layout.database, layout.backups)
        except CorruptDatabaseError as exc:
            db.close()
            if exc.latest_backup is None:
                exc.latest_backup = backups.latest(layout.backups)
            raise
        except sqlite3.DatabaseError as exc:
            db.close()
            raise CorruptDatabaseError(f"{layout.database}: the database file is damaged ({exc})",
                                       latest_backup=backups.latest(layout.backups)) from exc
        except BaseException:
            db.close()
            raise
        vault = Vault(layout.vault).create()
        workspace = cls(layout, db, vault)
        vault.sweep(workspace.evidence.referenced_hashes())
        report_staging.sweep(layout.root)  # unfinished PDFs/ZIPs of killed processes (report/staging.py)
        backups.prune(layout.backups, "daily")
        return workspace

    def daily_backup(self) -> Path | None:
        return backups.daily(self.db.conn, self.layout.backups)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
