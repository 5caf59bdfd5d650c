"""`attunement content check [--json]`: validate the catalogues and print their counts."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from attunement.content.loader import check


def run(as_json: bool, stdout: TextIO, stderr: TextIO | None = None) -> int:
    """Print the number of entries per catalogue; return 0 if every file is valid, else 1.

    With ``as_json``, stdout gets exactly one JSON object (catalogue name -> entries) and any
    errors go to stderr, so scripts can parse stdout either way. Without it, a readable table
    followed by the errors goes to stdout.
    """
    stderr = sys.stderr if stderr is None else stderr
    counts, errors = check()
    if as_json:
        stdout.write(json.dumps(counts) + "\n")
        for error in errors:
            stderr.write(f"error: {error}\n")
        return 1 if errors else 0

    width = max(len(name) for name in counts)
    stdout.write(f"{'catalogue':<{width}}  entries\n")
    for name, count in counts.items():
        stdout.write(f"{name:<{width}}  {count:>7}\n")
    if errors:
        stdout.write(f"\n{len(errors)} error(s):\n")
        for error in errors:
            stdout.write(f"  {error}\n")
        return 1
    stdout.write("\nAll catalogues are valid.\n")
    return 0
