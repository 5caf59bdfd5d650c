"""A form sent empty answers in the app's voice: never Django's "This field is required."."""

import pytest

from tests.conftest import fresh_login


@pytest.mark.parametrize(
    "url", ["/checkin/", "/settings/", "/settings/tokens/", "/listening/start/"]
)
def test_empty_forms_get_warm_words_not_library_defaults(alice, bob, url):
    from tests.conftest import pair

    pair(alice, bob)
    # A fresh login: the tokens page asks to confirm the password first otherwise.
    response = fresh_login(alice).post(url, {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required" not in html
    assert 'class="error' in html
