import pytest

from tests.safety.conftest import take_screen


@pytest.fixture(autouse=True)
def both_took_the_safety_check(request: pytest.FixtureRequest) -> None:
    """Perspective-taking is a joint exercise: it opens once both partners have taken the
    private safety check and neither is at risk (docs/safety.md). Tests of a couple start there."""
    if "couple" in request.fixturenames:
        request.getfixturevalue("couple")
        for name in ("alice", "bob"):
            take_screen(request.getfixturevalue(name), at_risk=False)
