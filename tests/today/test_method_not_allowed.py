"""Opening a form's address (a POST-only route) shows the app's own page, not a blank 405."""

from tests.conftest import login, make_user


def test_opening_a_post_only_address_shows_the_apps_page(db):
    client = login(make_user("a@example.com", "A"))
    response = client.get("/safety/screen/skip/")
    assert response.status_code == 405
    body = response.content.decode()
    assert "This address only works from a button" in body
    assert "Quick exit" in body or "quick" in body.lower()
    assert "POST" in response["Allow"]


def test_the_api_keeps_its_own_405(db):
    client = login(make_user("a@example.com", "A"))
    response = client.delete("/api/v1/checkins")
    assert response.status_code == 405
    assert "This address only works from a button" not in response.content.decode()
