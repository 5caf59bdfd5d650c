"""Layers you can read: every import of our own code points down (or within one app).

The order, bottom to top, is documented in docs/architecture.md ("Layers"). Strategy apps sit
side by side and never import each other; only the top layer gathers them.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "attunement"

LAYERS: list[set[str]] = [
    {"lib"},  # settings helpers, crypto, paging, errors: imports nothing of ours
    {"language"},  # text analysis (no Django)
    {"content"},  # the written catalogues (check uses the encoder for near-duplicates)
    {"accounts"},  # people
    {"notifications"},  # every email, all content-free
    {"trust"},  # sign-in security: sessions, tokens pages, allauth's adapters
    {"couples"},  # pairing and the privacy gate
    {"safety"},  # the private screen, screening of free text, care
    {"support", "sharing", "listening", "differences", "empathy"},  # the strategies, side by side
    {"today"},  # Today, the demo couple, the worker's jobs, key rotation
    {"api"},  # the JSON API gathers every router
    {"urls", "cli", "settings", "wsgi", "__main__"},  # wiring
]
LEVEL = {name: i for i, names in enumerate(LAYERS) for name in names}


def part_of(path: Path) -> str:
    rel = path.relative_to(ROOT).parts
    return rel[0] if len(rel) > 1 else rel[0].removesuffix(".py")


def our_imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "attunement":
                names = [f"attunement.{a.name}" for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "attunement" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
    return found


def modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def test_every_part_of_the_package_has_a_layer():
    parts = {part_of(p) for p in modules()} - {"__init__"}
    assert parts - LEVEL.keys() == set()


def test_imports_point_down_or_stay_inside_their_app():
    wrong = []
    for path in modules():
        here = part_of(path)
        if here == "__init__":
            continue
        for line, there in our_imports(path):
            if there != here and LEVEL[there] >= LEVEL[here]:
                wrong.append(f"{path.relative_to(ROOT.parent)}:{line} imports {there}")
    assert wrong == []
