"""Write tests/fixtures/db/v<N>.sqlite3: a small database at the CURRENT schema version.

Run it once whenever a release ships a schema version (before adding the next migration), and
commit the file: tests then migrate every earlier version's real file to the newest schema.

    python tools/make_fixture_db.py
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.core.services.workspace import Workspace  # noqa: E402
from desktop_app.core.storage.migrations import CURRENT_VERSION  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "db"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "data")
        case = ws.cases.create("固定样本 Fixture case", "CN", principal=Decimal("12000.00"),
                               balance=Decimal("8650.40"), platform="示例平台")
        party = ws.parties.add(case.id, "催收员甲", "collector", numbers=["17000001111"], badge_no="A-01")
        event = ws.events.log(case.id, "call", datetime(2026, 3, 2, 23, 14), direction="incoming",
                              call_outcome="missed", contact_value="170 0000 1111", summary="深夜来电 律师",
                              conduct=["threat"])
        ws.events.log(case.id, "sms", datetime(2026, 3, 3, 8, 1), contact_value="1069000012345",
                      body="你已被列入黑名单 😀 𠮷", details={"channel": "sms"})
        note = Path(tmp) / "note.txt"
        note.write_text("证据 evidence", encoding="utf-8")
        ws.evidence.attach(case.id, [note], [event.id], caption="样本")
        ws.parties.update(party.id, name="催收员乙")
        ws.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ws.close()
        OUT.mkdir(parents=True, exist_ok=True)
        target = OUT / f"v{CURRENT_VERSION}.sqlite3"
        # A self-contained copy (no -wal/-shm beside it).
        src = sqlite3.connect(Path(tmp) / "data" / "papertrail.sqlite3")
        dst = sqlite3.connect(target.with_suffix(".tmp"))
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
        src.close()
        dst.close()
        shutil.move(target.with_suffix(".tmp"), target)
        print(f"wrote {target}")
        # The vault object the fixture refers to travels with it.
        vault_src = Path(tmp) / "data" / "vault" / "objects"
        vault_dst = OUT / f"v{CURRENT_VERSION}-vault"
        if vault_dst.exists():
            shutil.rmtree(vault_dst)
        shutil.copytree(vault_src, vault_dst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
