"""Read one of our couples sets (couples/NAME.jsonl) with each row's fixed split (splits.py)."""

import json
from pathlib import Path

from splits import split_of

COUPLES = Path(__file__).resolve().parent / "couples"


def read_couples(name: str, split: str = "") -> list[dict[str, object]]:
    """Rows of couples/NAME.jsonl; only those of `split` ("train" or "test") when given."""
    path = COUPLES / f"{name}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if not split or split_of(str(r["text"])) == split]
