"""The pages: one card at a time without JavaScript, matches and suggestions, planning, the
memory timeline and chart, Today, and query counts that do not grow with history."""

from datetime import time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from attunement.couples.models import Visibility
from attunement.together import services
from attunement.together.models import Highlight, Plan, Swipe
from tests.conftest import login, make_user, pair
from tests.together.helpers import HIGHLIGHT, MATCHED, MATCHED_TEXT, OTHER, both_say, memory

pytestmark = pytest.mark.django_db


def test_swiping_is_a_plain_form_one_card_at_a_time(alice, bob, couple, as_alice):
    page = as_alice.get("/together/swipe/").content.decode()
    assert page.count('name="choice"') == 3 and page.count('name="activity"') == 1
    first = page.split('name="activity" value="')[1].split('"')[0]
    response = as_alice.post("/together/swipe/", {"activity": first, "choice": "yes"})
    assert response.status_code == 302 and response["Location"] == "/together/swipe/"
    assert Swipe.objects.get(owner=alice).choice == "yes"
    second = as_alice.get("/together/swipe/").content.decode()
    assert f'value="{first}"' not in second
    assert "178 of 179 left" in second


def test_a_swipe_that_makes_a_match_says_so_and_one_that_does_not_is_silent(
    alice, bob, couple, as_alice
):
    services.swipe(user=bob, activity_id=MATCHED, choice="yes")
    services.swipe(user=bob, activity_id="a-002", choice="no")
    page = as_alice.post(
        "/together/swipe/", {"activity": MATCHED, "choice": "maybe"}, follow=True
    ).content.decode()
    assert "A match!" in page
    page = as_alice.post(
        "/together/swipe/", {"activity": "a-002", "choice": "yes"}, follow=True
    ).content.decode()
    assert "A match!" not in page


def test_the_deck_order_never_depends_on_the_partners_marks(alice, bob, couple, as_alice):
    def card() -> str:
        page = as_alice.get("/together/swipe/").content.decode()
        return page.split('name="activity" value="')[1].split('"')[0]

    before = card()
    for activity_id in ("a-001", "a-002", "a-003", "a-010", "a-100", before):
        services.swipe(user=bob, activity_id=activity_id, choice="no")
    assert card() == before


def test_bad_swipes_are_a_400_and_change_nothing(alice, bob, couple, as_alice):
    for data in ({"activity": MATCHED, "choice": "love"}, {"activity": "a-999", "choice": "yes"}):
        assert as_alice.post("/together/swipe/", data).status_code == 400
    assert not Swipe.objects.exists()


def test_overview_shows_matches_labelled_and_suggestions_with_a_reason(
    alice, bob, couple, as_alice
):
    both_say(alice, bob, MATCHED)
    both_say(alice, bob, "a-002", "yes", "maybe")
    page = as_alice.get("/together/").content.decode()
    assert MATCHED_TEXT in page
    assert "You both said yes" in page and "A yes and a maybe" in page
    assert "you haven&#x27;t done it together yet" in page or "something new" in page
    assert page.count('<span class="tag">New</span>') == 2
    # New for a week; reading the page changes nothing.
    assert as_alice.get("/together/").content.decode().count('<span class="tag">New</span>') == 2
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        later = as_alice.get("/together/").content.decode()
    assert later.count('<span class="tag">New</span>') == 0


def test_filters_are_the_couples_and_shape_the_suggestions(alice, bob, couple, as_alice):
    both_say(alice, bob, "a-024")  # a swim: out, high energy
    assert "Go for a swim" in as_alice.get("/together/").content.decode().split("You both want")[0]
    response = as_alice.post(
        "/together/filters/", {"max_cost": "free", "max_energy": "low", "places": ["home"]}
    )
    assert response.status_code == 302
    bobs = login(bob).get("/together/").content.decode()
    assert "Go for a swim" not in bobs.split("You both want")[0]
    assert "fit the filters below" in bobs
    assert (
        as_alice.post("/together/filters/", {"max_cost": "free", "max_energy": "low"}).status_code
        == 400
    )


def test_planning_shows_the_plan_to_both_on_their_own_clocks(alice, bob, couple, as_alice):
    bob.time_zone = "America/New_York"
    bob.save(update_fields=["time_zone"])
    both_say(alice, bob)
    response = as_alice.post(
        f"/together/plan/{MATCHED}/",
        {"day": "2026-06-20", "at": "19:00", "minutes": "120", "place": "Our kitchen", "note": ""},
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    page = login(bob).get(f"/together/plans/{plan.uuid}/").content.decode()
    assert "Sat 20 Jun 2026, 15:00" in page and "America/New_York" in page
    assert "Sat 20 Jun 2026, 19:00 for Alice" in page
    assert "Our kitchen" in page and "Add to my calendar (.ics)" in page


def test_a_time_the_clocks_skip_is_a_clear_refusal_on_the_page(alice, bob, couple, as_alice):
    alice.time_zone = "Europe/London"
    alice.save(update_fields=["time_zone"])
    both_say(alice, bob)
    response = as_alice.post(
        f"/together/plan/{MATCHED}/", {"day": "2027-03-28", "at": "01:30", "minutes": "60"}
    )
    assert response.status_code == 400
    assert "does not exist on that day" in response.content.decode()
    assert not Plan.objects.exists()


def test_the_memory_page_and_chart_show_revealed_memories_with_a_table(
    alice, bob, couple, as_alice
):
    memory(alice, bob)
    page = as_alice.get("/together/memories/").content.decode()
    assert HIGHLIGHT in page and OTHER in page
    assert "<svg" in page and 'role="img"' in page and "Show the chart as a table" in page
    assert "4.5/5" in page  # this week's average connection of the two ratings


def test_today_offers_writing_a_memory_and_shows_new_matches(alice, bob, couple):
    from tests.together.helpers import past_plan

    plan = past_plan(alice, bob)
    both_say(alice, bob, "a-002")
    page = login(bob).get("/today/").content.decode()
    assert "Time together" in page
    assert f"/together/plans/{plan.uuid}/" in page
    assert "2 new matches this week" in page


def _history(weeks: int):
    alice, bob = make_user("a@example.com", "A"), make_user("b@example.com", "B")
    couple = pair(alice, bob)
    now = timezone.now()
    for n in range(weeks):
        starts = now - timedelta(weeks=n, days=1)
        plan = Plan.objects.create(
            owner=alice,
            couple=couple,
            activity_id=f"a-{n % 170 + 1:03d}",
            starts_at=starts,
            memory_revealed_at=starts + timedelta(hours=5),
        )
        for person, rating in ((alice, 4), (bob, 5)):
            Highlight.objects.create(
                owner=person,
                couple=couple,
                plan=plan,
                visibility=Visibility.SEALED,
                text="lovely",
                connection=rating,
                revealed_at=starts + timedelta(hours=5),
            )
        Swipe.objects.create(owner=alice, couple=couple, activity_id=plan.activity_id, choice="yes")
        Swipe.objects.create(owner=bob, couple=couple, activity_id=plan.activity_id, choice="yes")
    both_say(alice, bob, "a-178")
    services.plan_activity(
        user=alice,
        activity_id="a-178",
        day=alice.local_today() + timedelta(days=2),
        at=time(18),
    )
    return login(alice)


PAGES = ("/together/", "/together/memories/", "/together/swipe/", "/today/", "/together/calendar/")


def _counts(client) -> dict[str, int]:
    counts = {}
    for url in PAGES:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx.captured_queries)
    return counts


def test_query_counts_do_not_grow_with_history(db):
    short = _counts(_history(8))
    from attunement.accounts.models import User

    User.objects.all().delete()
    long = _counts(_history(120))
    assert short == long
    assert short["/together/"] <= 15, short
    assert short["/together/memories/"] <= 10, short


def test_plan_page_query_count_is_constant(alice, bob, couple, as_alice):
    plan = memory(alice, bob)
    url = f"/together/plans/{plan.uuid}/"
    with CaptureQueriesContext(connection) as ctx:
        assert as_alice.get(url).status_code == 200
    assert len(ctx.captured_queries) <= 12


def test_demo_couple_has_weeks_of_plans_and_memories(db):
    from attunement.accounts.models import User
    from attunement.today.demo import create_demo

    create_demo()
    sam = User.objects.get(email="sam@example.com")
    client = login(sam)
    assert Plan.objects.filter(memory_revealed_at__isnull=False).count() >= 3
    page = client.get("/together/memories/").content.decode()
    assert "Chopping onions side by side" in page
    today = client.get("/today/").content.decode()
    assert "Write about" in today  # Alex wrote about yesterday; Sam hasn't yet
    assert "The cactus" not in client.get("/together/").content.decode()
    assert client.get("/together/").status_code == 200


def test_todays_count_of_new_matches_agrees_with_the_matches_page(alice, bob, couple):
    """Today counts new matches inside its one query; the count is the matches page's own."""
    from datetime import timedelta

    from attunement.couples import access
    from attunement.today.panels import PARTS, ask
    from attunement.together import reading
    from attunement.together.models import Swipe
    from tests.together.helpers import both_say

    old = timezone.now() - timedelta(days=30)
    both_say(alice, bob, "a-001")  # yes and yes, now
    both_say(alice, bob, "a-002", mine="yes", theirs="maybe")
    both_say(alice, bob, "a-003", mine="maybe", theirs="maybe")  # no yes: no match
    both_say(alice, bob, "a-004", mine="yes", theirs="no")
    both_say(alice, bob, "a-005")
    both_say(alice, bob, "a-006")
    Swipe.objects.filter(activity_id="a-005").update(updated_at=old)  # an old match
    Swipe.objects.filter(activity_id="a-006", owner=bob).update(updated_at=old)  # new: hers
    for person in (alice, bob):
        access.forget(person)
        expected = len(reading.new_matches(reading.matches(person)))
        assert expected == 3
        assert ask(person, PARTS)["together_new"] == expected
