"""The trained heads: one file per analyzer, each holding only its own arrays."""

from __future__ import annotations

from attunement.language import heads


def test_every_analyzer_has_its_own_file_with_only_its_heads() -> None:
    for group, prefixes in heads.GROUPS.items():
        arrays = heads.load_group(group)
        assert arrays, f"{heads.heads_file(group).name} is missing or empty"
        assert {key.split("/")[0] for key in arrays} == set(prefixes)
        for prefix in prefixes:
            assert heads.has_head(prefix)
