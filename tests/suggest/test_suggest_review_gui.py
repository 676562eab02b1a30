"""The bulk review window: lists one kind of suggestion with its words, confirms and dismisses."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.i18n import set_language

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _english():
    set_language("en")
    yield


def test_review_confirms_the_ticked_and_dismisses_the_selected(qtbot, workspace) -> None:
    from desktop_app.ui.suggestions_review import SuggestionsReview

    case_id = workspace.cases.create("Review", "CN").id
    ids = [workspace.events.log(case_id, "sms", datetime(2026, 3, 1, 10, i), body=body).id
           for i, body in enumerate(["明天去你家泼油漆", "出门小心点", "你这个老赖"])]
    dialog = SuggestionsReview(workspace, case_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading and dialog.tree.topLevelItemCount() > 0)
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert kinds == ["threat", "abuse"] and dialog.kind.itemText(0).endswith("(2)")
    assert [dialog.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(2)] == ids[:2]
    assert "»泼油漆«" in dialog.tree.topLevelItem(0).text(2)

    dialog.tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.changed):
        assert dialog.decide(True) == 1
    qtbot.waitUntil(lambda: not dialog.loading and dialog.tree.topLevelItemCount() == 1)
    assert [c.value for c in workspace.events.get(ids[0]).conduct] == ["threat"]

    dialog.tree.topLevelItem(0).setSelected(True)  # nothing ticked: the selection is what is decided
    assert dialog.decide(False) == 1
    qtbot.waitUntil(lambda: not dialog.loading and dialog.kind.currentData() == "abuse")
    assert workspace.events.get(ids[1]).details["dismissed_suggestions"] == ["threat"]
    assert workspace.events.get(ids[1]).conduct == []
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1)
    assert workspace.events.suggestions(case_id, "threat") == []


def test_the_editor_shows_suggestions_apart_and_one_click_decides(qtbot, workspace) -> None:
    from desktop_app.core.domain.enums import Conduct
    from desktop_app.ui.event_editor import EventEditor

    case_id = workspace.cases.create("Editor", "CN").id
    body = "再不还钱就把你的事发到你的通讯录，你这个老赖"
    event_id = workspace.events.log(case_id, "sms", datetime(2026, 3, 1, 10, 0), body=body).id
    editor = EventEditor(workspace)
    qtbot.addWidget(editor)
    editor.show()
    editor.set_event(event_id)
    bar = editor.suggestions
    assert bar.isVisible() and list(bar.buttons) == ["third_party_disclosure", "abuse"]
    assert not editor.conduct[Conduct.ABUSE].isChecked()  # a suggestion is not a ticked box
    marks = editor.body.extraSelections()
    assert [body[m.cursor.selectionStart():m.cursor.selectionEnd()] for m in marks] == ["发到你的通讯录", "老赖"]

    with qtbot.waitSignal(editor.saved):
        bar.buttons["abuse"][0].click()
    assert editor.conduct[Conduct.ABUSE].isChecked() and list(bar.buttons) == ["third_party_disclosure"]
    editor.summary.setText("typed before deciding")  # pending edits are saved first, not lost
    bar.buttons["third_party_disclosure"][1].click()
    e = workspace.events.get(event_id)
    assert e.summary == "typed before deciding" and e.details["dismissed_suggestions"] == ["third_party_disclosure"]
    assert not bar.isVisible() and editor.body.extraSelections() == []


def test_the_timeline_marks_rows_with_open_suggestions(qtbot, workspace) -> None:
    from desktop_app.ui.timeline_model import Col
    from desktop_app.ui.timeline_view import TimelinePane

    case_id = workspace.cases.create("Timeline", "CN").id
    threat = workspace.events.log(case_id, "sms", datetime(2026, 3, 1, 10, 0), body="明天去你家泼油漆").id
    workspace.events.log(case_id, "sms", datetime(2026, 3, 1, 11, 0), body="请按时还款。")
    view = TimelinePane(workspace)
    qtbot.addWidget(view)
    view.load_case(case_id)
    model = view.model

    def flags(row: int) -> tuple[str, str | None]:
        index = model.index(row, Col.FLAGS)
        return model.data(index), model.data(index, Qt.ItemDataRole.ToolTipRole)

    assert flags(0) == ("?", "? Suggested by the words, not yet reviewed: Threats")
    assert flags(1) == ("", None)
    workspace.events.confirm(threat, "threat")
    assert view.update_rows([threat])
    assert flags(0)[0] == "1"
