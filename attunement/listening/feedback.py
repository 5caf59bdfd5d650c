"""Private feedback from the text-analysis engine, put into words for the person writing.

Nothing here is stored: a draft reflection's feedback is computed on request, shown to the
listener only, and gone. The engine loads its model on first use (once per process), so pages
that don't ask for feedback never wait for it.
"""

from dataclasses import dataclass

from attunement.language import ListeningResult, analyze_conflict, analyze_listening
from attunement.language import text as language_text

CAUGHT_MOST, CAUGHT_SOME = 0.7, 0.4
GENTLE_START_CUES = ("criticism", "contempt")
CUE_AT = 0.5


@dataclass
class ReflectionFeedback:
    is_reflection: bool
    act_note: str
    caught: str  # "most", "some", "little"
    caught_percent: int
    feelings_named: list[str]
    feelings_caught: list[str]
    advice: bool
    judgment: bool
    tip: str

    @property
    def feelings_missed(self) -> list[str]:
        return [f for f in self.feelings_named if f not in self.feelings_caught]


def _families(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for word in language_text.feeling_words(text):
        family = language_text.feeling_family(word) or word
        found.setdefault(family, language_text.feeling_readable(word))
    return found


def reflection_feedback(statement: str, reply: str) -> ReflectionFeedback:
    """How a draft reflection listens to what the speaker said, for the listener's eyes only."""
    return card_for(statement, reply, analyze_listening(statement, reply))


def card_for(statement: str, reply: str, result: ListeningResult) -> ReflectionFeedback:
    """The listener's card from an analysis already made (a batch of them, for instance)."""
    if result.act == "reflection":
        act_note = "This reads as a reflection: you're saying back what you heard."
    elif result.act == "question":
        kind = "an open question" if result.question == "open" else "a yes-or-no question"
        act_note = (
            f"This reads as {kind}. In this step, say back what you heard first; "
            "questions can come later."
        )
    else:
        act_note = (
            "This doesn't read as a reflection yet. "
            "Try starting with what you heard: \u201cYou feel\u2026\u201d"
        )
    fidelity = max(0.0, min(1.0, float(result.fidelity)))
    caught = "most" if fidelity >= CAUGHT_MOST else "some" if fidelity >= CAUGHT_SOME else "little"
    named = _families(statement)
    mine = _families(reply)
    tips = list(result.tips) or ["Check it with your partner: \u201cDid I get that right?\u201d"]
    return ReflectionFeedback(
        is_reflection=result.act == "reflection",
        act_note=act_note,
        caught=caught,
        caught_percent=round(fidelity * 100),
        feelings_named=list(named.values()),
        feelings_caught=[named[f] for f in named if f in mine],
        advice=bool(result.advice),
        judgment=bool(result.judgment),
        tip=tips[0],
    )


@dataclass
class GentleStart:
    cues: list[str]
    tips: list[str]


def gentle_start(text: str) -> GentleStart | None:
    """Cues of criticism or contempt in a piece, with kind tips toward "I feel … about … I need …".

    None when the piece already starts gently.
    """
    result = analyze_conflict(text)
    cues = [name for name in GENTLE_START_CUES if getattr(result, name) >= CUE_AT]
    if not cues:
        return None
    tips = list(result.gentle_rewrite_tips) or [
        "Try speaking for yourself: \u201cI feel ___ about ___. I need ___.\u201d"
    ]
    return GentleStart(cues=cues, tips=tips[:2])
