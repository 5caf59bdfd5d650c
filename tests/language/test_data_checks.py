"""Quick checks against the labelled public data (skipped when it is absent)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from attunement.language import GOEMOTIONS_LABELS, analyze_emotions_batch

pytestmark = pytest.mark.needs_data


def test_emotions_beat_a_floor_on_a_slice_of_goemotions_dev(data_dir: Path) -> None:
    rows = []
    with (data_dir / "goemotions" / "original" / "dev.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            text, ids, _ = line.rstrip("\n").split("\t")
            rows.append((text, {GOEMOTIONS_LABELS[int(i)] for i in ids.split(",")}))
            if len(rows) == 400:
                break
    results = analyze_emotions_batch([text for text, _ in rows])
    hits = [bool(set(r.present) & gold) for r, (_, gold) in zip(results, rows, strict=True)]
    assert float(np.mean(hits)) > 0.5


def test_annomi_file_has_the_columns_the_trainer_reads(data_dir: Path) -> None:
    with (data_dir / "annomi" / "AnnoMI-full.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    for column in ("transcript_id", "interlocutor", "utterance_text", "main_therapist_behaviour"):
        assert column in header
