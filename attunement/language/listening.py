"""Feedback on a listener's reply to a speaker (motivational-interviewing coding ideas).

Acts follow the MITI/AnnoMI codes: a reflection says back what the speaker said or meant; a
question asks (open: invites a story; closed: yes/no or a fact); anything else (advice,
information, own stories) is "other".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from . import text as t
from .encoder import encode
from .features import FloatArray
from .heads import has_head, logits, sigmoid, softmax

ACTS = ("reflection", "question", "other")

_LEADING_FILLER = re.compile(
    r"^(?:(?:so|and|okay|ok|well|right|hmm+|um+|uh+|alright|now|oh|yeah|mm+|mhm)\b[\s,.\u2026-]*)+"
)
_WH = frozenset("what what's how how's why when where who which whose".split())
_OPEN_START = re.compile(
    r"^(?:what|what's|how|how's|why|tell me|describe|in what way|walk me through|talk to me|"
    r"help me understand|say more|can you (?:tell|say|describe|help me)|could you (?:tell|say|"
    r"describe)|would you (?:tell|say|describe))\b"
)
_AUX = frozenset(
    """do does did are is was were have has had can could would will should shall am
    don't doesn't didn't aren't isn't wasn't weren't won't wouldn't couldn't""".split()
)
_REFLECT = re.compile(
    r"\b(?:(?:it|that) sounds? like|sounds? like|so you(?:'re| are| feel| felt| want| wish| "
    r"need| think| were| have|'ve)?|you(?:'re| are) (?:feeling|saying|telling|worried|scared|"
    r"tired|hurt|frustrated|upset|angry|sad|lonely|afraid|anxious|exhausted|wondering|"
    r"hoping)|you feel|you felt|you've been feeling|what i(?:'m| am) hearing|i hear (?:you|that)|"
    r"if i(?:'m| am)? understand|it seems|seems like|you wish|you(?:'d| would) like|you want|"
    r"you need|you mean|you were|for you|you said|you told me|you've been)\b"
)
_CHECK = re.compile(
    r"\b(?:did i get (?:that|it|this) right|is that right|is that it|have i got that right|"
    r"am i (?:getting|understanding) (?:that|it|you)|does that sound right|is that what you "
    r"(?:mean|meant)|did i miss anything|right\?$|yeah\?$)"
)
_ADVICE = re.compile(
    r"\b(?:you should(?:n't)?|you need to|you have to|you must|you ought|why don't you|"
    r"why not just|have you tried|have you thought about|have you considered|try to|try not|"
    r"(?:^|[.!?]\s*)try\b|(?:^|[.!?]\s*)just (?:tell|ask|ignore|stop|talk|let|leave|get|do|go|"
    r"be|say)|if i were you|my advice|i(?:'d| would) (?:just )?(?:tell|talk|ask|leave|stop|go|"
    r"say|suggest|recommend)|you could (?:just|try|always)|maybe you (?:should|could|need)|"
    r"the best thing (?:to do )?is|what you need to do is|i suggest|i recommend|"
    r"you'd better|let it go|get over it|we should|we need to|let's|lets|you just need|"
    r"all you need to do|u should|u need to|"
    r"(?:^|[.!?]\s*)(?:just )?(?:go|put|take|stop|ask|tell|call|book|set|leave|drive|delete|"
    r"quit|skip|ignore) (?:\w+ )?(?:on|them|it|her|him|your|the|a|all|up|out|off|to|away|"
    r"urself|yourself))\b"
)
# Suggestions are advice whatever their grammar ("why don't we", "how about", "what if you just").
_SUGGEST = re.compile(
    r"\b(?:why don'?t (?:we|you|u|i)|why not|how about|what about (?:we|you|u|trying|\w+ing\b)|"
    r"what if (?:we|you|u|i)\b|would it help (?:if|to)|shall we|should we|could we|"
    r"can we (?:try|maybe|just|start|agree)|could you (?:try|just|maybe)|"
    r"have (?:you|u) (?:tried|thought about|considered)|did you try|"
    r"(?:maybe|perhaps) (?:we|you|u) (?:could|should|can|need|just|try|might)|"
    r"(?:you|u) (?:could|might) (?:try|just|always|simply|maybe)|"
    r"it (?:might|would|could) help (?:if|to)|wouldn't it be (?:better|easier)|"
    r"i (?:think|feel like) (?:you|u|we) (?:should|need to|ought))\b"
)
# Reassurance comforts past the feeling: kind, but neither a reflection nor advice.
_REASSURE = re.compile(
    r"\b(?:don'?t (?:even )?worry|dont (?:even )?worry|no need to worry|nothing to worry about|"
    r"(?:it|everything|things|that|he|she|they|you|we|this)(?:'ll|ll| will) (?:\w+ )?(?:be fine|"
    r"be okay|be ok|be alright|be great|pass|work out|love you|get better|crush it|nail it|"
    r"do great|be amazing|come around)|you'll (?:crush|nail|smash|ace)|"
    r"(?:you|u)(?:'re| are|re) (?:not|NOT) (?:a |an |being )?(?:failure|selfish|second|stupid|"
    r"useless|bad|burden|crazy|alone|weird|too much)|(?:you|u)(?:'re| are|re) (?:so )?(?:strong|"
    r"amazing|doing (?:great|fine|amazing)|gorgeous|beautiful|enough|more than enough)|"
    r"(?:it|that)(?:'s| is) (?:probably )?(?:nothing|normal|just a (?:rough|phase|bad))|"
    r"just a rough patch|i promise|overthinking|it happens to (?:everyone|everybody)|"
    r"(?:everyone|everybody) (?:goes through|feels)|it wasn't meant to be|"
    r"(?:you|u) know (?:i|that i) (?:love|think|care)|of course i (?:love|care)|"
    r"it(?:'s| is) not (?:that bad|a big deal|the end of the world)|look on the bright side|"
    r"could be worse|try not to worry|chin up|cheer up)\b"
)
# Turning the reply on the speaker ("Well, you're always too tired when I try").
_COUNTER = re.compile(
    r"(?:^(?:and|well|oh|funny|like|but|yeah|ok|okay|so|please)?[,\s]*(?:because )?(?:you|u|ur)\b"
    r"(?:'re| are|re)? ?(?:literally|always|never|also|the one|just as|do the same|did the same)|"
    r"\b(?:you|u)(?:'re| are|re) the one\b|\blike (?:you|u)(?:'ve| have)? never\b|"
    r"\bcan (?:you|u) blame me\b|\b(?:you|u) (?:do|did) (?:the same|it too|that too|exactly)|"
    r"\bwhat about (?:when )?(?:you|u)\b|\bremember\?|\byou called me\b|\blook who'?s talking\b|"
    r"\bsays the (?:one|person|guy|girl|man|woman)\b|\bat least i\b|\bi'?m not the one\b|"
    r"\bwe'?re even\b|\bone to talk\b|\bspeak for yourself\b|\bpot,? kettle\b|"
    r"^(?:but |and |well,? )?(?:you|u)\b[^.?!]*\b(?:too|either|as well)[.!?]*$)"
)
_REBUTTAL = re.compile(
    r"(?:^(?:yeah|yes|okay|ok|sure|well|i know|i get it|i hear you|i understand|fine)?[\s,.]*"
    r"but\b|\bbut (?:i|i'm|i've|i was|i did|i didn't|i had|that's|that is|it's not|it wasn't|"
    r"you (?:also|never|always|didn't|don't|were|are)|honestly|to be fair|come on|seriously)\b|"
    r"^(?:actually|well,? actually|no,|"
    r"that's not (?:true|fair|what happened)|that isn't true))"
)
_JUDGE = re.compile(
    r"\b(?:overreact\w*|too sensitive|so sensitive|that's (?:ridiculous|silly|crazy|stupid|"
    r"unfair|not fair|not true|your problem|on you|childish|dramatic|absurd)|you always|"
    r"you never|at least|calm down|get over|not that bad|not a big deal|"
    r"no big deal|you're being|drama\w*|exaggerat\w*|your (?:own )?fault|you brought (?:it|this) "
    r"on|you're (?:wrong|crazy|ridiculous|impossible|selfish|lazy|paranoid|jealous)|"
    r"grow up|seriously\?|whatever|not my fault|you started|typical|of course you|"
    r"i don't see (?:the|what|why)|that's life|everyone (?:feels|does)|deal with it|"
    r"which (?:is|honestly is|seems|sounds) (?:a (?:little|bit|tad) |kind of |kinda |pretty |"
    r"honestly |so |a little bit )?(?:dramatic|jealous|insecure|controlling|uptight|picky|much|"
    r"extreme|unfair|unreasonable|childish|selfish|silly|petty|excessive|paranoid|over the top)|"
    r"(?:kind of|kinda|a bit|a little|pretty|way too|so|too|being) (?:dramatic|jealous|insecure|"
    r"controlling|uptight|picky|paranoid|petty|needy|clingy|extreme|harsh|touchy|defensive|"
    r"negative|stubborn|unreasonable|childish|selfish|lazy|judgy|excessive|precious|extra|"
    r"hysterical|emotional|naive|rigid)|let's be honest|isn't healthy|not healthy either|"
    r"take (?:everything|things|it) (?:she says |he says )?(?:so |too )?personally|"
    r"(?:you|u) (?:also )?(?:exaggerate|overreact|overthink)|"
    r"letting (?:\w+ )?run your life|get a grip|toughen up|man up|snap out of it|"
    r"become (?:rather |a bit |too )?excessive)\b"
)
_SELF_TURN = re.compile(
    r"\b(?:me too|same (?:here|with me|for me)|i feel the same|that happens to me|i also|"
    r"i had the same|when i was|i remember when|i know exactly|i've had|what about me|"
    r"that reminds me|i went through|i've been through|"
    r"i(?:'ve| have)? ?(?:been|am|was|feel|felt|'m) (?:\w+ )?\w+ too)\b"
)


_ECHO_SKIP = (
    t.FIRST_PERSON
    | t.SECOND_PERSON
    | frozenset(
        "u ur a an the to and that is are am was were be being so just which of it this".split()
    )
)


def _echoes(statement_stems: set[str], reply: str, match: re.Match[str]) -> bool:
    """Whether the words of a match (and the few after it) were the speaker's own: "you always
    side with your mother" said back, or "your friends say you're overreacting" reflected."""
    window = t.words(reply[match.start() :])[: len(t.words(match.group(0))) + 3]
    stems = [t.stem(w) for w in window if w not in _ECHO_SKIP]
    if not stems:
        return False
    return sum(st in statement_stems for st in stems) / len(stems) >= 0.6


def _live(pattern: re.Pattern[str], core: str, statement_stems: set[str]) -> re.Match[str] | None:
    """The first match of pattern in the reply that is not an echo of the speaker's words."""
    for match in pattern.finditer(core):
        if not _echoes(statement_stems, core, match):
            return match
    return None


@dataclass(frozen=True)
class ListeningResult:
    """How a reply listens to a statement."""

    act: str
    question: str | None
    fidelity: float
    advice: bool
    judgment: bool
    tips: list[str] = field(default_factory=list)
    # Not in the command's contract: the reply turned the spotlight to the listener's own
    # experience (the daily question's reply coach flags it).
    turned_to_self: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "act": self.act,
            "question": self.question,
            "fidelity": self.fidelity,
            "advice": self.advice,
            "judgment": self.judgment,
            "tips": list(self.tips),
        }


def _core(reply: str) -> str:
    """The reply lower-cased with leading fillers ("so, okay, um") removed."""
    return _LEADING_FILLER.sub("", t.normalise(reply)).strip()


def _question_sentences(reply: str) -> list[str]:
    return [_core(s) for s in t.sentences(reply) if s.rstrip().endswith("?")]


def lexical_act_features(statement: str, reply: str) -> list[float]:
    """Hand-made features for the act head (kept in sync with scripts/train_language.py)."""
    core = _core(reply)
    tokens = t.words(reply)
    first_word = core.split(" ", 1)[0] if core else ""
    n = max(1, len(tokens))
    questions = _question_sentences(reply)
    said = set(t.content_stems(statement))
    return [
        1.0 if reply.rstrip().endswith("?") else 0.0,
        1.0 if questions else 0.0,
        1.0 if first_word in _WH or _OPEN_START.match(core) else 0.0,
        1.0 if first_word in _AUX else 0.0,
        1.0 if _REFLECT.search(core) else 0.0,
        1.0 if _CHECK.search(core) else 0.0,
        sum(1 for w in tokens if w in t.SECOND_PERSON) / n,
        sum(1 for w in tokens if w in t.FIRST_PERSON) / n,
        float(np.log1p(len(tokens))),
        1.0 if _ADVICE.search(core) else 0.0,
        # reflections re-use the speaker's words and name their feelings
        len(said & set(t.content_stems(reply))) / len(said) if said else 0.0,
        1.0 if t.feeling_words(reply) else 0.0,
    ]


def act_features(
    statement_vectors: FloatArray,
    reply_vectors: FloatArray,
    pairs: list[tuple[str, str]],
) -> FloatArray:
    """Features of the act head: reply embedding, statement-reply cosine, lexical cues."""
    cosines = (statement_vectors * reply_vectors).sum(axis=1, keepdims=True)
    lexical = np.array([lexical_act_features(s, r) for s, r in pairs], dtype=np.float64)
    return np.hstack([reply_vectors, cosines, lexical])


def question_features(reply_vectors: FloatArray, replies: list[str]) -> FloatArray:
    """Features of the open/closed head: reply embedding and the first-word cues."""
    rows = []
    for reply in replies:
        questions = _question_sentences(reply) or [_core(reply)]
        last = questions[-1]
        first_word = last.split(" ", 1)[0] if last else ""
        rows.append(
            [
                1.0 if first_word in _WH or _OPEN_START.match(last) else 0.0,
                1.0 if first_word in _AUX else 0.0,
                1.0 if " or " in last else 0.0,
            ]
        )
    return np.hstack([reply_vectors, np.array(rows, dtype=np.float64)])


# How the statement-reply cosine maps to 0..1, and its share beside word re-use.
SIM_FLOOR = 0.1
SIM_SPAN = 0.6
SIM_WEIGHT = 0.6


@dataclass(frozen=True)
class _Fidelity:
    score: float
    missed_feelings: list[str]
    missing_words: list[str]
    contradiction: bool
    self_focus: bool


def _fidelity(statement: str, reply: str, similarity: float, act: str) -> _Fidelity:
    statement_stems = list(dict.fromkeys(t.content_stems(statement)))
    reply_words = t.words(reply)
    reply_stems = set(t.content_stems(reply))
    statement_feelings = t.feeling_words(statement)
    reply_feelings = t.feeling_words(reply)
    statement_families = {t.feeling_family(w) or "" for w in statement_feelings}
    reply_families = {t.feeling_family(w) or "" for w in reply_feelings}

    feeling_stems = {t.stem(w) for w in statement_feelings}
    facts = [s for s in statement_stems if s not in feeling_stems]
    covered = [s for s in facts if s in reply_stems]
    overlap = len(covered) / len(facts) if facts else None

    sim = min(1.0, max(0.0, (similarity - SIM_FLOOR) / SIM_SPAN))
    if overlap is None:
        base = sim
    else:
        base = SIM_WEIGHT * sim + (1.0 - SIM_WEIGHT) * min(1.0, overlap * 1.4)
    if act == "question":
        # A question does not mirror; it is faithful when it stays with what was said.
        score = min(0.7, 0.15 + 0.55 * sim + 0.2 * min(1.0, (overlap or 0.0) * 1.4))
    else:
        score = 0.05 + 0.95 * base

    missed: list[str] = []
    opposite = False
    if statement_families:
        caught = t.families_caught(statement_families, reply_families)
        if not caught and act != "question":
            missed = list(statement_feelings)
            score *= 0.6
        elif caught:
            score = min(1.0, score * 1.1)
        positive_said = bool(statement_families & t.POSITIVE_FAMILIES)
        negative_said = bool(statement_families - t.POSITIVE_FAMILIES)
        positive_back = bool(reply_families & t.POSITIVE_FAMILIES)
        negative_back = bool(reply_families - t.POSITIVE_FAMILIES)
        opposite = (positive_back and not positive_said and negative_said) or (
            negative_back and not negative_said and positive_said
        )

    # A swapped word ("alone" -> "together") or a dropped/added "not" turns a mirror into a
    # contradiction that cosine alone does not see.
    statement_set = set(t.words(statement))
    reply_set = set(reply_words)
    contradiction = opposite or any(
        word in t.ANTONYMS
        and word not in reply_set
        and (t.ANTONYMS[word] & reply_set)
        and not (t.ANTONYMS[word] & statement_set)
        for word in statement_set
    )
    s_neg = t.negated_stems(statement)
    r_neg = t.negated_stems(reply)
    shared = set(statement_stems) & reply_stems
    if any((s in s_neg) != (s in r_neg) for s in shared):
        contradiction = True
    if contradiction:
        score *= 0.4
    elif t.negation_count(reply) % 2 != t.negation_count(statement) % 2:
        score *= 0.75

    s_tokens = t.words(statement)
    speaker_about_self = sum(w in t.FIRST_PERSON for w in s_tokens) > 0
    # "you went off with your friends" is mirrored as "I went off with my friends"
    expected_first = sum(w in t.SECOND_PERSON for w in s_tokens)
    first = sum(w in t.FIRST_PERSON for w in reply_words) - expected_first
    second = sum(w in t.SECOND_PERSON for w in reply_words)
    self_focus = speaker_about_self and first > second and first >= 2
    if self_focus:
        score *= 0.6

    missing = [w for w in t.words(statement) if t.stem(w) in set(facts) - reply_stems]
    missing = [w for w in dict.fromkeys(missing) if w not in t.STOPWORDS and len(w) > 3]
    return _Fidelity(
        score=round(min(1.0, max(0.0, score)), 3),
        missed_feelings=list(dict.fromkeys(missed)),
        missing_words=missing[:3],
        contradiction=contradiction,
        self_focus=self_focus,
    )


def _quote(words: list[str]) -> str:
    quoted = [f"\u201c{w}\u201d" for w in words]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _tips(
    act: str,
    question: str | None,
    fid: _Fidelity,
    advice: bool,
    rebuttal: bool,
    judging: bool,
    reassure: bool = False,
    self_turn: bool = False,
) -> list[str]:
    tips: list[str] = []
    if rebuttal:
        tips.append(
            "Your side matters too, and it will have its turn. For now, try setting the "
            "\u201cbut\u201d aside and first tell your partner what you heard."
        )
    elif judging:
        tips.append(
            "Try leaving out the verdict for now. Your partner will open up more when they "
            "feel understood first, even if you see it differently."
        )
    if reassure and not judging and not rebuttal:
        tips.append(
            "Reassurance comes from a kind place, but it can skip past what your partner "
            "feels. Try first saying back what you heard: \u201cIt sounds like\u2026\u201d"
        )
    if fid.self_focus or self_turn:
        tips.append(
            "Your reply turned towards your own experience. Try keeping the spotlight on your "
            "partner for a moment, starting with \u201cyou\u201d: \u201cYou feel\u2026\u201d."
        )
    if advice:
        tips.append(
            "Your partner may not be looking for solutions yet. Try reflecting what you heard "
            "first; ideas land better once they feel understood."
        )
    if fid.contradiction:
        tips.append(
            "Your reply seems to say something different from what your partner said. Try "
            "their own words back and check: \u201cDid I get that right?\u201d"
        )
    if fid.missed_feelings and act == "reflection":
        token = fid.missed_feelings[0]
        theirs, yours = t.feeling_readable(token), t.feeling_readable(token, listener=True)
        tips.append(
            "Your reflection caught what your partner said but missed how they felt. They "
            f"mentioned feeling {theirs}; try adding it: \u201c\u2026and that left you "
            f"feeling {yours}.\u201d"
        )
    if act == "question" and question == "closed":
        tips.append(
            "A yes-or-no question can close a conversation down. An open one, like "
            "\u201cWhat was that like for you?\u201d, invites your partner to say more."
        )
    if fid.missing_words and fid.score < 0.55 and not fid.contradiction and act != "question":
        tips.append(
            f"Try using a few of your partner's own words, like {_quote(fid.missing_words)}, "
            "so they can hear that the details landed."
        )
    if (
        act == "other"
        and not advice
        and not judging
        and not rebuttal
        and not reassure
        and not self_turn
        and fid.score < 0.55
    ):
        tips.append(
            "Try saying back, in your own words, what your partner just told you, starting "
            "with \u201cIt sounds like\u2026\u201d or \u201cSo you\u2026\u201d."
        )
    if not tips:
        if act == "reflection" and fid.score >= 0.6:
            tips.append(
                "That reflection stayed close to what your partner said. You could check "
                "it with them: \u201cDid I get that right?\u201d"
            )
        elif act == "question" and question == "open":
            tips.append(
                "A warm, open question. When your partner answers, try reflecting what you "
                "hear before asking the next one."
            )
        else:
            tips.append(
                "Try staying a little closer to your partner's own words, and name how they "
                "seem to feel."
            )
    return tips[:2]


def _decide_act(probs: FloatArray, reply: str, pushing_back: bool) -> str:
    """Rules for the clear cases, the trained head for the rest."""
    core = _core(reply)
    questions = _question_sentences(reply)
    # "You're nervous about…" mirrors a feeling even without a stock opener.
    reflective = bool(_REFLECT.search(core)) or (
        core.startswith(("you", "your")) and bool(t.feeling_words(core))
    )
    genuine_questions = [
        q
        for q in questions
        if not _CHECK.search(q) and not _SELF_TURN.search(q) and not _JUDGE.search(q)
    ]
    if genuine_questions and not pushing_back:
        last = genuine_questions[-1]
        first_word = last.split(" ", 1)[0] if last else ""
        if first_word in _WH or first_word in _AUX or _OPEN_START.match(last):
            return "question"
    if pushing_back and not _REFLECT.match(core):
        return "other"
    if reflective and not genuine_questions:
        return "reflection"
    asks = bool(genuine_questions) or any(_OPEN_START.match(_core(s)) for s in t.sentences(reply))
    if not asks:
        return "reflection" if probs[0] >= probs[2] else "other"
    return ACTS[int(np.argmax(probs))]


def _question_type(prob_open: float, reply: str) -> str:
    questions = _question_sentences(reply) or [_core(reply)]
    last = [q for q in questions if not _CHECK.search(q)] or questions
    q = last[-1]
    first_word = q.split(" ", 1)[0] if q else ""
    if _OPEN_START.match(q):
        return "open"
    if first_word in _AUX or " or " in q:
        return "closed"
    return "open" if prob_open >= 0.5 else "closed"


def analyze_listening_batch(pairs: list[tuple[str, str]]) -> list[ListeningResult]:
    """Listening feedback for many (statement, reply) pairs, with one encoder call."""
    if not pairs:
        return []
    statements = [s for s, _ in pairs]
    replies = [r for _, r in pairs]
    vectors = encode(statements + replies).astype(np.float64)
    n = len(pairs)
    s_vec, r_vec = vectors[:n], vectors[n:]
    if has_head("listening_act"):
        act_probs = softmax(logits("listening_act", act_features(s_vec, r_vec, pairs)))
    else:
        act_probs = np.tile(np.array([0.34, 0.33, 0.33]), (n, 1))
    if has_head("listening_question"):
        open_probs = sigmoid(logits("listening_question", question_features(r_vec, replies)))[:, 0]
    else:
        open_probs = np.full(n, 0.5)
    # (Embedding the reply again with "you" and "I" swapped made no measurable difference to
    # fidelity on AnnoMI or our own pairs, so the encoder sees each text once.)
    similarity = (s_vec * r_vec).sum(axis=1)

    results = []
    for i, (statement, reply) in enumerate(pairs):
        core = _core(reply)
        said = {t.stem(w) for w in t.words(statement)}
        # Words the reply echoes from the statement are the speaker's, never the listener's.
        advice_match = _live(_ADVICE, core, said)
        suggest_match = _live(_SUGGEST, core, said)
        judge_match = _live(_JUDGE, core, said)
        counter = _live(_COUNTER, core, said) is not None
        reassure_match = _REASSURE.search(core)
        self_turn = bool(_SELF_TURN.search(core)) and not _REFLECT.match(core)
        rebuttal = bool(_REBUTTAL.search(core)) or counter
        judging = judge_match is not None or counter
        advice = advice_match is not None or suggest_match is not None
        act = _decide_act(act_probs[i], reply, rebuttal or self_turn)
        first_cue = min(
            (m.start() for m in (advice_match, suggest_match, judge_match) if m is not None),
            default=-1,
        )
        # A verdict or a fix after a real reflection leaves it a reflection that also judges
        # or advises; one that opens the reply (or stands alone) makes the reply "other".
        reflected_first = first_cue > 0 and (
            bool(_REFLECT.search(core[:first_cue]))
            or bool(t.feeling_words(core[:first_cue]))
            or core.startswith(("you", "your", "u ", "ur "))
            and len(said & {t.stem(w) for w in t.words(core[:first_cue])}) >= 2
        )
        if (judging and not counter) or advice:
            if act == "reflection" and not reflected_first:
                act = "other"
            elif act == "other" and reflected_first and not rebuttal and not counter:
                act = "reflection"
        if reassure_match is not None and act == "reflection":
            before = core[: reassure_match.start()]
            if not (_REFLECT.search(before) or t.feeling_words(before)):
                act = "other"
        if counter or self_turn:
            act = "other"
        question = _question_type(float(open_probs[i]), reply) if act == "question" else None
        if suggest_match is not None and (act == "question" or reply.rstrip().endswith("?")):
            # "Why don't we…?", "How about…?": a proposal to accept or not, not an open door.
            act, question = "question", "closed"
        fid = _fidelity(statement, reply, float(similarity[i]), act)
        if rebuttal or judging:
            fid = replace(fid, score=round(fid.score * 0.7, 3))
        if fid.self_focus and act == "reflection":
            act = "other"
        results.append(
            ListeningResult(
                act=act,
                question=question,
                fidelity=fid.score,
                advice=advice,
                judgment=judging,
                turned_to_self=fid.self_focus or self_turn,
                tips=_tips(
                    act,
                    question,
                    fid,
                    advice,
                    rebuttal,
                    judging,
                    reassure=reassure_match is not None and not advice,
                    self_turn=self_turn,
                ),
            )
        )
    return results


def analyze_listening(statement: str, reply: str) -> ListeningResult:
    """How well `reply` listens to `statement`: act, question type, fidelity (0..1), whether
    it gives advice or judges, and one or two kind, specific tips."""
    return analyze_listening_batch([(statement, reply)])[0]
