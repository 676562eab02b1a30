"""The complaint dossier read as a recipient would: text extracted with pypdf and pdftotext."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_case_builder import SMS_BODY, build_case, pdffonts, pdftotext, pypdf_text, squash

from desktop_app.core.report.common import ReportOptions, build_report

LANGS = ("zh_CN", "zh_TW", "en")


@pytest.fixture
def small_case(workspace):
    return build_case(workspace)


def _build(ws, case_id: int, tmp_path: Path, **kw) -> tuple[Path, object]:
    options = ReportOptions(**{"lang": "zh_CN", **kw})
    out = tmp_path / f"dossier-{options.lang}.pdf"
    result = build_report(ws, case_id, options, out)
    return out, result


@pytest.mark.parametrize("lang", LANGS)
def test_facts_names_exhibits_and_every_hash_extract_exactly(workspace, small_case, tmp_path, lang) -> None:
    out, result = _build(workspace, small_case.case_id, tmp_path, lang=lang)
    assert result.paths == [out] and result.volumes == 1 and result.pages >= 4
    assert result.size == out.stat().st_size
    evidence = workspace.evidence.list(small_case.case_id)
    for text in (pdftotext(out), pypdf_text(out)):
        assert "\ufffd" not in text
        flat = squash(text)
        for name in ("张伟", "王强", "李秀英", "A1029", "深圳某某信息咨询有限公司", "某某消费金融有限公司",
                     "TS-2026-0305-88231", "PT-00001"):
            assert name in flat, (lang, name)
        for item in evidence:
            assert item.exhibit in flat
            # Each hash on one line, whole: no wrapping inside the 64 digits.
            assert re.search(rf"(?<![0-9a-f]){item.sha256}(?![0-9a-f])", text), (lang, item.exhibit)
        assert squash(SMS_BODY) in flat  # a message text in full
        assert "😡👊" in flat and "𠮷" in flat and "𨋢" in flat  # emoji and Ext-B copy out exactly


def _figures(text: str) -> dict[str, str]:
    return dict(re.findall(r"^(Calls|Unanswered calls|Visits to home or work|Contacts by the other side|"
                           r"Third parties contacted|Calls in quiet hours \(22:00–08:00\)|Days with more than 6 "
                           r"unanswered calls|Complaints filed by the complainant)\s*\n?\s*(\d+)\s*$", text, re.M))


def test_counts_in_the_facts_table(workspace, small_case, tmp_path) -> None:
    out, _ = _build(workspace, small_case.case_id, tmp_path, lang="en")
    text = pdftotext(out)
    # 8 missed calls on 2 March (3 of them before 08:00 or after 22:00) + 1 answered call to the mother,
    # 1 SMS, 1 visit: 11 contacts, 9 calls, 8 unanswered, 1 day over the CN limit of 6.
    assert "Contacts by the other side from 2026-03-02 to 2026-03-06: 11, on 4 days (calls: 9; messages: 1; " \
           "visits: 1)." in " ".join(text.split())
    flat = " ".join(text.split())
    for label, value in (("Contacts by the other side", 11), ("Unanswered calls", 8),
                         ("Calls in quiet hours (22:00–08:00)", 3),
                         ("Days with more than 6 unanswered calls to the complainant (guideline: at most 6 "
                          "unanswered attempts a day on one contact method)", 1),
                         ("Third parties contacted", 1), ("Complaints filed by the complainant", 1)):
        assert f"{label} {value} " in flat, label


@pytest.mark.parametrize("lang, primary", [("zh_CN", "NotoSansSC"), ("zh_TW", "NotoSansTC"), ("en", "NotoSansSC")])
def test_fonts_embedded_and_the_main_font_follows_the_language(workspace, small_case, tmp_path, lang,
                                                               primary) -> None:
    out, _ = _build(workspace, small_case.case_id, tmp_path, lang=lang)
    rows = pdffonts(out)
    assert rows
    for row in rows:
        assert row[-5:-2] == ["yes", "yes", "yes"], row  # emb, sub, uni
    # The first font used (the cover title) is the document's main font.
    names = [row[0].split("+", 1)[1] for row in rows]
    assert names[0] == f"{primary}-Regular"
    assert "NotoEmoji-Regular" in names


def test_traditional_document_uses_traditional_words(workspace, small_case, tmp_path) -> None:
    out, _ = _build(workspace, small_case.case_id, tmp_path, lang="zh_TW")
    flat = squash(pdftotext(out))
    assert "關於催收行為的申訴資料" in flat and "證據目錄" in flat and "事件時間軸" in flat
    assert "证据目录" not in flat
    out, _ = _build(workspace, small_case.case_id, tmp_path, lang="zh_CN")
    flat = squash(pdftotext(out))
    assert "关于催收行为的投诉材料" in flat and "证据目录" in flat


def test_outline_metadata_links_and_page_numbers(workspace, small_case, tmp_path) -> None:
    out, result = _build(workspace, small_case.case_id, tmp_path, lang="en")
    reader = PdfReader(str(out))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for title in ("The complainant's requests", "The facts in brief", "Chronology", "Evidence index", "Exhibits",
                  "Declaration",
                  "Appendix: how to check the files"):
        assert title in titles
    meta = reader.metadata
    assert meta.title == "Complaint about debt collection conduct"
    assert meta.author == "张伟" and "PT-00001" in (meta.get("/Keywords") or "")
    assert meta.get("/CreationDate")
    # Exhibit references are internal links that land on the exhibit's page.
    page_no = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    targets = {page_no[a.get_object()["/Dest"][0].idnum] for page in reader.pages for a in (page.get("/Annots") or [])
               if a.get_object().get("/Subtype") == "/Link" and a.get_object().get("/Dest")}
    exhibit_page = next(n for n, page in enumerate(reader.pages)
                        if "E-001 · IMG_20260306_213500.jpg" in (page.extract_text() or ""))
    assert exhibit_page in targets
    text = pdftotext(out)
    assert f"Page 1 of {result.pages}" in text and f"Page {result.pages} of {result.pages}" in text


def test_recorded_and_edited_times_and_the_verify_appendix(workspace, small_case, tmp_path) -> None:
    out, _ = _build(workspace, small_case.case_id, tmp_path, lang="en")
    flat = " ".join(pdftotext(out).split())
    assert "recorded 20" in flat and "; edited 20" in flat  # the visit was edited after it was logged
    for command in ("sha256sum -c SHA256SUMS", "certutil -hashfile", "shasum -a 256"):
        assert command in flat


def test_redaction_masks_third_parties_only(workspace, small_case, tmp_path) -> None:
    out, _ = _build(workspace, small_case.case_id, tmp_path, lang="zh_CN", redact_third_parties=True)
    for text in (pdftotext(out), pypdf_text(out)):
        flat = squash(text)
        assert "李秀英" not in flat and "13912345678" not in flat
        assert "*******5678" in flat and "第三人A（亲属）" in flat
        assert "王强" in flat and "张伟" in flat  # the collector and the complainant stay named


def test_date_range_and_exclusions(workspace, small_case, tmp_path) -> None:
    ids = small_case.event_ids
    out, _ = _build(workspace, small_case.case_id, tmp_path, lang="en", date_from=__import__("datetime").date(
        2026, 3, 3), exclude_event_ids={ids["sms"]}, exclude_evidence_ids={small_case.evidence_ids["rec"]})
    flat = squash(pdftotext(out))
    assert "未接来电" not in flat  # the calls of 2 March are before the range
    assert squash(SMS_BODY) not in flat  # the SMS was left out…
    assert "短信导出.txt" not in flat  # …and so is the exhibit linked only to it
    assert "通话录音" not in flat  # an excluded exhibit
    assert "IMG_20260306_213500.jpg" in flat and "TS-2026-0305-88231" in flat


def test_excerpts_cut_long_messages(workspace, small_case, tmp_path) -> None:
    out, _ = _build(workspace, small_case.case_id, tmp_path, lang="en", full_text=False, excerpt_chars=20,
                    exclude_evidence_ids={small_case.evidence_ids["txt"]})  # (a text exhibit gets 5× as much)
    flat = squash(pdftotext(out))
    assert "Messagetexts(excerpts)" in flat
    assert squash(SMS_BODY[:20]) + "…" in flat and squash(SMS_BODY) not in flat


def test_photo_is_turned_upright_by_its_exif_orientation(workspace, small_case, tmp_path) -> None:
    out, _ = _build(workspace, small_case.case_id, tmp_path, lang="en")
    sizes = [(img.image.width, img.image.height) for page in PdfReader(str(out)).pages for img in page.images]
    assert (40, 60) in sizes  # stored 60×40 with "rotate 90°": printed portrait


def test_cancel_leaves_nothing_behind(workspace, small_case, tmp_path) -> None:
    from desktop_app.core.errors import Cancelled
    from desktop_app.core.progress import CancelToken

    token = CancelToken()
    calls = []

    def progress(done, total, label=""):
        calls.append(done)
        if done >= 50:
            token.cancel()

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(Cancelled):
        build_report(workspace, small_case.case_id, ReportOptions(lang="en"), out_dir / "x.pdf", progress, token)
    assert calls and list(out_dir.iterdir()) == []


def test_bad_options_and_paths_are_clear_errors(workspace, small_case, tmp_path) -> None:
    from desktop_app.core.errors import FileInputError, NotFoundError, ValidationError

    with pytest.raises(ValidationError):
        build_report(workspace, small_case.case_id, ReportOptions(lang="fr"), tmp_path / "x.pdf")
    with pytest.raises(ValidationError):
        build_report(workspace, small_case.case_id, ReportOptions(paper="a3"), tmp_path / "x.pdf")
    with pytest.raises(NotFoundError):
        build_report(workspace, 999, ReportOptions(), tmp_path / "x.pdf")
    with pytest.raises(FileInputError):
        build_report(workspace, small_case.case_id, ReportOptions(), tmp_path / "missing" / "x.pdf")


def test_letter_paper(workspace, small_case, tmp_path) -> None:
    out, _ = _build(workspace, small_case.case_id, tmp_path, lang="en", paper="letter")
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_empty_case_and_unreadable_image(workspace, tmp_path) -> None:
    case = workspace.cases.create("Empty", "US")
    pending = workspace.evidence.store_bytes(case.id, b"\xff\xd8\xff\xe0 not really a jpeg", "broken.jpg")
    item = workspace.evidence.record(case.id, [pending])[0]
    out, result = _build(workspace, case.id, tmp_path, lang="en")
    assert any("could not be read" in w and "E-001" in w for w in result.warnings)
    flat = " ".join(pdftotext(out).split())
    assert "(No requests entered.)" in flat and "(no contacts logged)" in flat
    assert item.sha256 in flat and "This image could not be read for printing" in flat


def test_redactor_finds_names_and_numbers_however_written(workspace) -> None:
    from desktop_app.core.report.common import Redactor

    case = workspace.cases.create("r", "CN")
    workspace.parties.add(case.id, "陈秀兰（母亲）", "third_party", relationship="relative", numbers=["171 3357 0826"])
    workspace.parties.add(case.id, "王强", "collector", numbers=["17100001111"])
    redactor = Redactor(workspace.parties.list(case.id), ReportOptions(lang="zh_CN", redact_third_parties=True))
    text = redactor.text("打给我母亲陈秀兰（17133570826、+86 171-3357-0826），催收员王强 17100001111")
    assert "陈秀兰" not in text and "3357" not in text
    assert text.count("*******0826") == 2 and "第三人 A（亲属）" in text  # at most the last 4 digits
    assert "王强 17100001111" in text  # collectors are never masked
    plain = Redactor(workspace.parties.list(case.id), ReportOptions(lang="zh_CN"))
    assert plain.text("陈秀兰") == "陈秀兰"
