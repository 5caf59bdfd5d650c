"""Today asks every strategy's questions in one query, and rows come back as they were saved."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from attunement.couples import access
from attunement.couples.models import Visibility
from attunement.lib.panels import Part, first_row, row_of
from attunement.support.models import Appreciation
from attunement.today.panels import PARTS, ask
from tests.builders import appreciation


def test_every_part_is_answered_in_one_query(alice, couple):
    access.partner_of(alice)  # the couple is loaded once per request, before Today asks
    with CaptureQueriesContext(connection) as ctx:
        asked = ask(alice, PARTS)
    assert len(ctx.captured_queries) == 1
    assert "insights_answered" in asked and "listening" in asked


def test_a_row_comes_back_decrypted_with_its_uuid_and_time(alice, bob, couple):
    sent = appreciation(bob, alice, couple=couple, visibility=Visibility.SHARED, text="Ta ♥")

    def asks(user):
        rows = access.visible(user, Appreciation.objects).order_by("-created_at")
        return first_row("thanks", rows, "uuid", "text", "created_at", "owner_id")

    found = row_of(ask(alice, [Part(lambda r, a: None, asks)]), "thanks", Appreciation)
    assert found is not None
    assert (found.uuid, found.text, found.owner_id) == (sent.uuid, "Ta ♥", bob.pk)
    assert found.created_at == sent.created_at and timezone.is_aware(found.created_at)


def test_no_row_is_none_and_the_gate_still_decides(alice, bob, charlie, couple):
    appreciation(bob, alice, couple=couple, visibility=Visibility.PRIVATE)
    since = timezone.now() - timedelta(days=1)

    def asks(user):
        rows = access.visible(user, Appreciation.objects.filter(created_at__gte=since))
        return first_row("thanks", rows, "uuid")

    part = Part(lambda r, a: None, asks)
    assert row_of(ask(alice, [part]), "thanks", Appreciation) is None  # bob's private words
    assert row_of(ask(charlie, [part]), "thanks", Appreciation) is None
    assert row_of(ask(bob, [part]), "thanks", Appreciation) is not None
