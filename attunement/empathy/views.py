"""Pages of the empathy strategy: feeling rounds, the quiz, perspective-taking, solo practice.

Four steps each: parse, load through the gate, call a service, render or redirect.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attunement import content
from attunement.accounts.http import SignedInRequest
from attunement.content import feelings as feeling_set
from attunement.couples import access
from attunement.empathy import quiz, services
from attunement.empathy.accuracy import FEELINGS_WEIGHT, INTENSITY_WEIGHT
from attunement.empathy.chart import POINTS, accuracy_chart
from attunement.empathy.feedback import story_feedback
from attunement.empathy.forms import (
    DisagreementForm,
    GuessForm,
    MarkForm,
    RatingForm,
    RoundForm,
    StoryForm,
    quiz_value,
)
from attunement.empathy.models import (
    Disagreement,
    FeelingGuess,
    FeelingRound,
    QuizEntry,
    QuizRound,
    SelfAnswer,
    Story,
    StoryRating,
    quiz_item,
)
from attunement.lib.errors import DomainError, InvalidInput
from attunement.lib.pages import refusal
from attunement.safety import hooks

# The label of a guess whose round went with its writer's account.
DELETED_ROUND = "a round that was deleted"

REFLECTION = (
    "Talk it over: what did you pick up on? What did you miss? What would have told you more?"
)


def _with_refusal(ctx: dict[str, Any], exc: DomainError | None, status: int) -> int:
    if exc is None:
        return status
    shown, status = refusal(exc)
    ctx.update(shown)
    return status


# Feeling rounds -------------------------------------------------------------------------------


@login_required
@require_GET
def index(request: SignedInRequest) -> HttpResponse:
    user = request.user
    partner = access.partner_of(user)
    rounds = list(
        access.feeling_rounds(user, FeelingRound.objects)
        .select_related("owner", "guess", "guess__owner")
        .order_by("-created_at")[:10]
    )
    ctx = {
        "partner": partner,
        "to_guess": [r for r in rounds if r.owner_id != user.pk and r.revealed_at is None],
        "rounds": [r.to_dict(user) for r in rounds],
    }
    return render(request, "empathy/index.html", ctx)


def _round_form_page(
    request: SignedInRequest, form: RoundForm, status: int = 200, refused: DomainError | None = None
) -> HttpResponse:
    ctx: dict[str, Any] = {
        "form": form,
        "groups": feeling_set.GROUPS,
        "chosen": set(form["feelings"].value() or []),
        "partner": access.partner_of(request.user),
    }
    return render(
        request, "empathy/round_new.html", ctx, status=_with_refusal(ctx, refused, status)
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request: SignedInRequest) -> HttpResponse:
    if request.method == "GET":
        # A check-in's owner may arrive with its feelings in the address (see support's
        # check-in page): they only fill the form in, nothing is read from the check-in.
        initial = {
            "feelings": [f for f in request.GET.getlist("feelings") if f in feeling_set.BY_ID],
            "intensity": request.GET.get("intensity", ""),
            "from_check_in": request.GET.get("from_check_in") == "1",
        }
        return _round_form_page(request, RoundForm(initial=initial))
    form = RoundForm(request.POST)
    if not form.is_valid():
        return _round_form_page(request, form, status=400)
    try:
        made = services.start_round(user=request.user, **form.cleaned_data)
    except DomainError as exc:
        return _round_form_page(request, form, refused=exc)
    messages.success(request, "Saved and sealed. Your partner can now guess how you feel.")
    return redirect("empathy_round", uuid=made.uuid)


def _round_page(
    request: SignedInRequest,
    uuid: str,
    form: GuessForm | None = None,
    status: int = 200,
    refused: DomainError | None = None,
) -> HttpResponse:
    user = request.user
    item = access.get_feeling_round_or_404(
        user, FeelingRound.objects.select_related("owner", "guess", "guess__owner"), uuid=uuid
    )
    data = item.to_dict(user)
    can_guess = not data["mine"] and not data["revealed"]
    ctx: dict[str, Any] = {
        "item": data,
        "form": form or (GuessForm() if can_guess else None),
        "groups": feeling_set.GROUPS,
        "chosen": set(form["feelings"].value() or []) if form else set(),
        "reflection": REFLECTION,
    }
    return render(request, "empathy/round.html", ctx, status=_with_refusal(ctx, refused, status))


@login_required
@require_GET
def round_detail(request: SignedInRequest, uuid: str) -> HttpResponse:
    return _round_page(request, uuid)


@login_required
@require_POST
def guess(request: SignedInRequest, uuid: str) -> HttpResponse:
    item = access.get_feeling_round_or_404(request.user, FeelingRound.objects, uuid=uuid)
    form = GuessForm(request.POST)
    if not form.is_valid():
        return _round_page(request, uuid, form, status=400)
    try:
        services.guess_round(user=request.user, feeling_round=item, **form.cleaned_data)
    except DomainError as exc:
        return _round_page(request, uuid, form, refused=exc)
    messages.success(request, "Here is how your partner feels, beside your guess.")
    return redirect("empathy_round", uuid=item.uuid)


@login_required
@require_GET
def accuracy_page(request: SignedInRequest) -> HttpResponse:
    rows = list(
        access.own(request.user, FeelingGuess.objects)
        .select_related("round")
        .order_by("-created_at")[:POINTS]
    )
    rows.reverse()
    # A guess outlives a round its partner deleted with their account: it keeps its point.
    guesses = [
        (
            g.created_at,
            g.accuracy or 0.0,
            ", ".join(feeling_set.labels(g.round.feelings)) if g.round else DELETED_ROUND,
        )
        for g in rows
    ]
    ctx = {
        "chart": accuracy_chart(guesses),
        "feelings_weight": round(100 * FEELINGS_WEIGHT),
        "intensity_weight": round(100 * INTENSITY_WEIGHT),
    }
    return render(request, "empathy/accuracy.html", ctx)


# The quiz -------------------------------------------------------------------------------------


def _quiz_page(
    request: SignedInRequest, status: int = 200, refused: DomainError | None = None
) -> HttpResponse:
    user = request.user
    if access.partner_of(user) is None:
        return redirect("empathy_self")
    rounds = quiz.open_rounds(user=user)
    entries = list(access.visible(user, QuizEntry.objects.filter(round__in=[r.pk for r in rounds])))
    shown = [r.to_dict(user, [e for e in entries if e.round_id == r.pk]) for r in rounds]
    ctx: dict[str, Any] = {
        "rounds": shown,
        "partner": access.partner_of(user),
        "marks": MarkForm(),
        "can_next": any(r["revealed"] or r["expired"] for r in shown),
    }
    return render(request, "empathy/quiz.html", ctx, status=_with_refusal(ctx, refused, status))


@login_required
@require_GET
def quiz_page(request: SignedInRequest) -> HttpResponse:
    return _quiz_page(request)


@login_required
@require_POST
def quiz_next(request: SignedInRequest) -> HttpResponse:
    try:
        quiz.next_rounds(user=request.user)
    except DomainError as exc:
        return _quiz_page(request, refused=exc)
    return redirect("empathy_quiz")


def _quiz_round_or_404(request: SignedInRequest, uuid: str) -> QuizRound:
    return access.get_couples_row_or_404(request.user, QuizRound.objects, uuid=uuid)


@login_required
@require_POST
def quiz_answer(request: SignedInRequest, uuid: str) -> HttpResponse:
    item = _quiz_round_or_404(request, uuid)
    try:
        value = quiz_value(item.item, request.POST)
        quiz.answer_round(user=request.user, quiz_round=item, value=value)
    except DomainError as exc:
        return _quiz_page(request, refused=exc)
    messages.success(request, "Saved and sealed until you've both answered.")
    return redirect("empathy_quiz")


@login_required
@require_POST
def quiz_guess(request: SignedInRequest, uuid: str) -> HttpResponse:
    item = _quiz_round_or_404(request, uuid)
    try:
        value = quiz_value(item.item, request.POST)
        quiz.guess_round(user=request.user, quiz_round=item, value=value)
    except DomainError as exc:
        return _quiz_page(request, refused=exc)
    messages.success(request, "Guess saved and sealed until you've both answered.")
    return redirect("empathy_quiz")


@login_required
@require_POST
def quiz_mark(request: SignedInRequest, uuid: str) -> HttpResponse:
    item = _quiz_round_or_404(request, uuid)
    form = MarkForm(request.POST)
    try:
        if not form.is_valid():
            raise InvalidInput("Choose: that's it, close, or not quite.")
        quiz.mark_round(user=request.user, quiz_round=item, marked=form.cleaned_data["marked"])
    except DomainError as exc:
        return _quiz_page(request, refused=exc)
    return redirect("empathy_quiz")


# Solo: self-knowledge and the granularity practice --------------------------------------------


def _self_page(
    request: SignedInRequest,
    item_id: str | None = None,
    status: int = 200,
    refused: DomainError | None = None,
) -> HttpResponse:
    user = request.user
    mine = list(access.own(user, SelfAnswer.objects).order_by("-updated_at"))
    current = {a.item_id: a for a in mine if a.is_current()}
    asked = request.GET.get("item", "") or item_id or ""
    entry = content.get("partner_quiz", asked) if asked else None
    if entry is None or entry.get("retired"):
        # The next unanswered question, after the one just passed over ("Another question").
        ids = quiz.item_ids()
        after = request.GET.get("after", "")
        start = ids.index(after) + 1 if after in ids else 0
        left = [i for i in ids[start:] + ids[:start] if i not in current]
        entry = quiz_item(left[0]) if left else None
    topics = content.quiz_topics()
    ctx: dict[str, Any] = {
        "entry": entry,
        "existing": current.get(entry["id"]) if entry else None,
        "topic_label": topics.get(entry["topic"], "") if entry else "",
        "answered": [
            {"item": quiz_item(a.item_id), "answer": a.answer, "current": a.is_current()}
            for a in mine
        ],
        "count": len(current),
        "total": len(quiz.item_ids()),
        "partner": access.partner_of(user),
    }
    return render(request, "empathy/self.html", ctx, status=_with_refusal(ctx, refused, status))


@login_required
@require_GET
def self_page(request: SignedInRequest) -> HttpResponse:
    return _self_page(request)


@login_required
@require_POST
def self_answer(request: SignedInRequest, item_id: str) -> HttpResponse:
    entry = content.get("partner_quiz", item_id)
    if entry is None or entry.get("retired"):
        raise Http404
    try:
        value = quiz_value(entry, request.POST)
        quiz.save_self_answer(user=request.user, item_id=item_id, value=value)
    except DomainError as exc:
        return _self_page(request, item_id, refused=exc)
    messages.success(request, "Saved, just for you until a quiz round asks about it.")
    return redirect("empathy_self")


@login_required
@require_GET
def granularity(request: SignedInRequest) -> HttpResponse:
    group = feeling_set.GROUP_BY_ID.get(request.GET.get("group", ""))
    feeling = feeling_set.BY_ID.get(request.GET.get("feeling", ""))
    if feeling is not None:
        group = feeling_set.GROUP_OF[feeling.id]
    ctx = {"groups": feeling_set.GROUPS, "group": group, "feeling": feeling}
    return render(request, "empathy/granularity.html", ctx)


# Perspective-taking ---------------------------------------------------------------------------


def _perspective_list(
    request: SignedInRequest,
    form: DisagreementForm | None = None,
    status: int = 200,
    refused: DomainError | None = None,
) -> HttpResponse:
    user = request.user
    couple = access.current_couple(user)
    items = list(
        access.visible(user, Disagreement.objects)
        .select_related("owner")
        .order_by("-created_at")[:20]
    )
    # Stories told in a disagreement that went with its writer's account stay their teller's.
    kept = access.own(user, Story.objects.filter(disagreement__isnull=True))
    ctx: dict[str, Any] = {
        "items": items,
        "kept_stories": list(kept.order_by("-created_at")[:20]),
        "form": form or DisagreementForm(),
        "partner": access.partner_of(user),
        "allowed": hooks.joint_exercises_allowed(couple),
        "off_message": hooks.JOINT_OFF_MESSAGE,
    }
    return render(
        request, "empathy/perspective.html", ctx, status=_with_refusal(ctx, refused, status)
    )


@login_required
@require_http_methods(["GET", "POST"])
def perspective(request: SignedInRequest) -> HttpResponse:
    if request.method == "GET":
        return _perspective_list(request)
    form = DisagreementForm(request.POST)
    if not form.is_valid():
        return _perspective_list(request, form, status=400)
    try:
        made = services.start_disagreement(user=request.user, topic=form.cleaned_data["topic"])
    except DomainError as exc:
        return _perspective_list(request, form, refused=exc)
    return redirect("empathy_disagreement", uuid=made.uuid)


def _disagreement_page(
    request: SignedInRequest,
    uuid: str,
    story_form: StoryForm | None = None,
    rating_form: RatingForm | None = None,
    status: int = 200,
    refused: DomainError | None = None,
) -> HttpResponse:
    user = request.user
    item = access.get_visible_or_404(user, Disagreement.objects.select_related("owner"), uuid=uuid)
    stories = list(
        access.visible(user, Story.objects.filter(disagreement=item)).select_related("owner")
    )
    ratings = list(access.visible(user, StoryRating.objects.filter(story__disagreement=item)))
    data = item.to_dict(user, stories, ratings)
    mine = next((s for s in stories if s.owner_id == user.pk), None)
    theirs = next((s for s in stories if s.owner_id != user.pk), None)
    note_on_mine = next((r.missed for r in ratings if mine and r.story_id == mine.pk), "")
    feedback = (
        story_feedback(mine.text, note_on_mine if item.ratings_revealed_at else "")
        if mine
        else None
    )
    my_rating = next((r for r in ratings if r.owner_id == user.pk), None)
    ctx: dict[str, Any] = {
        "item": data,
        "mine": mine,
        "theirs": theirs,
        "feedback": feedback,
        "story_form": story_form
        or (
            StoryForm(initial={"text": mine.text if mine else ""})
            if not data["stories_revealed"]
            else None
        ),
        "rating_form": rating_form
        or (
            RatingForm(
                initial={"captured": my_rating.captured, "missed": my_rating.missed}
                if my_rating
                else None
            )
            if data["stories_revealed"] and not data["ratings_revealed"] and theirs
            else None
        ),
        "my_rating": my_rating,
        "current": item.couple_id == getattr(access.current_couple(user), "pk", None),
    }
    return render(
        request, "empathy/disagreement.html", ctx, status=_with_refusal(ctx, refused, status)
    )


@login_required
@require_GET
def disagreement(request: SignedInRequest, uuid: str) -> HttpResponse:
    return _disagreement_page(request, uuid)


@login_required
@require_POST
def story(request: SignedInRequest, uuid: str) -> HttpResponse:
    item = access.get_visible_or_404(request.user, Disagreement.objects, uuid=uuid)
    form = StoryForm(request.POST)
    if not form.is_valid():
        return _disagreement_page(request, uuid, story_form=form, status=400)
    try:
        saved = services.write_story(
            user=request.user, disagreement=item, text=form.cleaned_data["text"]
        )
    except DomainError as exc:
        return _disagreement_page(request, uuid, story_form=form, refused=exc)
    if saved.revealed_at:
        messages.success(
            request, "You've both told it. Read theirs, and say how well it caught your side."
        )
    else:
        messages.success(request, "Saved and sealed until your partner has told theirs.")
    return redirect("empathy_disagreement", uuid=item.uuid)


@login_required
@require_POST
def rate(request: SignedInRequest, uuid: str) -> HttpResponse:
    target = access.get_visible_or_404(
        request.user,
        access.partners_rows(
            request.user, Story.objects.filter(disagreement__isnull=False)
        ).select_related("disagreement"),
        uuid=uuid,
    )
    form = RatingForm(request.POST)
    assert target.disagreement is not None  # loaded with one
    back = str(target.disagreement.uuid)
    if not form.is_valid():
        return _disagreement_page(request, back, rating_form=form, status=400)
    try:
        services.rate_story(user=request.user, story=target, **form.cleaned_data)
    except DomainError as exc:
        return _disagreement_page(request, back, rating_form=form, refused=exc)
    messages.success(request, "Thank you. Ratings show once you've both rated.")
    return redirect("empathy_disagreement", uuid=back)
