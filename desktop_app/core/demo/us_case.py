"""The US demo case (English, America/New_York, USD): a third-party debt collector and the FDCPA /
Regulation F patterns a consumer would document.

All names, companies, addresses, account and complaint numbers are invented; phone numbers use the
555-01xx range reserved for fiction.  The timeline crosses the 2026-03-08 switch to daylight time,
so calls before 8 a.m. and after 9 p.m. exist on both sides of it (and one 08:20 EDT call that a
clock stuck on EST would wrongly call early).  It contains, for the US rule pack: more than 7 calls
in 7 days, calls within 7 days after a conversation, calls to the workplace after the consumer
said the employer forbids them, a written cease request followed by more contact, a call to the
consumer's sister disclosing the debt, a threat of arrest, abuse, and a CFPB complaint.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop_app.core.demo.builder import DemoWriter
from desktop_app.core.domain.enums import CaseStatus, PartyRole, Relationship

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

TURNER, TURNER2 = "(888) 555-0163", "(610) 555-0177"
PRICE = "(610) 555-0188"
AGENCY_MAIN = "(800) 555-0150"
HOME = "(267) 555-0142"

TEXT_0303 = ("This is Mike w/ Keystone Arbor re: your Cobalt Ridge acct ending 4471. FINAL NOTICE before your file "
             "goes to our legal dept. A warrant can be issued if you ignore this. Call 888-555-0163 TODAY.")
TEXT_0317 = ("Dana, a letter doesn't stop a debt. You can pay $3,184.27 today or we proceed with arrest paperwork. "
             "Your choice. -MT")

STATEMENT = """\
I opened a Cobalt Ridge Bank credit card in 2022. After I lost hours at work in the fall of 2025 I fell behind, \
and in February 2026 the account was placed with Keystone Arbor Recovery Group, LLC.

From late February the agency called me many times a day, including before 8 a.m. and after 9 p.m., and kept \
calling the day after I had spoken with them. On March 4 I told their representative that my employer does not \
allow personal calls at work; they called my workplace again on March 5, 6, 11 and 19. On March 5 a collector \
called my sister, told her the amount I owe and said I could be arrested. A collector named Mike Turner called me \
a "deadbeat" and said the sheriff would come to arrest me if I did not pay.

On March 10 I mailed a written request to stop all contact (certified mail, delivered March 13). They kept \
calling and texting after it was delivered. I am willing to resolve the debt, but I want the harassment to stop."""

REQUESTS = [
    "Stop all communication with me, as requested in my letter delivered on March 13, 2026, except as the law allows.",
    "Stop calling my workplace and stop contacting my sister or anyone else about this debt.",
    "Confirm in writing that no criminal charges or arrest can result from this debt and correct the statements "
    "made by your representatives.",
    "Provide the call records for my account, including the calls placed from February 23 to March 31, 2026.",
    "Review the conduct of the representatives identified as Mike Turner (ID KA-114) and Angela Price (ID KA-208).",
]


def build(ws: Workspace) -> int:
    case = ws.cases.create(
        "[Demo] Keystone Arbor collection calls — Dana Whitfield", "US", "America/New_York", demo="us",
        status=CaseStatus.ACTIVE.value,
        platform="Cobalt Ridge Bank, N.A. (original creditor)",
        funder="Cobalt Ridge Bank, N.A.",
        product_type="Credit card",
        account_numbers="Card ending 4471; agency reference KAR-2026-0088143",
        principal=Decimal("2750.00"),
        balance=Decimal("3184.27"),
        currency="USD",
        overdue_since=date(2025, 10, 28),
        borrower_name="Dana Whitfield",
        borrower_contact=HOME,
        borrower_address="418 Quarry Hill Ct, Apt 2B, Media, PA 19063",
        statement=STATEMENT,
        requests=REQUESTS,
        notes="Demo case: every person, company, number and address is fictitious. Edit or delete it freely.",
    )
    w = DemoWriter(ws, case.id, answered_s=150)
    p: dict[str, int] = {}
    p["creditor"] = w.party("Cobalt Ridge Bank, N.A.", PartyRole.PLATFORM, numbers=["(800) 555-0111"],
                            notes="Original creditor (fictitious).")
    p["agency"] = w.party("Keystone Arbor Recovery Group, LLC", PartyRole.AGENCY, numbers=[AGENCY_MAIN],
                          organisation_id=p["creditor"], notes="Third-party debt collector (fictitious).")
    p["turner"] = w.party("Mike Turner", PartyRole.COLLECTOR, badge_no="KA-114", organisation_id=p["agency"],
                          numbers=[TURNER, TURNER2])
    p["price"] = w.party("Angela Price", PartyRole.COLLECTOR, badge_no="KA-208", organisation_id=p["agency"],
                         numbers=[PRICE])
    p["sister"] = w.party("Rachel Whitfield (sister)", PartyRole.THIRD_PARTY, relationship=Relationship.RELATIVE,
                          numbers=["(717) 555-0131"])
    p["employer"] = w.party("Lakeside Dental Group (front desk)", PartyRole.THIRD_PARTY,
                            relationship=Relationship.EMPLOYER, numbers=["(610) 555-0119"])
    p["cfpb"] = w.party("Consumer Financial Protection Bureau", PartyRole.REGULATOR)

    from desktop_app.core.demo import us_files

    ids = _events(w, p)
    us_files.add_files(w, ids)
    return case.id


def _events(w: DemoWriter, p: dict[str, int]) -> dict[str, int]:
    ids = w.ids
    call = w.call
    today = date.today()

    work = {"place": "work"}  # a call to the consumer at the workplace line (the rules' at-work test)

    ids["validation"] = w.event(
        "letter", "2026-02-21 14:00", direction="incoming", party_id=p["agency"],
        summary="Collection letter from Keystone Arbor: balance $3,184.27 for Cobalt Ridge card ending 4471",
        details={"sender": "Keystone Arbor Recovery Group, LLC", "delivery": "post"})
    call("2026-02-23 09:40", TURNER, "missed", summary="Missed call from Keystone Arbor")
    call("2026-02-24 12:30", TURNER, "answered", 420, direction="outgoing", party_id=p["turner"], name="talk1",
         summary="I called back; Mike Turner demanded the full balance by Friday",
         quotes="Either you pay the full $3,184 by Friday or this goes legal.")
    call("2026-02-25 09:10", TURNER, "missed", name="after_talk", summary="Call the day after our conversation")
    call("2026-02-26 19:40", TURNER2, "voicemail", 40, summary="Voicemail asking me to call back")
    call("2026-02-27 07:35", TURNER2, "missed", name="early1", summary="Call at 7:35 a.m.")
    call("2026-02-27 13:05", TURNER, "missed", summary="Missed call")
    call("2026-02-28 21:25", TURNER, "voicemail", 38, name="late_vm", summary="Voicemail at 9:25 p.m. (recorded)",
         quotes="This is Mike from Keystone Arbor. You need to call me back tonight. Don't make this worse for "
                "yourself.")
    call("2026-03-01 10:00", PRICE, "missed", summary="Sunday morning call")
    call("2026-03-02 08:55", TURNER, "missed", summary="Missed call")
    call("2026-03-02 12:10", TURNER2, "missed", summary="Missed call")
    call("2026-03-02 17:40", TURNER, "answered", 310, name="arrest_call",
         summary="Mike Turner called me a deadbeat and said the sheriff would arrest me",
         quotes="You're a deadbeat, Dana.\nIf you don't pay, the sheriff will come to your job and arrest you.",
         conduct=["abuse", "false_legal_claim", "threat"])
    ids["text1"] = w.event(
        "sms", "2026-03-03 11:02", direction="incoming", contact_value=TURNER2, body=TEXT_0303,
        summary="Text message: 'a warrant can be issued'", conduct=["false_legal_claim", "threat"],
        details={"channel": "sms"})
    call("2026-03-04 11:15", PRICE, "answered", 200, name="work_call1", details=work,
         summary="Angela Price called me on the office line at work")
    ids["no_work"] = w.event(
        "user_request", "2026-03-04 11:18", party_id=p["price"], contact_value=PRICE,
        summary="I told Angela Price my employer does not allow personal calls at work",
        quotes="My employer doesn't allow personal calls at work. Please don't call me here.",
        details={"request_type": "no_work_contact", "written": False})
    call("2026-03-05 10:30", PRICE, "answered", 60, name="work_after", details=work,
         summary="Called my workplace again the next day")
    call("2026-03-05 15:20", TURNER, "answered", 300, name="sister_call", target="third_party",
         target_party_id=p["sister"], summary="Collector called my sister, told her the balance and said I could be "
         "arrested", conduct=["third_party_disclosure", "false_legal_claim"],
         quotes="(Rachel's account) He said you owe over three thousand dollars and could be arrested for it.")
    call("2026-03-06 14:10", PRICE, "answered", 45, details=work, summary="Another call to my workplace")
    call("2026-03-07 21:10", TURNER2, "missed", name="late_est", summary="Call at 9:10 p.m. (EST)")
    call("2026-03-08 07:40", TURNER2, "missed", name="early_dst",
         summary="Call at 7:40 a.m. on the morning the clocks went forward (EDT)")
    call("2026-03-09 21:30", TURNER, "missed", name="late_edt", summary="Call at 9:30 p.m. (EDT)")
    w.event("note", "2026-03-09 16:00", summary="Rachel told me the collector had called her a second time at noon")
    call("2026-03-09 12:45", TURNER, "answered", 90, target="third_party", target_party_id=p["sister"],
         name="sister_call2", summary="Second call to my sister", conduct=["third_party_disclosure"])
    call("2026-03-10 08:20", PRICE, "answered", 180, name="edt_boundary",
         summary="Call at 8:20 a.m. EDT (within allowed hours; 7:20 on standard time)")
    ids["cease_sent"] = w.event(
        "note", "2026-03-10 16:30", summary="Mailed a written cease request by certified mail "
        "(USPS 9407 1000 0000 5550 1234 56)")
    call("2026-03-11 11:40", PRICE, "answered", 70, details=work, name="work_after2",
         summary="Angela Price called the office line again; a coworker put her through",
         quotes="I know you said not at work, but you never pick up your cell.")
    ids["cease"] = w.event(
        "user_request", "2026-03-13 09:52", party_id=p["agency"],
        summary="My written request to stop contact was delivered to Keystone Arbor (USPS certified)",
        details={"request_type": "cease", "written": True, "channel": "letter"})
    call("2026-03-14 10:20", TURNER, "missed", name="after_cease", summary="Call after my cease letter was delivered")
    call("2026-03-16 18:05", TURNER, "answered", 180, name="after_cease2",
         summary="Mike Turner: 'a letter doesn't stop anything'", conduct=["abuse"],
         quotes="Your little letter doesn't stop anything. People like you make me sick.")
    ids["text2"] = w.event(
        "sms", "2026-03-17 20:12", direction="incoming", contact_value=TURNER2, body=TEXT_0317,
        summary="Text after the cease letter: 'arrest paperwork'", conduct=["false_legal_claim", "threat"],
        details={"channel": "sms"})
    call("2026-03-19 09:30", PRICE, "answered", 50, details=work, summary="Called my workplace again")
    call("2026-03-20 07:30", TURNER2, "missed", summary="Call at 7:30 a.m.")
    ids["envelope"] = w.event(
        "letter", "2026-03-20 18:40", direction="incoming", party_id=p["agency"],
        summary="Letter whose envelope says 'FINAL NOTICE – DEBT COLLECTION' in red on the outside",
        conduct=["public_shaming"], details={"sender": "Keystone Arbor Recovery Group, LLC", "delivery": "post"})
    call("2026-03-21 08:05", TURNER, "missed", summary="Saturday morning call")
    ids["cfpb"] = w.event(
        "complaint", "2026-03-23 20:15", direction="outgoing", party_id=p["cfpb"],
        summary="Complaint to the CFPB about Keystone Arbor (calls, workplace, sister, arrest threats, cease letter)",
        details={"channel": "cfpb", "ticket_no": "260323-10482257", "reply_due": "2026-04-07",
                 "outcome": "Sent to the company; awaiting its response"},
        follow_up=today + timedelta(days=1), follow_up_note="Check the CFPB portal for the company's response")
    call("2026-03-24 21:45", TURNER, "missed", summary="Call at 9:45 p.m.")
    call("2026-03-26 12:00", AGENCY_MAIN, "answered", 120, summary="Agency's main line called about 'a settlement'")
    call("2026-03-27 07:50", TURNER2, "busy", summary="Call attempt that did not connect (busy)")
    ids["negotiation"] = w.event(
        "negotiation", "2026-03-30 11:00", direction="outgoing", party_id=p["creditor"],
        summary="Wrote to Cobalt Ridge Bank offering $150 a month (hardship: reduced hours)",
        details={"outcome": "No answer yet"},
        follow_up=today + timedelta(days=6), follow_up_note="Follow up on the payment-plan offer to Cobalt Ridge")
    call("2026-03-31 20:55", TURNER, "missed", summary="Missed call")
    call("2026-04-01 21:20", TURNER2, "voicemail", 30, summary="Voicemail at 9:20 p.m.")
    call("2026-04-02 10:00", PRICE, "answered", 60, details=work, summary="Workplace call after the CFPB complaint")
    w.event("note", "2026-04-02 19:00", summary="Saved screenshots, voicemail and letters to the evidence vault",
            follow_up=date(2026, 4, 30), follow_up_note="Deadline I set to decide whether to consult a consumer lawyer")
    return ids
