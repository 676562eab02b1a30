"""The findings of the conduct rules for one case: grouped by rule, with sources and parameters.

Findings are computed in the thread pool (a big case takes a moment); choosing a finding emits
`events_selected` with its event ids so the main window can show them in the timeline.  The
parameters editor saves per-case overrides into `case.rule_params[<pack>]`.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.core.errors import AppError
from desktop_app.core.i18n import _, current_language
from desktop_app.core.rules import Finding, evaluate_case, load_pack
from desktop_app.core.rules.model import Severity, status_label
from desktop_app.core.rules.packs import PACKS, coerce_params, default_pack, defaults, effective_params
from desktop_app.core.rules.wording import Assertion, assertion, heading, short_label
from desktop_app.ui.errors import show_error
from desktop_app.ui.panel_format import fmt_datetime, named, ui_locale
from desktop_app.ui.workers import run_task

log = logging.getLogger(__name__)

ROLE_FINDING = Qt.ItemDataRole.UserRole
ROLE_EVENTS = Qt.ItemDataRole.UserRole + 1
BADGE = {  # foreground, background: red for violations, amber for warnings (readable, not alarming)
    Severity.VIOLATION: ("#8c1d18", "#fde7e4"),
    Severity.WARNING: ("#6b4a00", "#fff4ce"),
}


def fmt_time(value) -> str:  # noqa: ANN001 - a datetime
    return ui_locale().toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)


class FindingsPanel(QWidget):
    events_selected = Signal(list)  # event ids of the chosen finding (or of every finding of the chosen rule)
    params_saved = Signal(int)  # case id: the rule parameters changed, so timeline flags may change too

    def __init__(self, ws: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.case_id: int | None = None
        self.findings: list[Finding] = []
        self._generation = 0
        self._task = None
        self._editors: dict[str, QWidget] = {}
        self._build()
        self._show_state()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Rules:")))
        self.pack_combo = QComboBox()
        self.pack_combo.addItem(_("The case's own"), None)
        for name in PACKS:
            self.pack_combo.addItem(_(load_pack(name).title), name)
        named(self.pack_combo, _("Rule pack"), _("Which country's rules to check the case against."))
        self.pack_combo.currentIndexChanged.connect(self._pack_changed)
        bar.addWidget(self.pack_combo)
        self.summary = QLabel()
        self.summary.setObjectName("findingsSummary")
        bar.addWidget(self.summary, 1)
        self.params_button = QPushButton(_("Parameters…"))
        named(self.params_button, _("Parameters"), _("Change the limits and hours checked, for this case only."))
        self.params_button.clicked.connect(lambda: self.side.setCurrentWidget(self.params_scroll))
        bar.addWidget(self.params_button)
        self.refresh_button = QPushButton(_("Check again"))
        self.refresh_button.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)

        self.scope = QLabel()
        self.scope.setObjectName("hint")
        self.scope.setWordWrap(True)
        layout.addWidget(self.scope)

        self.params_box = QWidget()
        box_layout = QVBoxLayout(self.params_box)
        self.params_form = QFormLayout()
        self.params_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        box_layout.addLayout(self.params_form)
        buttons = QHBoxLayout()
        self.save_params = QPushButton(_("Save for this case"))
        self.save_params.clicked.connect(self._save_params)
        self.reset_params = QPushButton(_("Back to the defaults"))
        self.reset_params.clicked.connect(self._reset_params)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_params)
        buttons.addWidget(self.save_params)
        box_layout.addLayout(buttons)
        box_layout.addStretch(1)
        self.params_scroll = QScrollArea()
        self.params_scroll.setWidgetResizable(True)
        self.params_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.params_scroll.setWidget(self.params_box)

        splitter = QSplitter(Qt.Orientation.Horizontal)  # the panel lives in a wide, low bottom dock
        self.tree = QTreeWidget()
        self.tree.setObjectName("findingsTree")
        self.tree.setHeaderLabels([_("Finding"), _("Severity"), _("Source"), _("Events")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        named(self.tree, _("Findings"), _("Each rule that the recorded events break; choose one to see its events."))
        self.tree.currentItemChanged.connect(self._current_changed)
        splitter.addWidget(self.tree)
        self.detail = QTextBrowser()
        self.detail.setObjectName("findingDetail")
        self.detail.setOpenExternalLinks(True)
        named(self.detail, _("Finding details"))
        # Details and the parameters share the right-hand side: the dock is wide and low.
        self.side = QTabWidget()
        self.side.addTab(self.detail, _("Details"))
        self.side.addTab(self.params_scroll, _("Parameters for this case"))
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        layout.addWidget(splitter, 1)
        disclaimer = QLabel(_("These checks compare your records with published rules. They are not legal advice."))
        disclaimer.setObjectName("hint")
        disclaimer.setWordWrap(True)
        layout.addWidget(disclaimer)

    # -- public API ----------------------------------------------------------------------
    def set_case(self, case_id: int | None) -> None:
        if case_id is not None:
            try:
                self.ws.cases.get(case_id)
            except AppError:  # deleted meanwhile: show the empty state rather than fail
                case_id = None
        self.case_id = case_id
        self.findings = []
        self.pack_combo.blockSignals(True)
        self.pack_combo.setCurrentIndex(0)
        self.pack_combo.blockSignals(False)
        self._build_params_form()
        self.refresh()

    def pack_name(self) -> str | None:
        if self.case_id is None:
            return None
        chosen = self.pack_combo.currentData()
        return chosen or default_pack(self.ws.cases.get(self.case_id))

    def refresh(self) -> None:
        """Recompute in the background; a newer refresh makes older results void."""
        self._generation += 1
        generation = self._generation
        if self.case_id is None:
            self.findings = []
            self._show_state()
            return
        case_id, pack, lang = self.case_id, self.pack_name(), current_language()
        self.summary.setText(_("Checking…"))
        self.refresh_button.setEnabled(False)
        self._task = run_task(
            lambda progress, cancel: evaluate_case(self.ws, case_id, pack, lang),
            on_result=lambda found: self._loaded(generation, found),
            on_error=lambda exc: self._failed(generation, exc),
        )

    # -- results -------------------------------------------------------------------------
    def _loaded(self, generation: int, findings: list[Finding]) -> None:
        if not isValid(self) or generation != self._generation:
            return  # closed while checking, or a newer check is under way
        self.findings = findings
        self.refresh_button.setEnabled(True)
        self._show_state()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self.refresh_button.setEnabled(True)
        self.summary.setText(_("The rules could not be checked."))
        show_error(self, exc)

    def _show_state(self) -> None:
        self.tree.clear()
        self.detail.clear()
        has_case = self.case_id is not None
        for w in (self.pack_combo, self.params_button, self.refresh_button):
            w.setEnabled(has_case)
        if not has_case:
            self.summary.setText(_("Open a case to check it against the rules."))
            self.scope.clear()
            return
        pack = load_pack(self.pack_name() or "cn")
        self.scope.setText(_("{pack} rules — apply to: {scope}").format(pack=_(pack.title), scope=_(pack.scope)))
        if not self.findings:
            self.summary.setText(_("No findings: nothing recorded in this case breaks these rules."))
            return
        # Counted by the heading's verb: a guideline that is not met is not a "violation".
        kinds = [assertion(f) for f in self.findings]
        binding, not_met = kinds.count(Assertion.VIOLATES), kinds.count(Assertion.DOES_NOT_MEET)
        self.summary.setText(_("{binding} against laws or regulations, {not_met} against standards or guidelines, "
                               "{other} possible or unverified").format(
            binding=binding, not_met=not_met, other=len(kinds) - binding - not_met))
        groups: dict[str, list[Finding]] = {}
        for f in self.findings:
            groups.setdefault(f.rule_id, []).append(f)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for rule_id, found in groups.items():
            rule = pack.rule(rule_id) if any(r.id == rule_id for r in pack.rules) else None
            worst = Severity.VIOLATION if any(f.severity == Severity.VIOLATION for f in found) else Severity.WARNING
            events = sorted({i for f in found for i in f.event_ids})
            top = QTreeWidgetItem([_(rule.title) if rule else rule_id, "", status_label(found[0].status),
                                   str(len(events))])
            top.setFont(0, bold)
            top.setData(0, ROLE_EVENTS, events)
            top.setToolTip(0, rule_id)
            self._badge(top, worst, next(f for f in found if f.severity == worst))
            for f in found:
                child = QTreeWidgetItem([self._child_text(f), "", status_label(f.status), str(f.count)])
                child.setData(0, ROLE_FINDING, f)
                child.setData(0, ROLE_EVENTS, list(f.event_ids))
                child.setToolTip(0, heading(f, _))
                self._badge(child, f.severity, f)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)

    def _child_text(self, f: Finding) -> str:
        subject = f.subject[:1].upper() + f.subject[1:]
        when = fmt_datetime(f.first)
        if f.last and f.last != f.first:
            when += " – " + (fmt_time(f.last) if f.last.date() == f.first.date() else fmt_datetime(f.last))
        return " · ".join(p for p in (subject, when) if p)

    def _badge(self, item: QTreeWidgetItem, severity: Severity, f: Finding) -> None:
        """The verb of the finding's heading ("Violates", "Does not meet"…), never "violation" for a guideline."""
        fg, bg = BADGE[severity]
        item.setText(1, ("● " if severity == Severity.VIOLATION else "▲ ") + short_label(f, _))
        item.setForeground(1, QBrush(QColor(fg)))
        item.setBackground(1, QBrush(QColor(bg)))

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is None:
            self.detail.clear()
            return
        finding = item.data(0, ROLE_FINDING)
        if finding is None and item.childCount():
            finding = item.child(0).data(0, ROLE_FINDING)
        if finding is not None:
            self.side.setCurrentWidget(self.detail)
            self.detail.setHtml(self._detail_html(finding, whole_rule=item.data(0, ROLE_FINDING) is None))
        self.events_selected.emit(list(item.data(0, ROLE_EVENTS) or []))

    def _detail_html(self, f: Finding, whole_rule: bool) -> str:
        e = html.escape
        fg, bg = BADGE[f.severity]
        cite = f.citation
        # The heading is the dossier's: its verb follows the legal weight of the source.
        parts = [f"<h3>{e(heading(f, _))}</h3>"]
        if f.subject and f.subject not in f.title:
            parts.append(f"<p><b>{e(f.subject)}</b></p>")
        parts += [
                 f"<p><span style='color:{fg};background:{bg}'>&nbsp;{e(short_label(f, _))}&nbsp;</span>"
                 f" &nbsp;{e(status_label(f.status))}</p>",
                 f"<p>{e(f.explanation)}</p>"]
        comma = "，" if f.lang.startswith("zh") else ", "
        source = e(cite.instrument) + (f"{comma}{e(cite.article)}" if cite.article else "")
        if cite.url:
            source += f" — <a href='{e(cite.url)}'>{e(cite.url)}</a>"
        parts.append(f"<p><b>{e(_('Source'))}:</b> {source}</p>")
        for other in f.also_cited:
            parts.append(f"<p><b>{e(_('Also'))}:</b> {e(other.instrument)}{comma}{e(other.article)} "
                         f"({e(status_label(other.status))})</p>")
        if f.notes:
            items = "".join(f"<li>{e(n)}</li>" for n in f.notes)
            parts.append(f"<p><b>{e(_('Notes and caveats:'))}</b></p><ul>{items}</ul>")
        if f.advice:  # for the user only: the dossier never prints it
            items = "".join(f"<li>{e(a)}</li>" for a in f.advice)
            parts.append(f"<p><b>{e(_('What you can do (not in the dossier):'))}</b></p><ul>{items}</ul>")
        if f.unverified:
            parts.append(f"<p style='color:#8c1d18'><b>{e(_('Unverified'))}:</b> "
                         f"{e(_('part of this rule could not be checked against an official text.'))}</p>")
        if f.params:
            values = ", ".join(f"{e(self._param_label(k))} = {e(self._param_text(v))}" for k, v in f.params.items())
            parts.append(f"<p><b>{e(_('Parameters used'))}:</b> {values}</p>")
        if whole_rule:
            parts.append(f"<p>{e(_('Choose a line below the rule to see one finding.'))}</p>")
        return "".join(parts)

    def _param_label(self, name: str) -> str:
        pack = load_pack(self.pack_name() or "cn")
        spec = pack.params.get(name)
        return _(spec.label) if spec else name

    @staticmethod
    def _param_text(value: Any) -> str:
        return "、".join(value) if isinstance(value, list) else str(value)

    # -- parameters ----------------------------------------------------------------------
    def _pack_changed(self) -> None:
        self._build_params_form()
        self.refresh()

    def _build_params_form(self) -> None:
        while self.params_form.rowCount():
            self.params_form.removeRow(0)
        self._editors.clear()
        if self.case_id is None:
            return
        case = self.ws.cases.get(self.case_id)
        pack = load_pack(self.pack_name() or "cn")
        try:
            values = effective_params(case, pack.name)
        except Exception as exc:  # noqa: BLE001 - damaged saved parameters: show defaults, say why
            log.warning("saved rule parameters unusable: %s", type(exc).__name__)
            values = defaults(pack)
        for name, spec in pack.params.items():
            editor: QWidget
            if spec.kind == "time":
                editor = QTimeEdit()
                editor.setDisplayFormat("HH:mm")
                hours, minutes = (int(x) for x in values[name].split(":"))
                editor.setTime(QTime(hours, minutes))
            elif spec.kind == "int":
                editor = QSpinBox()
                editor.setRange(spec.minimum if spec.minimum is not None else 0,
                                spec.maximum if spec.maximum is not None else 9999)
                editor.setValue(int(values[name]))
            else:
                editor = QLineEdit(", ".join(values[name]))
                editor.setCursorPosition(0)
            named(editor, _(spec.label), _(spec.help) if spec.help else "")
            self._editors[name] = editor
            self.params_form.addRow(_(spec.label), editor)

    def editor_values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, editor in self._editors.items():
            if isinstance(editor, QTimeEdit):
                out[name] = editor.time().toString("HH:mm")
            elif isinstance(editor, QSpinBox):
                out[name] = editor.value()
            elif isinstance(editor, QLineEdit):
                out[name] = editor.text()
        return out

    def _save_params(self) -> None:
        if self.case_id is None:
            return
        pack = load_pack(self.pack_name() or "cn")
        try:
            chosen = coerce_params(pack, self.editor_values())
            base = defaults(pack)
            overrides = {k: v for k, v in chosen.items() if base.get(k) != v}
            case = self.ws.cases.get(self.case_id)
            stored = dict(case.rule_params or {})
            if overrides:
                stored[pack.name] = overrides
            else:
                stored.pop(pack.name, None)
            self.ws.cases.update(self.case_id, rule_params=stored)
        except Exception as exc:  # noqa: BLE001 - AppErrors explain themselves; anything else is reported
            show_error(self, exc)
            return
        self.params_saved.emit(self.case_id)
        self.refresh()

    def _reset_params(self) -> None:
        if self.case_id is None:
            return
        case = self.ws.cases.get(self.case_id)
        stored = dict(case.rule_params or {})
        stored.pop(self.pack_name() or "cn", None)
        self.ws.cases.update(self.case_id, rule_params=stored)
        self._build_params_form()
        self.params_saved.emit(self.case_id)
        self.refresh()
