"""What is due: call-backs promised, replies a platform owes, plan payments, follow-up dates.

`collect_due()` gathers the items from the workspace (no widgets, easy to test);
`FollowUpsPanel` lists them, highlights the overdue ones and marks them done;
`due_follow_ups_dialog()` is the small reminder shown when the app opens.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import CaseStatus, Direction, EventKind
from desktop_app.core.domain.labels import label
from desktop_app.core.i18n import _, ngettext
from desktop_app.ui.errors import show_error
from desktop_app.ui.panel_format import fmt_date, fmt_money, named

log = logging.getLogger(__name__)

#: How far ahead the panel looks for plan payments (follow-ups and replies are listed whenever due).
PAYMENT_HORIZON_DAYS = 31


def today_local() -> date:
    """Today on this computer's calendar (a function, so tests can move the clock)."""
    return date.today()


@dataclass(frozen=True, slots=True)
class DueItem:
    case_id: int
    case_title: str
    due: date
    what: str  # "callback", "follow_up", "reply", "payment"
    text: str  # the translated line shown to the user
    event_id: int | None = None
    overdue: bool = False

    @property
    def can_mark_done(self) -> bool:
        return self.event_id is not None and self.what != "payment"


def _event_text(event) -> str:
    return event.follow_up_note or event.summary or label(event.kind)


def collect_due(ws, case_id: int | None = None, today: date | None = None,
                until: date | None = None) -> list[DueItem]:
    """Everything due (by `until`, when given), oldest first; `case_id` None means every case."""
    today = today or date.today()
    cases = {c.id: c.title for c in ws.cases.list()}
    wanted = [case_id] if case_id is not None else list(cases)
    items: list[DueItem] = []
    for event in ws.events.follow_ups(case_id, until=until):
        if event.case_id not in cases:
            continue
        callback = event.kind in (EventKind.CALL, EventKind.NEGOTIATION) and event.direction != Direction.OUTGOING
        what = "callback" if callback else "follow_up"
        text = _event_text(event)
        if callback:
            text = _("Call-back promised: {text}").format(text=text)
        elif not text.casefold().startswith(_("Follow up").casefold()):  # not "Follow up: Follow up on…"
            text = _("Follow up: {text}").format(text=text)
        items.append(DueItem(event.case_id, cases[event.case_id], event.follow_up, what, text, event.id,
                             event.follow_up < today))
    for cid in wanted:
        if cid not in cases:
            continue
        for event in ws.events.list(cid):
            if event.kind != EventKind.COMPLAINT:
                continue
            due = _date(event.details.get("reply_due"))
            if due is None or event.details.get("reply_received") or event.details.get("outcome"):
                continue
            if until is not None and due > until:
                continue
            where = event.details.get("channel")
            ticket = event.details.get("ticket_no") or ""
            text = _("Reply owed to your complaint {ticket}").format(ticket=ticket).strip()
            if where:
                text += f" ({_channel_label(where)})"
            items.append(DueItem(cid, cases[cid], due, "reply", text, event.id, due < today))
        items.extend(_plan_payments(ws, cid, cases[cid], today, until))
    items.sort(key=lambda i: (i.due, i.case_id, i.event_id or 0))
    return items


def _channel_label(value: str) -> str:
    from desktop_app.core.domain.enums import Channel

    try:
        return label(Channel(value))
    except ValueError:
        return value


def _date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _plan_payments(ws, case_id: int, title: str, today: date, until: date | None) -> list[DueItem]:
    """Instalments of an agreed plan (case status "arrangement agreed" with a proposal saved)."""
    try:
        from desktop_app.core.domain import negotiation
    except ImportError:  # the negotiation module is optional for this panel
        return []
    case = ws.cases.get(case_id)
    if not case.negotiation or case.status != CaseStatus.ARRANGEMENT_AGREED:
        return []
    try:
        neg = negotiation.Negotiation.from_dict(case.negotiation)
        schedule = negotiation.compute_schedule(neg.proposal, neg.proposal.default_base(case),
                                                today=neg.letter_date, credit_card=neg.is_card(case))
    except Exception:  # noqa: BLE001 - a half-filled plan must not hide the other reminders
        log.info("negotiation plan of case %s not computable", case_id)
        return []
    horizon = until or today + timedelta(days=PAYMENT_HORIZON_DAYS)
    items = []
    for row in schedule.instalments:
        if row.due > horizon or row.due < today:
            continue
        amount = fmt_money(row.amount, case.currency)
        text = (_("Down payment: {amount}").format(amount=amount) if row.number == 0 else
                _("Plan payment {n}: {amount}").format(n=row.number, amount=amount))
        items.append(DueItem(case_id, title, row.due, "payment", text))
    return items


class FollowUpsPanel(QWidget):
    """What is due, soonest first; overdue items in red.  Double-click opens the event."""

    event_activated = Signal(int, int)  # case_id, event_id
    changed = Signal()

    def __init__(self, ws, parent: QWidget | None = None, *, due_only: bool = False) -> None:
        super().__init__(parent)
        self.ws = ws
        self.case_id: int | None = None
        self.due_only = due_only  # only what is due today or overdue (the reminder dialog)
        self.items: list[DueItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Due"), _("Case"), _("What")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._activate(item))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        named(self.tree, _("Things due"))
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.open_button = QPushButton(_("Open entry"))
        named(self.open_button, _("Open entry"), _("Show this entry in the timeline"))
        self.open_button.clicked.connect(lambda: self._activate(self.tree.currentItem()))
        self.done_button = QPushButton(_("Mark done"))
        named(self.done_button, _("Mark done"), _("Mark the selected items as done"))
        self.done_button.clicked.connect(self.mark_selected_done)
        row.addWidget(self.open_button)
        row.addWidget(self.done_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.tree.setColumnHidden(1, case_id is not None)
        self.refresh()

    def refresh(self) -> None:
        today = today_local()
        self.items = collect_due(self.ws, self.case_id, today, until=today if self.due_only else None)
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        red = QBrush(QColor("#b3261e"))
        for index, item in enumerate(self.items):
            when = fmt_date(item.due)
            if item.overdue:
                when = _("{date} (overdue)").format(date=when)
            elif item.due == today:
                when = _("{date} (today)").format(date=when)
            row = QTreeWidgetItem([when, item.case_title, item.text])
            row.setData(0, Qt.ItemDataRole.UserRole, index)
            row.setToolTip(2, item.text)
            if item.overdue:
                for column in range(3):
                    row.setForeground(column, red)
                row.setFont(0, bold)
            self.tree.addTopLevelItem(row)
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        overdue = sum(1 for i in self.items if i.overdue)
        if not self.items:
            self.summary.setText(_("Nothing is due."))
        else:
            if overdue == len(self.items):  # not "1 thing due · 1 overdue" for one item
                text = ngettext("{n} thing overdue", "{n} things overdue", overdue).format(n=overdue)
            else:
                text = ngettext("{n} thing due", "{n} things due", len(self.items)).format(n=len(self.items))
                if overdue:
                    text += " · " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
            self.summary.setText(text)
        self._update_buttons()

    def _selected(self) -> list[DueItem]:
        return [self.items[int(r.data(0, Qt.ItemDataRole.UserRole))] for r in self.tree.selectedItems()]

    def _update_buttons(self) -> None:
        selected = self._selected()
        self.done_button.setEnabled(any(i.can_mark_done for i in selected))
        self.open_button.setEnabled(len(selected) == 1 and selected[0].event_id is not None)

    def _activate(self, row: QTreeWidgetItem | None) -> None:
        if row is None:
            return
        item = self.items[int(row.data(0, Qt.ItemDataRole.UserRole))]
        if item.event_id is not None:
            self.event_activated.emit(item.case_id, item.event_id)

    def mark_selected_done(self) -> int:
        done = 0
        try:
            with self.ws.db.transaction():
                for item in self._selected():
                    if not item.can_mark_done:
                        continue
                    if item.what == "reply":
                        event = self.ws.events.get(item.event_id)
                        details = dict(event.details, reply_received=today_local().isoformat())
                        self.ws.events.update(item.event_id, details=details)
                    else:
                        self.ws.events.update(item.event_id, follow_up_done=True)
                    done += 1
        except Exception as exc:  # noqa: BLE001 - shown to the user; nothing was half-saved
            show_error(self, exc)
            return 0
        self.refresh()
        if done:
            self.changed.emit()
        return done


def due_follow_ups_dialog(parent: QWidget | None, ws) -> QDialog | None:
    """A reminder of what is due today or overdue, or None when nothing is (the caller shows it)."""
    today = today_local()
    if not collect_due(ws, None, today, until=today):
        return None
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Due today"))
    dialog.setAccessibleName(_("Due today"))
    dialog.resize(640, 320)
    layout = QVBoxLayout(dialog)
    intro = QLabel(_("These are due today or overdue. Double-click one to open it."))
    intro.setWordWrap(True)
    layout.addWidget(intro)
    panel = FollowUpsPanel(ws, dialog, due_only=True)
    layout.addWidget(panel, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.panel = panel  # type: ignore[attr-defined]  # the GUI lead connects panel.event_activated
    panel.event_activated.connect(lambda *_a: dialog.accept())
    return dialog
