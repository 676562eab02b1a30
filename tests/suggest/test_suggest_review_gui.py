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
