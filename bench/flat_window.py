"""Paper Trail's first window, written flat: a lower bound for its startup time.

    python bench/flat_window.py RESOURCES_DIR DATABASE

`bench_startup.py` runs this beside the app.  It shows what the real window shows at its first
paint on the demo case, with the same Qt classes and the same resources, but as one plain
script: no packages, no services, no translation catalogue, no logging, no settings, no lock,
no migrations check; Chinese texts are literals.  Whatever the app does on top of this is
architecture; what this costs, any Python implementation of the same window pays.

Shown at the first paint, as in the app, for the database's first case (the demo case in the
bench): the shipped fonts (Noto Sans SC and TC, emoji, symbols) and the stylesheet; Qt's own
Chinese translations; a menu bar of five menus holding the 25 actions (shortcuts, icons); the
toolbar's eight actions with icons and text; the case list (title, status, counts); the filter
bar (search box, "flagged only", kind and person combo boxes, two date fields with calendar
pop-ups); the timeline table over a model and a filtering proxy (kind icon and text, date in
the locale's format, person, number, flags, files, summary); the entry count; the detail
pane's hint.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QAction, QFont, QFontDatabase, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

RESOURCES, DATABASE = Path(sys.argv[1]), sys.argv[2]
KINDS = {"call": "电话", "sms": "短信", "chat": "聊天", "visit": "上门", "letter": "信件", "email": "邮件",
         "meeting": "会面", "payment": "还款", "negotiation": "协商", "complaint": "投诉", "agreement": "协议",
         "user_request": "我的请求", "note": "备注"}
OUTCOMES = {"answered": "已接通", "missed": "未接", "rejected": "已拒接", "voicemail": "语音信箱", "busy": "占线"}
ACTIONS = [  # (text, shortcut, icon, in the toolbar)
    ("新建案件(&N)…", "Ctrl+Shift+N", "new-case", False), ("案件详情(&D)…", "Ctrl+Shift+E", "edit", False),
    ("打开示例案件(&D)", None, "demo", False), ("立即记录来电(&C)", "Ctrl+L", "kind-call", True),
    ("记录一条消息(&M)", "Ctrl+M", "kind-sms", True), ("记录一次上门(&V)", "Ctrl+Shift+V", "kind-visit", True),
    ("新建记录(&E)…", "Ctrl+N", "add", True), ("保存记录(&S)", "Ctrl+S", "save", False),
    ("删除记录(&D)", None, "delete", True), ("撤销删除(&U)", "Ctrl+Z", "undo", True),
    ("回收站(&T)…", "Ctrl+Shift+T", "trash", False), ("搜索(&S)", "Ctrl+F", "search", False),
    ("只看有问题的(&F)", "Ctrl+Shift+F", "flag", False), ("清除筛选(&F)", "Ctrl+Shift+X", None, False),
    ("人员和号码(&P)…", "Ctrl+Shift+P", "people", False), ("待办(&O)", "Ctrl+Shift+U", "follow-up", False),
    ("检查结果(&F)", "Ctrl+Shift+R", "flag", False), ("核对提示(&S)…", None, "flag", False),
    ("导入(&I)…", "Ctrl+I", "import", True),
    ("生成报告(&R)…", "Ctrl+P", "report", True), ("协商(&N)…", "Ctrl+Shift+G", None, False),
    ("核验证据(&V)", "Ctrl+Shift+Y", "verify", False), ("设置(&S)…", "Ctrl+,", "settings", False),
    ("退出(&Q)", "Ctrl+Q", None, False), ("关于留痕(&A)", None, None, False),
]
MENUS = [("案件(&C)", range(0, 3)), ("记录(&E)", range(3, 11)), ("查看(&V)", range(11, 18)),
         ("工具(&T)", range(21, 23)), ("帮助(&H)", range(24, 25))]


class Model(QAbstractTableModel):
    def __init__(self, rows: list[tuple], parties: dict[int, str]) -> None:
        super().__init__()
        self.rows, self.parties, self.icons = rows, parties, {}
        self.locale = QLocale()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("类型", "日期时间", "对方", "号码", "违规", "证据", "摘要")[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                text = KINDS.get(row[1], row[1])
                return f"{text} · {OUTCOMES.get(row[11], row[11])}" if row[11] else text
            if col == 1:
                moment = datetime.fromisoformat(row[2])
                return self.locale.toString(QDateTime(moment.year, moment.month, moment.day, moment.hour,
                                                      moment.minute, moment.second), QLocale.FormatType.ShortFormat)
            if col == 2:
                return self.parties.get(row[4], "")
            if col == 3:
                return row[5]
            if col == 4:
                return str(len(json.loads(row[7]))) if row[7] != "[]" else ""
            if col == 5:
                return str(row[8]) if row[8] else ""
            return row[6].split("\n", 1)[0]
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            if row[1] not in self.icons:
                self.icons[row[1]] = QIcon(str(RESOURCES / "icons" / f"kind-{row[1]}.svg"))
            return self.icons[row[1]]
        return None


app = QApplication(sys.argv[:1])
app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "app.svg")))
families: list[str] = []
for name in ("NotoSansSC-Regular.ttf", "NotoSansTC-Regular.ttf", "NotoEmoji-Regular.ttf",
             "NotoSansSymbols-Regular.ttf"):
    families += QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(RESOURCES / "fonts" / name)))
font = QFont(app.font())
font.setFamilies(families)
app.setFont(font)
QLocale.setDefault(QLocale("zh_CN"))
translator = QTranslator(app)
if translator.load(QLocale("zh_CN"), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
    app.installTranslator(translator)
app.setStyleSheet((RESOURCES / "styles" / "app.qss").read_text(encoding="utf-8"))

conn = sqlite3.connect(DATABASE)
case_id, title, status = conn.execute("SELECT id, title, status FROM cases ORDER BY id LIMIT 1").fetchone()
parties = dict(conn.execute("SELECT id, name FROM parties WHERE case_id = ?", (case_id,)).fetchall())
counts = dict(conn.execute("SELECT ee.event_id, count(*) FROM event_evidence ee JOIN evidence v ON "
                           "v.id = ee.evidence_id WHERE v.case_id = ? GROUP BY ee.event_id", (case_id,)).fetchall())
rows = [(*r[:8], counts.get(r[0], 0), *r[9:]) for r in conn.execute(
    "SELECT id, kind, start_local, start_utc, party_id, contact_value, summary, conduct, 0, follow_up, direction, "
    "call_outcome FROM events WHERE case_id = ? AND deleted_at IS NULL ORDER BY start_utc, id", (case_id,))]
files = conn.execute("SELECT count(*) FROM evidence WHERE case_id = ?", (case_id,)).fetchone()[0]

window = QMainWindow()
actions = []
for text, key, icon, _in_toolbar in ACTIONS:
    action = QAction(text, window)
    action.setIconText(text.split("(&")[0].rstrip("…"))  # toolbar buttons: no mnemonic, no ellipsis
    if key:
        action.setShortcut(QKeySequence(key))
    if icon:
        action.setIcon(QIcon(str(RESOURCES / "icons" / f"{icon}.svg")))
    actions.append(action)
for menu_title, indexes in MENUS:
    menu = window.menuBar().addMenu(menu_title)
    for i in indexes:
        menu.addAction(actions[i])
toolbar = QToolBar()
toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
toolbar.setMovable(False)
window.addToolBar(toolbar)
for action, spec in zip(actions, ACTIONS, strict=True):
    if spec[3]:
        toolbar.addAction(action)

cases = QListWidget()
cases.addItem(f"{title}\n{status} · {len(rows)} 条记录, {files} 个文件")
search = QLineEdit()
search.setClearButtonEnabled(True)
search.setPlaceholderText("搜索文字、号码、姓名…（Ctrl+F）")
kind, party = QComboBox(), QComboBox()
kind.addItem("全部类型")
kind.addItems(list(KINDS.values()))
party.addItem("所有人")
party.addItems(sorted(parties.values()))
dates = []
for _ in range(2):
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setSpecialValueText("—")
    edit.setDisplayFormat("yyyy-MM-dd")
    dates.append(edit)
top = QHBoxLayout()
top.addWidget(search, 1)
top.addWidget(QCheckBox("只看有问题的"))
bar = QHBoxLayout()
for widget in (QLabel("类型(&K):"), kind, QLabel("对方(&W):"), party, QLabel("日期(&D):"), dates[0], QLabel("–"),
               dates[1]):
    bar.addWidget(widget)
proxy = QSortFilterProxyModel()
proxy.setSourceModel(Model(rows, parties))
table = QTableView()
table.setObjectName("timeline")
table.setModel(proxy)
table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
table.setAlternatingRowColors(True)
table.setShowGrid(False)
table.setWordWrap(False)
table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
table.setSortingEnabled(True)
table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
table.verticalHeader().hide()
table.horizontalHeader().setStretchLastSection(True)
pane = QWidget()
layout = QVBoxLayout(pane)
layout.addLayout(top)
layout.addLayout(bar)
layout.addWidget(table, 1)
layout.addWidget(QLabel(f"共 {len(rows)} 条记录"))
hint = QLabel("在时间线中选择一条记录，即可在这里查看和编辑。")
hint.setWordWrap(True)
split = QSplitter()
for widget in (cases, pane, hint):
    split.addWidget(widget)
split.setSizes([200, 700, 380])
window.setCentralWidget(split)
window.setWindowTitle(title)
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
