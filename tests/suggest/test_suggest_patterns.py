"""The pattern files: their reviewed examples, validation, negation, Traditional Chinese, spans."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop_app.core.domain.enums import Conduct
from desktop_app.core.paths import resource_path
from desktop_app.core.suggest import matcher, suggest
from desktop_app.core.suggest.matcher import Matcher
from desktop_app.core.suggest.patterns import LANGUAGES, PatternFileError, load, parse, traditional_map

ALL = [(lang, p) for lang in LANGUAGES for p in load(lang).patterns]


@pytest.mark.parametrize(("lang", "pattern"), ALL, ids=[p.id for _, p in ALL])
def test_every_pattern_matches_its_examples_and_not_its_clean_ones(lang: str, pattern) -> None:
    m = matcher()
    for text in pattern.match:
        assert pattern.conduct in {h.conduct for h in m.hits(text)}, text
    for text in pattern.clean:
        assert m.hits(text) == [], text


def test_every_pattern_is_cited_and_names_rules_that_read_its_conduct() -> None:
    rules = {r["id"]: r for name in ("cn", "us", "uk")
             for r in tomllib.loads(resource_path("rules", f"{name}.toml").read_text("utf-8"))["rules"]}
    for _lang, p in ALL:
        assert p.note and p.citation, p.id
        named = p.rule.split()
        assert named and set(named) <= set(rules), (p.id, set(named) - set(rules))
        for rid in named:  # a conduct check must list the conduct among its options
            options = rules[rid].get("options", {}).get("conduct")
            assert options is None or p.conduct.value in options, (p.id, rid)


@pytest.mark.parametrize("text", [
    "我们不会联系您的家人",
    "我们不会联系您的家人，也不会联系您的单位。",
    "请勿向个人账户转账",
    "我司从不要求客户向个人账户还款，谨防诈骗。",
    "网传不还钱就会坐牢，这是谣言。",
    "we will not contact your employer",
    "We will never tell your family about this debt.",
    "We would never ask you to pay into a personal account.",
    "Beware of scammers claiming to be from the police.",
])
def test_negations_warnings_and_reported_words_do_not_trigger(text: str) -> None:
    assert suggest(text) == []


@pytest.mark.parametrize(("text", "conduct"), [
    ("不还钱就把你的事发到你的通讯录", Conduct.THIRD_PARTY_DISCLOSURE),
    ("如果不还钱，我们就通知你的家人", Conduct.THIRD_PARTY_DISCLOSURE),  # a bare 不 is a condition, not a negation
    ("we'll have you arrested tomorrow", Conduct.FALSE_LEGAL_CLAIM),
    ("If you don't pay we will contact your employer", Conduct.THIRD_PARTY_DISCLOSURE),
])
def test_conditions_are_not_negations(text: str, conduct: Conduct) -> None:
    assert conduct in suggest(text)


@pytest.mark.parametrize("text", [
    "您本期账单 1,280.00 元，还款日为 3 月 15 日，请按时还款。",
    "如仍未还款，我司将依法向人民法院提起诉讼。",
    "【XX银行】验证码 428913，5 分钟内有效，请勿泄露给他人。",
    "Your payment of $120 is 10 days past due. Please pay online.",
    "If we cannot agree a plan, we may file a lawsuit to recover the balance.",
    "Your verification code is 482193.",
])
def test_legitimate_messages_stay_clean(text: str) -> None:
    assert suggest(text) == []


def test_traditional_chinese_matches_through_the_map_and_spans_point_into_the_original() -> None:
    text = "再不還錢就把你的事發到你的通訊錄，讓你全家都知道。"
    hits = matcher().hits(text)
    assert {h.conduct for h in hits} == {Conduct.THIRD_PARTY_DISCLOSURE}
    assert any("通訊錄" in text[h.start:h.end] for h in hits)
    assert suggest("我是地檢署的檢察官，你涉嫌詐欺") == [Conduct.IMPERSONATION, Conduct.FALSE_LEGAL_CLAIM]


def test_the_character_map_is_one_to_one_and_covers_the_words_the_patterns_need() -> None:
    table = traditional_map()
    assert all(len(chr(k)) == 1 and len(chr(v)) == 1 for k, v in table.items())
    # Traditional forms of characters the patterns rely on (a missing pair silently loses Taiwan's messages).
    for trad in "們會說話讓還錢帳戶銀機車聯絡繫網貸詐騙傳鄰裡莊裝":
        assert ord(trad) in table, trad


def test_spans_and_pattern_ids_are_returned_per_hit() -> None:
    text = "Pay today. We will call your boss and post your photo on Facebook."
    hits = matcher().hits(text)
    assert [(h.conduct, text[h.start:h.end]) for h in hits] == [
        (Conduct.THIRD_PARTY_DISCLOSURE, "call your boss"),
        (Conduct.PUBLIC_SHAMING, "post your photo on Facebook"),
    ]
    assert [h.pattern for h in hits] == ["en.disclosure.tell", "en.shaming.public"]


def test_mixed_language_text_reads_both() -> None:
    found = set(suggest("老赖！We will call your boss."))
    assert found == {Conduct.ABUSE, Conduct.THIRD_PARTY_DISCLOSURE}


def _minimal(**over) -> dict:
    data = {
        "negation": {"cues": "not", "window": 10},
        "patterns": [{"id": "x", "conduct": "threat", "regex": "boom", "note": "n", "rule": "us.harassment",
                      "citation": "c", "match": ["boom"]}],
    }
    data["patterns"][0].update(over)
    return data


@pytest.mark.parametrize(("over", "message"), [
    ({"conduct": "mischief"}, "mischief"),
    ({"regex": "(boom"}, "invalid regular expression"),
    ({"regex": "(boom)"}, "capturing groups"),
    ({"regex": "x?"}, "matches an empty text"),
    ({"regex": "{nothing}"}, "unknown vocabulary"),
    ({"match": []}, "at least one example"),
])
def test_malformed_patterns_are_refused(over: dict, message: str) -> None:
    with pytest.raises((ValueError, KeyError)) as err:
        parse("en", Path("x.toml"), _minimal(**over))
    assert message in str(err.value)


def test_a_broken_pattern_file_names_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.core.suggest import patterns

    (tmp_path / "suggest").mkdir()
    (tmp_path / "suggest" / "en.toml").write_text('negation = {cues = "not", window = 5}\n[[patterns]]\nid = "x"\n',
                                                  "utf-8")
    monkeypatch.setattr(patterns, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    load.cache_clear()
    try:
        with pytest.raises(PatternFileError, match=r"en\.toml: the suggestion patterns are malformed"):
            load("en")
        (tmp_path / "suggest" / "en.toml").write_text("[[patterns]\n", "utf-8")
        load.cache_clear()
        with pytest.raises(PatternFileError, match=r"en\.toml: the suggestion patterns are not valid TOML"):
            load("en")
    finally:
        load.cache_clear()


def test_a_matcher_built_from_one_file_uses_only_its_patterns() -> None:
    data = _minimal()
    data["ignore_case"] = True
    m = Matcher([parse("en", Path("x.toml"), data), load("zh_CN")], {})
    assert [h.pattern for h in m.hits("BOOM, not boom")] == ["x"]


def test_the_prefilter_never_drops_a_hit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Running only the patterns whose fixed words occur gives exactly the hits of running them all."""
    import importlib

    # (the package's `matcher` attribute is the function, so the module is imported by name)
    matcher_module = importlib.import_module("desktop_app.core.suggest.matcher")
    labelled = tomllib.loads((Path(__file__).parent / "labelled.toml").read_text("utf-8"))
    texts = [t for items in labelled.values() for t, _ in items]
    texts += [t for _lang, p in ALL for t in (*p.match, *p.clean)]
    m = matcher()
    fast = [m.hits(t) for t in texts]
    monkeypatch.setattr(matcher_module._Compiled, "candidates", lambda self, text: set(range(len(self.each))))
    assert [m.hits(t) for t in texts] == fast
    assert sum(map(len, fast)) > 200


@pytest.mark.parametrize(("regex", "words"), [
    ("abc", {"abc"}),
    ("(?:ab|cd)ef", {"abef", "cdef"}),
    ("x?yz", {"yz"}),
    (".{0,3}foo|bar", {"foo", "bar"}),
    ("a.b", {"a", "b"}),  # one of the two single letters, whichever the scoring picks
    (r"\bfoo\b", {"foo"}),
    ("(?:you|your) .{0,3}boss", {"boss"}),
    (".{0,3}", None),
])
def test_required_words_are_what_every_match_contains(regex: str, words: set[str] | None) -> None:
    from desktop_app.core.suggest.literals import required

    found = required(regex)
    if words is None:
        assert found is None
    else:
        assert found is not None and found <= words and found


@pytest.mark.parametrize(("regex", "parts"), [
    ("a|b", ["a", "b"]),
    ("(?:a|b)c|d", ["(?:a|b)c", "d"]),
    (r"[|x]y|\|z|w", ["[|x]y", r"\|z", "w"]),
    (r"[]|]a|[^)|(]b", ["[]|]a", "[^)|(]b"]),
])
def test_alternatives_split_only_at_the_top_level(regex: str, parts: list[str]) -> None:
    from desktop_app.core.suggest.literals import alternatives

    assert alternatives(regex) == parts
