"""The US demo's evidence: a text-message screenshot, a recent-calls screenshot, a voicemail, the
cease letter and a photo of an envelope, generated and linked to their events."""

from __future__ import annotations

from desktop_app.core.demo import us_case as c
from desktop_app.core.demo.builder import DemoWriter
from desktop_app.core.demo.photos import envelope_photo, exif_bytes
from desktop_app.core.demo.render import Bubble, CallRow, call_log_screenshot, sms_screenshot
from desktop_app.core.demo.sound import call_recording

MARK = "DEMO CASE · fictitious numbers and text"

CEASE_LETTER = """\
Dana Whitfield
418 Quarry Hill Ct, Apt 2B
Media, PA 19063

March 10, 2026

Keystone Arbor Recovery Group, LLC
Attn: Compliance Department
2200 Commerce Park Dr, Suite 400
Harrisburg, PA 17110

Sent by USPS Certified Mail, tracking 9407 1000 0000 5550 1234 56

Re: Your reference KAR-2026-0088143 (Cobalt Ridge Bank card ending 4471)

To whom it may concern:

Under the Fair Debt Collection Practices Act, 15 U.S.C. 1692c(c), I request that you stop all communication
with me about this debt, by telephone, text message, email or any other means, except to tell me that you
are ending your collection efforts or that you intend to take a specific lawful action.

Do not call my workplace. I told your representative on March 4, 2026 that my employer does not allow
personal calls at work. Do not contact my family members about this debt.

Your representatives have called me before 8 a.m. and after 9 p.m., called me a "deadbeat" and told me
and my sister that I could be arrested. I am keeping a record of every contact.

This letter is not an acknowledgment that I owe the amount you claim.

Sincerely,
Dana Whitfield

[Demo case: this letter, its names and addresses are fictitious.]
"""


def add_files(w: DemoWriter, ids: dict[str, int]) -> None:
    w.file(sms_screenshot(c.TURNER2, "Pennsylvania, United States", [
        Bubble(c.TEXT_0303, stamp="Tue, Mar 3 · 11:02 AM"),
        Bubble("Please stop contacting me. I have sent you a letter.", mine=True, stamp="Fri, Mar 13 · 9:58 AM"),
        Bubble(c.TEXT_0317, stamp="Tue, Mar 17 · 8:12 PM"),
    ], "8:14", mark=MARK, input_hint="Text message"), "Screenshot_20260317-201430.png",
        [ids["text1"], ids["text2"]], "Screenshot of text messages from (610) 555-0177 (warrant / arrest threats)")

    rows = [CallRow(c.TURNER, "Incoming call · missed", "8:55 AM  Mar 2", True),
            CallRow(c.TURNER2, "Incoming call · missed", "12:10 PM  Mar 2", True),
            CallRow(c.TURNER, "Incoming call · 5 min 10 s", "5:40 PM  Mar 2", False),
            CallRow(c.PRICE, "Incoming call · missed", "10:00 AM  Mar 1", True),
            CallRow(c.TURNER, "Voicemail · 38 s", "9:25 PM  Feb 28", True),
            CallRow(c.TURNER, "Incoming call · missed", "1:05 PM  Feb 27", True),
            CallRow(c.TURNER2, "Incoming call · missed", "7:35 AM  Feb 27", True),
            CallRow(c.TURNER2, "Voicemail · 40 s", "7:40 PM  Feb 26", True),
            CallRow(c.TURNER, "Incoming call · missed", "9:10 AM  Feb 25", True)]
    rows = [CallRow(r.number, r.detail, r.time.split("  ")[0], r.missed, r.time.split("  ")[1]) for r in rows]
    w.file(call_log_screenshot("Feb 25 – Mar 2, 2026", rows, "6:02", mark=MARK, title="Recents"),
           "Screenshot_20260302-180210.png", [ids["after_talk"], ids["early1"], ids["late_vm"], ids["arrest_call"]],
           "Screenshot of recent calls: 9 calls from the agency in 7 days")

    w.file(call_recording(5.0, seed=228), "Voicemail_20260228-212530.wav", [ids["late_vm"]],
           "Voicemail left at 9:25 p.m. (demo: synthetic audio)")

    w.file(CEASE_LETTER.encode("utf-8"), "Cease_letter_to_Keystone_Arbor.txt", [ids["cease_sent"], ids["cease"]],
           "Copy of my written cease request (certified mail)", capture="2026-03-10 16:20")

    exif = exif_bytes("2026:03:20 18:44:05", "-04:00")
    w.file(envelope_photo("2026-03-20 18:44", seed=320,
                          sender="Keystone Arbor Recovery Group, LLC\n2200 Commerce Park Dr, Suite 400\n"
                                 "Harrisburg, PA 17110",
                          window_lines=["DANA WHITFIELD", "418 QUARRY HILL CT APT 2B", "MEDIA PA 19063"],
                          exterior="FINAL NOTICE – DEBT COLLECTION", mark="DEMO CASE · drawn, fictitious scene",
                          exif=exif),
           "IMG_20260320_184405.jpg", [ids["envelope"]],
           "Photo of the envelope: 'DEBT COLLECTION' printed on the outside")
