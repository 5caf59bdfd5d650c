"""The security pages speak in the app's words, are reachable from Settings, and cost a fixed
number of queries."""

import pytest

from attunement.accounts.models import PersonalToken
from tests.conftest import fresh_login, login

LIBRARY_WORDS = [
    "Sign In",
    "Sign in",
    "Two-Factor Authentication",
    "Authenticator App",
    "Activate",
    "Deactivate",
    "Reauthenticate",
    "Confirm Access",
]


def _assert_our_page(html: str) -> None:
    assert 'class="skip"' in html and "Quick exit" in html
    for words in LIBRARY_WORDS:
        assert words not in html, words


@pytest.mark.parametrize(
    "url",
    [
        "/settings/sessions/",
        "/settings/tokens/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/2fa/recovery-codes/generate/",
        "/accounts/reauthenticate/",
    ],
)
def test_security_pages_use_the_app_layout_and_words(alice, url):
    response = fresh_login(alice).get(url)
    assert response.status_code == 200
    _assert_our_page(response.content.decode())


def test_settings_links_to_every_security_page(alice):
    html = login(alice).get("/settings/").content.decode()
    for href in ("/accounts/2fa/", "/settings/sessions/", "/settings/tokens/", "/accounts/email/"):
        assert f'href="{href}"' in html, href


def test_the_tokens_page_costs_the_same_queries_however_many_tokens(
    alice, django_assert_num_queries
):
    client = fresh_login(alice)
    client.get("/settings/tokens/")
    with django_assert_num_queries(3):
        client.get("/settings/tokens/")
    for i in range(5):
        PersonalToken.issue(user=alice, name=f"t{i}")
    with django_assert_num_queries(3):
        client.get("/settings/tokens/")
