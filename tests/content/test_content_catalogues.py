"""The shipped catalogues: valid, big enough, balanced, and free of repeats."""

import datetime
import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from attunement import content
from attunement.content import loader

ROOT = Path(__file__).resolve().parents[2]

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
    assert 6 <= counts["safety_screen"] <= 14


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
        (entry["id"], match.group(0).lower())
        for entry in content.load(name)
        for field in fields
        for match in ASSUMING_WORDS.finditer(entry[field])
    ]
    # The decision about children is itself the subject here, with not having them as an answer.
    assert [f for f in found if f not in {("q-0355", "children"), ("t-073", "children")}] == []


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


def entry(name, id):
    found = content.get(name, id)
    assert found is not None, id
    return found


def test_everyday_questions_work_for_couples_who_live_apart():
    for qid in ("q-0335", "q-0340", "q-0344", "q-0346", "q-0348"):
        text = entry("questions", qid)["text"].lower()
        assert not re.search(r"\b(home|house|flat|kitchen|chores|routine)\b", text), qid
    assert "together or apart" in entry("questions", "q-0335")["text"]
    assert "at a distance" in entry("questions", "q-0340")["text"]


def test_health_questions_presume_neither_illness_nor_a_lack_of_acceptance():
    assert "now or in the years ahead" in entry("questions", "q-0143")["text"]
    assert "accepted" not in entry("questions", "q-0144")["text"]


@pytest.mark.parametrize(
    "qid",
    ["q-0115", "q-0139", "q-0261", "q-0284", "q-0289", "q-0314", "q-0315", "q-0343", "q-0344"],
)
def test_deep_questions_cannot_be_closed_with_a_bare_no(qid):
    text = entry("questions", qid)["text"]
    # Either it opens with an open word, or a second, open question follows.
    opens = re.match(r"(What|How|Which|When|Where|Why)\b", text)
    follow_up = re.search(r"\?\s+(What|How|Which|Where|Why)\b", text)
    assert opens or follow_up, text


def test_depths_revisited_as_the_review_asked():
    depths = {qid: entry("questions", qid)["depth"] for qid in ("q-0296", "q-0129", "q-0022")}
    assert depths == {"q-0296": "personal", "q-0129": "deep", "q-0022": "deep"}
    for qid in ("q-0343", "q-0348", "q-0116"):
        assert entry("questions", qid)["depth"] == "personal"


MERGED = {
    "q-0107": "q-0032",
    "q-0292": "q-0148",
    "q-0101": "q-0018",
    "q-0204": "q-0123",
    "q-0165": "q-0213",
}


def test_merged_questions_are_retired_but_still_resolve():
    current = {q["id"] for q in content.load("questions")}
    for old, kept in MERGED.items():
        retired = entry("questions", old)
        assert retired["retired"] is True and retired["replaced_by"] == kept
        assert retired["text"].endswith("?")
        assert old not in current and kept in current
    assert len(content.load_all("questions")) == len(content.load("questions")) + len(MERGED)


def test_inclusive_questions_and_topics_are_there():
    questions = " ".join(q["text"] for q in content.load("questions")).lower()
    topics = " ".join(t["title"] + " " + t["prompt"] for t in content.load("conversation_topics"))
    for words in (
        "language",
        "culture",
        "time zones",
        "visas",
        "courage to share with your family",
        "not having them",
        "senses",
        "faith",
    ):
        assert words in questions, words
    for words in (
        "culture",
        "time zones",
        "family or community responds to your relationship",
        "not having them",
        "noise, touch, light",
        "faith",
        "not yet open",
    ):
        assert words in topics.lower(), words


def test_every_resource_says_where_and_when_it_was_checked():
    for resource in content.load("safety_resources"):
        assert resource["source"].startswith("https://"), resource["id"]
        assert resource["checked_on"] == datetime.date(2026, 12, 1), resource["id"]
        assert isinstance(resource["verified"], bool), resource["id"]


def test_unconfirmed_resources_are_listed_in_the_docs():
    docs = (ROOT / "docs" / "content.md").read_text()
    for resource in content.load("safety_resources"):
        if not resource["verified"]:
            assert f"`{resource['id']}`" in docs, resource["id"]


def test_womens_services_say_who_they_are_for_and_are_paired():
    for rid in ("r-012", "r-018", "r-032", "r-043", "r-047"):
        assert "women" in entry("safety_resources", rid)["description"], rid
    abuse = {
        (r["region"], r["name"]) for r in content.load("safety_resources") if "abuse" in r["kinds"]
    }
    assert ("GB", "Men's Advice Line") in abuse and ("IE", "Men's Aid") in abuse
    assert ("DE", "Hilfetelefon Gewalt an Männern") in abuse


def test_galop_is_not_described_as_round_the_clock_and_016_mentions_the_call_log():
    assert entry("safety_resources", "r-015")["hours"] != "24/7"
    assert "call log" in entry("safety_resources", "r-047")["description"]


def test_lines_for_people_worried_about_their_own_behaviour():
    own = {r["id"] for r in content.load("safety_resources") if "own_behaviour" in r["kinds"]}
    assert {"r-053", "r-056"} <= own
    assert entry("safety_resources", "r-053")["phone"] == "0808 802 4040"
