"""Edit one party: name, role, relationship, organisation, badge number, notes, numbers and accounts.

Each number shows the form it is grouped under (+8613800138000) and where it is registered
(归属地), so the user sees at once that "138 0013 8000" and "+86 13800138000" are one line.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import ContactPointKind, PartyRole, Relationship
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.models import Party
from desktop_app.core.domain.phones import (
    WITHHELD_KEY,
    analyse,
    example_number,
    location_in,
    region_for_jurisdiction,
)
from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _, current_language
from desktop_app.ui.errors import show_error
from desktop_app.ui.panel_format import fill_enum_combo, named, select_data

ORGANISATION_ROLES = (PartyRole.PLATFORM, PartyRole.FUNDER, PartyRole.AGENCY, PartyRole.LAW_FIRM)
MEMBER_ROLES = (PartyRole.COLLECTOR, PartyRole.UNKNOWN, PartyRole.LAW_FIRM)


def describe_point(kind: ContactPointKind, value: str, jurisdiction: str) -> tuple[str, str]:
    """(normalised form, location) of a number as written; accounts show as they are."""
    if kind != ContactPointKind.PHONE:
        return value.strip(), ""
    info = analyse(value, region_for_jurisdiction(jurisdiction))
    if info.key == WITHHELD_KEY:
        return _("Withheld number"), ""
    place = location_in(info.e164, current_language()) if info.e164 else ""  # in the UI's language
    return info.e164 or info.display or info.key, place


class PartyEditor(QWidget):
    saved = Signal(int)  # party id

    def __init__(self, ws, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.case_id = ws, case_id
        self.jurisdiction = ws.cases.get(case_id).jurisdiction.value
        self.party: Party | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.name = QLineEdit()
        self.role = QComboBox()
        fill_enum_combo(self.role, PartyRole)
        self.relationship = QComboBox()
        fill_enum_combo(self.relationship, Relationship, none_text=_("(not a third party)"))
        self.organisation = QComboBox()
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(_("Employee or badge number, if they gave one"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        for text, widget in ((_("Name:"), self.name), (_("Role:"), self.role),
                             (_("Relationship to me:"), self.relationship),
                             (_("Works for:"), self.organisation), (_("Badge no.:"), self.badge),
                             (_("Notes:"), self.notes)):
            form.addRow(text, widget)
            named(widget, text.rstrip(":："))
        form.addRow("", self.error)
        layout.addLayout(form)
        self.role.currentIndexChanged.connect(self._role_changed)
        self.save_button = QPushButton(_("Save changes"))
        named(self.save_button, _("Save changes"), _("Save this person's details"))
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

        box = QGroupBox(_("Numbers and accounts"))
        box_layout = QVBoxLayout(box)
        self.points = QTableWidget(0, 4)
        self.points.setHorizontalHeaderLabels([_("Type"), _("As written"), _("Grouped as"), _("Registered in")])
        self.points.verticalHeader().setVisible(False)
        self.points.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.points.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.points.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        named(self.points, _("Numbers and accounts"))
        box_layout.addWidget(self.points)
        add_row = QHBoxLayout()
        self.point_kind = QComboBox()
        fill_enum_combo(self.point_kind, ContactPointKind)
        named(self.point_kind, _("Type of the new number or account"))
        self.point_value = QLineEdit()
        # An example number of the case's own place: no Mainland mobile as the example in a US case.
        example = example_number(self.jurisdiction)
        self.point_value.setPlaceholderText(_("e.g. {number} or a WeChat ID").format(number=example)
                                            if self.jurisdiction == "CN" or not example
                                            else _("e.g. {number} or an account name").format(number=example))
        named(self.point_value, _("New number or account"))
        self.point_value.textChanged.connect(self._preview_point)
        self.point_value.returnPressed.connect(self.add_point)
        self.add_point_button = QPushButton(_("Add"))
        named(self.add_point_button, _("Add number or account"))
        self.add_point_button.clicked.connect(self.add_point)
        self.remove_point_button = QPushButton(_("Remove"))
        named(self.remove_point_button, _("Remove the selected number or account"))
        self.remove_point_button.clicked.connect(self.remove_point)
        for widget in (self.point_kind, self.point_value, self.add_point_button, self.remove_point_button):
            add_row.addWidget(widget, 1 if widget is self.point_value else 0)
        box_layout.addLayout(add_row)
        self.point_hint = QLabel()
        box_layout.addWidget(self.point_hint)
        layout.addWidget(box, 1)
        self.set_party(None)

    # -- loading ------------------------------------------------------------------------------
    def set_party(self, party: Party | None) -> None:
        self.party = party
        self.setEnabled(party is not None)
        self.error.clear()
        self.organisation.clear()
        self.organisation.addItem(_("(none)"), None)
        for other in self.ws.parties.list(self.case_id):
            if other.role in ORGANISATION_ROLES and (party is None or other.id != party.id):
                self.organisation.addItem(f"{other.name} ({label(other.role)})", other.id)
        if party is None:
            for line in (self.name, self.badge):
                line.clear()
            self.notes.clear()
            self.points.setRowCount(0)
            return
        self.name.setText(party.name)
        select_data(self.role, party.role.value)
        select_data(self.relationship, party.relationship.value if party.relationship else None)
        select_data(self.organisation, party.organisation_id)
        self.badge.setText(party.badge_no)
        self.notes.setPlainText(party.notes)
        self._fill_points()
        self._role_changed()

    def _fill_points(self) -> None:
        points = self.party.contact_points if self.party else []
        self.points.setRowCount(len(points))
        for row, point in enumerate(points):
            normal, where = describe_point(point.kind, point.value, self.jurisdiction)
            for column, text in enumerate((label(point.kind), point.value, normal, where)):
                item = QTableWidgetItem(text)
                item.setData(256, point.id)
                self.points.setItem(row, column, item)
        self.points.resizeColumnToContents(0)
        self.points.resizeColumnToContents(2)

    def _role_changed(self) -> None:
        role = self.role.currentData()
        self.relationship.setEnabled(role == PartyRole.THIRD_PARTY.value)
        self.organisation.setEnabled(role in {r.value for r in MEMBER_ROLES})
        self.badge.setEnabled(role in (PartyRole.COLLECTOR.value, PartyRole.UNKNOWN.value, PartyRole.LAW_FIRM.value))

    def _preview_point(self, text: str) -> None:
        kind = ContactPointKind(self.point_kind.currentData())
        if not text.strip():
            self.point_hint.clear()
            return
        normal, where = describe_point(kind, text, self.jurisdiction)
        hint = _("Will be grouped as {normal}").format(normal=normal)
        self.point_hint.setText(hint + (f" · {where}" if where else ""))

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.party is None:
            return False
        role = self.role.currentData()
        fields = {
            "name": self.name.text(), "role": role,
            "relationship": self.relationship.currentData() if role == PartyRole.THIRD_PARTY.value else None,
            "organisation_id": self.organisation.currentData() if self.organisation.isEnabled() else None,
            "badge_no": self.badge.text().strip(), "notes": self.notes.toPlainText(),
        }
        try:
            self.party = self.ws.parties.update(self.party.id, **fields)
        except ValidationError as exc:
            self.error.setText(str(exc))
            (self.name if exc.field == "name" else self.role).setFocus()
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return False
        self.error.clear()
        self.saved.emit(self.party.id)
        return True

    def add_point(self) -> bool:
        if self.party is None or not self.point_value.text().strip():
            return False
        try:
            self.ws.parties.add_contact_point(self.party.id, self.point_kind.currentData(), self.point_value.text())
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return False
        self.point_value.clear()
        self.party = self.ws.parties.get(self.party.id)
        self._fill_points()
        self.saved.emit(self.party.id)
        return True

    def remove_point(self) -> bool:
        row = self.points.currentRow()
        if self.party is None or row < 0:
            return False
        point_id = self.points.item(row, 0).data(256)
        self.ws.parties.remove_contact_point(int(point_id))
        self.party = self.ws.parties.get(self.party.id)
        self._fill_points()
        self.saved.emit(self.party.id)
        return True
