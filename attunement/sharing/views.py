from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.errors import DomainError
from attunement.lib.pages import refusal
from attunement.sharing import coaching, selection, services
from attunement.sharing.forms import (
    DECK_SIZE,
    AnswerForm,
    CheckReplyForm,
    ComfortForm,
    HistoryFilter,
    ReactionForm,
    TogetherForm,
)
from attunement.sharing.models import Answer, Reaction, ServedQuestion, depth_counts, question_ids

HISTORY_PAGE = 20
KEPT_REPLIES = 50


@dataclass(frozen=True)
class _PartnersAnswer:
    """A partner's answer as the question page shows it, with this person's reaction form."""

    answer: Answer
    my_reaction: Reaction | None
    form: ReactionForm
    feedback: coaching.Feedback | None


def _question_page(
    request: SignedInRequest,
    served: ServedQuestion,
    *,
    status: int = 200,
    refused: DomainError | None = None,
    answer_form: AnswerForm | None = None,
    reaction_forms: dict[int, ReactionForm] | None = None,
    feedback: dict[int, coaching.Feedback] | None = None,
    fresh: bool = False,
) -> HttpResponse:
    """The question page. `fresh` when `served` was just read for this request; otherwise it
    is read again, since the reveal may have happened in the write before."""
    user = request.user
    if not fresh:
        served.refresh_from_db()
    prefetch_related_objects(
        [served], *access.readable_answers_prefetches(user, Answer.objects, Reaction.objects)
    )
    reading = served.reading_for(user, is_today=services.is_todays(user=user, served=served))
    own = reading.own
    reaction_forms = reaction_forms or {}
    feedback = feedback or {}
    partners = []
    for answer in reading.partners:
        mine = answer.reaction_by(user)
        form = reaction_forms.get(answer.pk) or ReactionForm(
            initial={"kind": mine.kind, "reply": mine.reply} if mine else None
        )
        partners.append(_PartnersAnswer(answer, mine, form, feedback.get(answer.pk)))
    if answer_form is None and reading.can_answer:
        answer_form = AnswerForm(initial={"text": own.text} if own and not own.skipped else None)
    ctx: dict[str, Any] = {
        "served": served,
        "own": own,
        "state": reading.state,
        "is_today": reading.is_today,
        "partners": partners,
        "partner": access.partner_of(user),
        "answer_form": answer_form,
        "prompts": coaching.PROMPTS,
        "can_share": bool(
            own and access.partner_of(user) and own.can_be_shared(is_today=reading.is_today)
        ),
    }
    if refused is not None:
        shown, status = refusal(refused)
        ctx.update(shown)
    return render(request, "sharing/question.html", ctx, status=status)


def _served_or_404(request: SignedInRequest, uuid: str) -> ServedQuestion:
    return access.get_served_question_or_404(
        request.user, ServedQuestion.objects, Answer.objects, uuid=uuid
    )


@login_required
@require_GET
def today(request: SignedInRequest) -> HttpResponse:
    served = services.todays_question(user=request.user)
    return _question_page(request, served, fresh=True)


@login_required
@require_GET
def question(request: SignedInRequest, uuid: str) -> HttpResponse:
    return _question_page(request, _served_or_404(request, uuid), fresh=True)


@login_required
@require_POST
def answer(request: SignedInRequest, uuid: str) -> HttpResponse:
    served = _served_or_404(request, uuid)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _question_page(request, served, status=400, answer_form=form)
    try:
        saved = services.submit_answer(
            user=request.user, served=served, text=form.cleaned_data["text"]
        )
    except DomainError as exc:
        return _question_page(request, served, refused=exc, answer_form=form)
    # The notice is one word of confirmation: the page's heading right below says the rest.
    if saved.revealed_at:
        messages.success(request, "Saved.")
    elif served.is_solo:
        messages.success(request, "Saved.")
    else:
        messages.success(request, "Saved and sealed.")
    return redirect("sharing_question", uuid=served.uuid)


@login_required
@require_POST
def skip(request: SignedInRequest, uuid: str) -> HttpResponse:
    served = _served_or_404(request, uuid)
    try:
        services.skip_question(user=request.user, served=served)
    except DomainError as exc:
        return _question_page(request, served, refused=exc)
    messages.success(request, "Skipped.")
    return redirect("sharing_question", uuid=served.uuid)


@login_required
@require_POST
def favourite(request: SignedInRequest, uuid: str) -> HttpResponse:
    served = _served_or_404(request, uuid)
    try:
        on = services.toggle_favourite(user=request.user, served=served)
    except DomainError as exc:
        return _question_page(request, served, refused=exc)
    messages.success(request, "Kept as a favourite." if on else "Removed from your favourites.")
    if request.POST.get("next") == "history":
        return redirect("sharing_history")
    return redirect("sharing_question", uuid=served.uuid)


@login_required
@require_POST
def react(request: SignedInRequest, uuid: str) -> HttpResponse:
    target = access.get_partners_answer_or_404(request.user, Answer.objects, uuid=uuid)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        return _question_page(request, target.served, status=400, reaction_forms={target.pk: form})
    try:
        services.react_to_answer(user=request.user, answer=target, **form.cleaned_data)
    except DomainError as exc:
        return _question_page(request, target.served, refused=exc, reaction_forms={target.pk: form})
    messages.success(request, f"Sent. {target.owner.name} will see it with their answer.")
    return redirect("sharing_question", uuid=target.served.uuid)


@login_required
@require_POST
def check_reply(request: SignedInRequest, uuid: str) -> HttpResponse:
    """A private preview of coaching for a draft reply. Nothing is stored or sent."""
    target = access.get_partners_answer_or_404(request.user, Answer.objects, uuid=uuid)
    form = CheckReplyForm(request.POST)
    if not form.is_valid():
        feedback = coaching.Feedback("gentle", str(form.errors["reply"][0]))
        status = 400
    else:
        feedback = coaching.coach_reply(answer=target.text, reply=form.cleaned_data["reply"])
        status = 200
    if request.htmx:
        return render(
            request,
            "sharing/_coaching.html",
            {"feedback": feedback, "answer": target},
            status=status,
        )
    draft = ReactionForm(
        initial={"kind": request.POST.get("kind", ""), "reply": request.POST.get("reply", "")}
    )
    return _question_page(
        request,
        target.served,
        status=status,
        reaction_forms={target.pk: draft},
        feedback={target.pk: feedback},
    )


@login_required
@require_POST
def share(request: SignedInRequest, uuid: str) -> HttpResponse:
    own = access.get_own_or_404(request.user, Answer.objects.select_related("served"), uuid=uuid)
    try:
        services.share_answer(user=request.user, answer=own)
    except DomainError as exc:
        return _question_page(request, own.served, refused=exc)
    partner = access.partner_of(request.user)
    messages.success(request, f"Shared with {partner.name if partner else 'your partner'}.")
    return redirect("sharing_question", uuid=own.served.uuid)


@login_required
@require_GET
def history(request: SignedInRequest) -> HttpResponse:
    user = request.user
    filters = HistoryFilter(request.GET)
    data = filters.cleaned_data if filters.is_valid() else {}
    rows = access.answered_questions(
        user,
        ServedQuestion.objects,
        Answer.objects,
        Reaction.objects,
        question_ids=question_ids(data.get("theme", "")),
        favourites=data.get("favourites", False),
    )
    page = Paginator(rows, HISTORY_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "page": page,
        "filters": filters,
        "counts": depth_counts(
            access.opened_up_questions(user, ServedQuestion.objects, Answer.objects)
        ),
        "partner": access.partner_of(user),
        "query": query.urlencode(),
        # Replies to answers that went with their writer's account stay the replier's.
        "kept_replies": list(
            access.own(user, Reaction.objects.filter(answer__isnull=True)).order_by("-created_at")[
                :KEPT_REPLIES
            ]
        ),
    }
    return render(request, "sharing/history.html", ctx, status=200 if filters.is_valid() else 400)


@login_required
@require_GET
def together(request: SignedInRequest) -> HttpResponse:
    user = request.user
    # Together mode follows only the comfort ceilings (the lower of the two), not progression.
    ceilings = [services.comfort_of(person) for person in services.people_of(user)]
    allowed = selection.allowed_depths(selection.lowest(ceilings))
    form = TogetherForm(request.GET or None, allowed=allowed)
    ctx: dict[str, object] = {"form": form, "partner": access.partner_of(user)}
    status = 200
    if request.GET and form.is_valid():
        depth, n = form.cleaned_data["depth"], form.cleaned_data["n"] or 0
        couple = access.current_couple(user)
        seed = f"{couple.uuid if couple else user.uuid}:{depth}:{user.local_today()}"
        cards = selection.deck(seed=seed, depth=depth, size=DECK_SIZE)
        timer = int(form.cleaned_data.get("timer") or 0)
        base = {"depth": depth, "timer": timer}
        ctx.update(
            card=cards[n],
            n=n,
            number=n + 1,
            total=len(cards),
            timer=timer,
            previous={**base, "n": n - 1} if n > 0 else None,
            next={**base, "n": n + 1} if n + 1 < len(cards) else None,
        )
    elif request.GET:
        status = 400
    return render(request, "sharing/together.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def comfort(request: SignedInRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = ComfortForm(request.POST)
        if form.is_valid():
            services.set_comfort(user=request.user, ceiling=form.cleaned_data["ceiling"])
            messages.success(request, "Saved. It applies from the next question on.")
            return redirect("sharing_comfort")
        status = 400
    else:
        form = ComfortForm(initial={"ceiling": services.comfort_of(request.user)})
    return render(request, "sharing/comfort.html", {"form": form}, status=status)
