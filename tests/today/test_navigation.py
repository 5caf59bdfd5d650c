"""The nav comes from one list of places (today/navigation.py)."""

import re

from django.urls import reverse

from attunement.today import navigation
from tests.conftest import login


def _nav(html: str) -> str:
    return html.split('<nav aria-label="Main"', 1)[1].split("</nav>", 1)[0]


def test_every_place_is_in_the_nav_once_with_its_address(alice):
    nav = _nav(login(alice).get("/today/").content.decode())
    for place in navigation.PLACES:
        assert nav.count(f'href="{reverse(place.url_name)}"') == 1, place
    # The phone's bar holds a few places; the rest wait in a menu that needs no JavaScript.
    bar = nav.split("<details>", 1)[0]
    assert len(re.findall(r"<li><a ", bar)) == len(
        [p for p in navigation.PLACES if p.group == "bar"]
    )
    assert "<summary" in nav and "Log out" in nav and "Safety &amp; care" in nav


def test_the_current_place_is_marked_also_on_its_inner_pages(alice):
    client = login(alice)
    nav = _nav(client.get("/listening/start/").content.decode())
    assert re.search(r'href="/listening/" aria-current="page">Listening', nav)
    assert '<summary class="current">More' in nav  # Listening lives under More
    nav = _nav(client.get("/checkin/").content.decode())
    assert re.search(r'href="/checkin/" aria-current="page">Check in', nav)
    assert "<summary>More" in nav


def test_visitors_get_no_main_nav(db):
    from django.test import Client

    html = Client().get("/").content.decode()
    assert 'aria-label="Main"' not in html and "Log in" in html


def test_links_are_reversed_once_per_process(alice, django_assert_max_num_queries):
    navigation.links.cache_clear()
    navigation.links()
    assert navigation.links.cache_info().misses == 1
    navigation.nav_for("today")
    navigation.nav_for("history")
    assert navigation.links.cache_info().misses == 1


def test_htmx_loads_only_on_the_pages_that_use_it(alice, couple):
    """Less script to parse on every other page (Lighthouse's blocking time on phones)."""
    client = login(alice)
    for address in ("/today/", "/checkin/", "/listening/"):
        assert "htmx" not in client.get(address).content.decode().split("</head>")[0], address
    question = client.get(reverse("sharing_today")).content.decode()
    assert re.search(r'<script src="[^"]*htmx[^"]*\.js" defer>', question)
