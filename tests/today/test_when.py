"""Times read the way people say them: one unit, and "just now" rather than "0 minutes ago"."""

from datetime import timedelta

from django.template import Context, Template
from django.utils import timezone

from attunement.lib.when import ago


def test_moments_read_in_one_unit():
    now = timezone.now()
    assert ago(now - timedelta(seconds=20)) == "just now"
    assert ago(now - timedelta(minutes=5, seconds=10)) == "5\xa0minutes ago"
    assert ago(now - timedelta(days=5, hours=17)) == "5\xa0days ago"
    assert ago(None) == ""


def test_every_template_has_it_without_a_load():
    moment = timezone.now() - timedelta(hours=3, minutes=2)
    assert Template("{{ m|ago }}").render(Context({"m": moment})) == "3\xa0hours ago"
