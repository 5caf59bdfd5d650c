"""`attunement analyze KIND`: JSON lines in, one JSON line out per input line, in order.

A bad line (not UTF-8, not JSON, not an object, a missing or non-string field, an empty or
over-long text) gets ``{"error": "..."}`` and the following lines still run. Lines that are
ready together are analysed as one batch; a line typed on its own is answered at once.
"""

from __future__ import annotations

import json
import sys
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .conflict import analyze_conflict_batch
from .emotions import analyze_emotions_batch
from .empathy import analyze_empathy_batch
from .listening import analyze_listening_batch
from .safety import analyze_safety_batch

# Several long posts fit comfortably; beyond this a line is refused rather than analysed.
MAX_FIELD_CHARS = 100_000
MAX_LINE_BYTES = 1_000_000
_READ_SIZE = 1 << 16
_MAX_BATCH = 256


class _Result(typing.Protocol):
    def as_dict(self) -> dict[str, object]: ...


@dataclass(frozen=True)
class Kind:
    fields: tuple[str, ...]
    run_batch: Callable[[list[typing.Any]], Sequence[_Result]]


def _pairs(
    fn: Callable[[list[tuple[str, str]]], Sequence[_Result]],
) -> Callable[[list[typing.Any]], Sequence[_Result]]:
    return lambda items: fn([(a, b) for a, b in items])


def _single(
    fn: Callable[[list[str]], Sequence[_Result]],
) -> Callable[[list[typing.Any]], Sequence[_Result]]:
    return lambda items: fn([a for (a,) in items])


KINDS: dict[str, Kind] = {
    "listening": Kind(("statement", "reply"), _pairs(analyze_listening_batch)),
    "empathy": Kind(("seeker", "response"), _pairs(analyze_empathy_batch)),
    "emotions": Kind(("text",), _single(analyze_emotions_batch)),
    "conflict": Kind(("text",), _single(analyze_conflict_batch)),
    "safety": Kind(("text",), _single(analyze_safety_batch)),
}


class BadLine(ValueError):
    """The line cannot be analysed; the message is shown to the caller."""


def parse_line(kind: Kind, raw: bytes | str) -> tuple[str, ...]:
    """Validate one input line and return its fields in order, or raise BadLine."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_LINE_BYTES:
            raise BadLine(f"line is longer than {MAX_LINE_BYTES} bytes")
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadLine("line is not valid UTF-8") from None
    else:
        line = raw
        if len(line) > MAX_LINE_BYTES:
            raise BadLine(f"line is longer than {MAX_LINE_BYTES} characters")
    line = line.strip().lstrip("\ufeff")
    if not line:
        raise BadLine("empty line")
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        raise BadLine("line is not valid JSON") from None
    if not isinstance(data, dict):
        raise BadLine("line must be a JSON object")
    values = []
    for name in kind.fields:
        if name not in data:
            raise BadLine(f"missing field {name!r}")
        value = data[name]
        if not isinstance(value, str):
            raise BadLine(f"field {name!r} must be a string")
        if not value.strip():
            raise BadLine(f"field {name!r} is empty")
        if len(value) > MAX_FIELD_CHARS:
            raise BadLine(f"field {name!r} is longer than {MAX_FIELD_CHARS} characters")
        if "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise BadLine(f"field {name!r} holds characters that are not text")
        values.append(value)
    return tuple(values)


def _blocks(stream: typing.BinaryIO | typing.TextIO) -> Iterator[list[bytes | str]]:
    """Yield lists of lines that are available now, so that piped input is batched and an
    interactive line is answered straight away."""
    binary = getattr(stream, "buffer", None) if not hasattr(stream, "read1") else stream
    if binary is not None and hasattr(binary, "read1"):
        # An over-long line is kept only up to just past the limit (so it is refused with an
        # error) and the rest of it is skipped, so memory stays bounded whatever comes in.
        pending = bytearray()
        too_long = False
        while True:
            chunk = binary.read1(_READ_SIZE)
            if not chunk:
                if pending:
                    yield [bytes(pending)]
                return
            lines: list[bytes | str] = []
            start = 0
            while True:
                end = chunk.find(b"\n", start)
                piece = chunk[start:] if end < 0 else chunk[start:end]
                if not too_long:
                    pending += piece
                    if len(pending) > MAX_LINE_BYTES:
                        del pending[MAX_LINE_BYTES + 1 :]
                        too_long = True
                if end < 0:
                    break
                lines.append(bytes(pending))
                pending = bytearray()
                too_long = False
                start = end + 1
            for first in range(0, len(lines), _MAX_BATCH):
                yield lines[first : first + _MAX_BATCH]
    else:
        block: list[bytes | str] = []
        for line in typing.cast(typing.TextIO, stream):
            block.append(line.rstrip("\n"))
            if len(block) >= _MAX_BATCH:
                yield block
                block = []
        if block:
            yield block


def _analyse(kind: Kind, items: list[tuple[str, ...]]) -> list[dict[str, object]]:
    try:
        return [r.as_dict() for r in kind.run_batch(items)]
    except Exception:  # noqa: BLE001 - one bad item must not sink its neighbours
        out: list[dict[str, object]] = []
        for item in items:
            try:
                out.append(kind.run_batch([item])[0].as_dict())
            except Exception as exc:  # noqa: BLE001
                out.append({"error": f"analysis failed: {type(exc).__name__}"})
        return out


def run(kind: str, stdin: typing.BinaryIO | typing.TextIO, stdout: typing.TextIO) -> int:
    """Analyse JSON lines from `stdin` as `kind`, writing one JSON line per input line.

    Returns 0, or 2 (with a message on stderr) when `kind` is unknown."""
    chosen = KINDS.get(kind)
    if chosen is None:
        print(
            f"unknown kind {kind!r}; choose one of: {', '.join(KINDS)}",
            file=sys.stderr,
        )
        return 2
    for block in _blocks(stdin):
        answers: list[dict[str, object] | None] = [None] * len(block)
        good: list[int] = []
        items: list[tuple[str, ...]] = []
        for i, raw in enumerate(block):
            try:
                items.append(parse_line(chosen, raw))
                good.append(i)
            except BadLine as exc:
                answers[i] = {"error": str(exc)}
        if items:
            for i, answer in zip(good, _analyse(chosen, items), strict=True):
                answers[i] = answer
        for written in answers:
            stdout.write(json.dumps(written, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(f"usage: python -m attunement.language {{{','.join(KINDS)}}}", file=sys.stderr)
        return 2
    return run(args[0], sys.stdin.buffer, sys.stdout)
