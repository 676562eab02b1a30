"""Phone numbers written many ways group under one key (research/imports.md §4)."""

from __future__ import annotations

import pytest

from desktop_app.core.domain.phones import NumberType, analyse, masked, number_key

SAME_MOBILE = [
    "13800138000", "+8613800138000", "008613800138000", "8613800138000", "+86 138 0013 8000",
    "138-0013-8000", "１３８００１３８０００", "tel:+86-138-0013-8000", "17951 13800138000",
    "12593 13800138000", "17911 13800138000", "+86 138 0013 8000~+86 139 0000 0000",
]


@pytest.mark.parametrize("written", SAME_MOBILE)
def test_one_mobile_many_spellings(written: str) -> None:
    info = analyse(written)
    assert info.key == "+8613800138000"
    assert info.kind == NumberType.MOBILE


@pytest.mark.parametrize("written, key, kind", [
    ("95588", "short:CN:95588", NumberType.SERVICE),
    ("96688", "short:CN:96688", NumberType.SERVICE),
    ("10086", "short:CN:10086", NumberType.SERVICE),
    ("1069012345678", "sms:CN:1069012345678", NumberType.SMS_GATEWAY),
    ("106550201234567890", "sms:CN:106550201234567890", NumberType.SMS_GATEWAY),
    ("-1", "withheld", NumberType.WITHHELD),
    ("-2", "withheld", NumberType.WITHHELD),
    ("", "withheld", NumberType.WITHHELD),
    ("null", "withheld", NumberType.WITHHELD),
    ("Unknown", "withheld", NumberType.WITHHELD),
    ("0755-26123456", "+8675526123456", NumberType.FIXED),
    ("(0755)26123456", "+8675526123456", NumberType.FIXED),
    ("4008001234", "+864008001234", NumberType.SERVICE),
    ("17012345678", "+8617012345678", NumberType.MOBILE),
    ("61234567", "raw:61234567", NumberType.UNKNOWN),
])
def test_special_shapes(written: str, key: str, kind: NumberType) -> None:
    info = analyse(written)
    assert (info.key, info.kind) == (key, kind)


def test_home_region_and_fallback_to_mainland() -> None:
    assert number_key("91234567", "HK") == "+85291234567"
    assert number_key("0912345678", "TW") == "+886912345678"
    assert number_key("(212) 555-0123", "US") == "+12125550123"
    assert number_key("020 7946 0958", "UK") == "+442079460958"
    assert number_key("13800138000", "HK") == "+8613800138000"  # mainland collectors call HK users


def test_masking_for_redacted_dossiers() -> None:
    assert masked("13800138000") == "138****8000"
    assert masked("+86 138 0013 8000") == "138****8000"
    assert masked("95588") == "9**88"
    assert masked("-2") == "*"
