"""The findings panel on the demo case: grouped findings, event selection, per-case parameters."""

from __future__ import annotations

import pytest

from desktop_app.core.i18n import set_language
from desktop_app.core.rules import evaluate_case

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(qtbot, demo_workspace):
    from desktop_app.ui.findings_panel import FindingsPanel

    widget = FindingsPanel(demo_workspace)
    qtbot.addWidget(widget)
    widget.set_case(demo_workspace.demo_case_id)
    qtbot.waitUntil(lambda: widget.tree.topLevelItemCount() > 0, timeout=10_000)
    yield widget
    from desktop_app.ui.workers import wait_all

    wait_all()  # no check may still be running against this test's data folder


def test_findings_grouped_by_rule(panel, demo_workspace):
    expected = evaluate_case(demo_workspace, demo_workspace.demo_case_id)
    rules = list(dict.fromkeys(f.rule_id for f in expected))
    tree = panel.tree
    assert tree.topLevelItemCount() == len(rules)
    assert sum(tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount())) == len(expected)
    first = tree.topLevelItem(0)
    # The demo's quiet-hours rule rests on a guideline and a recommended standard: "not met", not "violation".
    assert first.toolTip(0) == rules[0] and first.text(1) == "● Does not meet"
    assert "against standards or guidelines" in panel.summary.text() and "violation" not in panel.summary.text()


def test_choosing_a_finding_selects_its_events(panel, qtbot):
    child = panel.tree.topLevelItem(0).child(0)
    finding = child.data(0, panel_role())
    with qtbot.waitSignal(panel.events_selected) as signal:
        panel.tree.setCurrentItem(child)
    assert signal.args[0] == finding.event_ids and finding.event_ids
    html = panel.detail.toHtml()
    assert finding.citation.instrument.split(",")[0] in html and "Parameters used" in html


def panel_role():
    from desktop_app.ui.findings_panel import ROLE_FINDING

    return ROLE_FINDING


def test_parameters_saved_per_case(panel, demo_workspace, qtbot):
    from PySide6.QtCore import QTime

    before = sum(len(f.event_ids) for f in panel.findings if f.rule_id == "cn.quiet_hours")
    panel.params_button.click()
    assert panel.side.currentWidget() is panel.params_scroll
    panel._editors["quiet_start"].setTime(QTime(20, 0))
    with qtbot.waitSignal(panel.params_saved):
        panel.save_params.click()
    case = demo_workspace.cases.get(demo_workspace.demo_case_id)
    assert case.rule_params == {"cn": {"quiet_start": "20:00"}}
    qtbot.waitUntil(lambda: any(f.params.get("quiet_start") == "20:00" for f in panel.findings), timeout=10_000)
    after = sum(len(f.event_ids) for f in panel.findings if f.rule_id == "cn.quiet_hours")
    assert after > before
    panel.reset_params.click()
    assert demo_workspace.cases.get(demo_workspace.demo_case_id).rule_params == {}
    assert panel._editors["quiet_start"].time() == QTime(22, 0)


def test_other_pack_and_no_case(panel, qtbot):
    panel.pack_combo.setCurrentIndex(panel.pack_combo.findData("us"))
    qtbot.waitUntil(lambda: panel.findings and all(f.pack == "us" for f in panel.findings), timeout=10_000)
    assert "United States" in panel.scope.text()
    panel.set_case(None)
    assert panel.tree.topLevelItemCount() == 0 and not panel.refresh_button.isEnabled()


def test_panel_in_chinese(qtbot, demo_workspace):
    from desktop_app.ui.findings_panel import FindingsPanel

    set_language("zh_CN")
    try:
        widget = FindingsPanel(demo_workspace)
        qtbot.addWidget(widget)
        widget.set_case(demo_workspace.demo_case_id)
        qtbot.waitUntil(lambda: widget.tree.topLevelItemCount() > 0, timeout=10_000)
        assert widget.tree.topLevelItem(0).text(0) == "夜间休息时段催收"
        assert "不符合标准或指引" in widget.summary.text() and widget.tree.headerItem().text(0) == "发现"
        tree = widget.tree
        children = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
                    for j in range(tree.topLevelItem(i).childCount())]
        # The demo is a consumer-finance loan: every source is a guideline or a standard, never "违规"/"违反".
        assert children and not any("违规" in c.text(1) or "违反" in c.text(1) for c in children)
        advised = [c.data(0, panel_role()) for c in children if c.data(0, panel_role()).advice]
        html = widget._detail_html(advised[0], whole_rule=False)
        assert "不符合" in html and "不会写入材料" in html and advised[0].advice[0] in html
    finally:
        set_language("en")


def test_a_deleted_case_shows_the_empty_state(panel, demo_workspace):
    demo_workspace.cases.delete(demo_workspace.demo_case_id)
    panel.set_case(demo_workspace.demo_case_id)
    assert panel.case_id is None and panel.tree.topLevelItemCount() == 0
    assert panel.summary.text() == "Open a case to check it against the rules."
