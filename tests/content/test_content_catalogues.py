"""The shipped catalogues: valid, big enough, balanced, and free of repeats."""

import itertools
import re
from collections import Counter

import pytest

from attunement import content
from attunement.content import loader

REQUIRED_THEMES = {
    "childhood_family",
    "dreams_future",
    "two_of_us",
    "work_meaning",
    "body_health",
    "fun_play",
    "values_beliefs",
    "stress_hard_times",
    "appreciation",
    "intimacy_affection",
}


def tokens(text):
    return set(loader.normalize_text(text).split())


def jaccard(a, b):
    return len(a & b) / len(a | b)


def test_shipped_catalogues_pass_check():
    counts, errors = content.check()
    assert errors == []
    assert list(counts) == list(content.CATALOGUES)
    assert counts["questions"] >= 330
    assert counts["conversation_topics"] >= 66
    assert counts["safety_resources"] >= 20
    assert 6 <= counts["safety_screen"] <= 8


def test_counts_match_what_load_returns():
    counts, _ = content.check()
    assert counts == {name: len(content.load(name)) for name in content.CATALOGUES}


def test_load_rejects_unknown_catalogue():
    with pytest.raises(KeyError):
        content.load("nope")


def test_get_finds_entries_by_id_and_returns_none_otherwise():
    assert content.get("questions", "q-0001")["theme"] == "childhood_family"
    assert content.get("safety_screen", "s-01")["risk_at"] == 1
    assert content.get("questions", "q-9999") is None


def test_questions_cover_at_least_ten_themes_with_labels():
    themes = content.themes()
    assert len(themes) >= 10
    assert REQUIRED_THEMES <= set(themes)
    assert themes["two_of_us"] == "The two of us"
    assert all(label.strip() for label in themes.values())


def test_question_depths_are_spread_roughly_40_35_25():
    questions = content.load("questions")
    share = {
        depth: n / len(questions) for depth, n in Counter(q["depth"] for q in questions).items()
    }
    assert 0.35 <= share["light"] <= 0.45
    assert 0.30 <= share["personal"] <= 0.40
    assert 0.20 <= share["deep"] <= 0.30


@pytest.mark.parametrize("theme", sorted(loader.themes()))
def test_every_theme_has_questions_at_every_depth(theme):
    per_depth = Counter(q["depth"] for q in content.load("questions") if q["theme"] == theme)
    assert per_depth["light"] >= 8
    assert per_depth["personal"] >= 7
    assert per_depth["deep"] >= 5


def test_every_question_is_a_question_and_within_the_length_limit():
    for question in content.load("questions"):
        assert len(question["text"]) <= 200
        assert question["text"].rstrip().endswith(("?", ".")), question["id"]


def test_no_two_questions_share_the_same_normalized_text():
    seen = Counter(loader.normalize_text(q["text"]) for q in content.load("questions"))
    assert [text for text, n in seen.items() if n > 1] == []


@pytest.mark.parametrize(
    ("name", "field"),
    [("questions", "text"), ("conversation_topics", "prompt"), ("conversation_topics", "title")],
)
def test_no_near_duplicate_texts(name, field):
    entries = [(e["id"], tokens(e[field])) for e in content.load(name)]
    close = [
        (a_id, b_id)
        for (a_id, a), (b_id, b) in itertools.combinations(entries, 2)
        if jaccard(a, b) >= 0.8
    ]
    assert close == []


# Words that would assume a kind of couple (gender, marriage, children, faith) or get explicit.
ASSUMING_WORDS = re.compile(
    r"\b(husband|wife|spouse|married|marriage|wedding|boyfriend|girlfriend|kids|children|"
    r"parents?|mum|mom|dad|church|god|pray|sex|sexy|bedroom|salary)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    ("name", "fields"),
    [("questions", ("text",)), ("conversation_topics", ("title", "prompt"))],
)
def test_wording_makes_no_assumptions_about_the_couple(name, fields):
    found = [
        (entry["id"], match.group(0))
        for entry in content.load(name)
        for field in fields
        for match in ASSUMING_WORDS.finditer(entry[field])
    ]
    assert found == []


def test_conversation_topics_cover_each_level():
    levels = Counter(t["level"] for t in content.load("conversation_topics"))
    assert levels["light"] >= 25
    assert levels["medium"] >= 23
    assert levels["hard"] >= 18


def test_conversation_titles_are_short():
    assert max(len(t["title"]) for t in content.load("conversation_topics")) <= 60


def test_every_region_has_a_crisis_and_an_abuse_resource():
    kinds_by_region = {}
    for resource in content.load("safety_resources"):
        kinds_by_region.setdefault(resource["region"], set()).update(resource["kinds"])
    assert {"INTL", "US", "GB", "CA", "AU", "IE", "NZ"} <= set(kinds_by_region)
    missing = {
        region: {"crisis", "abuse"} - kinds
        for region, kinds in kinds_by_region.items()
        if not {"crisis", "abuse"} <= kinds
    }
    assert missing == {}


def test_international_resources_include_emergency_and_a_helpline_finder():
    intl = [r for r in content.load("safety_resources") if r["region"] == "INTL"]
    assert any("emergency number" in r["description"] for r in intl)
    assert any(r.get("url") and "helpline" in r["name"].lower() for r in intl)


def test_every_resource_except_the_emergency_pointer_says_how_to_reach_it():
    unreachable = [
        r["id"]
        for r in content.load("safety_resources")
        if not (r.get("phone") or r.get("sms") or r.get("url"))
    ]
    assert unreachable == ["r-001"]


def test_well_known_numbers_are_listed_as_expected():
    numbers = {(r["region"], r.get("phone")) for r in content.load("safety_resources")}
    assert ("US", "988") in numbers
    assert ("US", "1-800-799-7233") in numbers
    assert ("GB", "116 123") in numbers
    assert ("GB", "0808 2000 247") in numbers
    assert ("AU", "13 11 14") in numbers
    assert ("AU", "1800 737 732") in numbers
    assert ("NZ", "1737") in numbers


def test_resources_for_a_region_list_its_own_first_then_the_international_ones():
    regions = [r["region"] for r in content.resources_for("gb")]
    assert regions[0] == "GB"
    assert set(regions) == {"GB", "INTL"}
    assert regions.index("INTL") > max(i for i, r in enumerate(regions) if r == "GB")


def test_resources_for_an_unlisted_region_are_the_international_ones():
    for region in ("BR", "", None, "INTL"):
        assert {r["region"] for r in content.resources_for(region)} == {"INTL"}


def test_safety_screen_has_scale_texts_and_a_reverse_item():
    assert content.screen_scale() == {0: "Never", 1: "Once or twice", 2: "Sometimes", 3: "Often"}
    texts = content.screen_texts()
    assert {"intro", "all_clear", "at_risk"} <= set(texts)
    assert "private" in texts["intro"]
    assert "partner" in texts["intro"]
    items = content.load("safety_screen")
    reverse = [item for item in items if item.get("reverse")]
    assert len(reverse) >= 1
    assert all("free to disagree" in item["text"] for item in reverse)
