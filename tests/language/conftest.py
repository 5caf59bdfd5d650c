"""Fixtures for the language tests: the encoder is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from attunement.language import warm_up

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def warm_encoder() -> None:
    warm_up()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"labelled data not found at {DATA}")
    return DATA
