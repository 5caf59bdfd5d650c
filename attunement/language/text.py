"""Small text helpers shared by the analyzers: words, sentences, pronoun swaps, lexicons."""

from __future__ import annotations

import re
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])\s+|\n+|(?<=[.!?])(?=[A-Z])")


def normalise(text: str) -> str:
    """Lower-case, straight apostrophes, collapsed whitespace."""
    return " ".join(text.translate(_APOSTROPHES).lower().split())


@lru_cache(maxsize=1024)
def _short_words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalise(text)))


def words(text: str) -> list[str]:
    """Lower-cased words (short texts are cached: the analyzers ask for them repeatedly)."""
    if len(text) <= 2000:
        return list(_short_words(text))
    return _WORD.findall(normalise(text))


def sentences(text: str) -> list[str]:
    """Split text into sentences (roughly); never returns an empty list for non-blank text."""
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip())]
    parts = [p for p in parts if p]
    return parts or ([text.strip()] if text.strip() else [])


STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    i'm i've i'd i'll you're you've you'd you'll it's that's there's what's don't doesn't didn't
    can't won't isn't aren't wasn't weren't haven't hasn't hadn't shouldn't wouldn't couldn't
    let's he's she's we're they're we've they've also really like get got go going gonna want
    wanna feel feels felt feeling think thought know knew say said saying says tell told one
    thing things lot lots much many even still well yeah yes oh okay ok sort kind bit way
    something anything everything nothing someone anyone everyone make made makes sounds sound
    seems seem though although right actually maybe""".split()
)

NEGATIONS = frozenset(
    """not no never don't doesn't didn't can't cannot won't isn't aren't wasn't weren't haven't
    hasn't hadn't shouldn't wouldn't couldn't nothing nobody none neither nor without hardly
    barely""".split()
)

# Words that name a feeling, grouped into families so that "upset" and "sad" count as close.
FEELING_FAMILIES: dict[str, list[str]] = {
    "sad": (
        "sad sadness down low blue upset hurt hurting heartbroken unhappy miserable gutted crushed "
        "disappointed disappointing depressed grief grieving cry crying tearful devastated "
        "numb defeated discouraged"
    ).split(),
    "angry": (
        "angry anger mad furious annoyed annoying irritated frustrated frustrating resentful "
        "cross livid bitter furious enraged outraged disrespected betrayed resentment"
    ).split(),
    "afraid": (
        "afraid scared fear frightened anxious anxiety worried worry worrying nervous panicky "
        "panic uneasy insecure terrified dread stressed stress tense scary daunting "
        "nerve-wracking nervewracking terrifying dreading"
    ).split(),
    "lonely": (
        "lonely isolated unseen invisible ignored unheard forgotten neglected alone abandoned "
        "unwanted unloved rejected excluded disconnected distant unappreciated overlooked "
        "dismissed homesick"
    ).split(),
    "tired": (
        "tired exhausted drained worn overwhelmed burnt burned swamped stretched depleted "
        "shattered knackered weary"
    ).split(),
    "ashamed": (
        "ashamed embarrassed guilty humiliated stupid foolish awkward useless worthless inadequate"
    ).split(),
    "happy": (
        "happy glad joy joyful pleased delighted excited thrilled grateful thankful relieved "
        "proud content calm peaceful hopeful loved cared appreciated connected safe relaxed "
        "relaxing rested"
    ).split(),
    "confused": (
        "confused lost unsure uncertain torn puzzled stuck trapped helpless hopeless"
    ).split(),
    "jealous": "jealous envious threatened".split(),
}
FEELING_WORD_FAMILY: dict[str, str] = {
    word: family for family, group in FEELING_FAMILIES.items() for word in group
}
POSITIVE_FAMILIES = frozenset({"happy"})

# Everyday phrases that name a feeling without a feeling word ("it wore me down").
# Each match counts as one pseudo-word whose family is looked up like any other.
FEELING_PHRASES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), token, family)
    for pattern, token, family in (
        (
            r"\b(?:wore|wear|wears|wearing|worn)\s+(?:\w+\s+)?(?:down|out|thin)\b",
            "worn-down",
            "tired",
        ),
        (r"\b(?:wiped|burnt|burned|stressed|tired)\s+out\b", "wiped-out", "tired"),
        (r"\b(?:took|takes|taking|take)\s+(?:a lot|so much|it)\s+out of\b", "drained-by", "tired"),
        (r"\b(?:run|ran)\s+(?:\w+\s+)?ragged\b|\brun down\b", "run-down", "tired"),
        (r"\bat the end of (?:my|your|their) (?:rope|tether)\b", "end-of-rope", "tired"),
        (r"\b(?:under|so much|a lot of) (?:pressure|strain)\b", "under-pressure", "afraid"),
        (r"\bon edge\b|\bwound up\b|\bkeyed up\b", "on-edge", "afraid"),
        (r"\bhad enough\b|\bsick of\b|\bfed up\b", "had-enough", "angry"),
        (r"\bleft out\b", "left-out", "lonely"),
        (r"\bon (?:my|your|their) own\b", "on-own", "lonely"),
        (r"\bover the moon\b|\bon cloud nine\b", "over-the-moon", "happy"),
        (r"\bfar (?:away )?from (?:you|me|him|her|them)\b", "far-from", "lonely"),
        (r"\blike (?:a|such a|a total|a complete) failure\b", "like-failure", "ashamed"),
        (r"\btaken for granted\b", "taken-for-granted", "lonely"),
        (r"\bsecond place\b|\ban afterthought\b", "second-place", "lonely"),
        (r"\bnot good enough\b", "not-good-enough", "ashamed"),
        (r"\brunning on empty\b|\bat (?:my|your|their) wits'? end\b", "running-on-empty", "tired"),
        (r"\blet down\b", "let-down", "sad"),
        (r"\bfe(?:el|els|lt|eling) (?:so |really |very |pretty )?small\b", "feel-small", "ashamed"),
        (r"\bfe(?:el|els|lt|eling) (?:so |really |very |pretty )?empty\b", "feel-empty", "sad"),
        (r"\bcaught off guard\b|\bblindsided\b", "blindsided", "confused"),
    )
)

# How each feeling reads in a sentence: "They mentioned feeling {partner}" and, in the words the
# listener could say, "…and that left you feeling {listener}". Words not listed read as themselves.
FEELING_READABLE: dict[str, tuple[str, str]] = {
    "worn-down": ("worn down", "worn down"),
    "wiped-out": ("wiped out", "wiped out"),
    "drained-by": ("drained", "drained"),
    "run-down": ("run down", "run down"),
    "end-of-rope": ("at the end of their rope", "at the end of your rope"),
    "under-pressure": ("under pressure", "under pressure"),
    "on-edge": ("on edge", "on edge"),
    "had-enough": ("fed up", "fed up"),
    "left-out": ("left out", "left out"),
    "on-own": ("on their own", "on your own"),
    "over-the-moon": ("over the moon", "over the moon"),
    "far-from": ("far from you", "far from me"),
    "like-failure": ("like a failure", "like a failure"),
    "taken-for-granted": ("taken for granted", "taken for granted"),
    "second-place": ("like they come second", "like you come second"),
    "not-good-enough": ("not good enough", "not good enough"),
    "running-on-empty": ("like they're running on empty", "like you're running on empty"),
    "let-down": ("let down", "let down"),
    "blindsided": ("caught off guard", "caught off guard"),
    # nouns and verbs that name a feeling read as the adjective
    "sadness": ("sad", "sad"),
    "grief": ("grief-stricken", "grief-stricken"),
    "cry": ("like crying", "like crying"),
    "crying": ("like crying", "like crying"),
    "anger": ("angry", "angry"),
    "annoying": ("annoyed", "annoyed"),
    "frustrating": ("frustrated", "frustrated"),
    "resentment": ("resentful", "resentful"),
    "fear": ("afraid", "afraid"),
    "anxiety": ("anxious", "anxious"),
    "worry": ("worried", "worried"),
    "worrying": ("worried", "worried"),
    "panic": ("panicky", "panicky"),
    "dread": ("full of dread", "full of dread"),
    "dreading": ("full of dread", "full of dread"),
    "stress": ("stressed", "stressed"),
    "scary": ("scared", "scared"),
    "daunting": ("daunted", "daunted"),
    "nerve-wracking": ("nervous", "nervous"),
    "nervewracking": ("nervous", "nervous"),
    "terrifying": ("terrified", "terrified"),
    "disappointing": ("disappointed", "disappointed"),
    "joy": ("joyful", "joyful"),
    "relaxing": ("relaxed", "relaxed"),
    "cared": ("cared for", "cared for"),
    "worn": ("worn out", "worn out"),
    "burnt": ("burnt out", "burnt out"),
    "burned": ("burnt out", "burnt out"),
    "stretched": ("stretched thin", "stretched thin"),
    "feel-small": ("small", "small"),
    "feel-empty": ("empty", "empty"),
    "distant": ("distant", "distant"),
}
for _pattern, _token, _family in FEELING_PHRASES:
    FEELING_WORD_FAMILY[_token] = _family

# Families close enough that naming one catches the other ("stressed" / "worn down").
RELATED_FAMILIES: dict[str, frozenset[str]] = {
    "afraid": frozenset({"tired"}),
    "tired": frozenset({"afraid"}),
    "sad": frozenset({"lonely"}),
    "lonely": frozenset({"sad"}),
}


def families_caught(said: set[str], heard: set[str]) -> set[str]:
    """The families in `said` that `heard` names, directly or through a close family."""
    return {f for f in said if f in heard or RELATED_FAMILIES.get(f, frozenset()) & heard}


# Pairs of words whose swap usually turns a reflection into a contradiction.
ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("alone", "together"),
    ("more", "less"),
    ("more", "fewer"),
    ("love", "hate"),
    ("like", "dislike"),
    ("happy", "sad"),
    ("always", "never"),
    ("stay", "leave"),
    ("early", "late"),
    ("agree", "disagree"),
    ("easy", "hard"),
    ("close", "distant"),
    ("calm", "angry"),
    ("myself", "together"),
    ("space", "together"),
    ("quiet", "loud"),
    ("safe", "unsafe"),
    ("trust", "distrust"),
    ("remember", "forget"),
    ("helped", "ignored"),
    ("included", "excluded"),
    ("better", "worse"),
    ("relaxed", "stressed"),
    ("every", "fewer"),
    ("move", "stay"),
    ("go", "stay"),
    ("start", "stop"),
    ("open", "closed"),
    ("fair", "unfair"),
    ("enjoy", "hate"),
    ("excited", "dreading"),
    ("sooner", "later"),
    ("busy", "free"),
    ("talk", "silence"),
)
ANTONYMS: dict[str, frozenset[str]] = {}
for _a, _b in ANTONYM_PAIRS:
    ANTONYMS[_a] = ANTONYMS.get(_a, frozenset()) | {_b}
    ANTONYMS[_b] = ANTONYMS.get(_b, frozenset()) | {_a}

FIRST_PERSON = frozenset("i me my mine myself i'm i've i'd i'll".split())
SECOND_PERSON = frozenset("you your yours yourself you're you've you'd you'll".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper, enough to match "evenings"/"evening", "worried"/"worry"."""
    for suffix, keep in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    return word


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry content (no stop words, no pronouns)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 2]


@lru_cache(maxsize=65536)
def feeling_family(word: str) -> str | None:
    """The feeling family of a word ("frustrates" -> "angry"), or None."""
    return FEELING_WORD_FAMILY.get(word) or FEELING_STEM_FAMILY.get(stem(word))


def feeling_words(text: str) -> list[str]:
    """Feeling words in text, in order, without those directly negated ("not angry")."""
    found: list[str] = []
    tokens = words(text)
    for i, token in enumerate(tokens):
        if feeling_family(token) and not any(w in NEGATIONS for w in tokens[max(0, i - 2) : i]):
            found.append(token)
    plain = normalise(text)
    for pattern, token, _family in FEELING_PHRASES:
        for match in pattern.finditer(plain):
            before = plain[max(0, match.start() - 12) : match.start()].split()[-2:]
            if not any(w in NEGATIONS for w in before):
                found.append(token)
    return found


def feeling_readable(token: str, listener: bool = False) -> str:
    """How a feeling found by feeling_words() reads after "feeling": "had-enough" -> "fed up",
    "end-of-rope" -> "at the end of their rope" (or "your rope" in the listener's own words),
    "worries" -> "worried". Never a bare token."""
    pair = FEELING_READABLE.get(token)
    if pair is None:
        canonical = FEELING_STEM_WORD.get(stem(token), token)
        pair = FEELING_READABLE.get(canonical, (canonical, canonical))
    return pair[1] if listener else pair[0]


def negated_stems(text: str) -> set[str]:
    """Stems of the first content word within three words after each negation."""
    tokens = words(text)
    negated: set[str] = set()
    for i, token in enumerate(tokens):
        if token in NEGATIONS:
            for follower in tokens[i + 1 : i + 4]:
                if follower not in STOPWORDS and follower not in NEGATIONS:
                    negated.add(stem(follower))
                    break
    return negated


def negation_count(text: str) -> int:
    return sum(1 for w in words(text) if w in NEGATIONS and w not in ("without", "no"))


FEELING_STEM_FAMILY: dict[str, str] = {stem(w): f for w, f in FEELING_WORD_FAMILY.items()}
# The first listed word of each stem, so "worries" reads as "worry" -> "worried".
FEELING_STEM_WORD: dict[str, str] = {}
for _word in FEELING_WORD_FAMILY:
    FEELING_STEM_WORD.setdefault(stem(_word), _word)
