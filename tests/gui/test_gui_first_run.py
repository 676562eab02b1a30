"""First run: the empty state, creating a case, and the demo in its own folder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.core.services.workspace import Workspace


def test_first_run_shows_the_empty_state_with_two_choices(window):
    assert window.stack.currentWidget() is window.empty
    assert window.empty.new_button.text() == "New case"
    assert window.empty.demo_button.text() == "Open the demo case"
    assert "stays on this computer" in window.empty.privacy.text()
    # Case-bound actions are off until there is a case.
    assert not window.actions.log_call.isEnabled()
    assert window.empty.new_button.accessibleName()


def test_creating_a_case_from_the_empty_state(qtbot, window, workspace):
    qtbot.mouseClick(window.empty.new_button, Qt.MouseButton.LeftButton)
    dialog = window._dialogs[-1]
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    title_edit = getattr(dialog, "title", None) or getattr(dialog, "title_edit", None)
    if title_edit is None or not hasattr(title_edit, "setText"):
        from PySide6.QtWidgets import QLineEdit

        title_edit = dialog.findChildren(QLineEdit)[0]
    title_edit.setText("平安普惠 逾期")
    dialog.accept()
    qtbot.waitUntil(lambda: window.case_id is not None)
    assert [c.title for c in workspace.cases.list()] == ["平安普惠 逾期"]
    assert window.stack.currentWidget() is window.splitter
    assert window.cases.count() == 1
    assert window.actions.log_call.isEnabled()
    assert "平安普惠" in window.windowTitle()
    assert window.settings.last_case_id == window.case_id


def test_an_empty_title_is_refused_with_a_message(qtbot, window, workspace):
    window.new_case()
    dialog = window._dialogs[-1]
    dialog.accept()  # nothing typed
    assert dialog.isVisible()
    assert workspace.cases.list() == []


def test_demo_opens_in_its_own_folder(qtbot, window, workspace, tmp_path):
    window.demo_dir = tmp_path / "demo-folder"
    qtbot.mouseClick(window.empty.demo_button, Qt.MouseButton.LeftButton)
    demo_window = window._dialogs[-1]
    assert demo_window.demo_mode
    assert demo_window.ws.data_dir == tmp_path / "demo-folder"
    assert demo_window.case_id is not None
    assert demo_window.timeline.model.rowCount() > 10
    assert "demo" in demo_window.windowTitle()
    # The user's own folder still has no case: the demo never mixes in.
    assert workspace.cases.list() == []
    window.finish()
    gone = []
    demo_window.destroyed.connect(lambda *_a: gone.append(True))
    demo_window.close()  # deletes itself, releasing the folder's lock and database
    qtbot.waitUntil(lambda: bool(gone))
    with Workspace.open(tmp_path / "demo-folder") as demo_ws:
        assert len(demo_ws.cases.list()) == 1
