"""Measure every attunement.language analyzer on held-out data, beside published figures.

    .venv/bin/python scripts/evaluate_language.py [--data ../shared/data] [--only emotions,...]

Prints per-class precision, recall and F1 and the macro-F1 for:
  emotions   GoEmotions dev (never trained on; thresholds were tuned on a slice of train)
  listening  AnnoMI therapist turns of held-out transcripts (split by transcript id), and the
             held-out quarter of our own listening pairs
  empathy    EPITOME, all rows (check-only data: nothing is trained or tuned on it), and our
             own hand-written pairs (on which the rules were revised)
  safety     our couple texts (test split) and the independent eval set by level, risk kind and
             voice; C-SSRS held-out users (split by user); our older sentences' held-out quarter
  conflict   the held-out quarter of our own conflict sentences
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import train_language as tl  # noqa: E402

from attunement.language import (  # noqa: E402
    GOEMOTIONS_LABELS,
    analyze_conflict_batch,
    analyze_emotions_batch,
    analyze_empathy_batch,
    analyze_listening_batch,
    analyze_safety_batch,
)
from attunement.language.conflict import HORSEMEN  # noqa: E402

csv.field_size_limit(10_000_000)


def prf(pred: Sequence[bool], gold: Sequence[bool]) -> tuple[float, float, float, int]:
    p = np.asarray(pred, dtype=bool)
    g = np.asarray(gold, dtype=bool)
    tp = float((p & g).sum())
    precision = tp / p.sum() if p.sum() else 0.0
    recall = tp / g.sum() if g.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, int(g.sum())


def table(title: str, rows: list[tuple[str, Sequence[bool], Sequence[bool]]], note: str) -> float:
    print(f"\n{title}")
    print(f"  {'class':<16}{'precision':>10}{'recall':>9}{'F1':>7}{'support':>9}")
    f1s = []
    for name, pred, gold in rows:
        p, r, f, n = prf(pred, gold)
        f1s.append(f)
        print(f"  {name:<16}{p:>10.3f}{r:>9.3f}{f:>7.3f}{n:>9}")
    macro = float(np.mean(f1s))
    print(f"  macro-F1 {macro:.3f}   {note}")
    return macro


def classes(
    title: str, pred: Sequence[object], gold: Sequence[object], labels: Iterable[object], note: str
) -> float:
    rows = [(str(c), [x == c for x in pred], [y == c for y in gold]) for c in labels]
    acc = float(np.mean([x == y for x, y in zip(pred, gold, strict=True)]))
    macro = table(title, rows, f"accuracy {acc:.3f}   {note}")
    return macro


def eval_emotions(data: Path, out: dict[str, object]) -> None:
    texts, y = tl.read_goemotions(data, "dev")
    results = analyze_emotions_batch(texts)
    present = [set(r.present) for r in results]
    rows = [
        (label, [label in p for p in present], list(y[:, j] > 0))
        for j, label in enumerate(GOEMOTIONS_LABELS)
    ]
    out["emotions_macro_f1"] = table(
        f"emotions: GoEmotions dev ({len(texts)} comments, 28 labels)",
        rows,
        "reference: BERT-base fine-tuned, macro-F1 0.46 (Demszky et al. 2020, test set)",
    )
    eval_emotions_couples(out)


# enISEAR's seven classes (Troiano et al. 2019) from the 28 GoEmotions labels; labels with no
# counterpart (curiosity, desire, surprise, neutral, ...) map to none.
SEVEN = {
    "anger": ("anger", "annoyance", "disapproval"),
    "disgust": ("disgust",),
    "fear": ("fear", "nervousness"),
    "guilt": ("remorse",),
    "joy": (
        "joy",
        "amusement",
        "excitement",
        "gratitude",
        "love",
        "optimism",
        "relief",
        "pride",
        "admiration",
    ),
    "sadness": ("sadness", "grief", "disappointment"),
    "shame": ("embarrassment",),
}
SEVEN_OF = {label: cls for cls, labels in SEVEN.items() for label in labels}


def seven_class(emotions: Sequence[tuple[str, float]]) -> str:
    """The enISEAR class of the best-scoring label that has one."""
    return next(SEVEN_OF[label] for label, _ in emotions if label in SEVEN_OF)


def read_couples(name: str, split: str = "") -> list[dict[str, object]]:
    """Rows of our couples set NAME (scripts/language_data/couples_rows.py)."""
    sys.path.insert(0, str(REPO / "scripts" / "language_data"))
    import couples_rows

    return couples_rows.read_couples(name, split)


def eval_emotions_couples(out: dict[str, object]) -> None:
    rows = read_couples("emotions", "test")
    results = analyze_emotions_batch([str(r["text"]) for r in rows])
    gold = [set(r["emotions"]) for r in rows]  # type: ignore[call-overload]
    top = [x.top for x in results]
    hit = float(np.mean([t in g for t, g in zip(top, gold, strict=True)]))
    present = [set(x.present) for x in results]
    out["emotions_couples_test_macro_f1"] = table(
        f"emotions: our couples test split ({len(rows)} texts; top label in gold {hit:.3f})",
        [
            (label, [label in p for p in present], [label in g for g in gold])
            for label in GOEMOTIONS_LABELS
        ],
        "never trained or tuned on",
    )
    out["emotions_couples_test_top_hit"] = hit
    mapped = [
        (seven_class(x.emotions), SEVEN_OF[next(lab for lab in r["emotions"] if lab in SEVEN_OF)])  # type: ignore[attr-defined]
        for x, r in zip(results, rows, strict=True)
        if any(lab in SEVEN_OF for lab in r["emotions"])  # type: ignore[attr-defined]
    ]
    out["emotions_couples_test_seven_accuracy"] = float(np.mean([p == g for p, g in mapped]))
    classes(
        f"emotions mapped to enISEAR's 7 classes: our couples test split ({len(mapped)} texts "
        "with a mappable label; there is no enISEAR data here)",
        [p for p, _ in mapped],
        [g for _, g in mapped],
        list(SEVEN),
        "target accuracy >= 0.60 (on enISEAR)",
    )


def eval_listening(data: Path, out: dict[str, object]) -> None:
    rows = [r for r in tl.listening_rows(data) if r["split"] == "check"]
    annomi = [r for r in rows if r["source"] == "annomi"]
    own = [r for r in rows if r["source"] == "own"]
    acts = ["reflection", "question", "other"]
    results = analyze_listening_batch([(str(r["statement"]), str(r["reply"])) for r in annomi])
    gold = [acts[int(r["act"])] for r in annomi]  # type: ignore[call-overload]
    out["listening_act_macro_f1"] = classes(
        f"listening act: AnnoMI held-out transcripts ({len(annomi)} therapist turns)",
        [r.act for r in results],
        gold,
        acts,
        "reference: none published for this 3-way split (AnnoMI gives codes, not a model)",
    )
    qs = [
        (r, x) for r, x in zip(annomi, results, strict=True) if r["question"] in ("open", "closed")
    ]
    asked = [(r, x) for r, x in qs if x.act == "question"]
    out["listening_question_macro_f1"] = classes(
        f"listening open/closed: AnnoMI held-out questions also called questions ({len(asked)})",
        [x.question for _, x in asked],
        [r["question"] for r, _ in asked],
        ["open", "closed"],
        "",
    )
    # fidelity: the real reflection against a reflection taken from another transcript
    refl = [r for r in annomi if r["act"] == 0]
    rng = np.random.default_rng(1)
    shuffled = [
        refl[(i + 1 + int(rng.integers(len(refl) - 1))) % len(refl)] for i in range(len(refl))
    ]
    true_f = [
        x.fidelity
        for x in analyze_listening_batch([(str(r["statement"]), str(r["reply"])) for r in refl])
    ]
    false_f = [
        x.fidelity
        for x in analyze_listening_batch(
            [(str(r["statement"]), str(s["reply"])) for r, s in zip(refl, shuffled, strict=True)]
        )
    ]
    auc = float(np.mean([[a > b for b in false_f] for a in true_f]))
    print(f"  fidelity AUC, real reflection vs another client's reflection: {auc:.3f}")
    out["listening_fidelity_auc_annomi"] = auc

    own_results = analyze_listening_batch([(str(r["statement"]), str(r["reply"])) for r in own])
    classes(
        f"listening act: our own held-out pairs ({len(own)})",
        [x.act for x in own_results],
        [acts[int(r["act"])] for r in own],  # type: ignore[call-overload]
        acts,
        "",
    )
    all_own = tl.read_own("listening")
    res = analyze_listening_batch([(str(r["statement"]), str(r["reply"])) for r in all_own])
    band = ["high" if x.fidelity >= 0.65 else "mid" if x.fidelity >= 0.4 else "low" for x in res]
    out["listening_fidelity_band_macro_f1_own_all"] = classes(
        f"listening fidelity band: all our own pairs ({len(all_own)}; rules hand-set on them)",
        band,
        [r["fidelity"] for r in all_own],
        ["high", "mid", "low"],
        "high >= 0.65 > mid >= 0.4 > low",
    )
    for name in ("advice", "judgment"):
        p, r, f, n = prf([getattr(x, name) for x in res], [bool(row[name]) for row in all_own])
        print(f"  {name}: precision {p:.3f} recall {r:.3f} F1 {f:.3f} (support {n})")
        out[f"listening_{name}_f1_own_all"] = f
    eval_listening_couples(out)


def eval_listening_couples(out: dict[str, object]) -> None:
    """Our couple statement-reply pairs, `test` split only: act, advice and judgment per
    class, open/closed, and the accuracy of every `case` tag (what that case is about)."""
    rows = [r for r in tl.couples_listening() if r["split"] == "test"]
    res = analyze_listening_batch([(str(r["statement"]), str(r["reply"])) for r in rows])
    acts = ["reflection", "question", "other"]
    out["listening_couples_act_macro_f1"] = classes(
        f"listening act: our couple pairs, test split ({len(rows)} pairs)",
        [x.act for x in res],
        [r["act"] for r in rows],
        acts,
        "",
    )
    asked = [
        (r, x) for r, x in zip(rows, res, strict=True) if r["question"] and x.act == "question"
    ]
    out["listening_couples_question_macro_f1"] = classes(
        f"listening open/closed: couple test pairs that are questions and called questions "
        f"({len(asked)})",
        [x.question for _, x in asked],
        [r["question"] for r, _ in asked],
        ["open", "closed"],
        "",
    )
    for name in ("advice", "judgment"):
        out[f"listening_couples_{name}_macro_f1"] = classes(
            f"listening {name}: couple test pairs",
            [bool(getattr(x, name)) for x in res],
            [bool(r[name]) for r in rows],
            [True, False],
            "",
        )
    print("\nlistening per case: couple test pairs (a pair is right when act, open/closed, advice")
    print("  and judgment all match its labels)")
    cases: dict[str, list[bool]] = {}
    for r, x in zip(rows, res, strict=True):
        ok = (
            x.act == r["act"]
            and (x.question == r["question"] or r["act"] != "question")
            and x.advice == bool(r["advice"])
            and x.judgment == bool(r["judgment"])
        )
        cases.setdefault(str(r["case"]), []).append(ok)
    for case in sorted(cases):
        acc = float(np.mean(cases[case]))
        print(f"  {case:<26}{acc:>7.3f}{len(cases[case]):>5}")
        out[f"listening_case_{case}"] = acc
    overall = float(np.mean([ok for v in cases.values() for ok in v]))
    print(f"  {'all':<26}{overall:>7.3f}{len(rows):>5}")
    out["listening_case_all"] = overall


def eval_empathy(data: Path, out: dict[str, object]) -> None:
    refs = {
        "emotional_reactions": ("emotional-reactions", "79.4", "74.5"),
        "interpretations": ("interpretations", "84.0", "62.6"),
        "explorations": ("explorations", "92.6", "72.6"),
    }
    for attr, (name, acc, f1) in refs.items():
        with (data / "epitome_reddit" / f"{name}-reddit.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        results = analyze_empathy_batch([(r["seeker_post"], r["response_post"]) for r in rows])
        out[f"empathy_{attr}_macro_f1"] = classes(
            f"empathy {attr}: EPITOME Reddit, all {len(rows)} pairs (check only)",
            [getattr(x, attr) for x in results],
            [int(r["level"]) for r in rows],
            [0, 1, 2],
            f"reference: RoBERTa on the full corpus, accuracy {acc}, macro-F1 {f1}",
        )
    eval_empathy_own(out)


def eval_empathy_own(out: dict[str, object]) -> None:
    rows = tl.read_own("empathy")
    results = analyze_empathy_batch([(str(r["seeker"]), str(r["response"])) for r in rows])
    for attr in ("emotional_reactions", "interpretations", "explorations"):
        out[f"empathy_own_{attr}_macro_f1"] = classes(
            f"empathy {attr}: our own {len(rows)} pairs (the rules were revised on these)",
            [getattr(x, attr) for x in results],
            [r[attr] for r in rows],
            [0, 1, 2],
            "",
        )


SAFETY_EVAL = tl.SAFETY_COUPLES / "eval" / "safety_eval.jsonl"


def safety_couples_figures(
    title: str, rows: list[dict[str, object]], key: str, out: dict[str, object]
) -> None:
    """Every figure of the screen on written couple texts: risk texts caught (any level), how
    many of them get the card, the kind named, by risk kind and by voice; everyday texts that
    get a card or a quiet line."""
    res = analyze_safety_batch([str(r["text"]) for r in rows])
    risky = [(r, x) for r, x in zip(rows, res, strict=True) if r["risk"] != "none"]
    everyday = [
        (r, x)
        for r, x in zip(rows, res, strict=True)
        if r["risk"] == "none" and r.get("hard", True)
    ]
    print(f"\n{title}: {len(risky)} risk texts, {len(everyday)} everyday texts with trigger words")

    def line(name: str, group: list[tuple[dict[str, object], object]]) -> None:
        found = [x for _, x in group if x.level != "none"]  # type: ignore[attr-defined]
        clear = [x for _, x in group if x.level == "clear"]  # type: ignore[attr-defined]
        kind = [r["risk"] == x.risk for r, x in group]  # type: ignore[attr-defined]
        print(
            f"  {name:<26}{len(group):>5}   caught {len(found) / len(group):.3f}   "
            f"card {len(clear) / len(group):.3f}   kind right {np.mean(kind):.3f}"
        )

    print(f"  {'risk texts':<26}{'n':>5}")
    line("all", risky)  # type: ignore[arg-type]
    for field in ("risk", "level", "voice", "indirect"):
        values = sorted({str(r.get(field)) for r, _ in risky if field in r})
        for value in values:
            group = [(r, x) for r, x in risky if str(r.get(field)) == value]
            line(f"{field}={value}", group)  # type: ignore[arg-type]
    card = float(np.mean([x.level == "clear" for _, x in everyday]))
    quiet = float(np.mean([x.level == "possible" for _, x in everyday]))
    print(f"  everyday: care card {card:.3f} (target <= 0.05), quiet line {quiet:.3f} (<= 0.15)")
    voices = sorted({str(r.get("voice")) for r, _ in everyday})
    for voice in voices:
        group = [x for r, x in everyday if str(r.get("voice")) == voice]
        print(
            f"    voice={voice:<16}{len(group):>5}   card "
            f"{np.mean([x.level == 'clear' for x in group]):.3f}   quiet "
            f"{np.mean([x.level == 'possible' for x in group]):.3f}"
        )
    recall = float(np.mean([x.level != "none" for _, x in risky]))
    clear_share = float(np.mean([x.level == "clear" for _, x in risky]))
    print(f"  risk: caught {recall:.3f} (target >= 0.95), as a card {clear_share:.3f} (>= 0.85)")
    out[f"safety_{key}_recall"] = recall
    out[f"safety_{key}_clear_share"] = clear_share
    out[f"safety_{key}_everyday_card"] = card
    out[f"safety_{key}_everyday_quiet"] = quiet


def eval_safety(data: Path, out: dict[str, object]) -> None:
    test = tl.read_safety_couples("test")
    safety_couples_figures("safety: our couple texts, test split", test, "test", out)
    independent = [
        json.loads(line)
        for line in SAFETY_EVAL.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    safety_couples_figures(
        "safety: independent eval set (never trained or tuned on)", independent, "eval", out
    )

    users = [u for u in tl.read_cssrs(data) if tl.user_split(u[0]) == "check"]
    started = time.perf_counter()
    results = analyze_safety_batch([posts for _, posts, _ in users])
    took = time.perf_counter() - started
    labels = [label for _, _, label in users]
    risky = [label in tl.SELF_HARM_LABELS for label in labels]
    judged = [i for i, label in enumerate(labels) if label != "Indicator"]
    for name, flagged in (
        ("any level", [r.level != "none" for r in results]),
        ("card only", [r.level == "clear" for r in results]),
    ):
        key = "" if name == "any level" else "_card"
        out[f"safety_cssrs{key}_macro_f1"] = table(
            f"safety: C-SSRS held-out users ({len(users)} users, {took:.0f}s), flagged = "
            f"{name}; at risk = Ideation/Behavior/Attempt, not = Supportive",
            [
                ("at risk", [flagged[i] for i in judged], [risky[i] for i in judged]),
                ("not at risk", [not flagged[i] for i in judged], [not risky[i] for i in judged]),
            ],
            "targets: at-risk recall >= 0.95, precision >= 0.75",
        )
        p, r, _, _ = prf([flagged[i] for i in judged], [risky[i] for i in judged])
        out[f"safety_cssrs{key}_recall"] = r
        out[f"safety_cssrs{key}_precision"] = p
        for label in ("Supportive", "Indicator", "Ideation", "Behavior", "Attempt"):
            idx = [i for i, x in enumerate(labels) if x == label]
            if idx:
                share = float(np.mean([flagged[i] for i in idx]))
                print(f"  flagged among {label:<11} users: {share:.2f} of {len(idx)}")
                out[f"safety_cssrs{key}_flagged_{label.lower()}"] = share

    own = tl.read_own("safety")
    check = [r for i, r in enumerate(own) if tl.own_split(i) == "check"]
    res = analyze_safety_batch([str(r["text"]) for r in check])
    from attunement.language.safety import RISKS

    out["safety_own_macro_f1"] = classes(
        f"safety: our older sentences, held-out quarter ({len(check)})",
        [x.risk for x in res],
        [r["risk"] for r in check],
        RISKS,
        "",
    )


def eval_conflict(data: Path, out: dict[str, object]) -> None:
    own = tl.read_own("conflict")
    for split in ("check", "all"):
        rows = [r for i, r in enumerate(own) if split == "all" or tl.own_split(i) == "check"]
        res = analyze_conflict_batch([str(r["text"]) for r in rows])
        out[f"conflict_own_{split}_macro_f1"] = table(
            f"conflict: our own sentences, {split} ({len(rows)}; flagged at >= 0.5)",
            [
                (h, [h in x.flagged for x in res], [h in r["labels"] for r in rows])  # type: ignore[operator]
                for h in HORSEMEN
            ],
            "no public couples corpus to compare with"
            if split == "check"
            else "three quarters of these trained the head: optimistic",
        )
    eval_conflict_couples(out)
    with (data / "jigsaw_sample_ibm" / "test_examples.csv").open(encoding="utf-8") as handle:
        reader = list(csv.DictReader(handle))
    if reader and "toxic" in reader[0]:
        text_key = "comment_text" if "comment_text" in reader[0] else list(reader[0])[1]
        res = analyze_conflict_batch([r[text_key] for r in reader])
        toxic = np.array([r["toxic"] == "1" for r in reader])
        contempt = np.array([x.contempt for x in res])
        print(
            f"  Jigsaw smoke test: mean contempt {contempt[toxic].mean():.2f} on toxic "
            f"comments vs {contempt[~toxic].mean():.2f} on the rest"
        )


def quoted(tip: str) -> list[str]:
    """The phrases a tip quotes from the person's text (between curly quotes, not the
    tip's own example sentences)."""
    import re

    from attunement.language.conflict import _TIPS

    found = re.findall("\u201c([^\u201d]*)\u201d", tip)
    return [q for q in found if not any(f"\u201c{q}\u201d" in x for x in _TIPS.values())]


def eval_conflict_couples(out: dict[str, object]) -> None:
    rows = read_couples("conflict")
    test = read_couples("conflict", "test")
    res = analyze_conflict_batch([str(r["text"]) for r in test])
    out["conflict_couples_test_macro_f1"] = table(
        f"conflict: our couples test split ({len(test)}; flagged at >= 0.5)",
        [
            (h, [h in x.flagged for x in res], [h in r["labels"] for r in test])  # type: ignore[operator]
            for h in HORSEMEN
        ],
        "never trained or tuned on",
    )
    gentle = [x for x, r in zip(res, test, strict=True) if r["gentle"]]
    clean = [x for x, r in zip(res, test, strict=True) if not r["labels"]]
    rate = float(np.mean([bool(x.gentle_rewrite_tips) for x in gentle]))
    clean_rate = float(np.mean([bool(x.gentle_rewrite_tips) for x in clean]))
    print(
        f"  gentle start-ups and repairs given a horseman tip: {rate:.3f} of {len(gentle)}; "
        f"all rows without a horseman: {clean_rate:.3f} of {len(clean)}"
    )
    out["conflict_couples_test_gentle_tip_rate"] = rate
    out["conflict_couples_test_clean_tip_rate"] = clean_rate
    everything = analyze_conflict_batch([str(r["text"]) for r in rows])
    bad = [
        (q, str(r["text"]))
        for x, r in zip(everything, rows, strict=True)
        for tip in x.gentle_rewrite_tips
        for q in quoted(tip)
        if q.lower() not in str(r["text"]).lower()
    ]
    print(f"  tips quoting words the person never wrote, whole file ({len(rows)}): {len(bad)}")
    out["conflict_couples_misquotes_all"] = len(bad)


EVALS = {
    "emotions": eval_emotions,
    "listening": eval_listening,
    "empathy": eval_empathy,
    "safety": eval_safety,
    "conflict": eval_conflict,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=tl.DEFAULT_DATA)
    parser.add_argument("--only", default="")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    out: dict[str, object] = {}
    for name in [n for n in args.only.split(",") if n] or list(EVALS):
        EVALS[name](args.data, out)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
