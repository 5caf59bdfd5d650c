"""Quick exit on every page: a visible button, a hidden link, both plain links without JS."""

import pytest

pytestmark = pytest.mark.django_db
NEUTRAL = "https://weather.example/"


@pytest.fixture(autouse=True)
def neutral(settings):
    settings.QUICK_EXIT_URL = NEUTRAL


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/accounts/signup/", "/safety/quick-exit/"]
)
def test_signed_out_pages_have_the_quick_exit(client, url):
    body = client.get(url).content.decode()
    assert body.count('href="/safety/exit/" rel="noreferrer" data-quick-exit') == 2
    assert "Exit this page quickly" in body and ">Exit this page</a>" in body


@pytest.mark.parametrize("url", ["/today/", "/checkin/", "/safety/", "/journal/", "/couple/"])
def test_signed_in_pages_have_the_quick_exit(as_alice, couple, url):
    body = as_alice.get(url).content.decode()
    assert body.count('href="/safety/exit/" rel="noreferrer" data-quick-exit') == 2


def test_the_explainer_says_what_it_cannot_do(client):
    body = client.get("/safety/quick-exit/").content.decode()
    assert "does <strong>not</strong> erase your browser history" in body
    assert "private window" in body and "Shift" in body


def test_the_explainer_refuses_posts(client):
    assert client.post("/safety/quick-exit/").status_code == 405


def test_the_footer_links_safety_and_care_for_people_signed_in(as_alice, client):
    assert 'href="/safety/">Safety &amp; care</a>' in as_alice.get("/today/").content.decode()
    assert 'href="/safety/"' not in client.get("/").content.decode()


def test_quick_exit_signs_out_and_clears_the_site_then_goes_to_the_neutral_site(as_alice):
    """Without JavaScript, Back re-asks the server for the page: it must then be signed out."""
    assert as_alice.get("/journal/").status_code == 200
    response = as_alice.get("/safety/exit/")
    assert response.status_code == 302 and response["Location"] == NEUTRAL
    assert response["Clear-Site-Data"] == '"cache", "cookies"'
    assert response["Cache-Control"] == "no-store"
    back = as_alice.get("/journal/")
    assert back.status_code == 302 and back["Location"].startswith("/accounts/login/")


def test_quick_exit_works_signed_out_too(client):
    response = client.get("/safety/exit/")
    assert response.status_code == 302 and response["Location"] == NEUTRAL
    assert client.post("/safety/exit/").status_code == 405


@pytest.mark.parametrize("url", ["/today/", "/journal/", "/safety/", "/api/v1/safety"])
def test_signed_in_pages_and_the_api_are_never_stored(as_alice, couple, url):
    assert as_alice.get(url)["Cache-Control"] == "no-store"
