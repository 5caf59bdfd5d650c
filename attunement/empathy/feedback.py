"""Private feedback on a perspective-taking story, from the text analysis (attunement.language).

Computed on request for the writer's eyes only, never stored and never shown to the partner:
which feelings the story names for the partner (and, once the partner has said what the story
missed, which feelings in that note it did not name), and whether it stays in the partner's
shoes or slips into defending oneself.
"""

from dataclasses import dataclass, field

from attunement.language import analyze_conflict
from attunement.language import text as language_text

DEFENSIVE_AT = 0.5  # the conflict analyzer's own flag level
SELF_HEAVY = 0.5  # more than half the sentences about "I" reads as telling one's own side
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"}
SECOND_PERSON = {"you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll"}


@dataclass
class StoryFeedback:
    feelings_named: list[str]
    feelings_not_named: list[str] = field(default_factory=list)
    in_their_shoes: bool = True
    defensive: bool = False
    notes: list[str] = field(default_factory=list)


def _families(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for word in language_text.feeling_words(text):
        family = language_text.feeling_family(word) or word
        found.setdefault(family, language_text.feeling_readable(word))
    return found


def _about_me_share(text: str) -> float:
    sentences = language_text.sentences(text) or [text]
    about_me = 0
    for sentence in sentences:
        tokens = [w.lower() for w in sentence.replace("’", "'").split()]
        words = [w.strip('.,!?;:"()') for w in tokens]
        mine = sum(1 for w in words if w in FIRST_PERSON)
        yours = sum(1 for w in words if w in SECOND_PERSON)
        about_me += 1 if mine > yours else 0
    return about_me / len(sentences)


def story_feedback(story: str, missed_note: str = "") -> StoryFeedback:
    """Feedback for the writer of `story`; `missed_note` is what the partner said it missed
    (only once the ratings are revealed)."""
    named = _families(story)
    missed = {k: v for k, v in _families(missed_note).items() if k not in named}
    defensive = analyze_conflict(story).defensiveness >= DEFENSIVE_AT
    self_heavy = _about_me_share(story) > SELF_HEAVY
    notes = []
    if not named:
        notes.append("Your story doesn't name a feeling yet. Try one: “I think you felt … when …”.")
    if defensive:
        notes.append(
            "Part of it reads as explaining your own side. That can wait: here, stay with "
            "what it was like for them."
        )
    elif self_heavy:
        notes.append(
            "Much of it is about what you did or meant. Try telling it with “you” at the "
            "centre: what they saw, wanted and felt."
        )
    return StoryFeedback(
        feelings_named=list(named.values()),
        feelings_not_named=list(missed.values()),
        in_their_shoes=not (defensive or self_heavy),
        defensive=defensive,
        notes=notes,
    )
