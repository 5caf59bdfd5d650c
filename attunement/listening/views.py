from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attunement import content
from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.style import style_hints
from attunement.lib.errors import DomainError
from attunement.lib.pages import refusal
from attunement.listening import machine, presence, progress, services
from attunement.listening.forms import (
    ConfirmForm,
    ControlForm,
    PieceForm,
    RatingForm,
    ResponseForm,
    StartForm,
    StepForm,
    TextForm,
)
from attunement.listening.models import Conversation, Level, Rating

PAST_SHOWN = 30


def get_conversation_for_user(
    request: SignedInRequest, uuid: object, *, whole_page: bool = False
) -> Conversation:
    """A conversation this person took part in, or 404. After the couple ended it still opens,
    closed, with only this person's own turns (see Conversation.turns_for).

    `whole_page`: for the conversation page, which reads the person's couple
    anyway: its people come from the request (_attach_people) and whether this person rated it
    comes with the row, rather than three more copies of people's rows and a query of its own.
    """
    user = request.user
    if not whole_page:
        return access.get_taken_part_in_or_404(
            user,
            Conversation.objects.select_related("couple", "owner", "partner", "speaker"),
            uuid=uuid,
        )
    rated = access.own(user, Rating.objects.filter(conversation=OuterRef("pk")))
    conversation = access.get_taken_part_in_or_404(
        user, Conversation.objects.annotate(rated=Exists(rated)), uuid=uuid
    )
    _attach_people(user, conversation)
    return conversation


def _attach_people(user: User, conversation: Conversation) -> None:
    """Its people are nearly always this person and their current partner, and its couple
    theirs, all loaded once per request already: only anyone else is fetched (one query), so
    the conversation is read without three more copies of people's rows."""
    couple = access.current_couple(user)
    known = {p.pk: p for p in (user, access.partner_of(user)) if p is not None}
    ids = [conversation.owner_id, conversation.partner_id, conversation.speaker_id]
    others = {pk for pk in ids if pk is not None and pk not in known}
    if others:
        known |= User.objects.in_bulk(others)
    for field in ("owner", "partner", "speaker"):
        pk = getattr(conversation, f"{field}_id")
        if pk in known:
            setattr(conversation, field, known[pk])
    if couple is not None and conversation.couple_id == couple.pk:
        conversation.couple = couple


def _context(
    request: SignedInRequest, conversation: Conversation, **extra: object
) -> dict[str, object]:
    user = request.user
    mine = conversation.to_dict(user)  # the same reading of the conversation as the API's
    step = conversation.step
    turns = conversation.turns_for(user)
    ctx: dict[str, object] = {
        "conversation": conversation,
        "turns": turns,
        "can_rate": conversation.heard_a_full_round(user.pk, turns),
        "role": mine["my_role"],
        "actions": mine["allowed_actions"],
        "my_turn": mine["my_turn"],
        "status": conversation.status_for(user.pk),
        "other_name": conversation.other_name_for(user.pk),
        "speaker_is_me": conversation.speaker_id == user.pk,
        "topic": conversation.topic_for(user),
        "piece_form": PieceForm(initial={"step": step}),
        "reflection_form": TextForm(initial={"step": step}),
        "confirm_form": ConfirmForm(initial={"step": step}),
        "response_form": ResponseForm(initial={"step": step}),
        "rated": _rated(user, conversation),
    }
    ctx.update(extra)
    return ctx


def _rated(user: User, conversation: Conversation) -> bool:
    """Whether this person rated it: read with the conversation (get_conversation_for_user)."""
    rated = getattr(conversation, "rated", None)
    if rated is None:
        rated = access.own(user, Rating.objects.filter(conversation=conversation)).exists()
    return bool(rated)


def _page(
    request: SignedInRequest, conversation: Conversation, status: int = 200, **extra: object
) -> HttpResponse:
    ctx = _context(request, conversation, **extra)
    ctx["style_line"] = _style_line(request, conversation)
    return render(request, "listening/conversation.html", ctx, status=status)


def _style_line(request: SignedInRequest, conversation: Conversation) -> str:
    """One line from the other person's shared style profile: how they like to process."""
    user = request.user
    other = conversation.partner if conversation.owner_id == user.pk else conversation.owner
    if conversation.is_closed or other is None:
        return ""
    style = style_hints(other, reader=user)
    if style is None or style.thinks_first is None:
        return ""
    if style.thinks_first:
        return f"{other.name} likes time to think first: it's fine to pause."
    return f"{other.name} likes to talk things through as they come: say what you can now."


def _refused(
    request: SignedInRequest, conversation: Conversation, exc: DomainError
) -> HttpResponse:
    """The conversation as it is now, with the refusal above it."""
    conversation.refresh_from_db()
    ctx, status = refusal(exc)
    if exc.message == services.UNAVAILABLE:
        ctx["way_forward"] = services.WAY_FORWARD_UNDER_WAY
    return _page(request, conversation, status=status, **ctx)


def _take_step(
    request: SignedInRequest,
    uuid: object,
    form_class: type[forms.Form],
    form_name: str,
    write: Callable[[Conversation, dict[str, Any]], object],
) -> HttpResponse:
    """Parse the step's form, let the service take the step, and show where it is now."""
    conversation = get_conversation_for_user(request, uuid)
    form = form_class(request.POST)
    if not form.is_valid():
        return _page(request, conversation, status=400, **{form_name: form})
    try:
        write(conversation, form.cleaned_data)
    except DomainError as exc:
        return _refused(request, conversation, exc)
    return redirect("listening_conversation", uuid=conversation.uuid)


@login_required
@require_GET
def index(request: SignedInRequest) -> HttpResponse:
    mine = access.took_part_in(request.user, Conversation.objects).select_related(
        "couple", "owner", "partner", "speaker"
    )
    conversations = list(mine.order_by("-updated_at")[: PAST_SHOWN + 20])
    # Each with the title this person may read (see Conversation.topic_for).
    titled = [(c, c.topic_for(request.user)["title"]) for c in conversations]
    ctx = {
        "active": [(c, title) for c, title in titled if not c.is_closed],
        "past": [(c, title) for c, title in titled if c.is_closed][:PAST_SHOWN],
        "partner": access.partner_of(request.user),
    }
    return render(request, "listening/index.html", ctx)


# The short list on top: three light topics and one a little deeper. The rest wait, by depth,
# behind a summary each (a 69-topic page was a 10,000-px scroll on a phone).
SUGGESTED = {"light": 3, "medium": 1}
DEPTHS = [
    (Level.LIGHT, "More light topics", "A gentle way in."),
    (Level.MEDIUM, "Medium topics", "A little deeper."),
    (Level.HARD, "Harder topics", "For a calm moment when you both have time."),
]


def _topic_picker() -> dict[str, object]:
    topics = content.load("conversation_topics")
    suggested: list[dict[str, str]] = []
    for level, count in SUGGESTED.items():
        suggested += [t for t in topics if t["level"] == level][:count]
    ids = {t["id"] for t in suggested}
    groups = [
        {
            "label": label,
            "hint": hint,
            "topics": [t for t in topics if t["level"] == level and t["id"] not in ids],
        }
        for level, label, hint in DEPTHS
    ]
    return {"suggested": suggested, "groups": groups}


@login_required
@require_http_methods(["GET", "POST"])
def start(request: SignedInRequest) -> HttpResponse:
    ctx: dict[str, object] = {}
    status = 200
    if request.method == "POST":
        form = StartForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                conversation = services.start_conversation(
                    user=request.user,
                    mode=data["mode"],
                    topic_id=form.topic_id(),
                    own_topic=data["own_topic"],
                    timer_minutes=data["timer_minutes"] or 0,
                )
            except DomainError as exc:
                ctx, status = refusal(exc)
                if exc.message == services.UNAVAILABLE:
                    ctx["way_forward"] = services.WAY_FORWARD_TO_START
            else:
                return redirect("listening_conversation", uuid=conversation.uuid)
    else:
        form = StartForm(initial={"topic": request.GET.get("topic", "")})
    ctx.update(form=form, partner=access.partner_of(request.user), **_topic_picker())
    return render(request, "listening/start.html", ctx, status=status)


@login_required
@require_GET
def conversation_page(request: SignedInRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid, whole_page=True)
    presence.mark_watching(conversation.uuid, request.user.pk)
    return _page(request, conversation)


@login_required
@require_GET
def live(request: SignedInRequest, uuid: object) -> HttpResponse:
    """The polled part of a conversation: 204 while nothing changed, else the fresh body."""
    conversation = get_conversation_for_user(request, uuid)
    presence.mark_watching(conversation.uuid, request.user.pk)
    try:
        seen = int(request.GET.get("step", ""))
    except ValueError:
        seen = -1
    if seen == conversation.step:
        return HttpResponse(status=204)
    return render(request, "listening/_body.html", _context(request, conversation))


@login_required
@require_POST
def send_piece(request: SignedInRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    form = PieceForm(request.POST)
    if not form.is_valid():
        return _page(request, conversation, status=400, piece_form=form)
    try:
        services.send_piece(
            user=request.user,
            conversation=conversation,
            text=form.cleaned_data["text"],
            expected_step=form.cleaned_data["step"],
            send_anyway=form.cleaned_data["send_anyway"],
        )
    except services.GentleStartSuggested as exc:
        # Shown to the speaker only, with their draft to edit; the draft is stored nowhere.
        return _page(request, conversation, piece_form=form, gentle=exc.suggestion)
    except DomainError as exc:
        return _refused(request, conversation, exc)
    return redirect("listening_conversation", uuid=conversation.uuid)


def _feedback(
    request: SignedInRequest, conversation: Conversation, status: int = 200, **ctx: object
) -> HttpResponse:
    """The htmx fragment of a reflection check (it shows its own refusal: it has no base)."""
    ctx.update(conversation=conversation, fragment=True)
    return render(request, "listening/_feedback.html", ctx, status=status)


@login_required
@require_POST
def check_reflection(request: SignedInRequest, uuid: object) -> HttpResponse:
    """Private feedback on a draft reflection, for the listener only; nothing is stored."""
    conversation = get_conversation_for_user(request, uuid)
    form = TextForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            first_error = next(iter(form.errors.values()))[0]
            return _feedback(request, conversation, status=400, refusal=first_error)
        return _page(request, conversation, status=400, reflection_form=form)
    try:
        result = services.check_reflection(
            user=request.user, conversation=conversation, text=form.cleaned_data["text"]
        )
    except DomainError as exc:
        if request.htmx:
            ctx, status = refusal(exc)
            return _feedback(request, conversation, status=status, **ctx)
        return _refused(request, conversation, exc)
    if request.htmx:
        return _feedback(request, conversation, feedback=result)
    return _page(request, conversation, reflection_form=form, feedback=result)


@login_required
@require_POST
def send_reflection(request: SignedInRequest, uuid: object) -> HttpResponse:
    return _take_step(
        request,
        uuid,
        TextForm,
        "reflection_form",
        lambda c, data: services.send_reflection(
            user=request.user, conversation=c, text=data["text"], expected_step=data["step"]
        ),
    )


@login_required
@require_POST
def confirm(request: SignedInRequest, uuid: object) -> HttpResponse:
    return _take_step(
        request,
        uuid,
        ConfirmForm,
        "confirm_form",
        lambda c, data: services.confirm_reflection(
            user=request.user,
            conversation=c,
            verdict=data["verdict"],
            clarification=data["clarification"],
            expected_step=data["step"],
        ),
    )


@login_required
@require_POST
def respond(request: SignedInRequest, uuid: object) -> HttpResponse:
    return _take_step(
        request,
        uuid,
        ResponseForm,
        "response_form",
        lambda c, data: services.send_response(
            user=request.user, conversation=c, text=data["text"], expected_step=data["step"]
        ),
    )


@login_required
@require_POST
def in_person_step(request: SignedInRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _page(request, conversation, status=400, refusal=services.UNCLEAR_STEP)
    try:
        services.advance_in_person(
            user=request.user,
            conversation=conversation,
            action=form.cleaned_data["action"],
            expected_step=form.cleaned_data["step"],
        )
    except DomainError as exc:
        return _refused(request, conversation, exc)
    return redirect("listening_conversation", uuid=conversation.uuid)


def _control(request: SignedInRequest, uuid: object, action: str) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    form = ControlForm(request.POST)
    if not form.is_valid():
        return _page(request, conversation, status=400, refusal=services.UNCLEAR_STEP)
    step = form.cleaned_data["step"]
    try:
        if action == machine.PAUSE:
            services.pause_conversation(
                user=request.user, conversation=conversation, expected_step=step
            )
            messages.success(request, "Paused. Either of you can resume it whenever you're ready.")
        elif action == machine.RESUME:
            services.resume_conversation(
                user=request.user, conversation=conversation, expected_step=step
            )
        else:
            services.end_conversation(user=request.user, conversation=conversation)
            messages.success(request, "The conversation has ended. Thank you for taking the time.")
            return redirect("listening_rate", uuid=conversation.uuid)
    except DomainError as exc:
        return _refused(request, conversation, exc)
    return redirect("listening_conversation", uuid=conversation.uuid)


@login_required
@require_POST
def pause(request: SignedInRequest, uuid: object) -> HttpResponse:
    return _control(request, uuid, machine.PAUSE)


@login_required
@require_POST
def resume(request: SignedInRequest, uuid: object) -> HttpResponse:
    return _control(request, uuid, machine.RESUME)


@login_required
@require_POST
def end(request: SignedInRequest, uuid: object) -> HttpResponse:
    return _control(request, uuid, machine.END)


@login_required
@require_http_methods(["GET", "POST"])
def rate(request: SignedInRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    existing = access.own(request.user, Rating.objects.filter(conversation=conversation)).first()
    status = 200
    if request.method == "POST":
        form = RatingForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.rate_conversation(
                    user=request.user, conversation=conversation, **form.cleaned_data
                )
            except DomainError as exc:
                return _refused(request, conversation, exc)
            messages.success(request, "Thank you. Your answer is saved, just for you.")
            return redirect("listening_conversation", uuid=conversation.uuid)
    else:
        initial = {"counts_for_partner": True}
        if existing:
            initial = {
                k: getattr(existing, k)
                for k in ("felt_heard", "helped", "note", "counts_for_partner")
            }
        form = RatingForm(initial=initial)
    ctx = {
        "conversation": conversation,
        "form": form,
        "existing": existing,
        "other_name": conversation.other_name_for(request.user.pk),
    }
    return render(request, "listening/rate.html", ctx, status=status)


@login_required
@require_GET
def progress_page(request: SignedInRequest) -> HttpResponse:
    summary = progress.summary_for(request.user)
    ctx = {"p": summary, "grid": progress.grid(), "start_url": reverse("listening_start")}
    return render(request, "listening/progress.html", ctx)
