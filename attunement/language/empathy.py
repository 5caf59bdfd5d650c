"""Empathy in a response to someone seeking support, on the EPITOME scheme (Sharma et al. 2020).

Three communication mechanisms, each 0 (none), 1 (weak) or 2 (strong):
- emotional reactions: warmth, compassion, concern ("I'm so sorry you're going through this");
- interpretations: showing understanding of the seeker's feelings or experience ("It sounds
  like you feel trapped", "I went through the same after my divorce");
- explorations: asking about what the seeker has not said ("What happened after you told
  her?", "How are you feeling about it now?").

Built from cue patterns and the listening and emotions heads; EPITOME itself is used only to
measure the result (docs/language.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import text as t
from .emotions import GOEMOTIONS_LABELS, emotion_probabilities
from .encoder import encode_pooled

_ER_STRONG = re.compile(
    r"\b(?:(?:so|really|truly|very|deeply|incredibly) sorry|my heart|heart ?break\w*|"
    r"breaks my heart|i feel (?:so |really )?(?:for you|bad|sad|awful|terrible)|"
    r"sending (?:you )?(?:love|hugs|strength|good vibes|positive)|(?:big |virtual |warm )?hugs?\b|"
    r"i(?:'m| am) (?:so |really )?(?:proud of you|here for you|sad to hear|sorry to hear)|"
    r"i care about you|you(?:'re| are) not alone|that must (?:be|have been|feel) (?:so |really |"
    r"incredibly |very )?(?:hard|painful|difficult|tough|awful|scary|lonely|exhausting|"
    r"frustrating|terrifying|devastating|frightening|heartbreaking|upsetting)|"
    r"my heart goes out|i can't imagine how|you deserve (?:better|to be happy|love)|"
    r"that(?:'s| is) (?:so |really )?(?:heartbreaking|awful|terrible|horrible|devastating)|"
    r"wish i could (?:hug|help)|<3|\u2764)"
)
_ER_WEAK = re.compile(
    r"\b(?:sorry|that sucks|sucks|that(?:'s| is) (?:rough|tough|hard|sad|unfair|not fair)|"
    r"i hope|hope (?:you|things|it|she|he|they|your)|good luck|hang in there|take care|"
    r"stay strong|you got this|"
    r"you can do (?:it|this)|be strong|glad|wishing you|best wishes|congrat\w*|happy for you|"
    r"feel better|you matter|i believe in you|so happy|awesome|amazing)\b"
)
_IP_STRONG = re.compile(
    r"\b(?:i(?:'ve| have) been (?:there|through)|i went through|i had (?:the )?same|same "
    r"(?:thing )?happened|i(?:'ve| have) felt|i felt (?:the )?same|i know (?:how|what) (?:it|you|"
    r"that)|(?:it )?sounds like|you must (?:feel|be|have)|must (?:feel|be|have been)|it seems "
    r"(?:like )?you|seems like you|i can (?:tell|see|imagine|relate)|i understand (?:how|what|why|"
    r"that|the)|i was (?:in|also|the same)|when i was|i also|me too|i used to|i struggled|"
    r"i(?:'ve| have) had|i(?:'ve| have) struggled|i relate|i(?:'m| am) (?:in|going through) "
    r"(?:the same|a similar)|similar (?:situation|experience)|i know the feeling|been in your "
    r"shoes|i get how|i understand you|you(?:'re| are) (?:feeling|going through|dealing with)|"
    r"(?:that|this|it) sounds (?:so |really |very |incredibly |pretty )?\w+|makes sense that|"
    r"i know that (?:feeling|dread|fear|pain))\b"
)
# Relating a similar experience of one's own is an interpretation in EPITOME's definition.
_OWN_STORY = re.compile(
    r"\b(?:when i (?:was|had|lost|went|got|felt|moved|started|left|failed|broke)|i (?:lost|failed|"
    r"had|did|got|sat|went through) mine|my (?:mum|mom|dad|partner|ex|wife|husband|brother|"
    r"sister|friend|son|daughter) (?:was|had|went|did|got|passed)|i (?:had|lost|went|felt|was) "
    r"(?:a|the|in|through|"
    r"so|really|very)|my (?:ex|mom|mum|dad|wife|husband|girlfriend|boyfriend|friend|brother|sister"
    r"|family|therapist|experience)\b.{0,40}\b(?:too|also|same|similar))\b"
)
_IP_WEAK = re.compile(r"\b(?:i understand|i get it|i hear you|i know|i see|understandable)\b")
_QUESTION_START = re.compile(
    r"^(?:what|what's|how|how's|why|when|where|who|which|do|does|did|are|is|was|were|have|has|"
    r"can|could|would|will|should|tell me|any)\b"
)
_EX_GENERIC = re.compile(
    r"^(?:what happened|are you (?:ok|okay|alright|all right)|how are you|why|what do you mean|"
    r"do you want to talk(?: about it)?|want to talk|wanna talk|you ok|what's wrong|"
    r"what's going on|how so|what about you)\W*$"
)
_SUGGESTION = re.compile(
    r"^(?:have you (?:tried|thought about|considered|looked into)|did you try|why don't you|"
    r"why not|could you (?:try|just)|can't you (?:just)?)\b"
)
_WH_WORDS = frozenset("what what's how how's why when where who which".split())
_FEELING_Q = re.compile(r"\b(?:feel|feeling|felt|emotion|going on|holding up|coping|doing)\b")

_CARING = [GOEMOTIONS_LABELS.index(x) for x in ("caring", "sadness", "love", "remorse")]


@dataclass(frozen=True)
class EmpathyResult:
    """EPITOME levels, each 0 (none), 1 (weak) or 2 (strong)."""

    emotional_reactions: int
    interpretations: int
    explorations: int

    def as_dict(self) -> dict[str, object]:
        return {
            "emotional_reactions": self.emotional_reactions,
            "interpretations": self.interpretations,
            "explorations": self.explorations,
        }


def _emotional_reactions(core: str, caring: float) -> int:
    strong = len(_ER_STRONG.findall(core))
    weak = len(_ER_WEAK.findall(core))
    if strong >= 1 and (strong + weak >= 2 or caring >= 0.5):
        return 2
    if strong or weak or caring >= 0.75:
        return 1
    return 0


def _interpretations(core: str) -> int:
    if _IP_STRONG.search(core) or _OWN_STORY.search(core):
        return 2
    if _IP_WEAK.search(core):
        return 1
    return 0


def _explorations(seeker: str, response: str) -> int:
    seeker_stems = set(t.content_stems(seeker))
    best = 0
    for sentence in t.sentences(response):
        if not sentence.rstrip().endswith("?"):
            continue
        core = t.normalise(sentence)
        core = re.sub(r"^(?:so|and|but|okay|ok|well|hey|also)\b[\s,]*", "", core)
        if not _QUESTION_START.match(core):
            continue
        if _SUGGESTION.match(core):
            continue  # "have you tried…?" is advice in a question's clothes, not exploring
        if _EX_GENERIC.match(core):
            best = max(best, 1)
            continue
        specific = bool(seeker_stems & set(t.content_stems(core))) or bool(_FEELING_Q.search(core))
        addressed = bool(set(t.words(core)) & t.SECOND_PERSON)
        # a question about the seeker's own situation explores it; one about anything else
        # (or a stock phrase) only gestures at it
        wh_detailed = core.split(" ", 1)[0] in _WH_WORDS and len(core.split()) >= 5
        if addressed or wh_detailed:
            return 2
        if specific:
            best = max(best, 1)
    return best


def analyze_empathy_batch(pairs: list[tuple[str, str]]) -> list[EmpathyResult]:
    """EPITOME levels for many (seeker, response) pairs, with one encoder call."""
    if not pairs:
        return []
    responses = [r for _, r in pairs]
    mean, maximum = encode_pooled(responses)
    caring = emotion_probabilities(mean, maximum, responses)[:, _CARING].max(axis=1)
    results = []
    for i, (seeker, response) in enumerate(pairs):
        core = t.normalise(response)
        results.append(
            EmpathyResult(
                emotional_reactions=_emotional_reactions(core, float(caring[i])),
                interpretations=_interpretations(core),
                explorations=_explorations(seeker, response),
            )
        )
    return results


def analyze_empathy(seeker: str, response: str) -> EmpathyResult:
    """How `response` shows empathy to `seeker`: EPITOME emotional reactions,
    interpretations and explorations, each 0, 1 or 2."""
    return analyze_empathy_batch([(seeker, response)])[0]
