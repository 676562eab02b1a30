"""A small, fully known case for the complaint and package tests (no 12-MP photos here)."""

from __future__ import annotations

import io
import subprocess
import wave
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image

SUMMARY_EMOJI = "催收员骂人 😡👊 还说要上门，名字里有 𠮷 和 𨋢"
SMS_BODY = "【催收通知】张先生您好，您在分期乐的欠款已逾期 90 天，今天 18:00 前不还款将上门并通知您的家人和单位。😈"


@dataclass
class BuiltCase:
    case_id: int
    event_ids: dict[str, int] = field(default_factory=dict)
    evidence_ids: dict[str, int] = field(default_factory=dict)


def jpeg_with_orientation(width: int = 60, height: int = 40, orientation: int = 6) -> bytes:
    """A landscape JPEG whose EXIF says 'rotate 90°' (so it must print as portrait)."""
    im = Image.new("RGB", (width, height), (200, 30, 30))
    for x in range(width // 2):  # left half dark, so orientation is visible
        for y in range(height):
            im.putpixel((x, y), (20, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x9003] = "2026:03:02 23:15:00"  # DateTimeOriginal
    out = io.BytesIO()
    im.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def wav_bytes(seconds: float = 2.0) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * int(8000 * seconds))
    return out.getvalue()


def build_case(ws, lang_title: str = "分期乐欠款催收") -> BuiltCase:
    cases, parties, events, evidence = ws.cases, ws.parties, ws.events, ws.evidence
    case = cases.create(
        lang_title, "CN", platform="分期乐（深圳市分期乐网络科技有限公司）", funder="某某消费金融有限公司",
        borrower_name="张伟", borrower_contact="13800138000",
        statement="我从三月开始被频繁催收。\n\n他们还打给了我妈妈。",
        requests=["立即停止联系我的家人和单位", "提供全部催收录音", "对催收员王强（工号 A1029）进行处理"],
    )
    built = BuiltCase(case.id)
    agency = parties.add(case.id, "深圳某某信息咨询有限公司", "agency")
    collector = parties.add(case.id, "王强", "collector", numbers=["+86 171 0000 1111"], badge_no="A1029",
                            organisation_id=agency.id)
    mother = parties.add(case.id, "李秀英", "third_party", relationship="relative", numbers=["13912345678"])
    day = datetime(2026, 3, 2)
    # Eight unanswered calls on one day, three of them in quiet hours (22:00–08:00).
    for i, hour in enumerate((7, 9, 10, 11, 12, 13, 22, 23)):
        e = events.log(case.id, "call", day.replace(hour=hour, minute=5 + i), direction="incoming",
                       call_outcome="missed", contact_value="17100001111", party_id=collector.id,
                       summary="未接来电" if i else SUMMARY_EMOJI, conduct=["abuse"] if i == 0 else [])
        built.event_ids[f"call{i}"] = e.id
    e = events.log(case.id, "call", day + timedelta(days=1, hours=14), direction="incoming", call_outcome="answered",
                   duration_s=185, contact_value="17100001111", party_id=collector.id, target="third_party",
                   target_party_id=mother.id, summary="打给我妈妈李秀英（13912345678），说我欠钱不还",
                   conduct=["third_party_disclosure"], quotes="你儿子再不还钱就等着坐牢吧")
    built.event_ids["mother"] = e.id
    e = events.log(case.id, "sms", day + timedelta(days=2, hours=18), direction="incoming",
                   contact_value="106900001234",
                   summary="催收短信：威胁上门", body=SMS_BODY, conduct=["threat"])
    built.event_ids["sms"] = e.id
    e = events.log(case.id, "visit", day + timedelta(days=4, hours=21, minutes=30), party_id=collector.id,
                   summary="两人上门敲门半小时", details={"place": "home", "people_count": 2, "id_shown": False},
                   conduct=["visit_without_notice", "refused_id"])
    built.event_ids["visit"] = e.id
    e = events.log(case.id, "complaint", day + timedelta(days=5, hours=10), summary="向平台投诉催收",
                   details={"channel": "12378", "ticket_no": "TS-2026-0305-88231", "reply_due": "2026-03-20"})
    built.event_ids["complaint"] = e.id
    events.update(built.event_ids["visit"], summary="两人上门敲门半小时，自称律师")  # an edit to show
    # Evidence: a rotated photo, a screenshot, a recording and a text export.
    for key, data, name, links, caption in (
        ("photo", jpeg_with_orientation(), "IMG_20260306_213500.jpg", ["visit"], "门口的催收人员"),
        ("shot", _png(), "Screenshot_20260304-180102.png", ["sms"], "催收短信截图"),
        ("rec", wav_bytes(), "通话录音 2026-03-03.wav", ["mother"], "打给母亲的电话录音"),
        ("txt", SMS_BODY.encode("utf-8"), "短信导出.txt", ["sms"], "短信原文导出"),
    ):
        pending = evidence.store_bytes(case.id, data, name)
        item = evidence.record(case.id, [pending], [built.event_ids[k] for k in links], caption)[0]
        built.evidence_ids[key] = item.id
    return built


def _png() -> bytes:
    im = Image.new("RGBA", (90, 160), (255, 255, 255, 0))
    for y in range(40, 60):
        for x in range(10, 80):
            im.putpixel((x, y), (0, 0, 0, 255))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def squash(text: str) -> str:
    """Text with all whitespace removed (CJK line breaks put newlines anywhere)."""
    return "".join(text.split())
