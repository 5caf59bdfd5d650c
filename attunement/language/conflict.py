"""The "four horsemen" of conflict (Gottman): criticism, contempt, defensiveness, stonewalling.

Each score (0..1) joins cue patterns ("you always", "what's wrong with you", "it's not my
fault", "I'm done talking") with small heads trained on our own hand-written sentences and,
for contempt, a coarse offensive-language head trained on the Davidson tweets. When a score
is high the result carries tips toward a gentle start-up: "I feel ... about ... I need ...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from . import text as t
from .encoder import encode
from .features import FloatArray, vader_features
from .heads import has_head, logits, sigmoid

HORSEMEN = ("criticism", "contempt", "defensiveness", "stonewalling")
FLAG_AT = 0.5
WARM_AT = 0.4

# (pattern, weight): a weight is how sure one match alone makes us.
_CUES: dict[str, list[tuple[re.Pattern[str], float]]] = {
    "criticism": [
        (re.compile(r"\byou (?:always|never|constantly|keep|won't ever|don't ever)\b"), 0.7),
        (
            re.compile(
                r"\byou(?:'re| are) (?:always|never|so|such an?|too|completely|totally) "
                r"(?!right\b|sweet\b|kind\b|lovely\b|good\b|welcome\b)\w+"
            ),
            0.6,
        ),
        (re.compile(r"\bwhy (?:can't|won't|don't|do|are) you (?:ever |always |never )?"), 0.45),
        (re.compile(r"\b(?:the problem with you|what kind of (?:person|partner|parent))\b"), 0.7),
        (
            re.compile(r"\byou only (?:ever )?(?:think|care)\b|\babout (?:anyone but )?yourself\b"),
            0.6,
        ),
        (
            re.compile(
                r"\b(?:selfish|lazy|inconsiderate|careless|unreliable|irresponsible|"
                r"thoughtless|useless|slob)\b"
            ),
            0.5,
        ),
        (re.compile(r"\b(?:because of you|(?<!not )your fault)\b"), 0.5),
    ],
    "contempt": [
        (re.compile(r"\bwhat(?:'s| is) wrong with you\b"), 0.85),
        (
            re.compile(
                r"\b(?:idiot|stupid|pathetic|moron|loser|dumb|disgusting|clueless|"
                r"ridiculous|joke|such a baby|big baby|genius|embarrassing|useless)\b"
            ),
            0.6,
        ),
        (
            re.compile(
                r"(?:\*?\broll(?:s|ing|ed)? (?:my|his|her|their)? ?eyes\b|\beye ?roll|"
                r"\U0001f644)"
            ),
            0.85,
        ),
        (
            re.compile(
                r"\b(?:oh great|oh sure|yeah right|wow,? (?:you )?actually|congratulations|"
                r"should i throw you|cry me a river|thanks for nothing|big deal|listen to yourself|"
                r"who do you think you are|nobody else would|a child could)\b"
            ),
            0.7,
        ),
        (re.compile(r"\bwhatever\b"), 0.35),
        (re.compile(r"\b(?:ugh|pfft|tsk|as if)\b"), 0.4),
        # mockery and hostile humour (Gottman): "must be nice", "good for you", "grow up"
        (
            re.compile(
                r"\b(?:must be nice|good for you|nice (?:job|going|one)|well done,|"
                r"how (?:nice|lovely|wonderful) for you|are you (?:serious|kidding me)|"
                r"grow up|get a grip|what are you,? (?:five|twelve|a child)|even a (?:child|"
                r"toddler|kid)|bless your (?:little )?heart|sure,? jan|lol ok|okay buddy|"
                r"shocking,|what a surprise|of course you (?:did|do|would|forgot))"
            ),
            0.55,
        ),
    ],
    "defensiveness": [
        (
            re.compile(r"\b(?:it's|it is|it was|that's|that is) not my fault\b|\bnot my fault\b"),
            0.85,
        ),
        (re.compile(r"\b(?:don't|stop) blam\w* me\b|\bwhy is it always (?:my|me)\b"), 0.8),
        (
            re.compile(
                r"\bi (?:didn't|did not|never) do (?:anything|nothing) wrong\b|"
                r"\bi did nothing wrong\b"
            ),
            0.8,
        ),
        (
            re.compile(
                r"\byou do it too\b|\bwhat about (?:the time|when) you\b|\byou (?:were|are) "
                r"the one\b"
            ),
            0.7,
        ),
        (re.compile(r"\bi(?:'m| am) not the (?:problem|bad guy|one)\b|\bthe bad guy\b"), 0.75),
        (
            re.compile(
                r"\b(?:only|just) because you\b|\bif you had\b|\byou didn't (?:remind|tell|"
                r"ask|give)\b"
            ),
            0.55,
        ),
        (re.compile(r"\b(?:i was going to|i did what you asked|what more do you want)\b"), 0.55),
        (
            re.compile(
                r"\b(?:yeah|yes|well),? but\b|\bthat's not true\b|\bmaking a big deal\b|"
                r"\bwhy are you attacking\b"
            ),
            0.5,
        ),
        (re.compile(r"\bit wasn't me\b|\bi had a hard day too\b"), 0.6),
        # excuses and the innocent victim (Gottman): "how was I supposed to know", "at least I"
        (
            re.compile(
                r"\b(?:how (?:was|am) i supposed to|what (?:was|am) i supposed to|"
                r"you never (?:said|told me|asked)|at least i\b|excuse me for|"
                r"i(?:'m| am) doing my best|i was (?:only|just) trying|that's not what happened|"
                r"it's not like (?:you|i)\b|don't (?:put|turn) (?:this|it) on me|"
                r"i can't (?:do|be) everything|you're the one who)"
            ),
            0.55,
        ),
    ],
    "stonewalling": [
        (
            re.compile(
                r"\bi(?:'m| am) done (?:talking|with this|discussing)\b|"
                r"\bthis conversation is over\b"
            ),
            0.9,
        ),
        (
            re.compile(
                r"\b(?:i'm|i am) not (?:discussing|talking about|doing|listening to) "
                r"(?:this|it|that)\b"
            ),
            0.85,
        ),
        (
            re.compile(
                r"\b(?:leave me alone|talk to the hand|forget it|i'm out|"
                r"nothing to say|don't want to talk about it|can we not)\b"
            ),
            0.75,
        ),
        (re.compile(r"^\W*(?:fine|whatever|mhm|k)\W*$"), 0.6),
        (re.compile(r"^\W*(?:sure|okay|ok)\W*$"), 0.3),
        (re.compile(r"\b(?:whatever|i don't care(?: anymore)?)\b"), 0.45),
        (
            re.compile(
                r"\*?\b(?:says nothing|walks (?:out|away)|turns (?:up|away)|silent|"
                r"silence|ignor\w+ (?:you|me|him|her))\b"
            ),
            0.6,
        ),
        (re.compile(r"\b(?:don't wait up|going for a drive|i'm going to bed)\b"), 0.4),
    ],
}

# Softeners that point away from a horseman even when a cue fires: the speaker's own feeling,
# need or share of it ("I get anxious when...", "that's more my thing"), a request, an apology,
# or appreciation. "I feel like you..." is a judgment dressed as a feeling, so it is not one.
_GENTLE = re.compile(
    r"\b(?:i (?:feel|felt)(?! like (?:you|it)\b| that you\b)|(?<!when )i need|"
    r"i'd (?:really )?(?:love|appreciate)|would you|could you|can we|could we|shall we|"
    r"i'm sorry(?! but)|(?<!not )sorry(?! not\b| you feel| if you| but)|apologi[sz]e|you're right|"
    r"you were right|part of this is on me|thank you(?! for nothing)|thanks(?! for nothing)|"
    r"i appreciate|let's|love you|i love (?:that|how|it when) you|"
    r"i'm (?:so )?(?:proud|grateful|lucky)|"
    r"i (?:get|got|am|'m|was) (?:a bit |really |so |kind of |pretty )?(?:anxious|nervous|"
    r"worried|scared|stressed|lonely|jealous|insecure|overwhelmed|sad|hurt|defensive)|"
    r"(?:a|more) me thing|my (?:own )?(?:thing|issue|baggage)|"
    r"(?<!'s )not (?:about |because of )?you\b|"
    r"(?<!not )(?<!'s )(?<!is it )my (?:fault|bad)|i was wrong|i (?:should|shouldn't) have(?! to)|"
    r"i take responsibility|i'm responsible|i messed up|no excuses|i'll try|i'm working on|"
    r"i want us to|not something you did|never fail to|it's one of my favou?rite)\b"
)
_BREAK = re.compile(r"\b(?:break|minutes?|come back|calm down|tomorrow|later)\b")

_TIPS = {
    "criticism": (
        "Try describing one moment instead of your partner as a person. In place of "
        "{quote}, try: \u201cI feel ___ when ___. I need ___.\u201d"
    ),
    "contempt": (
        "Sarcasm and put-downs sting even when you're exhausted or hurt. Try naming your "
        "own feeling and what you need instead: \u201cI feel ___ about ___. I need ___.\u201d"
    ),
    "defensiveness": (
        "Try taking a small share of it, even just one part: \u201cYou're right that I ___. "
        "I'm sorry.\u201d Then say what you need."
    ),
    "stonewalling": (
        "If it feels like too much, that's okay; say so and name when you'll come back: "
        "\u201cI'm flooded. I need twenty minutes, then I want to finish this.\u201d"
    ),
}


@dataclass(frozen=True)
class ConflictResult:
    """Four horsemen scores (0..1) and tips toward a gentle start-up."""

    criticism: float
    contempt: float
    defensiveness: float
    stonewalling: float
    gentle_rewrite_tips: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> list[str]:
        return [h for h in HORSEMEN if getattr(self, h) >= FLAG_AT]

    def as_dict(self) -> dict[str, object]:
        return {
            "criticism": self.criticism,
            "contempt": self.contempt,
            "defensiveness": self.defensiveness,
            "stonewalling": self.stonewalling,
            "gentle_rewrite_tips": list(self.gentle_rewrite_tips),
        }


def cue_scores(text: str) -> tuple[dict[str, float], dict[str, str]]:
    """Noisy-or of the cue weights per horseman, and the first matching words of each."""
    core = t.normalise(text)
    scores: dict[str, float] = {}
    quotes: dict[str, str] = {}
    for horseman, cues in _CUES.items():
        miss = 1.0
        for pattern, weight in cues:
            match = pattern.search(core)
            if match:
                miss *= 1.0 - weight
                quotes.setdefault(horseman, match.group(0).strip(" *"))
        scores[horseman] = 1.0 - miss
    return scores, quotes


def conflict_features(vectors: FloatArray, texts: list[str]) -> FloatArray:
    """Input of the trained head: the embedding beside the four cue scores, the gentle flag and
    VADER's four sentiment scores (warm "you always..." lines are praise, not criticism)."""
    cues = np.array(
        [[scores[h] for h in HORSEMEN] for scores, _ in map(cue_scores, texts)], dtype=np.float64
    )
    gentle = np.array([[1.0 if _GENTLE.search(t.normalise(x)) else 0.0] for x in texts])
    return np.hstack([vectors, cues, gentle, vader_features(texts)])


def _quote_in(text: str, phrase: str) -> str | None:
    """The words of `text` that `phrase` (found in the normalised text) came from, as the person
    wrote them; None when they cannot be found there."""
    parts = [re.escape(w) for w in phrase.split()]
    if not parts:
        return None
    pattern = r"\s+".join(parts).replace("'", "['\u2019\u2018]")
    match = re.search(pattern, text, flags=re.IGNORECASE)
    return match.group(0) if match else None


def _tips(text: str, scores: dict[str, float], quotes: dict[str, str]) -> list[str]:
    """Tips for the (at most two) highest flagged horsemen. A tip quotes only words the person
    wrote; with no matching words it speaks generally."""
    flagged = sorted((h for h in HORSEMEN if scores[h] >= FLAG_AT), key=lambda h: -scores[h])
    tips = []
    for horseman in flagged[:2]:
        found = quotes.get(horseman)
        quote = _quote_in(text, found) if found else None
        phrase = f"\u201c{quote}\u201d" if quote else "a sweeping word about them"
        tips.append(_TIPS[horseman].format(quote=phrase))
    return tips


def analyze_conflict_batch(texts: list[str]) -> list[ConflictResult]:
    """Four horsemen scores for many texts, with one encoder call."""
    if not texts:
        return []
    vectors = encode(list(texts)).astype(np.float64)
    features = conflict_features(vectors, list(texts))
    head = sigmoid(logits("conflict", features)) if has_head("conflict") else None
    proxy = (
        sigmoid(logits("contempt_proxy", vectors))[:, 0]
        if has_head("contempt_proxy")
        else np.zeros(len(texts))
    )
    results = []
    for i, text in enumerate(texts):
        cues, quotes = cue_scores(text)
        core = t.normalise(text)
        # warm: praise with no negative word and no put-down ("You always find the bright
        # side") reads as gentle too
        neg, compound = features[i, -4], features[i, -1]
        warm = neg == 0.0 and compound >= WARM_AT and cues["contempt"] == 0.0
        gentle = bool(_GENTLE.search(core)) or warm
        scores: dict[str, float] = {}
        for j, horseman in enumerate(HORSEMEN):
            learned = float(head[i, j]) if head is not None else 0.0
            if horseman == "contempt":
                learned = max(learned, 0.6 * float(proxy[i]))
            score = 1.0 - (1.0 - cues[horseman]) * (1.0 - learned)
            if gentle:
                score *= 0.6
            if horseman == "stonewalling" and _BREAK.search(core) and gentle:
                score *= 0.5
            scores[horseman] = round(min(1.0, max(0.0, score)), 3)
        # a gentle start-up or repair gets no horseman tip, whatever it scores
        tips = [] if gentle else _tips(text, scores, quotes)
        results.append(ConflictResult(**scores, gentle_rewrite_tips=tips))
    return results


def analyze_conflict(text: str) -> ConflictResult:
    """Criticism, contempt, defensiveness and stonewalling in `text` (each 0..1), with tips
    toward a gentle start-up when any is high."""
    return analyze_conflict_batch([text])[0]
