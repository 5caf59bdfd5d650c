from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attunement import content
from attunement.couples import access
from attunement.listening import feedback, machine, progress, services
from attunement.listening.forms import (
    OWN,
    ConfirmForm,
    ControlForm,
    PieceForm,
    RatingForm,
    ResponseForm,
    StartForm,
    StepForm,
    TextForm,
)
from attunement.listening.models import Conversation, Level, Rating, State, Turn
from attunement.safety import hooks

PAST_SHOWN = 30


def get_conversation_for_user(request: HttpRequest, uuid: object) -> Conversation:
    """A conversation this person may see (its starter, or the partner while paired), or 404."""
    queryset = Conversation.objects.select_related("couple", "owner", "partner", "speaker")
    return access.get_visible_or_404(request.user, queryset, uuid=uuid)


def _context(
    request: HttpRequest, conversation: Conversation, **extra: object
) -> dict[str, object]:
    user = request.user
    turns = list(
        access.visible(user, Turn.objects.filter(conversation=conversation)).select_related("owner")
    )
    role = conversation.role_of(user.pk)
    actions = conversation.allowed_actions(user.pk)
    step = conversation.step
    ctx: dict[str, object] = {
        "conversation": conversation,
        "turns": turns,
        "role": role,
        "actions": actions,
        "other": conversation.partner if user.pk == conversation.owner_id else conversation.owner,
        "my_turn": conversation.is_turn_of(user.pk),
        "topic": conversation.topic,
        "piece_form": PieceForm(initial={"step": step}),
        "reflection_form": TextForm(initial={"step": step}),
        "confirm_form": ConfirmForm(initial={"step": step}),
        "response_form": ResponseForm(initial={"step": step}),
        "rated": Rating.objects.filter(conversation=conversation, owner=user).exists(),
        "speaker_is_me": conversation.speaker_id == user.pk,
        "listener": conversation.listener,
    }
    ctx["status"] = _status(conversation, user.pk, ctx["other"])
    ctx.update(extra)
    return ctx


def _status(conversation: Conversation, user_id: int, other: object) -> str:
    """One plain sentence on where the conversation is, from this person's side."""
    if conversation.is_closed:
        return "This conversation has ended."
    if conversation.state == State.PAUSED:
        return "This conversation is paused. Either of you can resume it."
    if not conversation.is_typed:
        return {
            State.SPEAKING: f"{conversation.speaker.name} speaks and "
            f"{conversation.listener.name} listens.",
            State.REFLECTING: f"{conversation.listener.name} says back what they heard.",
            State.RESPONDING: f"{conversation.listener.name} may validate, then you switch roles.",
        }.get(conversation.state, "")
    if conversation.turn_of_id == user_id:
        return {
            State.SPEAKING: "Your turn: share a piece of what's on your mind.",
            State.REFLECTING: "Your turn: say back what you heard.",
            State.CONFIRMING: "Your turn: did that reflection get it?",
            State.RESPONDING: "Your turn: validate or respond, then the floor passes to you.",
        }.get(conversation.state, "")
    return {
        State.SPEAKING: f"Waiting for {other.name} to share a piece.",
        State.REFLECTING: f"Waiting for {other.name} to say back what they heard.",
        State.CONFIRMING: f"Waiting for {other.name} to say whether you got it.",
        State.RESPONDING: f"Waiting for {other.name} to respond; then you'll have the floor.",
    }.get(conversation.state, "")


def _page(
    request: HttpRequest, conversation: Conversation, status: int = 200, **extra: object
) -> HttpResponse:
    return render(
        request,
        "listening/conversation.html",
        _context(request, conversation, **extra),
        status=status,
    )


def _conflict(request: HttpRequest, conversation: Conversation, message: str) -> HttpResponse:
    conversation.refresh_from_db()
    return _page(request, conversation, status=409, conflict=message)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    mine = access.visible(request.user, Conversation.objects).select_related(
        "couple", "owner", "partner", "speaker"
    )
    conversations = list(mine.order_by("-updated_at")[: PAST_SHOWN + 20])
    ctx = {
        "active": [c for c in conversations if not c.is_closed],
        "past": [c for c in conversations if c.is_closed][:PAST_SHOWN],
        "partner": access.partner_of(request.user),
    }
    return render(request, "listening/index.html", ctx)


def _topics_by_level() -> list[tuple[str, list[dict[str, str]]]]:
    topics = content.load("conversation_topics")
    levels = [(Level.LIGHT, "Light"), (Level.MEDIUM, "Medium"), (Level.HARD, "Hard")]
    return [(label, [t for t in topics if t["level"] == level]) for level, label in levels]


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    partner = access.partner_of(request.user)
    status = 200
    if request.method == "POST":
        form = StartForm(request.POST)
        if partner is None:
            form.add_error(None, "Conversations are for two: invite your partner first.")
        if form.is_valid():
            data = form.cleaned_data
            topic_id = "" if data["topic"] == OWN else data["topic"]
            level = services.level_of(topic_id)
            gated = data["mode"] == machine.TYPED and level != Level.LIGHT
            if gated and not hooks.joint_exercises_allowed(access.current_couple(request.user)):
                form.add_error(None, services.UNAVAILABLE)
                status = 409
            else:
                conversation = services.start_conversation(
                    user=request.user,
                    mode=data["mode"],
                    topic_id=topic_id,
                    own_topic=data["own_topic"],
                    level=level,
                    timer_minutes=data["timer_minutes"] or 0,
                )
                if data["own_topic"]:
                    hooks.screen_text(request, data["own_topic"])
                return redirect("listening_conversation", uuid=conversation.uuid)
        status = status if status != 200 else 400
    else:
        form = StartForm(initial={"topic": request.GET.get("topic", "")})
    ctx = {"form": form, "levels": _topics_by_level(), "partner": partner}
    return render(request, "listening/start.html", ctx, status=status)


@login_required
@require_GET
def conversation_page(request: HttpRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    return _page(request, conversation)


@login_required
@require_GET
def live(request: HttpRequest, uuid: object) -> HttpResponse:
    """The polled part of a conversation: 204 while nothing changed, else the fresh body."""
    conversation = get_conversation_for_user(request, uuid)
    try:
        seen = int(request.GET.get("step", ""))
    except ValueError:
        seen = -1
    if seen == conversation.step:
        return HttpResponse(status=204)
    return render(request, "listening/_body.html", _context(request, conversation))


def _step(form: object) -> int | None:
    return form.cleaned_data.get("step") if form.is_valid() else None


@login_required
@require_POST
def send_piece(request: HttpRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    form = PieceForm(request.POST)
    if not form.is_valid():
        return _page(request, conversation, status=400, piece_form=form)
    text = form.cleaned_data["text"]
    if not form.cleaned_data["send_anyway"] and request.user.pk == conversation.speaker_id:
        suggestion = feedback.gentle_start(text)
        if suggestion is not None:
            # Shown to the speaker only; the draft is not stored anywhere.
            return _page(request, conversation, piece_form=form, gentle=suggestion)
    try:
        services.send_piece(
            user=request.user,
            conversation=conversation,
            text=text,
            expected_step=form.cleaned_data["step"],
        )
    except services.ConversationConflict as exc:
        return _conflict(request, conversation, str(exc))
    hooks.screen_text(request, text)
    return redirect("listening_conversation", uuid=conversation.uuid)


@login_required
@require_POST
def check_reflection(request: HttpRequest, uuid: object) -> HttpResponse:
    """Private feedback on a draft reflection, for the listener only; nothing is stored."""
    conversation = get_conversation_for_user(request, uuid)
    form = TextForm(request.POST)
    if (
        conversation.state != State.REFLECTING
        or conversation.role_of(request.user.pk) != machine.LISTENER
    ):
        message = "Feedback is for the listener while they write a reflection."
        if request.htmx:
            return render(
                request,
                "listening/_feedback.html",
                {"error": message, "conversation": conversation},
                status=409,
            )
        return _conflict(request, conversation, message)
    if not form.is_valid():
        if request.htmx:
            ctx = {"error": form.errors["text"][0], "conversation": conversation}
            return render(request, "listening/_feedback.html", ctx, status=400)
        return _page(request, conversation, status=400, reflection_form=form)
    result = feedback.reflection_feedback(
        conversation.current_statement(), form.cleaned_data["text"]
    )
    if request.htmx:
        return render(
            request, "listening/_feedback.html", {"feedback": result, "conversation": conversation}
        )
    return _page(request, conversation, reflection_form=form, feedback=result)


@login_required
@require_POST
def send_reflection(request: HttpRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    form = TextForm(request.POST)
    if not form.is_valid():
        return _page(request, conversation, status=400, reflection_form=form)
    try:
        services.send_reflection(
            user=request.user,
            conversation=conversation,
            text=form.cleaned_data["text"],
            expected_step=form.cleaned_data["step"],
        )
    except services.ConversationConflict as exc:
        return _conflict(request, conversation, str(exc))
    hooks.screen_text(request, form.cleaned_data["text"])
    return redirect("listening_conversation", uuid=conversation.uuid)


@login_required
@require_POST
def confirm(request: HttpRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _page(request, conversation, status=400, confirm_form=form)
    if conversation.mode != machine.TYPED:
        return _conflict(request, conversation, "In person, use the buttons on the floor card.")
    clarification = form.cleaned_data["clarification"]
    try:
        services.confirm_reflection(
            user=request.user,
            conversation=conversation,
            verdict=form.cleaned_data["verdict"],
            clarification=clarification,
            expected_step=form.cleaned_data["step"],
        )
    except services.ConversationConflict as exc:
        return _conflict(request, conversation, str(exc))
    if clarification:
        hooks.screen_text(request, clarification)
    return redirect("listening_conversation", uuid=conversation.uuid)


@login_required
@require_POST
def respond(request: HttpRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return _page(request, conversation, status=400, response_form=form)
    if conversation.mode != machine.TYPED:
        return _conflict(request, conversation, "In person, use the buttons on the floor card.")
    text = form.cleaned_data["text"]
    try:
        services.send_response(
            user=request.user,
            conversation=conversation,
            text=text,
            expected_step=form.cleaned_data["step"],
        )
    except services.ConversationConflict as exc:
        return _conflict(request, conversation, str(exc))
    if text:
        hooks.screen_text(request, text)
    return redirect("listening_conversation", uuid=conversation.uuid)


@login_required
@require_POST
def in_person_step(request: HttpRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _page(
            request,
            conversation,
            status=400,
            conflict="That step wasn't clear. Try the button again.",
        )
    try:
        services.advance_in_person(
            user=request.user,
            conversation=conversation,
            action=form.cleaned_data["action"],
            expected_step=form.cleaned_data["step"],
        )
    except services.ConversationConflict as exc:
        return _conflict(request, conversation, str(exc))
    return redirect("listening_conversation", uuid=conversation.uuid)


def _control(request: HttpRequest, uuid: object, action: str) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    form = ControlForm(request.POST)
    if not form.is_valid():
        return _page(
            request, conversation, status=400, conflict="That step wasn't clear. Try again."
        )
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
    except services.ConversationConflict as exc:
        return _conflict(request, conversation, str(exc))
    return redirect("listening_conversation", uuid=conversation.uuid)


@login_required
@require_POST
def pause(request: HttpRequest, uuid: object) -> HttpResponse:
    return _control(request, uuid, machine.PAUSE)


@login_required
@require_POST
def resume(request: HttpRequest, uuid: object) -> HttpResponse:
    return _control(request, uuid, machine.RESUME)


@login_required
@require_POST
def end(request: HttpRequest, uuid: object) -> HttpResponse:
    return _control(request, uuid, machine.END)


@login_required
@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, uuid: object) -> HttpResponse:
    conversation = get_conversation_for_user(request, uuid)
    existing = Rating.objects.filter(conversation=conversation, owner=request.user).first()
    status = 200
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                services.rate_conversation(
                    user=request.user, conversation=conversation, **form.cleaned_data
                )
            except services.ListeningError as exc:
                return _conflict(request, conversation, str(exc))
            if form.cleaned_data["note"]:
                hooks.screen_text(request, form.cleaned_data["note"])
            messages.success(request, "Thank you. Your answer is saved, just for you.")
            return redirect("listening_conversation", uuid=conversation.uuid)
        status = 400
    else:
        initial = {"counts_for_partner": True}
        if existing:
            initial = {
                k: getattr(existing, k)
                for k in ("felt_heard", "helped", "note", "counts_for_partner")
            }
        form = RatingForm(initial=initial)
    other = conversation.partner if request.user.pk == conversation.owner_id else conversation.owner
    ctx = {"conversation": conversation, "form": form, "existing": existing, "other": other}
    return render(request, "listening/rate.html", ctx, status=status)


@login_required
@require_GET
def progress_page(request: HttpRequest) -> HttpResponse:
    summary = progress.summary_for(request.user)
    ctx = {"p": summary, "grid": progress.grid(), "start_url": reverse("listening_start")}
    return render(request, "listening/progress.html", ctx)
