"""The fixed train/test split of our own written sets (scripts/language_data/couples/).

A row's split depends only on its key (the text, or the statement of a listening pair, so that
every reply to one statement falls on the same side): the first byte of the key's SHA-256 picks
one row in five for `test`. Adding rows never moves an existing row to the other side.
Train and tune only on `train`; report figures on `test`; `eval/` is never trained on at all.
"""

import hashlib


def split_of(key: str) -> str:
    digest = hashlib.sha256(key.strip().lower().encode("utf-8")).digest()
    return "test" if digest[0] % 5 == 0 else "train"
