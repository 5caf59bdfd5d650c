from collections import Counter

from attunement import content


def test_at_least_150_activities_each_fully_tagged():
    activities = content.load("activities")
    assert len(activities) >= 150
    for a in activities:
        for tag, known in content.ACTIVITY_TAGS.items():
            assert a[tag] in known, (a["id"], tag)


def test_at_least_25_work_at_a_distance():
    assert Counter(a["place"] for a in content.load("activities"))["distance"] >= 25


def test_every_kind_and_every_budget_is_covered():
    activities = content.load("activities")
    for tag in ("kind", "cost", "energy", "novelty", "time", "place"):
        counts = Counter(a[tag] for a in activities)
        assert set(counts) == set(content.ACTIVITY_TAGS[tag]), tag
    assert Counter(a["cost"] for a in activities)["free"] >= 50


def test_the_check_refuses_an_unknown_tag(tmp_path):
    from attunement.content import loader

    for name in loader.CATALOGUES:
        (tmp_path / f"{name}.toml").write_bytes((loader.DATA_DIR / f"{name}.toml").read_bytes())
    path = tmp_path / "activities.toml"
    path.write_text(path.read_text().replace('kind = "playful"', 'kind = "competitive"', 1))
    _, errors = loader.check(tmp_path)
    assert any("unknown kind 'competitive'" in e for e in errors)


def test_wording_is_plain_and_assumes_nothing_about_the_couple():
    words = " ".join(a["text"].lower() for a in content.load("activities"))
    for assumption in ("husband", "wife", "boyfriend", "girlfriend", "your kids", "church"):
        assert assumption not in words
