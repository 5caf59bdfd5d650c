"""Fixtures for the language tests: the encoder is loaded once per session.

The labelled public data lives in ../shared/data, beside the clone (also in CI). Locally, tests
that need it skip when it is absent; in CI (CI set) its absence is a failure.
"""

from __future__ import annotations

import os
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
        if os.getenv("CI"):
            pytest.fail(
                f"labelled data not found at {DATA.resolve()}: CI needs shared/data beside the "
                "clone for the needs_data tests"
            )
        pytest.skip(f"labelled data not found at {DATA}")
    return DATA
