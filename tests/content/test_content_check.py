"""check() finds broken catalogues: copies of the shipped files, each broken in one way."""

import shutil

import pytest

from attunement.content import loader


@pytest.fixture
def data_dir(tmp_path):
    for name in loader.CATALOGUES:
        shutil.copy(loader.DATA_DIR / f"{name}.toml", tmp_path / f"{name}.toml")
    return tmp_path


def append(data_dir, name, text):
    with open(data_dir / f"{name}.toml", "a", encoding="utf-8") as f:
        f.write("\n" + text + "\n")


def replace(data_dir, name, old, new):
    path = data_dir / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors_in(data_dir):
    return loader.check(data_dir)[1]


def test_copies_of_the_shipped_files_are_clean(data_dir):
    counts, errors = loader.check(data_dir)
    assert errors == []
    assert counts == loader.check()[0]


def test_duplicate_question_id_is_reported(data_dir):
    append(
        data_dir,
        "questions",
        '[[question]]\nid = "q-0001"\ndepth = "light"\ntheme = "fun_play"\n'
        'text = "A brand new question about kites?"',
    )
    assert "questions: id q-0001 is used 2 times" in errors_in(data_dir)


def test_duplicate_resource_id_is_reported(data_dir):
    replace(data_dir, "safety_resources", 'id = "r-002"', 'id = "r-001"')
    assert "safety_resources: id r-001 is used 2 times" in errors_in(data_dir)


def test_missing_and_empty_fields_are_reported(data_dir):
    append(data_dir, "questions", '[[question]]\nid = "q-9001"\ndepth = "light"\ntext = "  "')
    errors = errors_in(data_dir)
    assert "questions: q-9001: missing theme" in errors
    assert "questions: q-9001: missing text" in errors


def test_entry_without_id_is_reported_by_position(data_dir):
    append(data_dir, "conversation_topics", '[[topic]]\nlevel = "light"\ntitle = "Kites"')
    errors = errors_in(data_dir)
    assert any(e.startswith("conversation_topics: entry 77: missing id") for e in errors)
    assert any("missing prompt" in e for e in errors)


def test_unknown_depth_and_theme_are_reported(data_dir):
    append(
        data_dir,
        "questions",
        '[[question]]\nid = "q-9002"\ndepth = "bottomless"\ntheme = "astrology"\n'
        'text = "Which cloud shape do you spot most often?"',
    )
    errors = errors_in(data_dir)
    assert any(e.startswith("questions: q-9002: unknown depth 'bottomless'") for e in errors)
    assert "questions: q-9002: unknown theme 'astrology'" in errors


def test_badly_formed_id_is_reported(data_dir):
    replace(data_dir, "questions", 'id = "q-0001"', 'id = "question-1"')
    assert "questions: question-1: id should look like q-0001" in errors_in(data_dir)


def test_text_over_the_limit_is_reported(data_dir):
    append(
        data_dir,
        "questions",
        f'[[question]]\nid = "q-9003"\ndepth = "deep"\ntheme = "fun_play"\ntext = "{"a" * 201}"',
    )
    assert "questions: q-9003: text is 201 characters (limit 200)" in errors_in(data_dir)


def test_repeated_question_text_is_reported(data_dir):
    append(
        data_dir,
        "questions",
        '[[question]]\nid = "q-9004"\ndepth = "light"\ntheme = "fun_play"\n'
        'text = "what is a smell that takes you STRAIGHT back to being a kid"',
    )
    assert "questions: q-9004: same text as q-0001" in errors_in(data_dir)


def test_missing_themes_table_is_reported(data_dir):
    replace(data_dir, "questions", "\n[themes]\n", "\n[unused]\n")
    errors = errors_in(data_dir)
    assert "questions: missing [themes] table" in errors
    assert any("unknown theme" in e for e in errors)


def test_unknown_topic_level_is_reported(data_dir):
    replace(data_dir, "conversation_topics", 'level = "hard"', 'level = "brutal"')
    assert any("unknown level 'brutal'" in e for e in errors_in(data_dir))


def test_unknown_kind_and_bad_region_are_reported(data_dir):
    append(
        data_dir,
        "safety_resources",
        '[[resource]]\nid = "r-900"\nregion = "Narnia"\nkinds = ["crisis", "gossip"]\n'
        'name = "Somewhere"\ndescription = "Somewhere calm."\nurl = "http://example.org"',
    )
    errors = errors_in(data_dir)
    assert any(e.startswith("safety_resources: r-900: region 'Narnia'") for e in errors)
    assert any(e.startswith("safety_resources: r-900: unknown kind 'gossip'") for e in errors)
    assert "safety_resources: r-900: url should start with https://" in errors


def test_kinds_must_be_a_list(data_dir):
    replace(data_dir, "safety_resources", 'kinds = ["crisis", "abuse"]', 'kinds = "crisis"')
    assert "safety_resources: r-001: kinds should be a list" in errors_in(data_dir)


def test_international_resources_must_cover_abuse(data_dir):
    path = data_dir / "safety_resources.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'region = "INTL"\nkinds = ["crisis", "abuse"', 'region = "INTL"\nkinds = ["crisis"'
        ).replace(
            'region = "INTL"\nkinds = ["crisis", "abuse", "support"]',
            'region = "INTL"\nkinds = ["crisis"]',
        ),
        encoding="utf-8",
    )
    assert "safety_resources: no INTL resource of kind 'abuse'" in errors_in(data_dir)


def test_screen_risk_at_out_of_range_and_bad_reverse_are_reported(data_dir):
    replace(data_dir, "safety_screen", "risk_at = 1", "risk_at = 4")
    replace(data_dir, "safety_screen", "\nreverse = true", '\nreverse = "yes"')
    errors = errors_in(data_dir)
    assert "safety_screen: s-01: risk_at should be a whole number from 1 to 3" in errors
    assert "safety_screen: s-08: reverse should be true or false" in errors


def test_screen_needs_its_texts_and_full_scale(data_dir):
    replace(data_dir, "safety_screen", "all_clear =", "all_good =")
    replace(data_dir, "safety_screen", '3 = "Often"', "")
    errors = errors_in(data_dir)
    assert "safety_screen: [screen] all_clear is missing" in errors
    assert "safety_screen: [scale] must define exactly the answers 0, 1, 2 and 3" in errors


def test_missing_file_counts_zero_and_is_reported(data_dir):
    (data_dir / "conversation_topics.toml").unlink()
    counts, errors = loader.check(data_dir)
    assert counts["conversation_topics"] == 0
    assert "conversation_topics: file conversation_topics.toml is missing" in errors


def test_invalid_toml_is_reported(data_dir):
    append(data_dir, "questions", "[[question]\nid = ")
    counts, errors = loader.check(data_dir)
    assert counts["questions"] == 0
    assert any(e.startswith("questions: not valid TOML") for e in errors)


def test_catalogue_without_entries_is_reported(data_dir):
    (data_dir / "safety_screen.toml").write_text(
        '[screen]\nintro = "Hi"\nall_clear = "Ok"\nat_risk = "Help"\n'
        '[scale]\n0 = "Never"\n1 = "Once or twice"\n2 = "Sometimes"\n3 = "Often"\n',
        encoding="utf-8",
    )
    assert "safety_screen: no [[item]] entries" in errors_in(data_dir)


def test_resource_without_source_or_checked_on_is_refused(data_dir):
    replace(data_dir, "safety_resources", 'source = "https://befrienders.org"\n', "")
    replace(data_dir, "safety_resources", "checked_on = 2026-12-01\n", "")
    errors = errors_in(data_dir)
    assert "safety_resources: r-001: missing checked_on (the date the details were checked)" in (
        errors
    )
    assert "safety_resources: r-003: missing source (the address of the service's own page)" in (
        errors
    )


def test_resource_source_must_be_https_and_checked_on_a_date(data_dir):
    replace(data_dir, "safety_resources", 'source = "https://befrienders.org"', 'source = "x"')
    replace(
        data_dir,
        "safety_resources",
        "checked_on = 2026-12-01\nverified = false",
        'checked_on = "soon"\nverified = "no"',
    )
    errors = errors_in(data_dir)
    assert "safety_resources: r-003: source should start with https://" in errors
    assert "safety_resources: r-001: checked_on should be a date, like 2026-12-01" in errors
    assert "safety_resources: r-001: verified should be true or false" in errors


def test_near_duplicate_question_is_refused(data_dir):
    append(
        data_dir,
        "questions",
        '[[question]]\nid = "q-9002"\ndepth = "personal"\ntheme = "childhood_family"\n'
        'text = "As a child, what made you feel proud of yourself?"',
    )
    errors = [e for e in errors_in(data_dir) if "too close" in e]
    assert len(errors) == 1
    assert errors[0].startswith("questions: q-9002: text is too close to q-0018 (similarity 0.9")
    assert errors[0].endswith(f"limit {loader.NEAR_DUPLICATE_SIMILARITY:.2f})")


def test_near_duplicate_topic_prompt_is_refused(data_dir):
    append(
        data_dir,
        "conversation_topics",
        '[[topic]]\nid = "t-901"\nlevel = "light"\ntitle = "Close again"\n'
        'prompt = "Describe a recent moment when you felt close to your partner. Say what'
        ' happened and how it felt."',
    )
    assert any(
        e.startswith("conversation_topics: t-901: prompt is too close to t-026")
        for e in errors_in(data_dir)
    )


def test_retired_entries_are_not_counted_nor_compared_and_must_point_at_a_real_id(data_dir):
    counts = loader.check(data_dir)[0]
    replace(data_dir, "questions", 'replaced_by = "q-0018"', 'replaced_by = "q-9999"')
    replace(data_dir, "questions", 'retired = true\nreplaced_by = "q-0032"', "retired = 1")
    errors = errors_in(data_dir)
    assert "questions: q-0107: retired should be true or false" in errors
    assert "questions: q-0101: replaced_by 'q-9999' is not an id in questions" in errors
    assert loader.check(data_dir)[0]["questions"] == counts["questions"]
    assert not any("too close" in e for e in errors)
