"""Demo history: a few finished Speaker–Listener conversations between Alex and Sam."""

from datetime import datetime, time, timedelta

from attunement.accounts.models import User
from attunement.couples.models import Couple, Visibility
from attunement.listening.models import Conversation, Kind, Mode, Rating, State, Turn

# One line of a demo script: who, the kind of turn, the verdict, the text.
Line = tuple[str, str, str, str]

TYPED_SCRIPT: list[Line] = [
    (
        "alex",
        Kind.PIECE,
        "",
        "I feel a bit lonely in the evenings when we're both on our phones. "
        "I'd love one evening a week that's just us, screens away.",
    ),
    ("sam", Kind.REFLECTION, "", "You'd like more evenings together."),
    (
        "alex",
        Kind.CONFIRMATION,
        "partly",
        "Yes, and it's more that I miss feeling close, not just being in the same room.",
    ),
    (
        "sam",
        Kind.REFLECTION,
        "",
        "So you feel lonely when we're both on our phones, and what you miss is feeling close. "
        "An evening a week with the screens away would help you feel that again.",
    ),
    ("alex", Kind.CONFIRMATION, "yes", ""),
    (
        "sam",
        Kind.RESPONSE,
        "",
        "That makes sense, because our evenings are the only time we really have. I miss it too.",
    ),
    ("sam", Kind.SWITCH, "", ""),
    (
        "sam",
        Kind.PIECE,
        "",
        "I feel tired after work and the phone is how I switch off. "
        "I need a little time to land first.",
    ),
    (
        "alex",
        Kind.REFLECTION,
        "",
        "You feel tired when you get home, the phone helps you switch off, "
        "and you need some time to land before we settle in together.",
    ),
    ("sam", Kind.CONFIRMATION, "yes", ""),
    ("alex", Kind.RESPONSE, "", "I can see that. Maybe we start after you've had half an hour."),
    ("alex", Kind.SWITCH, "", ""),
]


def _conversation(
    alex: User, sam: User, couple: Couple, at: datetime, mode: str, topic_id: str, level: str
) -> Conversation:
    return Conversation.objects.create(
        owner=alex,
        partner=sam,
        couple=couple,
        visibility=Visibility.SHARED,
        mode=mode,
        topic_id=topic_id,
        level=level,
        state=State.ENDED,
        speaker=alex,
        created_at=at,
        updated_at=at,
        ended_at=at + timedelta(minutes=40),
        ended_by=alex,
    )


def _turns(
    conversation: Conversation, people: dict[str, User], at: datetime, script: list[Line]
) -> None:
    attempt = 0
    for seq, (who, kind, verdict, text) in enumerate(script, start=1):
        if kind == Kind.PIECE:
            attempt = 0
        if kind == Kind.REFLECTION:
            attempt += 1
        Turn.objects.create(
            owner=people[who],
            couple=conversation.couple,
            visibility=Visibility.SHARED,
            conversation=conversation,
            seq=seq,
            kind=kind,
            text=text,
            verdict=verdict,
            attempt=attempt if kind in (Kind.REFLECTION, Kind.CONFIRMATION) else 0,
            created_at=at + timedelta(minutes=3 * seq),
        )
    Conversation.objects.filter(pk=conversation.pk).update(step=len(script))


def _rate(
    conversation: Conversation, person: User, felt_heard: int, helped: list[str], at: datetime
) -> None:
    Rating.objects.create(
        owner=person,
        couple=conversation.couple,
        visibility=Visibility.PRIVATE,
        conversation=conversation,
        felt_heard=felt_heard,
        helped=helped,
        created_at=at,
    )


def seed(alex: User, sam: User, couple: Couple, days: int) -> None:
    people = {"alex": alex, "sam": sam}
    today = alex.local_today()
    first = datetime.combine(today - timedelta(days=min(days, 20)), time(19, 30), tzinfo=alex.tz)
    typed = _conversation(alex, sam, couple, first, Mode.TYPED, "t-003", "light")
    _turns(typed, people, first, TYPED_SCRIPT)
    _rate(typed, alex, 4, ["patience", "feeling"], first + timedelta(hours=1))
    _rate(typed, sam, 5, ["words", "validation"], first + timedelta(hours=1))

    for back, verdicts in ((9, ["yes", "yes"]), (3, ["not_quite", "yes", "yes"])):
        at = datetime.combine(today - timedelta(days=min(days, back)), time(20), tzinfo=alex.tz)
        spoken = _conversation(alex, sam, couple, at, Mode.IN_PERSON, "t-001", "light")
        script: list[Line] = []
        speaker, listener = "alex", "sam"
        pending = list(verdicts)
        while pending:
            script.append((speaker, Kind.PIECE, "", ""))
            verdict = pending.pop(0)
            while verdict == "not_quite":
                script.append((speaker, Kind.CONFIRMATION, "not_quite", ""))
                verdict = pending.pop(0)
            script.append((speaker, Kind.CONFIRMATION, "yes", ""))
            speaker, listener = listener, speaker
            script.append((speaker, Kind.SWITCH, "", ""))
        _in_person_turns(spoken, people, at, script)
        _rate(spoken, alex, 4, ["floor", "pace"], at + timedelta(hours=1))
        _rate(spoken, sam, 4, ["no_rebuttal"], at + timedelta(hours=1))


def _in_person_turns(
    conversation: Conversation, people: dict[str, User], at: datetime, script: list[Line]
) -> None:
    attempt = 0
    for seq, (who, kind, verdict, _) in enumerate(script, start=1):
        if kind == Kind.PIECE:
            attempt = 1
        Turn.objects.create(
            owner=people[who],
            couple=conversation.couple,
            visibility=Visibility.SHARED,
            conversation=conversation,
            seq=seq,
            kind=kind,
            verdict=verdict,
            attempt=attempt if kind == Kind.CONFIRMATION else 0,
            created_at=at + timedelta(minutes=3 * seq),
        )
        if verdict == "not_quite":
            attempt += 1
    Conversation.objects.filter(pk=conversation.pk).update(step=len(script))
