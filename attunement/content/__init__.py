"""The written catalogues (questions, conversation topics, safety resources, the safety screen).

See docs/content.md for the file formats and how hosts edit them.
"""

from attunement.content.loader import (
    CATALOGUES,
    DEPTHS,
    KINDS,
    LEVELS,
    check,
    document,
    get,
    load,
    load_all,
    near_duplicates,
    quiz_topics,
    resources_for,
    screen_item_at_risk,
    screen_scale,
    screen_texts,
    themes,
)

__all__ = [
    "CATALOGUES",
    "DEPTHS",
    "KINDS",
    "LEVELS",
    "check",
    "document",
    "get",
    "load",
    "load_all",
    "near_duplicates",
    "quiz_topics",
    "resources_for",
    "screen_item_at_risk",
    "screen_scale",
    "screen_texts",
    "themes",
]
