"""The time-zone list: current canonical zones, grouped by region, the browser's preselected."""

import re

from django.test import Client

from attunement.accounts.models import User
from attunement.lib import zones
from tests.conftest import login


def _options(html: str) -> list[str]:
    select = html.split('name="time_zone"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]+)"', select)


def test_settings_list_current_zones_grouped_by_region_without_old_aliases(alice):
    html = login(alice).get("/settings/").content.decode()
    options = _options(html)
    assert "Europe/London" in options and "Europe/Kyiv" in options and "UTC" in options
    for alias in ("US/Eastern", "GB", "Europe/Kiev", "Etc/GMT+3", "Asia/Calcutta"):
        assert alias not in options
    assert 350 < len(options) < 450  # was ~600 with every alias
    assert '<optgroup label="Europe">' in html and '<optgroup label="America">' in html
    assert "London, United Kingdom" in html


def test_someone_still_on_utc_gets_the_browser_zone_preselected(alice, bob):
    alice.time_zone = "UTC"
    alice.save(update_fields=["time_zone"])
    assert "data-browser-zone" in login(alice).get("/settings/").content.decode()
    bob.time_zone = "Europe/Paris"
    bob.save(update_fields=["time_zone"])
    assert "data-browser-zone" not in login(bob).get("/settings/").content.decode()


def test_an_old_alias_already_saved_stays_selectable(alice):
    alice.time_zone = "US/Eastern"
    alice.save(update_fields=["time_zone"])
    assert "US/Eastern" in _options(login(alice).get("/settings/").content.decode())


def test_sign_up_keeps_the_browsers_zone_and_ignores_nonsense(db):
    for email, zone, expected in [
        ("kim@example.com", "Asia/Tokyo", "Asia/Tokyo"),
        ("lee@example.com", "Mars/Olympus", "UTC"),
    ]:
        Client().post(
            "/accounts/signup/",
            {
                "display_name": "Kim",
                "email": email,
                "password1": "correct horse battery 9",
                "password2": "correct horse battery 9",
                "time_zone": zone,
            },
        )
        assert User.objects.get(email=email).time_zone == expected


def test_zone_countries_come_from_the_tz_database():
    assert zones.country_of("Europe/London") == "GB"
    assert zones.country_of("America/Argentina/Buenos_Aires") == "AR"
    assert zones.label("America/Argentina/Buenos_Aires") == "Buenos Aires, Argentina"
