from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.differences import chart, compare, scoring, services
from attunement.differences.forms import DimensionForm, GuessForm, SharingForm
from attunement.differences.models import ProfileVisibility, StyleTake
from attunement.lib.errors import DomainError
from attunement.lib.pages import refusal

HISTORY_SHOWN = 10


@login_required
@require_GET
def index(request: SignedInRequest) -> HttpResponse:
    return _index(request)


def _index(request: SignedInRequest, status: int = 200, **extra: object) -> HttpResponse:
    found = compare.build(request.user)
    history = list(
        access.own(request.user, StyleTake.objects.filter(completed_at__isnull=False))
        .select_related("owner")
        .order_by("-completed_at")[:HISTORY_SHOWN]
    )
    draft = access.own(request.user, StyleTake.objects.filter(completed_at__isnull=True)).exists()
    ctx = {
        "map": found,
        "profile": found.my_take.to_dict(request.user) if found.my_take else None,
        "history": [t.to_dict(request.user) for t in history[1:]],
        "draft": draft,
        "scales": list(scoring.scales().values()),
        "dimension_count": len(scoring.dimensions()),
        "item_count": sum(len(d.items) for d in scoring.dimensions()),
        **extra,
    }
    return render(request, "differences/index.html", ctx, status=status)


@login_required
@require_GET
def take(request: SignedInRequest) -> HttpResponse:
    """Start or carry on: the first screen with an unanswered statement."""
    draft = access.own(request.user, StyleTake.objects.filter(completed_at__isnull=True)).first()
    answered = draft.answers if draft else {}
    for dimension in scoring.dimensions():
        if any(item["id"] not in answered for item in dimension.items):
            return redirect("differences_step", dimension=dimension.id)
    return redirect("differences_step", dimension=scoring.dimensions()[-1].id)


@login_required
@require_http_methods(["GET", "POST"])
def step(request: SignedInRequest, dimension: str) -> HttpResponse:
    found = scoring.dimension(dimension)
    if found is None:
        raise Http404
    dims = list(scoring.dimensions())
    position = dims.index(found)
    is_last = position == len(dims) - 1
    ctx: dict[str, object] = {}
    status = 200
    if request.method == "POST":
        form = DimensionForm(found, request.POST)
        status = 400
        if form.is_valid():
            try:
                services.save_answers(user=request.user, dimension=found.id, answers=form.answers())
            except DomainError as exc:
                ctx, status = refusal(exc)
            else:
                if not is_last:
                    return redirect("differences_step", dimension=dims[position + 1].id)
                try:
                    taken = services.finish_take(user=request.user)
                except DomainError as exc:
                    # This screen is saved; an earlier one still has a gap: go to it.
                    messages.error(request, exc.message)
                    return redirect("differences_take")
                private = taken.visibility == ProfileVisibility.PRIVATE
                seen_by = "Only you can see it." if private else "It's shared, as before."
                messages.success(request, f"Your profile is ready. {seen_by}")
                return redirect("differences")
    else:
        draft = access.own(
            request.user, StyleTake.objects.filter(completed_at__isnull=True)
        ).first()
        initial = {
            i["id"]: draft.answers[i["id"]]
            for i in found.items
            if draft and i["id"] in draft.answers
        }
        form = DimensionForm(found, initial=initial)
    ctx |= {
        "form": form,
        "dimension": found,
        "number": position + 1,
        "count": len(dims),
        "previous": dims[position - 1] if position else None,
        "is_last": is_last,
        "labels": scoring.answer_labels(),
    }
    return render(request, "differences/step.html", ctx, status=status)


@login_required
@require_POST
def share(request: SignedInRequest) -> HttpResponse:
    form = SharingForm(request.POST)
    if not form.is_valid():
        return _index(request, 400, refusal="Choose whether to share your profile.")
    shared = form.cleaned_data["shared"]
    try:
        services.set_profile_sharing(user=request.user, shared=shared)
    except DomainError as exc:
        ctx, status = refusal(exc)
        return _index(request, status, **ctx)
    partner = access.partner_of(request.user)
    name = partner.name if partner else "your partner"
    messages.success(
        request, f"Shared with {name}." if shared else "Your profile is just for you again."
    )
    return redirect("differences")


@login_required
@require_http_methods(["GET", "POST"])
def guess(request: SignedInRequest) -> HttpResponse:
    found = compare.build(request.user)
    ctx: dict[str, object] = {}
    status = 200
    if request.method == "POST":
        form = GuessForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                saved = services.save_guess(user=request.user, scores=form.scores())
            except DomainError as exc:
                ctx, status = refusal(exc)
            else:
                if saved.revealed_at:
                    messages.success(request, "Saved. You've both guessed: your map is ready.")
                    return redirect("differences_map")
                messages.success(request, "Saved and sealed until you have both guessed.")
                return redirect("differences")
    else:
        initial = found.my_guess.scores if found.my_guess else None
        form = GuessForm(initial=initial)
    fields = [(scale, form[scale.id]) for scale in scoring.scales().values()]
    ctx |= {"form": form, "map": found, "fields": fields, "labels": scoring.answer_labels()}
    return render(request, "differences/guess.html", ctx, status=status)


@login_required
@require_GET
def map_page(request: SignedInRequest) -> HttpResponse:
    return _map(request)


def _map(request: SignedInRequest, status: int = 200, **extra: object) -> HttpResponse:
    found = compare.build(request.user)
    cards = found.cards()
    talks = compare.card_talks(request.user) if cards else {}
    ctx = {
        "map": found,
        "chart": chart.profiles(found),
        "differs_most": found.differs_most(),
        "knowing": found.knowing(),
        "cards": [(card, talks.get(card.id)) for card in cards],
        "today": request.user.local_today(),
        **extra,
    }
    return render(request, "differences/map.html", ctx, status=status)


@login_required
@require_POST
def card_talked(request: SignedInRequest, card_id: str) -> HttpResponse:
    done = "Noted. You'll both see the day you talked about it."
    return _card_talk(request, card_id, services.record_card_talk, done)


@login_required
@require_POST
def card_talk_undone(request: SignedInRequest, card_id: str) -> HttpResponse:
    return _card_talk(
        request,
        card_id,
        services.take_back_card_talk,
        "Taken back: today's mark on that card is gone for you both.",
    )


def _card_talk(
    request: SignedInRequest, card_id: str, act: Callable[..., object], done: str
) -> HttpResponse:
    """Mark or take back a talked-about card, then back to that card (or the map, refused)."""
    try:
        act(user=request.user, card_id=card_id)
    except DomainError as exc:
        ctx, status = refusal(exc)
        return _map(request, status, **ctx)
    messages.success(request, done)
    return redirect(reverse("differences_map") + f"#card-{card_id}")
