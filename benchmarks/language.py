"""Speed and memory of attunement.language (run by hand; prints figures, asserts nothing).

    .venv/bin/python benchmarks/language.py [--n 512] [--threads 2] [--compare OTHER.onnx]

--compare times another ONNX export of the same encoder (e.g. the old int8 file, taken from
git history) on the same texts, in turns with the shipped one, through the same code path.

Targets (issue 3): load < 1 s, listening p95 < 15 ms for a two-sentence pair, >= 500 pairs/s
batched for every analyzer, < 300 MB resident after load, and analyzer overhead <= 1.2x the
raw encoder on the same texts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
# Time the encoder itself, never its cache of recently seen texts.
os.environ["ATTUNEMENT_LANGUAGE_CACHE"] = "0"
DATA = REPO / "scripts" / "language_data"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rate(fn: Callable[[], object], items: int, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return items / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=512, help="inputs per batch measurement")
    parser.add_argument("--threads", type=int, default=0, help="onnxruntime threads (0: auto)")
    parser.add_argument("--compare", type=Path, default=None, help="another ONNX encoder file")
    args = parser.parse_args()
    if args.threads:
        os.environ["ATTUNEMENT_LANGUAGE_THREADS"] = str(args.threads)

    started = time.perf_counter()
    import attunement.language as lang
    from attunement.language.encoder import encode

    imported = time.perf_counter()
    lang.warm_up()
    loaded = time.perf_counter()
    print(
        f"import {imported - started:.2f}s, load (warm_up) {loaded - imported:.2f}s, "
        f"resident after load {rss_mb():.0f} MB, cpus {os.cpu_count()}"
    )

    listening = [json.loads(x) for x in (DATA / "listening.jsonl").read_text().splitlines()]
    conflict = [json.loads(x)["text"] for x in (DATA / "conflict.jsonl").read_text().splitlines()]
    safety = [json.loads(x)["text"] for x in (DATA / "safety.jsonl").read_text().splitlines()]
    n = args.n
    pairs = [(r["statement"], r["reply"]) for r in listening]
    pairs = (pairs * (n // len(pairs) + 1))[:n]
    # Listening batches as they come: several replies under one statement (our couple pairs).
    couple_lines = (DATA / "couples" / "listening_pairs.jsonl").read_text().splitlines()
    couple_pairs = [(r["statement"], r["reply"]) for r in map(json.loads, couple_lines)][:n]
    # and the worst case, every text in the batch different
    replies = [reply for _, reply in couple_pairs]
    distinct_pairs = list(zip(replies, replies[1:] + replies[:1], strict=True))
    singles = ((conflict + safety) * (n // (len(conflict) + len(safety)) + 1))[:n]

    # latency of one listening pair, as the web feedback calls it
    timings = []
    for statement, reply in pairs[:300]:
        t0 = time.perf_counter()
        lang.analyze_listening(statement, reply)
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95)]
    print(f"listening single pair: p50 {p50:.1f} ms, p95 {p95:.1f} ms")

    flat_pairs = [x for pair in pairs for x in pair]
    raw_pairs = lambda: encode(flat_pairs)  # noqa: E731
    raw_single = lambda: encode(singles)  # noqa: E731
    flat_couple = [x for pair in couple_pairs for x in pair]
    flat_distinct = [x for pair in distinct_pairs for x in pair]
    print(
        f"listening batches: couple pairs {len(couple_pairs)} with {len(set(flat_couple))} "
        f"distinct texts; distinct pairs {len(distinct_pairs)} with {len(set(flat_distinct))}; "
        f"repeated hand-written pairs {len(pairs)} with {len(set(flat_pairs))}"
    )
    cases: list[tuple[str, Callable[[], object], Callable[[], object], str]] = [
        (
            "listening (couple pairs)",
            lambda: lang.analyze_listening_batch(couple_pairs),
            lambda: encode(flat_couple),
            "pairs/s",
        ),
        (
            "listening (all distinct)",
            lambda: lang.analyze_listening_batch(distinct_pairs),
            lambda: encode(flat_distinct),
            "pairs/s",
        ),
        ("listening", lambda: lang.analyze_listening_batch(pairs), raw_pairs, "pairs/s"),
        ("empathy", lambda: lang.analyze_empathy_batch(pairs), raw_pairs, "pairs/s"),
        ("emotions", lambda: lang.analyze_emotions_batch(singles), raw_single, "texts/s"),
        ("conflict", lambda: lang.analyze_conflict_batch(singles), raw_single, "texts/s"),
        ("safety", lambda: lang.analyze_safety_batch(singles), raw_single, "texts/s"),
    ]
    # The raw encoder and the analyzer are timed in turns, best of five each, so that other
    # load on the machine hits both alike.
    for name, fn, raw_fn, unit in cases:
        raw_best = got_best = 0.0
        for _ in range(5):
            raw_best = max(raw_best, rate(raw_fn, n, repeats=1))
            got_best = max(got_best, rate(fn, n, repeats=1))
        print(
            f"{name:<26} {got_best:7.0f} {unit}   raw encoder on the same texts {raw_best:7.0f}"
            f" {unit}   overhead {raw_best / got_best:.2f}x"
        )
    print(f"resident at the end {rss_mb():.0f} MB")
    if args.compare:
        compare(args.compare, flat_pairs, singles, pairs)


def compare(
    path: Path, flat_pairs: list[str], singles: list[str], pairs: list[tuple[str, str]]
) -> None:
    """Raw encoder speed of the shipped model and of `path`, timed in turns."""
    import onnxruntime

    from attunement.language.encoder import Encoder, get_encoder

    shipped = get_encoder()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = shipped.session.get_session_options().intra_op_num_threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    started = time.perf_counter()
    session = onnxruntime.InferenceSession(
        str(path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    other = Encoder(session, shipped.tokenizer, tuple(i.name for i in session.get_inputs()))
    print(f"compare with {path.name}: session load {time.perf_counter() - started:.2f}s")
    for label, texts in (("listening pairs", flat_pairs), ("single texts", singles)):
        best = {"shipped": 0.0, "other": 0.0}
        for _ in range(5):
            for name, enc in (("shipped", shipped), ("other", other)):
                got = rate(lambda e=enc, t=texts: e.encode(t), len(texts), 1)
                best[name] = max(best[name], got)
        print(
            f"  raw encoder, {label}: shipped {best['shipped']:.0f} texts/s, "
            f"{path.name} {best['other']:.0f} texts/s"
        )
    for name, enc in (("shipped", shipped), ("other", other)):
        timings = []
        for statement, reply in pairs[:200]:
            t0 = time.perf_counter()
            enc.encode([statement, reply])
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        print(
            f"  raw encoder, one pair, {name}: p50 {statistics.median(timings):.1f} ms, "
            f"p95 {timings[int(len(timings) * 0.95)]:.1f} ms"
        )


if __name__ == "__main__":
    main()
