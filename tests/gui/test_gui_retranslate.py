"""Issue 19 item 2: a language switch retranslates every window, panel, dock and open dialog.

After a switch, the visible text of every widget is read; none may still be in the old language.
What the user typed (case title, names, summaries, message bodies) is left out: it is not the UI's."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from desktop_app.ui.workers import wait_all

CJK = re.compile(r"[\u3400-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
# Not the UI's language: codes, names of formats and laws, key names.
NOT_ENGLISH_UI = {"PDF", "ZIP", "SHA", "Ctrl", "Shift", "CSV", "SMS", "App"}


def visible_texts(top: QWidget) -> list[str]:
    texts: list[str] = [top.windowTitle()]
    for w in [top, *top.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel):
            texts.append(re.sub(r"<[^>]+>", " ", w.text()))
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QDockWidget):
            texts.append(w.windowTitle())
        elif isinstance(w, QTabWidget):
            texts.extend(w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QComboBox) and not w.isEditable():
            texts.extend(w.itemText(i) for i in range(w.count()))
        elif isinstance(w, QTextEdit) and w.isReadOnly():
            texts.append(w.toPlainText())
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            texts.extend(header.text(c) for c in range(header.columnCount()))
            for i in range(w.topLevelItemCount()):
                item = w.topLevelItem(i)
                texts.extend(item.text(c) for c in range(item.columnCount()))
        elif isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            texts.extend(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount()))
            for r in range(min(model.rowCount(), 20)):
                texts.extend(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
    if hasattr(top, "menuBar"):
        for action in top.menuBar().actions():
            texts.append(action.text())
            menu = action.menu()
            if menu is not None:
                texts.extend(a.text() for a in menu.actions())
    return [t for t in texts if t]


def user_data(ws, case_id: int) -> list[str]:
    case = ws.cases.get(case_id)
    data = [case.title, case.platform]
    data += [p.name for p in ws.parties.list(case_id)]
    for e in ws.events.list(case_id):
        data += [e.summary, e.body, e.quotes, e.contact_value, e.follow_up_note]
    return sorted({d for d in data if d}, key=len, reverse=True)


def leftovers(texts: list[str], mine: list[str], old: str) -> list[str]:
    found = []
    for text in texts:
        text = text.split("\t", 1)[0]  # a menu's key column ("Del", "Ctrl+S") is not language
        for data in mine:
            text = text.replace(data, " ")
        if old == "en":
            words = [w for w in ENGLISH_WORD.findall(text) if w not in NOT_ENGLISH_UI]
            if words:
                found.append(text.strip())
        elif CJK.search(text):
            found.append(text.strip())
    return found


def _show_everything(qtbot, w) -> None:
    w.actions.follow_ups.setChecked(True)
    w.actions.findings.setChecked(True)
    w.select_events([w.ws.events.list(w.ids["case"])[0].id])
    wait_all()
    qtbot.wait(20)


@pytest.mark.parametrize(("old", "new"), [("en", "zh_TW"), ("en", "zh_CN"), ("zh_TW", "en")])
def test_no_text_of_the_old_language_is_left_after_a_switch(qtbot, case_window, old, new):
    w = case_window
    if old != "en":
        w.change_language(old)
    _show_everything(qtbot, w)
    help_dialog = w.show_help(0)  # a dialog left open across the switch
    qtbot.addWidget(help_dialog)
    w.change_language(new)
    _show_everything(qtbot, w)
    for dock in (w.follow_dock, w.findings_dock):  # tabbed docks: read each one in turn
        dock.raise_()
        qtbot.wait(10)
        mine = user_data(w.ws, w.ids["case"])
        assert not leftovers(visible_texts(w), mine, old), leftovers(visible_texts(w), mine, old)
    assert not leftovers(visible_texts(help_dialog), [], old)
    tops = [t for t in QApplication.topLevelWidgets() if t.isVisible() and t is not w and t is not help_dialog]
    for top in tops:
        assert not leftovers(visible_texts(top), user_data(w.ws, w.ids["case"]), old), top
    w.change_language("en")
