"""A private safety screen for free text: self-harm, harm to others, abuse.

Tuned for recall: missing a person at risk is far worse than a false alarm, so the bar for a
flag is low and a flag only ever leads to a gentle, private offer of resources. The whole text
counts: long texts are cut into sentence-sized pieces and the riskiest piece decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from . import text as t
from .encoder import encode
from .heads import get_heads, has_head, logits, softmax

RISKS = ("none", "self_harm", "harm_to_others", "abuse")
# The two bars (quiet line, care card) are picked by scripts/train_language.py on out-of-fold
# scores of our train split and stored with the head; these apply only without a head (rules).
POSSIBLE_AT = 0.45
CLEAR_AT = 0.6
_PIECE_WORDS = 60

_ME = r"(?:i|i'm|i am|i've|i have|i'll|i will|i was|i keep|i just|i really|i)"
_PARTNER = (
    r"(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf|ex|fianc\w+|spouse|"
    r"dad|father|mum|mom|mother|stepdad|stepmom))"
)
# Who a threat is aimed at: a person, not "this presentation".
_TARGET = (
    r"(?:him|her|them|you|someone|somebody|anyone|everyone|people|that (?:guy|man|woman|girl|"
    r"boy|person)|the (?:guy|man|woman|kids?|lot)|(?:my|his|her|their) (?:partner|husband|wife|"
    r"boyfriend|girlfriend|ex|kids?|son|daughter|boss|brother|sister|mum|mom|dad|family|"
    r"neighbou?r|friends?|colleague)|\w+ (?:up|down))\b"
)
# Further plain-language cues, written for this project.
_MORE_SELF_HARM = (
    r"\b(?:what's the point (?:of|in) (?:anything|living|being alive|going on)|what's the point "
    r"anymore|tired of (?:existing|living|being alive|life)|had enough of (?:life|living|being "
    r"alive)|how many (?:pills|tablets)|(?:researching|looking up|googling) (?:how|ways) to "
    r"(?:die|end it|kill myself|overdose))\b"
)
_MORE_HARM = (
    r"\b(?:threw (?:a|the|my|his|her) \w+ at (?:him|her|them)|next time (?:it|i) won't miss|"
    r"make (?:him|her|them) (?:regret|pay)|with my (?:fists|bare hands)|"
    r"i'm the one who'll do it|deserves to (?:die|get hurt|be hurt|get (?:his|her|their) "
    r"\w+ kicked in)|(?:kick|smash|beat) (?:his|her|their) (?:head|face) in)\b"
)
_MORE_ABUSE = (
    r"\b(?:punish(?:es|ed)? me|(?:tell|text|report to) (?:him|her|them) where i am|reads my "
    r"(?:diary|journal|letters)|(?:he|she|they) gets? (?:furious|angry|mad|violent) (?:if|when) i|"
    r"(?:gets|becomes|turns|got) (?:violent|physical|rough)|hand over my (?:wages|money|"
    r"pay|salary|cards?)|takes? (?:all )?my (?:wages|pay|salary))\b"
)
_CUES: dict[str, list[tuple[re.Pattern[str], float]]] = {
    "self_harm": [
        (
            re.compile(
                r"\b(?:kill(?:ing)? myself|end(?:ing)? (?:my|it) (?:life|all)|take my (?:own )?"
                r"life|hang(?:ing)? myself|my suicide|i(?:'m| am| was| feel| felt| have been|'ve "
                r"been) (?:so |really |very |getting |feeling )?suicidal|suicidal (?:thoughts|"
                r"feelings|urges)|thoughts of (?:suicide|killing myself|ending it)|attempted "
                r"suicide|my (?:last )?attempt)\b"
            ),
            0.75,
        ),
        (re.compile(_MORE_SELF_HARM), 0.7),
        (
            re.compile(
                r"\b(?:want(?:ed)? to die|wish i (?:was|were) dead|wish i wasn't (?:here|alive|"
                r"born)|don't want to (?:be alive|live|exist|wake up|be here)|better off "
                r"(?:dead|without me)|not (?:want|wanting) to (?:live|be alive))\b"
            ),
            0.85,
        ),
        (
            re.compile(
                r"\b(?:no (?:reason|point) (?:to|in) (?:live|living|going on|being alive|keep "
                r"living)|can't (?:go on|do this anymore|keep going)|done with (?:life|living)|"
                r"life (?:isn't|is not|isnt) worth|nobody would (?:notice|care|miss me)|"
                r"no one would (?:notice|care|miss me)|(?:easier|better) if i (?:just )?"
                r"(?:wasn't|was not|weren't) here|disappear (?:forever|and never)|"
                r"not wake up|never wake up)\b"
            ),
            0.7,
        ),
        (
            re.compile(
                r"\b(?:cut(?:ting)?|hurt(?:ing)?|burn(?:ing)?|harm(?:ing)?|scratch(?:ing)?) "
                r"myself\b|\b(?:cut(?:ting)?|burn(?:ing)?|scratch(?:ing)?) my (?:arms?|wrists?|"
                r"thighs?|skin)\b|\b(?:i|i've been|i'm|my) self[- ]?harm\w*\b"
            ),
            0.8,
        ),
        (
            re.compile(
                r"\b(?:overdos\w*|the pills|took (?:all )?(?:the |my )?pills|goodbye (?:letter|"
                r"note)|suicide note|the bridge|a rope|noose|giving (?:my )?(?:things|stuff) "
                r"away|crash(?:ing)? the car on purpose|insurance money)\b"
            ),
            0.55,
        ),
        (
            re.compile(
                r"\b(?:i'm a burden|i am a burden|feel like a burden|want (?:it|the pain) "
                r"(?:all )?to (?:end|stop)|can't see a future|no future for me|hopeless)\b"
            ),
            0.5,
        ),
    ],
    "harm_to_others": [
        (re.compile(_MORE_HARM), 0.7),
        (
            re.compile(
                rf"\b{_ME} (?:'m |am )?(?:going to|gonna|will|want to|could|swear i'll|might|"
                r"would) (?:\w+ )?(?:hurt|kill|hit|punch|beat|stab|shoot|strangle|smash|burn|"
                r"poison|choke|end|attack|slap|shove) " + _TARGET
            ),
            0.75,
        ),
        (
            re.compile(
                r"\bi'll (?:\w+ )?(?:hurt|kill|hit|punch|beat|stab|shoot|strangle|smash|burn|"
                r"poison|choke|end|slap) " + _TARGET
            ),
            0.75,
        ),
        (
            re.compile(
                r"\b(?:scared|afraid|frightened) of what i(?:'ll| will| might| could) do\b|"
                r"\bpicturing (?:hurting|killing)\b|\bmake (?:him|her|them) pay\b|"
                r"\bteach (?:him|her|them) a lesson\b|\bbought a (?:knife|gun)\b|"
                r"\bknow where (?:he|she|they) lives?\b"
            ),
            0.65,
        ),
        (
            re.compile(
                r"\bi (?:hit|punched|shoved|pushed|slapped|choked|grabbed|kicked|threw \w+ at) "
                r"(?:him|her|them|my)\b"
            ),
            0.55,
        ),
    ],
    "abuse": [
        (re.compile(_MORE_ABUSE), 0.65),
        (
            re.compile(
                rf"\b{_PARTNER} (?:\w+ )?(?:hits?|hit|punch(?:es|ed)?|push(?:es|ed)|"
                r"shov(?:es|ed)|slap(?:s|ped)|kick(?:s|ed)|chok(?:es|ed)|strangl(?:es|ed)|"
                r"grab(?:s|bed)|beat(?:s)?(?! me at)|rap(?:es|ed)|forc(?:es|ed)|threaten(?:s|ed)?|"
                r"hurts?|locks?|locked|tracks?|monitors?|controls?|isolates?|won't let|"
                r"doesn't let|never lets|makes? me|broke) (?:me|my|to)\b"
            ),
            0.75,
        ),
        (
            re.compile(
                r"\b(?:scared|afraid|frightened|terrified) (?:to go home|to leave (?:him|her|"
                r"them))\b|\b(?:scared|afraid|frightened|terrified) of (?:my )?(?:partner|husband|"
                r"wife|boyfriend|girlfriend|him|her|them|what (?:he|she|they)(?:'ll| will| might)"
                r")\b"
            ),
            0.6,
        ),
        (
            re.compile(
                r"\b(?:checks?|reads?|goes through|monitors?|tracks?) my (?:phone|messages|texts|"
                r"emails?|email|location|social media|accounts?)\b"
            ),
            0.6,
        ),
        (
            re.compile(
                r"\b(?:won't|doesn't|does not|will not|never) let me (?:see|go|work|have|talk|"
                r"leave|out|visit|call)\b|without (?:his|her|"
                r"their) permission\b"
            ),
            0.65,
        ),
        (
            re.compile(
                r"\b(?:controls? (?:all )?(?:the|my|our) money|gives me an allowance|took my "
                r"(?:passport|bank card|money|phone|keys|car keys)|takes? my (?:passport|money|"
                r"phone|keys)|walk(?:ing)? on eggshells|hide (?:the )?bruises)\b"
            ),
            0.6,
        ),
        (
            re.compile(
                r"\bthreaten(?:s|ed)? to (?:kill|hurt|take|leave|harm)\b|"
                r"\bisolat(?:es|ed|ing) me\b|\bno one would believe me\b|"
                r"\b(?:calls?|called) me (?:worthless|stupid|useless|fat|ugly|crazy)\b|"
                r"\btells? me i'm (?:worthless|stupid|useless|crazy|nothing)\b"
            ),
            0.65,
        ),
    ],
}
# Phrases that use the words of harm for everyday things.
_IDIOMS = re.compile(
    r"\b(?:killed me|killing me|dying to|could kill for|would kill for|kill for a|dying of|"
    r"die of (?:embarrassment|laughter|shame)|'d die if|'d kill me|would kill me|murder a|"
    r"hit me with (?:a|an|the|some|this) (?:surprise|news|question|joke|request|bill|idea|song|"
    r"party|present|gift)\w*|kill(?:ing)? (?:it|this|that) \w*)\b"
)


# The commonest figurative uses of "kill" and "die", taken out before the encoder reads a piece,
# so that a short "This deadline is killing me." is read as what is left ("This deadline is").
_FIGURES_OF_SPEECH = re.compile(
    r"\b(?:(?:is|are|was|were|it's|that's|you're|you are) (?:literally )?kill(?:ing|ed) me|"
    r"kill(?:ed|ing) it|dying (?:to|for|of)|(?:could|would|'d) kill for|died laughing|"
    r"die of (?:embarrassment|laughter|shame)|hit me with (?:a|an|the|some|this) (?:surprise|news|"
    r"question|joke|request|bill|idea|song|party|present|gift)\w*)\b",
    re.IGNORECASE,
)

LEVELS = ("none", "possible", "clear")


@dataclass(frozen=True)
class SafetyResult:
    """The most likely risk in a text, how strongly it shows (0..1), and what to do about it:
    `clear` (offer the private care card), `possible` (a quiet line pointing to support) or
    `none`. `risk` names the kind whenever `level` is not `none`."""

    risk: str
    score: float
    level: str = "none"

    @property
    def at_risk(self) -> bool:
        return self.risk != "none"

    def as_dict(self) -> dict[str, object]:
        return {"risk": self.risk, "score": self.score, "level": self.level}


def pieces(text: str) -> list[str]:
    """The text in pieces of whole sentences of up to 60 words each, consecutive sentences
    packed together so that a short text is read whole, in context ("Everything's ready. Just
    need courage." is one piece); an over-long sentence is split at 60 words. The whole text is
    read however long it is (the encoder itself stops at 256 tokens)."""
    out: list[str] = []
    current: list[str] = []
    for sentence in t.sentences(_FIGURES_OF_SPEECH.sub(" ", text)):
        tokens = sentence.split()
        for start in range(0, len(tokens), _PIECE_WORDS):
            chunk = tokens[start : start + _PIECE_WORDS]
            if current and len(current) + len(chunk) > _PIECE_WORDS:
                out.append(" ".join(current))
                current = []
            current.extend(chunk)
    if current:
        out.append(" ".join(current))
    return out or [text]


def bars() -> tuple[float, float]:
    """The score at which a text gets the quiet line, and the one at which it gets the card."""
    heads = get_heads()
    if "safety/bars" in heads:
        possible, clear = (float(v) for v in heads["safety/bars"])
        return possible, clear
    return POSSIBLE_AT, CLEAR_AT


def cue_scores(text: str) -> dict[str, float]:
    core = _IDIOMS.sub(" ", t.normalise(text))
    scores: dict[str, float] = {}
    for risk, cues in _CUES.items():
        miss = 1.0
        for pattern, weight in cues:
            if pattern.search(core):
                miss *= 1.0 - weight
        scores[risk] = 1.0 - miss
    return scores


def analyze_safety_batch(texts: list[str]) -> list[SafetyResult]:
    """Safety screen for many texts; every piece of every text goes through one encoder call."""
    if not texts:
        return []
    spans: list[tuple[int, int]] = []
    all_pieces: list[str] = []
    for text in texts:
        parts = pieces(text)
        spans.append((len(all_pieces), len(all_pieces) + len(parts)))
        all_pieces.extend(parts)
    if has_head("safety"):
        vectors = encode(all_pieces).astype(np.float64)
        probs = softmax(logits("safety", vectors))
    else:
        probs = np.zeros((len(all_pieces), len(RISKS)))
        probs[:, 0] = 1.0
    possible_at, clear_at = bars()
    results = []
    for (start, end), text in zip(spans, texts, strict=True):
        part = probs[start:end]
        riskiest = int(np.argmax(1.0 - part[:, 0]))
        learned = float(1.0 - part[riskiest, 0])
        cues = cue_scores(text)
        # the kind: the head's probability of each risk on the riskiest piece, joined with that
        # risk's cue by noisy-or
        kind = max(
            RISKS[1:],
            key=lambda r: 1.0 - (1.0 - part[riskiest, RISKS.index(r)]) * (1.0 - cues[r]),
        )
        cue_kind = max(cues, key=lambda r: cues[r])
        score = round(min(1.0, max(0.0, 1.0 - (1.0 - learned) * (1.0 - cues[cue_kind]))), 3)
        level = "clear" if score >= clear_at else "possible" if score >= possible_at else "none"
        results.append(
            SafetyResult(risk=kind if level != "none" else "none", score=score, level=level)
        )
    return results


def analyze_safety(text: str) -> SafetyResult:
    """Screen `text` for self-harm, harm to others or abuse. Returns the likeliest risk (or
    "none") and a 0..1 score; the whole text counts, however long."""
    return analyze_safety_batch([text])[0]
