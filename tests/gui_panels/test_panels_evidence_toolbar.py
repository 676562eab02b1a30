"""Issue 19 item 6: the evidence buttons fit the editor's pane, and a file no program opens says so."""

from __future__ import annotations

from panel_helpers import make_jpeg
from PySide6.QtGui import QDesktopServices

from desktop_app.ui.evidence.panel import EvidencePanel


def _panel(qtbot, ws, event_id, width: int) -> EvidencePanel:
    panel = EvidencePanel(ws)
    qtbot.addWidget(panel)
    panel.resize(width, 420)
    panel.show()
    with qtbot.waitSignal(panel.verified):
        panel.set_event(ws.case_id, event_id)
    return panel


def test_the_buttons_fit_a_narrow_pane(qtbot, small_case, lang):
    for ui in ("en", "zh_TW"):
        lang(ui)
        panel = _panel(qtbot, small_case, small_case.ids["e1"], 260)
        # The panel never asks for more width than the editor's pane has, however narrow: the two
        # rows of push buttons needed 350 px and the pane scrolled sideways.
        assert panel.minimumSizeHint().width() <= 260
        assert panel.toolbar.isVisible()
        for button in (panel.attach_button, panel.preview_button, panel.open_button, panel.folder_button,
                       panel.unlink_button, panel.delete_button):
            assert button.accessibleName() and button.toolTip()


def test_a_file_no_program_opens_gives_a_message(qtbot, small_case, tmp_path, monkeypatch):
    ws = small_case
    ws.evidence.attach(ws.case_id, [make_jpeg(tmp_path / "threat.jpg")], [ws.ids["e1"]])
    panel = _panel(qtbot, ws, ws.ids["e1"], 760)
    panel.view.setCurrentIndex(panel.model.index(0))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # no program for this type
    panel.open_button.click()
    assert "threat.jpg" in panel.status.text() and "Preview" in panel.status.text()
