"""Redaction that holds: in the redacted PDFs of both demo cases, no third party's name or number
appears in any written form in the extracted text (issue 14, item 5).

The forms are generated here from the parties' data, independently of redaction.py: the name
as stored, without its note, its parts; the number as E.164, national and international format,
digits only, with spaces, dashes and brackets, its last 7 and 8 digits.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import phonenumbers
import pytest
from pypdf import PdfReader

from desktop_app.core.domain.enums import PartyRole
from desktop_app.core.report.common import ReportOptions, build_report


def pdftotext(path: Path, *extra: str) -> str:
    return subprocess.run(["pdftotext", *extra, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def demos(tmp_path_factory):
    from desktop_app.core.demo import ensure_demo
    from desktop_app.core.services.workspace import Workspace

    ws = Workspace.open(tmp_path_factory.mktemp("redaction") / "data")
    ids = {"cn": ensure_demo(ws, "cn"), "us": ensure_demo(ws, "us")}
    yield ws, ids
    ws.close()


def _name_forms(name: str, kept: list[str]) -> set[str]:
    core = re.split(r"[（(]", name, maxsplit=1)[0].strip()
    forms = {name, core}
    if re.search(r"[\u4e00-\u9fff]", core):
        stem = re.sub(r"(有限公司|公司)$", "", core)
        forms |= {stem, re.sub(r"^.{1,3}?[省市]", "", stem)}
        if len(core) == 3:
            forms.add(core[1:])  # given name
    else:
        shared = {w for k in kept for w in k.split()}
        forms |= {w for w in core.split() if len(w) >= 3 and w not in shared and w not in ("Group", "Dental")}
    return {f for f in forms if len(f) >= 2}


def _number_forms(value: str, region: str) -> set[str]:
    number = phonenumbers.parse(value, region)
    nsn = str(number.national_number)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return {value, nsn, national, international, e164, nsn[-7:], nsn[-8:], "-".join((nsn[:3], nsn[3:7], nsn[7:])),
            " ".join((nsn[:3], nsn[3:7], nsn[7:])), f"({nsn[:3]}) {nsn[3:6]}-{nsn[6:]}", nsn[:3] + "****" + nsn[-4:]}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _joined_digits(text: str) -> str:
    """Separators between digits removed, so "171 3357 0826" and "(717) 555-0131" read as digit runs."""
    return re.sub(r"(?<=\d)[\s\-–—.()（）/]+(?=\d)", "", unicodedata.normalize("NFKC", text).replace("(", " "))


def _leaks(ws, case_id: int, text: str) -> list[str]:
    case = ws.cases.get(case_id)
    region = "US" if case.jurisdiction == "US" else "CN"
    parties = ws.parties.list(case_id)
    kept = [case.borrower_name] + [p.name for p in parties if p.role != PartyRole.THIRD_PARTY]
    flat, digits = _squash(text).casefold(), _joined_digits(text)
    leaks = []
    for party in (p for p in parties if p.role == PartyRole.THIRD_PARTY):
        for form in _name_forms(party.name, kept):
            if _squash(form).casefold() in flat:
                leaks.append(f"name {form!r}")
        for cp in party.contact_points:
            for form in _number_forms(cp.value, region):
                plain = re.sub(r"\D", "", form)
                if "*" in form:
                    if _squash(form) in flat:
                        leaks.append(f"old mask {form!r}")
                elif plain in digits:  # anywhere in a run of digits, however separated
                    leaks.append(f"number {form!r} of {party.name}")
    return sorted(set(leaks))


@pytest.mark.parametrize(("demo", "lang"), [("cn", "zh_CN"), ("cn", "en"), ("us", "en"), ("us", "zh_TW")])
def test_no_third_party_name_or_number_survives_in_the_redacted_dossier(demos, tmp_path, demo, lang):
    ws, ids = demos
    plain = tmp_path / "plain.pdf"
    build_report(ws, ids[demo], ReportOptions(lang=lang), plain)
    assert _leaks(ws, ids[demo], pdftotext(plain))  # the demo does name them: the check can fail
    out = tmp_path / "redacted.pdf"
    result = build_report(ws, ids[demo], ReportOptions(lang=lang, redact_third_parties=True), out)
    for text in (pdftotext(out), pdftotext(out, "-layout"), "\n".join(p.extract_text() or "" for p in
                                                                        PdfReader(str(out)).pages)):
        assert not _leaks(ws, ids[demo], text)
    text = pdftotext(out)
    flat = _squash(text)
    # What stays: the complainant, the collectors and their numbers; masks keep 4 digits at most.
    case = ws.cases.get(ids[demo])
    assert _squash(case.borrower_name) in flat
    assert re.search(r"\*{6,}\d{4}(?!\d)", flat)
    collector = next(p for p in ws.parties.list(ids[demo]) if p.role == PartyRole.COLLECTOR)
    assert _squash(collector.name) in flat
    # It says what is not redacted instead of claiming more.
    assert ("not redacted" in " ".join(text.split())) if lang == "en" else ("未作遮" in flat)
    assert result.pages > 3


def test_negotiation_letter_is_redacted_too(demos, tmp_path):
    ws, ids = demos
    case = ws.cases.get(ids["cn"])
    neg = dict(case.negotiation)
    # A hardship reason that names the mother and her number, as people write them.
    reasons = [dict(r) for r in neg.get("hardship") or []]
    assert reasons
    reasons[0]["what"] = str(reasons[0].get("what", "")) + "（母亲陈秀兰住院，电话 171-3357-0826）"
    neg["hardship"] = reasons
    ws.cases.update(case.id, negotiation=neg)
    plain, out = tmp_path / "plain.pdf", tmp_path / "letter.pdf"
    build_report(ws, ids["cn"], ReportOptions(kind="negotiation", lang="zh_CN"), plain)
    assert _leaks(ws, ids["cn"], pdftotext(plain))
    build_report(ws, ids["cn"], ReportOptions(kind="negotiation", lang="zh_CN", redact_third_parties=True), out)
    assert not _leaks(ws, ids["cn"], pdftotext(out))
    assert "*******0826" in pdftotext(out)


def test_cli_redacted_report_of_the_us_demo(tmp_path):
    """The command line, in a real subprocess, with --redact-third-parties."""
    from desktop_app.core.demo import ensure_demo
    from desktop_app.core.services.workspace import Workspace

    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        case_id = ensure_demo(ws, "us")
    out = tmp_path / "us.pdf"
    run = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), "report", str(case_id),
                          "--lang", "en", "--redact-third-parties", "-o", str(out), "--json"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    with Workspace.open(data) as ws:
        assert not _leaks(ws, case_id, pdftotext(out))
    text = " ".join(pdftotext(out).split())
    assert "Images and recordings in the exhibits are not redacted" in text and "******0131" in text
