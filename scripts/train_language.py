"""Train the small classifier heads of attunement.language and save them as plain arrays.

    .venv/bin/python scripts/train_language.py [--data ../shared/data] [--only safety,...]

Reads the labelled public data from ../shared/data (a sibling of the repository; it never goes
into the repository) and our own hand-written sets in scripts/language_data/, embeds the texts
with the committed encoder, fits the heads with numpy and writes one file per analyzer
(numpy.savez, no pickle): attunement/language/models/heads_emotions.npz, heads_listening.npz,
heads_conflict.npz (with the contempt proxy) and heads_safety.npz. `--only` retrains the named
analyzers and rewrites their files only, so the others' weights are never touched. Which data
set feeds which head, and which are used only for checking, is written down in
docs/language.md.

EPITOME is never read here: it is check-only (scripts/evaluate_language.py).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from attunement.language import conflict, listening, safety  # noqa: E402
from attunement.language.emotions import GOEMOTIONS_LABELS, emotion_features  # noqa: E402
from attunement.language.encoder import (  # noqa: E402
    MODEL_FILE,
    encode,
    encode_pooled,
    read_pins,
)
from attunement.language.heads import GROUPS, group_of, heads_file  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"
OWN_DATA = REPO / "scripts" / "language_data"
CACHE = Path("/tmp/attunement-embedding-cache")
SEED = 20260101

csv.field_size_limit(10_000_000)


# ---------------------------------------------------------------- data loading


def read_goemotions(data: Path, split: str) -> tuple[list[str], np.ndarray]:
    texts: list[str] = []
    rows: list[list[int]] = []
    path = data / "goemotions" / "original" / f"{split}.tsv"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            texts.append(parts[0])
            rows.append([int(x) for x in parts[1].split(",") if x.strip()])
    y = np.zeros((len(texts), len(GOEMOTIONS_LABELS)), dtype=np.float64)
    for i, ids in enumerate(rows):
        y[i, ids] = 1.0
    return texts, y


def read_annomi(data: Path) -> list[dict[str, str]]:
    """Therapist turns with the client turn before them (statement) as dicts."""
    with (data / "annomi" / "AnnoMI-full.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda r: (int(r["transcript_id"]), int(r["utterance_id"])))
    out: list[dict[str, str]] = []
    previous: dict[str, str] | None = None
    for row in rows:
        if previous is not None and previous["transcript_id"] != row["transcript_id"]:
            previous = None
        if row["interlocutor"] == "therapist" and previous is not None:
            if previous["interlocutor"] == "client":
                out.append(
                    {
                        "transcript": row["transcript_id"],
                        "statement": previous["utterance_text"],
                        "reply": row["utterance_text"],
                        "behaviour": row["main_therapist_behaviour"],
                        "question": row["question_subtype"],
                        "reflection": row["reflection_subtype"],
                    }
                )
        previous = row
    return out


def annomi_split(transcript: str) -> str:
    """Deterministic split by transcript id: about a quarter of transcripts are held out."""
    return "check" if int(hashlib.sha1(transcript.encode()).hexdigest(), 16) % 4 == 0 else "train"


def read_cssrs(data: Path) -> list[tuple[str, str, str]]:
    with (data / "cssrs_reddit_500" / "500_Reddit_users_posts_labels.csv").open(
        encoding="utf-8"
    ) as handle:
        return [(r["User"], r["Post"], r["Label"]) for r in csv.DictReader(handle)]


def user_split(user: str) -> str:
    """Deterministic split by user: about 30% of users are held out."""
    return "check" if int(hashlib.sha1(user.encode()).hexdigest(), 16) % 10 < 3 else "train"


def read_davidson(data: Path) -> tuple[list[str], np.ndarray]:
    with (data / "davidson_offensive" / "labeled_data.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts = [r["tweet"] for r in rows]
    y = np.array([1.0 if r["class"] in ("0", "1") else 0.0 for r in rows])
    return texts, y


def read_own(name: str) -> list[dict[str, object]]:
    path = OWN_DATA / f"{name}.jsonl"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def own_split(index: int) -> str:
    """Our own sets: every fourth line is held out for checking."""
    return "check" if index % 4 == 3 else "train"


# ---------------------------------------------------------------- embeddings


def cache_key(texts: list[str]) -> str:
    """Key of a cached embedding: the texts and the pinned encoder, so a new model never
    reuses vectors made by the old one."""
    digest = hashlib.sha1(read_pins().get(MODEL_FILE.name, "").encode())
    digest.update("\x00".join(texts).encode())
    return digest.hexdigest()[:16]


def _known_vectors(name: str) -> dict[str, np.ndarray]:
    """Vectors already made for texts of earlier `name` lists (each cached list keeps its
    texts beside it), so that adding rows to a set embeds only the new rows. A text's vector
    never depends on the rest of its batch (encoder.py), so a reused vector is exactly what
    encoding it again would give."""
    known: dict[str, np.ndarray] = {}
    pin = read_pins().get(MODEL_FILE.name, "")
    for side in sorted(CACHE.glob(f"{name}-*.texts.json")):
        kept = json.loads(side.read_text(encoding="utf-8"))
        vectors = side.with_name(side.name.replace(".texts.json", ".npy"))
        if kept.get("model") != pin or not vectors.exists():
            continue
        array = np.load(vectors, allow_pickle=False)
        if len(array) == len(kept["texts"]):
            known.update(zip(kept["texts"], array, strict=True))
    return known


def embed(texts: list[str], name: str) -> np.ndarray:
    """Encode texts, caching the vectors outside the repository."""
    CACHE.mkdir(exist_ok=True)
    key = cache_key(texts)
    path = CACHE / f"{name}-{key}.npy"
    if path.exists():
        return np.load(path, allow_pickle=False).astype(np.float64)
    started = time.perf_counter()
    known = _known_vectors(name)
    todo = sorted({t for t in texts if t not in known})
    if todo:
        known.update(zip(todo, encode(todo), strict=True))
    vectors = np.array([known[t] for t in texts], dtype=np.float64).reshape(len(texts), 384)
    took = time.perf_counter() - started
    print(f"  embedded {len(todo)} new of {len(texts)} {name} texts in {took:.1f}s", flush=True)
    np.save(path, vectors.astype(np.float32), allow_pickle=False)
    side = {"model": read_pins().get(MODEL_FILE.name, ""), "texts": texts}
    path.with_name(f"{name}-{key}.texts.json").write_text(json.dumps(side), encoding="utf-8")
    return vectors


def embed_pooled(texts: list[str], name: str) -> tuple[np.ndarray, np.ndarray]:
    """Mean- and max-pooled vectors, cached like embed()."""
    CACHE.mkdir(exist_ok=True)
    key = cache_key(texts)
    paths = [CACHE / f"{name}-{key}-mean.npy", CACHE / f"{name}-{key}-max.npy"]
    if all(p.exists() for p in paths):
        mean, maximum = (np.load(p, allow_pickle=False).astype(np.float64) for p in paths)
        return mean, maximum
    started = time.perf_counter()
    mean32, max32 = encode_pooled(texts)
    took = time.perf_counter() - started
    print(f"  embedded {len(texts)} {name} texts (mean and max) in {took:.1f}s", flush=True)
    for path, array in zip(paths, (mean32, max32), strict=True):
        np.save(path, array, allow_pickle=False)
    return mean32.astype(np.float64), max32.astype(np.float64)


# ---------------------------------------------------------------- fitting


def fit(
    x: np.ndarray,
    y: np.ndarray,
    *,
    kind: str,
    l2: float = 1e-3,
    epochs: int = 300,
    lr: float = 0.01,
    weights: np.ndarray | None = None,
    hidden: int = 0,
    batch: int = 0,
) -> dict[str, np.ndarray]:
    """Fit a linear (or one-hidden-layer) head with Adam.

    kind "multilabel": y is [n, k] 0/1, independent sigmoids.
    kind "multiclass": y is [n] class ids, softmax.
    kind "binary": y is [n] 0/1, one sigmoid (stored as k=1).
    Features are standardised; mean and scale are stored with the weights."""
    rng = np.random.default_rng(SEED)
    n, d = x.shape
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    xs = (x - mean) / scale
    if kind == "multiclass":
        k = int(y.max()) + 1
        targets = np.eye(k)[y.astype(int)]
    elif kind == "binary":
        k = 1
        targets = y.reshape(-1, 1).astype(np.float64)
    else:
        k = y.shape[1]
        targets = y.astype(np.float64)
    sw = np.ones(n) if weights is None else weights.astype(np.float64)
    sw = sw / sw.mean()
    params: dict[str, np.ndarray] = {}
    if hidden:
        params["W"] = rng.normal(0, np.sqrt(2.0 / d), (d, hidden))
        params["b"] = np.zeros(hidden)
        params["W2"] = rng.normal(0, np.sqrt(1.0 / hidden), (hidden, k))
        params["b2"] = np.zeros(k)
    else:
        params["W"] = np.zeros((d, k))
        params["b"] = np.zeros(k)
    m = {key: np.zeros_like(v) for key, v in params.items()}
    v2 = {key: np.zeros_like(v) for key, v in params.items()}
    step = 0
    batch = batch or n
    for _ in range(epochs):
        order = rng.permutation(n) if batch < n else np.arange(n)
        for start in range(0, n, batch):
            idx = order[start : start + batch]
            xb, tb, wb = xs[idx], targets[idx], sw[idx][:, None]
            h = xb @ params["W"] + params["b"]
            if hidden:
                a = np.maximum(h, 0)
                z = a @ params["W2"] + params["b2"]
            else:
                z = h
            if kind == "multiclass":
                p = np.exp(z - z.max(1, keepdims=True))
                p /= p.sum(1, keepdims=True)
            else:
                p = 1 / (1 + np.exp(-z))
            gz = (p - tb) * wb / len(idx)
            grads: dict[str, np.ndarray] = {}
            if hidden:
                grads["W2"] = a.T @ gz + l2 * params["W2"]
                grads["b2"] = gz.sum(0)
                gh = (gz @ params["W2"].T) * (h > 0)
                grads["W"] = xb.T @ gh + l2 * params["W"]
                grads["b"] = gh.sum(0)
            else:
                grads["W"] = xb.T @ gz + l2 * params["W"]
                grads["b"] = gz.sum(0)
            step += 1
            for key in params:
                m[key] = 0.9 * m[key] + 0.1 * grads[key]
                v2[key] = 0.999 * v2[key] + 0.001 * grads[key] ** 2
                mh = m[key] / (1 - 0.9**step)
                vh = v2[key] / (1 - 0.999**step)
                params[key] -= lr * mh / (np.sqrt(vh) + 1e-8)
    params["mean"] = mean
    params["scale"] = scale
    return params


def predict(params: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    z = ((x - params["mean"]) / params["scale"]) @ params["W"] + params["b"]
    if "W2" in params:
        z = np.maximum(z, 0) @ params["W2"] + params["b2"]
    return z


def best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """Threshold on `scores` that maximises F1 for the positives in `truth`."""
    best, best_f1 = 0.5, -1.0
    for t in np.linspace(0.02, 0.95, 94):
        pred = scores >= t
        tp = float((pred & truth).sum())
        f1 = 2 * tp / max(1.0, float(pred.sum() + truth.sum()))
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best


def macro_f1(pred: np.ndarray, truth: np.ndarray) -> float:
    f1s = []
    for j in range(truth.shape[1]):
        tp = float((pred[:, j] & truth[:, j]).sum())
        f1s.append(2 * tp / max(1.0, float(pred[:, j].sum() + truth[:, j].sum())))
    return float(np.mean(f1s))


# ---------------------------------------------------------------- heads


def train_emotions(data: Path, store: dict[str, np.ndarray]) -> None:
    print(
        "emotions: GoEmotions train + our couples train split (thresholds from 3-fold "
        "out-of-fold scores on GoEmotions train; dev to report)"
    )
    sys.path.insert(0, str(OWN_DATA))
    from couples_rows import read_couples

    texts, y = read_goemotions(data, "train")
    ours = read_couples("emotions", "train")
    our_texts = [str(r["text"]) for r in ours]
    our_y = np.array(
        [[1.0 if label in r["emotions"] else 0.0 for label in GOEMOTIONS_LABELS] for r in ours]  # type: ignore[operator]
    )
    x = emotion_features(*embed_pooled(texts, "goemotions-train"), texts)
    our_x = emotion_features(*embed_pooled(our_texts, "emotions-couples-train"), our_texts)
    rng = np.random.default_rng(SEED)
    fold = rng.integers(0, 3, len(texts))
    # 30 epochs, not 60: on a train-internal holdout (a fifth of train) 30 gave macro-F1 0.429,
    # 60 gave 0.425 and 120 gave 0.413 (dev untouched); a hidden layer did no better (0.42).
    # Also tried (issue 10, 3-fold cross-validation over GoEmotions train: thresholds picked on
    # two folds, scored on the third; dev untouched): these settings 0.416; each label's
    # positives weighted by ((1 - share) / share) ** 0.5 0.409; l2 1e-3 0.416, 1e-2 0.416. Kept.
    settings = {"kind": "multilabel", "l2": 1e-4, "epochs": 30, "lr": 2e-3, "batch": 512}
    out_of_fold = np.zeros_like(y)
    for k in range(3):
        part = fit(x[fold != k], y[fold != k], **settings)  # type: ignore[arg-type]
        out_of_fold[fold == k] = predict(part, x[fold == k])
    shifts = np.zeros(len(GOEMOTIONS_LABELS))
    for j in range(len(GOEMOTIONS_LABELS)):
        t = best_threshold(1 / (1 + np.exp(-out_of_fold[:, j])), y[:, j] > 0)
        # move the label's decision point to 0.5, where the contract reads "present"
        shifts[j] = -np.log(t / (1 - t))
    # our couples texts count five times each: a few hundred terse check-ins beside 43k comments
    weights = np.concatenate([np.ones(len(texts)), np.full(len(ours), 5.0)])
    params = fit(np.vstack([x, our_x]), np.vstack([y, our_y]), weights=weights, **settings)  # type: ignore[arg-type]
    params["b"] = params["b"] + shifts
    dev_texts, dev_y = read_goemotions(data, "dev")
    dev_x = emotion_features(*embed_pooled(dev_texts, "goemotions-dev"), dev_texts)
    z = predict(params, dev_x)
    pred = z >= 0
    none = ~pred.any(axis=1)
    pred[none, z[none].argmax(axis=1)] = True
    print(f"  dev macro-F1 {macro_f1(pred, dev_y > 0):.3f} (reference BERT 0.46)")
    for key, value in params.items():
        store[f"emotions/{key}"] = value


ACT_IDS = {"reflection": 0, "question": 1, "therapist_input": 2, "other": 2}


def listening_rows(data: Path) -> list[dict[str, object]]:
    """AnnoMI therapist turns (with split) followed by our own listening pairs."""
    rows: list[dict[str, object]] = []
    for r in read_annomi(data):
        rows.append(
            {
                "statement": r["statement"],
                "reply": r["reply"],
                "act": ACT_IDS[r["behaviour"]],
                "question": r["question"],
                "split": annomi_split(r["transcript"]),
                "source": "annomi",
            }
        )
    for i, r in enumerate(read_own("listening")):
        rows.append(
            {
                "statement": r["statement"],
                "reply": r["reply"],
                "act": ACT_IDS[str(r["act"])],
                "question": r["question"] or "n/a",
                "split": own_split(i),
                "source": "own",
            }
        )
    return rows


def couples_listening() -> list[dict[str, object]]:
    """Our couple statement-reply pairs (couples/listening_pairs.jsonl) with their fixed split
    (splits.split_of on the statement: every reply to one statement falls on one side)."""
    sys.path.insert(0, str(OWN_DATA))
    from splits import split_of  # type: ignore[import-not-found]

    path = OWN_DATA / "couples" / "listening_pairs.jsonl"
    rows: list[dict[str, object]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            row["split"] = split_of(str(row["statement"]))
            rows.append(row)
    return rows


def train_listening(data: Path, store: dict[str, np.ndarray]) -> None:
    print("listening: AnnoMI therapist turns (split by transcript) + our own pairs")
    rows = listening_rows(data)
    statements = [str(r["statement"]) for r in rows]
    replies = [str(r["reply"]) for r in rows]
    s_vec = embed(statements, "listening-statements")
    r_vec = embed(replies, "listening-replies")
    # our couple pairs, train split only (the test split is for evaluate_language.py)
    couples = [r for r in couples_listening() if r["split"] == "train"]
    c_statements = [str(r["statement"]) for r in couples]
    c_replies = [str(r["reply"]) for r in couples]
    s_vec = np.vstack([s_vec, embed(c_statements, "listening-couples-statements")])
    r_vec = np.vstack([r_vec, embed(c_replies, "listening-couples-replies")])
    for r in couples:
        rows.append(
            {
                "statement": r["statement"],
                "reply": r["reply"],
                "act": ACT_IDS[str(r["act"])],
                "question": r["question"] or "n/a",
                "split": "train",
                "source": "own",
            }
        )
    statements += c_statements
    replies += c_replies
    pairs = list(zip(statements, replies, strict=True))
    x = listening.act_features(s_vec, r_vec, pairs)
    y = np.array([int(r["act"]) for r in rows])  # type: ignore[call-overload]
    train = np.array([r["split"] == "train" for r in rows])
    own = np.array([r["source"] == "own" for r in rows])
    weights = np.where(own, 3.0, 1.0)
    params = fit(
        x[train], y[train], kind="multiclass", l2=3e-3, epochs=300, lr=5e-3, weights=weights[train]
    )
    pred = predict(params, x[~train]).argmax(1)
    for source in ("annomi", "own"):
        mask = own[~train] if source == "own" else ~own[~train]
        acc = float((pred[mask] == y[~train][mask]).mean())
        print(f"  act accuracy on held-out {source}: {acc:.3f} ({int(mask.sum())} turns)")
    for key, value in params.items():
        store[f"listening_act/{key}"] = value

    q_rows = [i for i, r in enumerate(rows) if r["question"] in ("open", "closed")]
    qx = listening.question_features(r_vec[q_rows], [replies[i] for i in q_rows])
    qy = np.array([1.0 if rows[i]["question"] == "open" else 0.0 for i in q_rows])
    q_train = train[q_rows]
    params = fit(qx[q_train], qy[q_train], kind="binary", l2=3e-3, epochs=300, lr=5e-3)
    acc = float(((predict(params, qx[~q_train])[:, 0] >= 0) == (qy[~q_train] > 0)).mean())
    print(f"  open/closed accuracy on held-out questions: {acc:.3f}")
    for key, value in params.items():
        store[f"listening_question/{key}"] = value


def train_conflict(data: Path, store: dict[str, np.ndarray]) -> None:
    print(
        "conflict: our couples train split + our older sentences (every fourth held out) "
        "+ Davidson as contempt proxy"
    )
    sys.path.insert(0, str(OWN_DATA))
    from couples_rows import read_couples

    old = [r for i, r in enumerate(read_own("conflict")) if own_split(i) == "train"]
    rows = old + read_couples("conflict", "train")
    texts = [str(r["text"]) for r in rows]
    vectors = embed(texts, "conflict-train")
    x = conflict.conflict_features(vectors, texts)
    y = np.array(
        [[1.0 if h in r["labels"] else 0.0 for h in conflict.HORSEMEN] for r in rows]  # type: ignore[operator]
    )
    params = fit(x, y, kind="multilabel", l2=0.3, epochs=300, lr=5e-3)
    for key, value in params.items():
        store[f"conflict/{key}"] = value

    d_texts, d_y = read_davidson(data)
    d_vec = embed(d_texts, "davidson")
    rng = np.random.default_rng(SEED)
    # balance: every "neither" tweet and as many offensive/hate ones
    pos = np.flatnonzero(d_y > 0)
    neg = np.flatnonzero(d_y == 0)
    pick = np.concatenate([neg, rng.choice(pos, size=len(neg), replace=False)])
    params = fit(d_vec[pick], d_y[pick], kind="binary", l2=1e-2, epochs=200, lr=5e-3)
    for key, value in params.items():
        store[f"contempt_proxy/{key}"] = value


SAFETY_IDS = {r: i for i, r in enumerate(safety.RISKS)}
SELF_HARM_LABELS = ("Ideation", "Behavior", "Attempt")


def cssrs_pieces(data: Path, split: str, cap: int = 60) -> list[tuple[str, str, str]]:
    """(user, label, piece) for the users of one split, at most `cap` pieces per user."""
    out = []
    for user, posts, label in read_cssrs(data):
        if user_split(user) != split:
            continue
        for piece in safety.pieces(posts)[:cap]:
            out.append((user, label, piece))
    return out


SAFETY_COUPLES = OWN_DATA / "couples"
# Our couple texts weigh as much as 30 public ones: they are the kind of text the screen reads.
SAFETY_OWN_WEIGHT = 30.0
# Public everyday comments weigh 8: with less, a text unlike anything trained on ("hello") sits
# near the prior of our risk-rich couple set and gets a quiet line.
SAFETY_EVERYDAY_WEIGHT = 8.0
# The two bars are set on out-of-fold scores of the train split: a care card for at most 4% of
# everyday texts with trigger words, anything at all (card or quiet line) for at most 17%.
SAFETY_CLEAR_QUANTILE = 0.96
SAFETY_POSSIBLE_QUANTILE = 0.83
SAFETY_FOLDS = 5
# The nearest-neighbour vote over our written train-split pieces (k, temperature, its share of
# the blend with the head), chosen on out-of-fold scores of the train split. Issue 10's third
# pass: with the third writer's rows, (k, temperature, share) -> risk texts caught / as a card at
# the same everyday rates: (20, 0.1, 0.5) 0.949 / 0.810; (20, 0.1, 0.3) 0.933 / 0.782;
# (20, 0.1, 0.7) 0.954 / 0.805; (40, 0.1, 0.5) 0.943 / 0.801; (10, 0.05, 0.5) 0.957 / 0.830;
# (20, 0.05, 0.7) 0.954 / 0.838; (10, 0.05, 0.7) 0.949 / 0.832; (10, 0.05, 0.6) 0.955 / 0.842;
# (10, 0.03, 0.6) 0.948 / 0.818; (5, 0.05, 0.6) 0.952 / 0.823; (20, 0.03, 0.7) 0.943 / 0.827;
# (10, 0.05, 0.8) 0.946 / 0.817. A sharper vote (temperature 0.05) is better throughout.
SAFETY_KNN = (10.0, 0.05, 0.6)
# The vote also reads 2,000 of the everyday comments, so that a text unlike anything we wrote
# finds ordinary neighbours, not the nearest of our risk-rich set.
SAFETY_MEMORY_EVERYDAY = 2000


def safety_files() -> list[Path]:
    """Our safety sets, one file per writer's pass: the risk files, then the everyday ones
    (safety_risk*.jsonl, safety_everyday*.jsonl beside the README that says who wrote which)."""
    return sorted(SAFETY_COUPLES.glob("safety_risk*.jsonl")) + sorted(
        SAFETY_COUPLES.glob("safety_everyday*.jsonl")
    )


def read_safety_couples(split: str) -> list[dict[str, object]]:
    """Our couple texts (risk and everyday) of one split (scripts/language_data/splits.py)."""
    sys.path.insert(0, str(OWN_DATA.parent))
    from language_data.splits import split_of

    rows: list[dict[str, object]] = []
    for path in safety_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if split_of(str(row["text"])) == split:
                    rows.append(row)
    return rows


def safety_piece_vectors(texts: list[str], name: str) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Vectors of every piece of every text (safety.pieces) and each text's span of pieces."""
    spans: list[tuple[int, int]] = []
    all_pieces: list[str] = []
    for text in texts:
        parts = safety.pieces(text)
        spans.append((len(all_pieces), len(all_pieces) + len(parts)))
        all_pieces.extend(parts)
    return embed(all_pieces, name), spans


def safety_text_scores(
    params: dict[str, np.ndarray],
    x: np.ndarray,
    spans: list[tuple[int, int]],
    texts: list[str],
    memory: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """The screen's score of each text, computed as attunement.language.safety does (with
    `memory`, the written examples and labels the nearest neighbours are drawn from)."""
    z = predict(params, x)
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    if memory is not None:
        k, temperature, mix = SAFETY_KNN
        near, _ = safety.neighbour_probs(x, memory[0], memory[1], int(k), temperature)
        p = safety.blend(p, near, mix)
    p = safety.weigh_by_person(p, [piece for text in texts for piece in safety.pieces(text)])
    out = []
    for (start, end), text in zip(spans, texts, strict=True):
        learned = safety.learned_score(1.0 - p[start:end, 0])
        cue = max(safety.cue_scores(text).values())
        out.append(1.0 - (1.0 - learned) * (1.0 - cue))
    return np.array(out)


def cached_fit(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, **options: object
) -> dict[str, np.ndarray]:
    """fit(), its result kept in the embedding cache folder (outside the repository) under a
    key of its inputs, so that re-running after a change to what follows the fit (the vote, the
    bars) does not fit again. Fits are seeded, so a kept result is what fitting would give."""
    digest = hashlib.sha1(repr(sorted(options.items())).encode())
    for array in (x, y, w):
        digest.update(np.ascontiguousarray(array).tobytes())
    path = CACHE / f"fit-{digest.hexdigest()[:16]}.npz"
    if path.exists():
        with np.load(path, allow_pickle=False) as kept:
            return {key: kept[key] for key in kept.files}
    params = fit(x, y, weights=w, **options)  # type: ignore[arg-type]
    CACHE.mkdir(exist_ok=True)
    np.savez(path, **params)
    return params


_JOB: Callable[[int], dict[str, np.ndarray]] | None = None


def _run_job(k: int) -> dict[str, np.ndarray]:
    assert _JOB is not None
    return _JOB(k)


def map_in_two(
    job: Callable[[int], dict[str, np.ndarray]], ks: list[int]
) -> list[dict[str, np.ndarray]]:
    """job(k) for every k, two at a time in forked processes (the machine has two cores); the
    same results as one after another, since every fit is seeded."""
    global _JOB
    _JOB = job
    try:
        with multiprocessing.get_context("fork").Pool(2) as pool:
            return pool.map(_run_job, ks, chunksize=1)
    finally:
        _JOB = None


def train_safety(data: Path, store: dict[str, np.ndarray]) -> None:
    print(
        "safety: our couple texts (train split) + C-SSRS users (split by user) + GoEmotions as "
        "everyday text + our older sentences; bars from 5-fold out-of-fold scores on train"
    )
    couples = read_safety_couples("train")
    c_texts = [str(r["text"]) for r in couples]
    c_vec, c_spans = safety_piece_vectors(c_texts, "safety-couples-train")
    c_y = np.concatenate(
        [[SAFETY_IDS[str(r["risk"])]] * (e - s) for r, (s, e) in zip(couples, c_spans, strict=True)]
    ).astype(int)
    texts: list[str] = []
    labels: list[int] = []
    users: list[str] = []
    for user, label, piece in cssrs_pieces(data, "train"):
        if label in SELF_HARM_LABELS or label == "Supportive":
            texts.append(piece)
            labels.append(SAFETY_IDS["self_harm" if label in SELF_HARM_LABELS else "none"])
            users.append(user)
    s_vec = embed(texts, "cssrs-train-pieces")
    s_y = np.array(labels)
    g_texts, _ = read_goemotions(data, "train")
    rng = np.random.default_rng(SEED)
    g_pick = rng.choice(len(g_texts), size=6000, replace=False)
    # only the 6,000 comments used are embedded
    g_vec = embed([g_texts[i] for i in g_pick], "goemotions-train-safety")
    own = read_own("safety")
    own_rows = [r for i, r in enumerate(own) if own_split(i) == "train"]
    o_vec = embed([str(r["text"]) for r in own_rows], "safety-own-train")
    o_y = np.array([SAFETY_IDS[str(r["risk"])] for r in own_rows])

    def fit_with(cx: np.ndarray, cy: np.ndarray, keep: np.ndarray) -> dict[str, np.ndarray]:
        x = np.vstack([cx, s_vec[keep], g_vec, o_vec])
        y = np.concatenate([cy, s_y[keep], np.zeros(len(g_pick), dtype=int), o_y])
        w = np.concatenate(
            [
                np.full(len(cy), SAFETY_OWN_WEIGHT),
                np.ones(int(keep.sum())),
                np.full(len(g_pick), SAFETY_EVERYDAY_WEIGHT),
                np.full(len(o_y), SAFETY_OWN_WEIGHT),
            ]
        )
        return cached_fit(x, y, w, kind="multiclass", l2=3e-3, epochs=300, lr=5e-3)

    # A C-SSRS user's label is about the user, not each sentence: most pieces of a person at
    # risk are ordinary. A first model ranks each at-risk user's pieces; only the riskiest third
    # stay as self-harm examples.
    keep = np.ones(len(s_y), dtype=bool)
    first = fit_with(c_vec, c_y, keep)
    z = predict(first, s_vec)
    risk = 1.0 - np.exp(z[:, 0] - z.max(1)) / np.exp(z - z.max(1, keepdims=True)).sum(1)
    by_user: dict[str, list[int]] = {}
    for i, user in enumerate(users):
        if s_y[i] != SAFETY_IDS["none"]:
            by_user.setdefault(user, []).append(i)
    for idx in by_user.values():
        ranked = sorted(idx, key=lambda i: -risk[i])
        keep[ranked[max(1, len(ranked) // 3) :]] = False

    # Out-of-fold scores of our train-split texts pick the two bars (the test split and the
    # independent eval set are never looked at here).
    fold = np.random.default_rng(SEED).integers(0, SAFETY_FOLDS, len(couples))
    piece_fold = np.repeat(fold, [e - s for s, e in c_spans])
    oof = np.zeros(len(couples))

    def fold_fit(k: int) -> dict[str, np.ndarray]:
        """Fold k's head (without fold k's texts); k == SAFETY_FOLDS: the final head."""
        rows = piece_fold != k
        return fit_with(c_vec[rows], c_y[rows], keep)

    fitted = map_in_two(fold_fit, list(range(SAFETY_FOLDS + 1)))
    for k in range(SAFETY_FOLDS):
        params = fitted[k]
        held = np.flatnonzero(fold == k)
        spans, offset = [], 0
        for i in held:
            s, e = c_spans[i]
            spans.append((offset, offset + e - s))
            offset += e - s
        memory = (
            np.vstack([c_vec[piece_fold != k], g_vec[:SAFETY_MEMORY_EVERYDAY]]),
            np.concatenate([c_y[piece_fold != k], np.zeros(SAFETY_MEMORY_EVERYDAY, dtype=int)]),
        )
        oof[held] = safety_text_scores(
            params, c_vec[piece_fold == k], spans, [c_texts[i] for i in held], memory
        )
    everyday = np.array([r["risk"] == "none" and bool(r.get("hard")) for r in couples])
    at_risk = np.array([r["risk"] != "none" for r in couples])
    possible = float(np.quantile(oof[everyday], SAFETY_POSSIBLE_QUANTILE))
    clear = float(np.quantile(oof[everyday], SAFETY_CLEAR_QUANTILE))
    print(
        f"  bars (out-of-fold, train): possible {possible:.3f}, clear {clear:.3f}; "
        f"risk texts flagged {np.mean(oof[at_risk] >= possible):.3f}, "
        f"clear {np.mean(oof[at_risk] >= clear):.3f}"
    )
    params = fitted[SAFETY_FOLDS]
    for key, value in params.items():
        store[f"safety/{key}"] = value
    store["safety/bars"] = np.array([possible, clear])
    # the written examples the nearest-neighbour vote reads (vectors of our train-split pieces)
    store["safety/memory"] = np.vstack([c_vec, g_vec[:SAFETY_MEMORY_EVERYDAY]])
    store["safety/memory_labels"] = np.concatenate(
        [c_y, np.zeros(SAFETY_MEMORY_EVERYDAY, dtype=int)]
    ).astype(np.float64)
    store["safety/knn"] = np.array(SAFETY_KNN)
    print(
        f"  {len(couples)} couple texts, {int(keep.sum())} C-SSRS pieces, {len(g_pick)} "
        f"everyday comments, {len(own_rows)} older sentences"
    )


TRAINERS: dict[str, Callable[[Path, dict[str, np.ndarray]], None]] = {
    "emotions": train_emotions,
    "listening": train_listening,
    "conflict": train_conflict,
    "safety": train_safety,
}


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--only", default="", help=f"comma-separated analyzers to retrain ({', '.join(TRAINERS)})"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    chosen = [n for n in args.only.split(",") if n] or list(TRAINERS)
    unknown = [n for n in chosen if n not in TRAINERS]
    if unknown:
        parser.error(f"unknown analyzer(s) {', '.join(unknown)}; choose from {', '.join(TRAINERS)}")
    assert set(TRAINERS) == set(GROUPS)
    for name in chosen:
        store: dict[str, np.ndarray] = {}
        TRAINERS[name](args.data, store)
        strays = [key for key in store if group_of(key) != name]
        if strays:
            raise SystemExit(f"the {name} trainer wrote arrays of another analyzer: {strays}")
        path = heads_file(name)
        np.savez(path, **{k: np.asarray(v, dtype=np.float32) for k, v in sorted(store.items())})
        print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size / 1e6:.2f} MB)", flush=True)


if __name__ == "__main__":
    main()
