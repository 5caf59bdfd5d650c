"""Care services follow where the person lives: the region comes from their time zone."""

from attunement.safety import care
from tests.conftest import login


def _selected(html: str) -> str:
    region_select = html.split('id="region"', 1)[1].split("</select>", 1)[0]
    return region_select.split(" selected")[0].rsplit('value="', 1)[1].split('"')[0]


def test_london_shows_united_kingdom_services_and_the_choice_stays_open(alice):
    alice.time_zone = "Europe/London"
    alice.save(update_fields=["time_zone"])
    client = login(alice)
    assert _selected(client.get("/safety/").content.decode()) == "GB"
    assert _selected(client.get("/safety/?region=AU").content.decode()) == "AU"


def test_a_zone_without_listed_services_falls_back_to_the_host_region(alice, settings):
    settings.SAFETY_REGION = "INTL"
    alice.time_zone = "Asia/Tokyo"
    alice.save(update_fields=["time_zone"])
    assert _selected(login(alice).get("/safety/").content.decode()) == "INTL"


def test_the_care_card_lists_the_time_zones_services_first():
    london = care.care_for("self_harm", time_zone="Europe/London").resources
    sydney = care.care_for("self_harm", time_zone="Australia/Sydney").resources
    assert london[0]["region"] == "GB" or any(r["region"] == "GB" for r in london)
    assert not any(r["region"] == "GB" for r in sydney)
    assert any(r["region"] == "AU" for r in sydney)
