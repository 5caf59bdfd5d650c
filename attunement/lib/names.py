"""Names people give themselves are shown to others: no control or direction characters.

A line break in a name once broke an email header; a right-to-left override can make a name
read as something else. Both are removed wherever a name is taken in.
"""

import unicodedata

# Cc: control characters (line breaks, tabs, escapes). Cf: format characters (direction
# overrides, zero-width joiners and spaces). Cs/Co/Cn: surrogates, private use, unassigned.
_DROPPED = {"Cc", "Cf", "Cs", "Co", "Cn"}
_KEPT = {"\u200d"}  # the zero-width joiner that builds emoji such as a couple or a family


def clean_name(text: str) -> str:
    """`text` without invisible characters, inner runs of spaces folded, ends trimmed."""
    kept = "".join(" " if ch in "\t\r\n\v\f" else ch for ch in text or "")
    kept = "".join(ch for ch in kept if ch in _KEPT or unicodedata.category(ch) not in _DROPPED)
    return " ".join(kept.split())
