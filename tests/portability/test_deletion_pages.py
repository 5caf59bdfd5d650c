"""After one partner deletes their account, the other's pages and API still answer (no 500),
and keep what the other person's rows carried of theirs where a page shows it (issue 12,
item 9): a guess whose round went keeps its point on the accuracy chart, an appreciation sent
stays under "From you"."""

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from attunement.accounts.models import User
from attunement.api import api
from attunement.couples.services import delete_account
from attunement.empathy.models import Disagreement, FeelingGuess, FeelingRound, Story
from attunement.listening.models import Conversation
from attunement.sharing.models import Reaction, ServedQuestion
from attunement.support.models import Appreciation, CheckIn, Response
from attunement.today.demo import create_demo
from attunement.together.models import Highlight, Plan
from tests.conftest import fresh_login

pytestmark = pytest.mark.django_db


def _page_names() -> list[str]:
    def walk(patterns: list, ns: str | None = None) -> list[str]:
        names = []
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace not in ("admin", "api"):
                    names += walk(p.url_patterns, p.namespace or ns)
            elif isinstance(p, URLPattern) and p.name:
                names.append(f"{ns}:{p.name}" if ns else p.name)
        return names

    return walk(get_resolver().url_patterns)


def _api_paths() -> list[str]:
    paths = []
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            if "{" not in path and any("GET" in op.methods for op in view.operations):
                paths.append(
                    "/api/v1" + (f"/{prefix.strip('/')}" if prefix.strip("/") else "") + path
                )
    return paths


@pytest.fixture
def sam_after_alex_left():
    create_demo()
    alex = User.objects.get(email="alex@example.com")
    sam = User.objects.get(email="sam@example.com")
    # What Sam may open by address, gathered while Alex is still there.
    by_address = {
        "check_in_detail": list(CheckIn.objects.filter(owner=sam)[:3]),
        "empathy_round": list(FeelingRound.objects.all()[:6]),
        "empathy_disagreement": list(Disagreement.objects.all()),
        "listening_conversation": list(Conversation.objects.all()[:4]),
        "sharing_question": list(ServedQuestion.objects.all()[:4]),
        "together_plan": list(Plan.objects.all()),
    }
    delete_account(user=alex)
    return sam, by_address


def test_every_page_of_the_partner_answers_after_the_other_deleted_their_account(
    sam_after_alex_left,
):
    sam, by_address = sam_after_alex_left
    client = fresh_login(sam)
    seen = 0
    for name in _page_names():
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if "logout" in url or "quick-exit" in url or "delete" in url:
            continue
        assert client.get(url).status_code < 500, url
        seen += 1
    for name, rows in by_address.items():
        for row in rows:
            status = client.get(reverse(name, kwargs={"uuid": row.uuid})).status_code
            assert status in (200, 302, 404), (name, status)
            seen += 1
    assert seen > 40


def test_every_api_read_of_the_partner_answers_after_the_other_deleted_their_account(
    sam_after_alex_left,
):
    sam, by_address = sam_after_alex_left
    client = fresh_login(sam)
    for path in _api_paths():
        assert client.get(path).status_code < 500, path
    details = {
        "check_in_detail": "/api/v1/checkins/{}",
        "empathy_round": "/api/v1/empathy/rounds/{}",
        "empathy_disagreement": "/api/v1/empathy/disagreements/{}",
        "listening_conversation": "/api/v1/listening/conversations/{}",
        "sharing_question": "/api/v1/sharing/questions/{}",
        "together_plan": "/api/v1/together/plans/{}",
    }
    for name, rows in by_address.items():
        for row in rows:
            assert client.get(details[name].format(row.uuid)).status_code in (200, 404), name


def test_the_partner_keeps_their_guesses_and_appreciations_in_their_history(
    sam_after_alex_left,
):
    sam, _ = sam_after_alex_left
    client = fresh_login(sam)
    kept = FeelingGuess.objects.filter(owner=sam, round__isnull=True)
    assert kept.exists()  # the rounds went with Alex; Sam's guesses stayed
    accuracy = client.get(reverse("empathy_accuracy")).content.decode()
    assert "a round that was deleted" in accuracy

    sent = Appreciation.objects.filter(owner=sam, recipient__isnull=True).first()
    assert sent is not None
    page = client.get(reverse("appreciations")).content.decode()
    assert escape(sent.text) in page
    listed = client.get("/api/v1/appreciations").json()
    assert sent.text in [a["text"] for a in listed]


def test_the_partner_reads_their_replies_to_check_ins_that_were_deleted(sam_after_alex_left):
    sam, _ = sam_after_alex_left
    kept = Response.objects.filter(owner=sam, check_in__isnull=True)
    assert kept.count() == 13  # every reply Sam wrote to Alex's check-ins
    page = fresh_login(sam).get(reverse("history")).content.decode()
    assert "Your replies to check-ins that were deleted" in page
    for reply in kept:
        assert escape(reply.message or reply.quick_text) in page


def test_the_partner_reads_their_replies_stories_and_highlights_on_deleted_rows(
    sam_after_alex_left,
):
    sam, _ = sam_after_alex_left
    client = fresh_login(sam)
    replies = Reaction.objects.filter(owner=sam, answer__isnull=True)
    stories = Story.objects.filter(owner=sam, disagreement__isnull=True)
    highlights = Highlight.objects.filter(owner=sam, plan__isnull=True)
    assert replies.exists() and stories.exists() and highlights.exists()

    page = client.get(reverse("sharing_history")).content.decode()
    assert "Your replies to answers that were deleted" in page
    for r in replies:
        assert escape(r.reply or r.kind_text) in page
    page = client.get(reverse("empathy_perspective")).content.decode()
    assert "Your stories from disagreements that were deleted" in page
    for s in stories:
        assert escape(s.text).split("\n")[0] in page
    page = client.get(reverse("together_memories")).content.decode()
    assert "Your highlights of plans that were deleted" in page
    for h in highlights:
        assert escape(h.text).split("\n")[0] in page


def test_pages_say_nothing_of_deleted_rows_when_there_are_none(alice, couple):
    client = fresh_login(alice)
    for name in ("history", "sharing_history", "empathy_perspective", "together_memories"):
        assert "that were deleted" not in client.get(reverse(name)).content.decode(), name
