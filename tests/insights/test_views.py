"""The pages and API: what each person sees, and what it costs."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attunement.insights.models import PulseAnswer
from attunement.support.history_fixture import fill_history
from tests.conftest import login, make_user, pair
from tests.insights.helpers import pulse_row, strategy_history

THIS_WEEK = date(2026, 6, 15)
FORM = {
    "listening": "5",
    "sharing": "4",
    "empathy": "4",
    "together": "3",
    "differences": "6",
    "support": "2",
    "closeness": "64",
}


def test_taking_the_pulse_saves_it_privately_and_shows_progress(alice, bob, couple, as_alice):
    page = as_alice.get("/insights/pulse/")
    assert "This week I felt listened to." in page.content.decode()
    response = as_alice.post("/insights/pulse/", FORM, follow=True)
    assert response.redirect_chain[-1][0] == "/insights/"
    answer = PulseAnswer.objects.get(owner=alice)
    assert answer.scores["support"] == 2 and answer.closeness == 64
    assert not answer.share_closeness and answer.visibility == "private"
    assert "just for you" in response.content.decode()
    again = as_alice.get("/insights/pulse/").content.decode()
    assert 'value="64"' in again  # the week's answers come back to be changed


def test_a_partial_pulse_is_sent_back_with_a_clear_message(alice, as_alice):
    form = {k: v for k, v in FORM.items() if k != "support"}
    response = as_alice.post("/insights/pulse/", form)
    assert response.status_code == 400
    assert "Pick a number from 1 to 7." in response.content.decode()
    assert not PulseAnswer.objects.exists()


def test_the_partner_never_sees_my_pulse(alice, bob, couple, as_bob):
    pulse_row(alice, THIS_WEEK, couple, closeness=93, support=1, share=False)
    pulse_row(bob, THIS_WEEK, couple, closeness=41, support=6, share=True)
    page = as_bob.get("/insights/").content.decode()
    assert "<td>93</td>" not in page and "<td>41</td>" in page
    api = as_bob.get("/api/v1/insights/progress").json()
    assert api["closeness_together"] is None
    closeness = next(s for s in api["series"] if s["key"] == "pulse.closeness")
    assert closeness["values"][-1] == 41.0


def test_both_opted_in_shows_both_closeness_lines(alice, bob, couple, as_bob):
    pulse_row(alice, THIS_WEEK, couple, closeness=93, share=True)
    pulse_row(bob, THIS_WEEK, couple, closeness=41, share=True)
    page = as_bob.get("/insights/").content.decode()
    assert "Alice (squares)" in page and "<td>41</td><td>93</td>" in page
    api = as_bob.get("/api/v1/insights/progress?span=months").json()
    assert api["closeness_together"][-1] == 93.0 and len(api["windows"]) == 12


def test_the_focus_page_proposes_three_actions_and_takes_another_pick(alice, bob, couple, as_bob):
    pulse_row(alice, THIS_WEEK, couple, support=2, listening=6, sharing=6)
    page = as_bob.get("/insights/focus/").content.decode()
    assert '<h2 id="focus-title">Support</h2>' in page
    actions = page.split('<ol class="actions">')[1].split("</ol>")[0]
    assert actions.count("<li>") == 3
    response = as_bob.post("/insights/focus/", {"strategy": "sharing"}, follow=True)
    assert "you chose this one" in response.content.decode()
    assert as_bob.get("/api/v1/insights/focus").json()["strategy"] == "sharing"


def test_reminder_settings_page_saves_choices(alice, as_alice):
    from attunement.notifications.models import Reminder
    from tests.notifications.matrix import FORM as REMINDERS

    assert as_alice.post("/settings/reminders/", REMINDERS).status_code == 302
    check_in = Reminder.objects.get(user=alice, kind="check_in")
    assert check_in.enabled and check_in.hour == 9
    data = as_alice.get("/api/v1/reminders").json()
    assert data["quiet"] == {"start": 22, "end": 7}
    assert {k["kind"] for k in data["kinds"] if k["enabled"]} == {"daily_question", "pulse"}
    clash = {**REMINDERS, "pulse_hour": "23"}
    response = as_alice.post("/settings/reminders/", clash)
    assert response.status_code == 400
    assert "inside your quiet hours" in response.content.decode()


def _queries(client, url: str) -> int:
    client.get(url)  # the focus is proposed on first sight, once a week
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _world(weeks: int):
    alice, bob = make_user("a@example.com", "A"), make_user("b@example.com", "B")
    couple = pair(alice, bob)
    fill_history(alice, bob, couple, weeks * 7)
    strategy_history(alice, bob, couple, weeks, THIS_WEEK)
    for back in range(weeks):
        for person in (alice, bob):
            pulse_row(person, THIS_WEEK - timedelta(weeks=back), couple, share=True)
    return login(alice)


URLS = [
    "/insights/",
    "/insights/?span=months",
    "/api/v1/insights/progress",
    "/insights/focus/",
    "/today/",
]


@pytest.mark.django_db
def test_progress_costs_the_same_queries_at_one_month_and_two_years():
    client = _world(4)
    month = {url: _queries(client, url) for url in URLS}
    from attunement.accounts.models import User

    User.objects.all().delete()
    client = _world(104)
    years = {url: _queries(client, url) for url in URLS}
    print(month)
    assert month == years
    assert month["/insights/"] <= 14, month


def test_today_offers_the_pulse_until_it_is_taken_and_names_the_focus(alice, bob, couple, as_alice):
    page = as_alice.get("/today/").content.decode()
    assert "Take your weekly pulse" in page and "See this week's focus" in page
    pulse_row(alice, THIS_WEEK, couple, support=1)
    as_alice.get("/insights/focus/")
    page = as_alice.get("/today/").content.decode()
    assert "Take your weekly pulse" not in page and "Your weekly pulse is in." in page
    assert 'Your focus together: <a href="/insights/focus/">Support</a>' in page
