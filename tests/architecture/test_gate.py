"""The privacy gate is the only door: pages, API routes and Today panels read user content only
through attunement.couples.access.

A content model is one whose rows people write or share: it has an `owner` or a `couple`. In
the modules that answer readers (views, api, today panels, progress pages), every
`<ContentModel>.objects` must sit directly inside a call to `access.<function>(...)`.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2] / "attunement"
READER_MODULES = ("views.py", "api.py", "today.py", "progress.py", "reading.py")
# The gate's own machinery: pairing rows are not content.
NOT_CONTENT = {"Membership", "Invitation", "Couple"}


def content_models() -> set[str]:
    names = set()
    for model in apps.get_app_configs():
        if not model.name.startswith("attunement."):
            continue
        for m in model.get_models():
            fields = {f.name for f in m._meta.get_fields()}
            if m.__name__ not in NOT_CONTENT and ({"owner", "couple"} & fields):
                names.add(m.__name__)
    return names


def reader_modules() -> list[Path]:
    return sorted(p for name in READER_MODULES for p in ROOT.glob(f"*/{name}"))


def ungated_reads(path: Path, models: set[str]) -> list[str]:
    tree = ast.parse(path.read_text())
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "access"
        ):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                for inner in ast.walk(arg):
                    allowed.add(id(inner))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "objects"
            and isinstance(node.value, ast.Name)
            and node.value.id in models
            and id(node) not in allowed
        ):
            found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {node.value.id}.objects")
    return found


def test_content_models_are_found():
    assert {"CheckIn", "Answer", "Conversation", "Turn", "Rating", "JournalEntry"} <= (
        content_models()
    )


@pytest.mark.parametrize("path", reader_modules(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_readers_go_through_the_gate(path):
    assert ungated_reads(path, content_models()) == []
