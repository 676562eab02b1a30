"""Phone numbers → grouping keys, so that one line written many ways counts as one.

`+86 138 0013 8000`, `008613800138000`, `8613800138000`, full-width digits, `tel:` URIs and
IP-dial prefixes (17951…) all become `+8613800138000`.  Shapes `phonenumbers` cannot place
get keys of their own rather than being forced into E.164 (research/imports.md §4.3):

- withheld callers (`-1`, `-2`, `-3`, empty, "Unknown", "private") → `withheld`
- 106… SMS gateways → `sms:CN:<digits>`
- 95xxx/96xxx service numbers, 100xx carriers, 123xx government lines → `short:CN:<digits>`
- anything else that does not parse → `raw:<digits or text>` so that nothing is lost
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import phonenumbers

# phonenumbers compiles hundreds of patterns when imported (~20 ms): it is imported on first
# use, not at start-up, because opening the app needs no number parsing.

WITHHELD_KEY = "withheld"
_WITHHELD_RAW = {"", "-1", "-2", "-3", "unknown", "private", "withheld", "anonymous", "null", "未知",
                 "未知号码", "私人号码", "隐藏号码", "隱藏號碼"}
_SMS_GATEWAY = re.compile(r"^106\d{2,17}$")
_SERVICE = re.compile(r"^(9[56]\d{3,4}|10\d{3}|12\d{3})$")


class NumberType(StrEnum):
    MOBILE = "mobile"
    FIXED = "fixed"
    SERVICE = "service"  # 95xxx, 96xxx, 100xx, 123xx, 400/800
    SMS_GATEWAY = "sms_gateway"
    WITHHELD = "withheld"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class NumberInfo:
    raw: str
    key: str
    kind: NumberType
    e164: str | None = None
    display: str = ""  # international format, or the cleaned raw text

    @property
    def location(self) -> str:
        """"归属地" (where the number is registered), in Chinese; looked up on first use only,
        because phonenumbers' geocoder data costs ~100 MB and a second to load."""
        return location_of(self.e164) if self.e164 else ""


def _clean(raw: str) -> str:
    # NFKC folds full-width digits and plus signs to ASCII.
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    # SMS Backup & Restore joins group recipients with "~"; the first one is the sender.
    for sep in ("~", ","):
        if sep in text:
            text = text.split(sep, 1)[0].strip()
    return text


def _digits(text: str) -> str:
    plus = text.startswith("+")
    digits = re.sub(r"\D", "", text)
    return ("+" if plus else "") + digits


@lru_cache(maxsize=65536)
def analyse(raw: str, region: str = "CN") -> NumberInfo:
    """Classify and key one number as written.  `region` is the user's home region."""
    region = region_for_jurisdiction(region)
    text = _clean(raw)
    if text.lower() in _WITHHELD_RAW:
        return NumberInfo(raw, WITHHELD_KEY, NumberType.WITHHELD, display=text)
    digits = _digits(text)
    bare = digits.lstrip("+")
    if not bare:
        # An account name, an e-mail address or a WeChat id: keep it, case-folded.
        return NumberInfo(raw, "raw:" + text.casefold(), NumberType.UNKNOWN, display=text)
    if _SMS_GATEWAY.match(bare):
        return NumberInfo(raw, f"sms:CN:{bare}", NumberType.SMS_GATEWAY, display=bare)
    if _SERVICE.match(bare):
        return NumberInfo(raw, f"short:CN:{bare}", NumberType.SERVICE, display=bare)
    for try_region in dict.fromkeys((region.upper(), "CN")):
        number = _parse(digits, try_region)
        if number is not None:
            return _info(raw, number)
    return NumberInfo(raw, "raw:" + bare, NumberType.UNKNOWN, display=bare)


def _parse(digits: str, region: str) -> phonenumbers.PhoneNumber | None:
    import phonenumbers
    from phonenumbers import NumberParseException

    candidates = [digits]
    # "8613800138000" without a plus: phonenumbers reads it as a national number in CN.
    if not digits.startswith("+"):
        if digits.startswith("00"):
            candidates.insert(0, "+" + digits[2:])
        elif digits.startswith("86") and len(digits) == 13:
            candidates.insert(0, "+" + digits)
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def _info(raw: str, number: phonenumbers.PhoneNumber) -> NumberInfo:
    import phonenumbers
    from phonenumbers import PhoneNumberFormat, PhoneNumberType

    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    ntype = phonenumbers.number_type(number)
    if ntype in (PhoneNumberType.MOBILE,):
        kind = NumberType.MOBILE
    elif ntype in (PhoneNumberType.SHARED_COST, PhoneNumberType.TOLL_FREE):
        kind = NumberType.SERVICE
    elif ntype in (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        kind = NumberType.FIXED
    else:
        kind = NumberType.UNKNOWN
    return NumberInfo(
        raw=raw,
        key=e164,
        kind=kind,
        e164=e164,
        display=phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
    )


@lru_cache(maxsize=4096)
def location_of(e164: str) -> str:
    try:
        import phonenumbers
        from phonenumbers import geocoder

        return geocoder.description_for_number(phonenumbers.parse(e164), "zh")
    except Exception:  # noqa: BLE001 - geocoding is a nicety; never fail a key over it
        return ""


# phonenumbers has place names in English and Simplified Chinese only; in Traditional Chinese the
# country's name comes from the app's own catalogue (the same words as the jurisdiction labels).
_COUNTRY_MSGID = {"CN": "Mainland China", "TW": "Taiwan", "HK": "Hong Kong", "US": "United States",
                  "GB": "United Kingdom"}


@lru_cache(maxsize=4096)
def location_in(e164: str, lang: str) -> str:
    """Where a number is registered, in `lang` (the UI's or a document's language): "Beijing" or
    "北京市", and in Traditional Chinese the country ("中國大陸"), never the Simplified "中国"."""
    if not e164:
        return ""
    if lang.startswith("zh") and lang != "zh_TW":
        return location_of(e164)
    try:
        import phonenumbers
        from phonenumbers import geocoder

        number = phonenumbers.parse(e164)
        if lang == "zh_TW":
            from desktop_app.core.i18n import translate

            msgid = _COUNTRY_MSGID.get(phonenumbers.region_code_for_number(number) or "")
            return translate(msgid, "zh_TW") if msgid else ""
        return geocoder.description_for_number(number, "en")
    except Exception:  # noqa: BLE001 - geocoding is a nicety; never fail over it
        return ""


def number_key(raw: str, region: str = "CN") -> str:
    """The grouping key of a number as written (see module docstring)."""
    return analyse(raw, region).key


def masked(raw: str, region: str = "CN") -> str:
    """A short display form of a collector's number (138****8000, 9**88) for findings and lists.

    Not for hiding a number: it keeps 7 of 11 digits.  Redaction uses `redacted()`."""
    info = analyse(raw, region)
    if info.e164:
        import phonenumbers

        digits = str(phonenumbers.parse(info.e164).national_number)
    else:
        digits = _digits(_clean(raw)).lstrip("+")
    n = len(digits)
    if n <= 4:
        return "*" * n
    if n <= 7:
        return digits[:1] + "*" * (n - 3) + digits[-2:]
    return digits[:3] + "*" * (n - 7) + digits[-4:]


def national_digits(raw: str, region: str = "CN") -> str:
    """The digits that identify a number within its country, however it was written:
    "+86 171-3357-0826" → "17133570826", "0755-2668 3310" → "75526683310" (no trunk 0,
    no country code).  Shapes phonenumbers cannot place keep all their digits."""
    info = analyse(raw, region)
    if info.e164:
        import phonenumbers

        return str(phonenumbers.parse(info.e164).national_number)
    return _digits(_clean(raw)).lstrip("+")


def redacted(raw: str, region: str = "CN") -> str:
    """A number as a redacted dossier prints it: at most its last 4 digits ("*******0826").

    Numbers of 5–7 digits keep 2 and shorter ones none, so that no mask narrows a short
    number down to a handful of candidates."""
    digits = national_digits(raw, region)
    n = len(digits)
    keep = 4 if n >= 8 else 2 if n >= 5 else 0
    return "*" * (n - keep) + digits[n - keep:] if n else "*"


_NUMBER_QUERY = re.compile(r"^\+?[\d\s\-().]+$")


def number_query_digits(query: str) -> str:
    """The digits of a search query that is a phone number or the tail of one ("+1 888 555 0163",
    "(888) 555-0163", "555-0163"); "" when the query is words, or has fewer than 4 digits."""
    text = unicodedata.normalize("NFKC", query or "").strip()
    if not _NUMBER_QUERY.match(text):
        return ""
    digits = re.sub(r"\D", "", text)
    return digits if len(digits) >= 4 else ""


@lru_cache(maxsize=65536)
def display_number(raw: str, region: str = "CN") -> str:
    """A number as the app shows it, one format everywhere: national format for a number of the
    case's own country ("(888) 555-0163" in a US case), international for any other
    ("+86 138 0013 8000"); shapes phonenumbers cannot place are shown as written."""
    info = analyse(raw, region)
    if not info.e164:
        return (raw or "").strip()
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    number = phonenumbers.parse(info.e164)
    home = region_for_jurisdiction(region)
    own = phonenumbers.region_code_for_number(number) == home
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL if own else PhoneNumberFormat.INTERNATIONAL)


@lru_cache(maxsize=16)
def example_number(jurisdiction: str) -> str:
    """A made-up mobile number of the place, as the app displays it ("(201) 555-0123" in a US case,
    "131 2345 6789" in a Mainland one), for placeholders; "" where phonenumbers has none."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat, PhoneNumberType

    number = phonenumbers.example_number_for_type(region_for_jurisdiction(jurisdiction), PhoneNumberType.MOBILE)
    return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL) if number is not None else ""


def region_for_jurisdiction(jurisdiction: str) -> str:
    """A phonenumbers region for a case jurisdiction ("UK" is "GB" there; "other" falls back to CN)."""
    code = str(jurisdiction).upper()
    if code == "UK":
        return "GB"
    return code if len(code) == 2 else "CN"
