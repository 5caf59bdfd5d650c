"""Error pages speak in the app's layout, with the quick exit and a plain way on."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory

from attunement import urls
from attunement.today import views

QUICK_EXIT = "Exit this page"


def test_the_handlers_are_the_apps_own():
    assert urls.handler400 is views.bad_request
    assert urls.handler403 is views.permission_denied
    assert urls.handler404 is views.page_not_found
    assert urls.handler500 is views.server_error


def test_an_unknown_address_shows_the_404_page_with_nav_and_way_to_today(as_alice: Client):
    response = as_alice.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We couldn&#x27;t find that page" in page or "We couldn't find that page" in page
    assert QUICK_EXIT in page
    assert 'aria-label="Main"' in page and "Log out" in page
    assert 'href="/today/"' in page and "Go to Today" in page


def test_an_outsider_gets_the_same_calm_404_when_logged_out(client: Client, db: None):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert QUICK_EXIT in page and "Go to the home page" in page and "Log in" in page
    assert 'aria-label="Main"' not in page


def test_an_unknown_api_address_still_answers_json(client: Client, db: None):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_a_refused_page_shows_the_403_page(as_alice: Client):
    with mock.patch.object(views.today_panels, "panels", side_effect=PermissionDenied):
        response = as_alice.get("/today/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "That page isn" in page and QUICK_EXIT in page and "Go to Today" in page


def test_a_request_for_an_unknown_host_shows_the_400_page(client: Client, db: None):
    response = client.get("/", HTTP_HOST="not-ours.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "We couldn" in page and QUICK_EXIT in page


@pytest.fixture
def broken_database():
    with mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError("database is down")
    ):
        yield


def test_the_500_page_renders_without_a_database(broken_database: None):
    request = RequestFactory().get("/today/")
    request.session = mock.Mock(side_effect=AssertionError("the 500 page read the session"))
    response = views.server_error(request)
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert QUICK_EXIT in page and 'href="/today/"' in page


def test_a_page_that_fails_because_the_database_is_down_gets_the_500_page(alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError("database is down")
    ):
        response = client.get("/today/")  # loading the session fails, before the view runs
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
