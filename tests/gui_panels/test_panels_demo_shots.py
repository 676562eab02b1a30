"""Each panel over the built-in demo case, in Simplified Chinese and English (screenshots to look at)."""

from __future__ import annotations

import pytest
from panel_helpers import shot

from desktop_app.ui.evidence.model import STATE_ROLE
from desktop_app.ui.evidence.panel import EvidencePanel
from desktop_app.ui.evidence.preview import PreviewDialog
from desktop_app.ui.followups import FollowUpsPanel
from desktop_app.ui.parties.dialog import PartiesDialog
from desktop_app.ui.trash import TrashDialog


@pytest.mark.parametrize("code", ["zh_CN", "en"])
def test_demo_panels(qtbot, demo_workspace, lang, code):
    ws = demo_workspace
    cid = ws.demo_case_id
    lang(code)
    event = next(e for e in ws.events.list(cid) if len(e.evidence_ids) >= 1)
    panel = EvidencePanel(ws)
    qtbot.addWidget(panel)
    panel.resize(820, 380)
    panel.show()
    with qtbot.waitSignal(panel.verified):
        panel.set_event(cid, event.id)
    assert all(panel.model.index(r).data(STATE_ROLE) == "ok" for r in range(panel.model.rowCount()))
    qtbot.waitUntil(lambda: not panel.thumbs._pending)
    panel.view.setCurrentIndex(panel.model.index(0))
    shot(panel, f"demo_evidence_{code}")
    for ev in ws.evidence.list(cid):
        dialog = PreviewDialog(ev)
        qtbot.addWidget(dialog)
        dialog.resize(640, 480)
        dialog.show()
        qtbot.waitUntil(lambda d=dialog: d.preview.content is not None, timeout=10_000)
        shot(dialog, f"demo_preview_{code}_{ev.exhibit}")
        dialog.reject()
    parties = PartiesDialog(ws, cid)
    qtbot.addWidget(parties)
    parties.show()
    parties.table.selectRow(0)
    shot(parties, f"demo_parties_{code}")
    follow = FollowUpsPanel(ws)
    qtbot.addWidget(follow)
    follow.resize(760, 300)
    follow.show()
    shot(follow, f"demo_followups_{code}")
    ws.events.delete(event.id)
    trash = TrashDialog(ws, cid)
    qtbot.addWidget(trash)
    trash.show()
    shot(trash, f"demo_trash_{code}")
