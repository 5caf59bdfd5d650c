"""Who has a typed conversation open right now, so a "your turn" email does not arrive while
they watch the page update by itself. Kept in the cache (shared by every app server when
Redis is configured), for a minute after each look: the page polls every few seconds.

Each look need not write: a process that marked a person watching less than half a minute
ago leaves the mark alone (it still has at least half a minute to live). On the database
cache a write costs four queries, so this keeps a polling page to its reads. What the process
remembers is only when it last wrote a mark (no content, nothing another server needs: a
server that did not write it simply writes again)."""

import time
from threading import Lock
from uuid import UUID

from django.core.cache import cache

WATCHING_SECONDS = 60
REWRITE_AFTER = WATCHING_SECONDS / 2
_written: dict[str, float] = {}
_lock = Lock()


def _key(conversation: UUID, user_id: int) -> str:
    return f"listening:watching:{conversation}:{user_id}"


def mark_watching(conversation: UUID, user_id: int) -> None:
    key = _key(conversation, user_id)
    now = time.monotonic()
    with _lock:
        if now - _written.get(key, -REWRITE_AFTER) < REWRITE_AFTER:
            return
        # Forget marks too old to matter, so the memory stays as small as the people watching.
        for old in [k for k, at in _written.items() if now - at >= REWRITE_AFTER]:
            del _written[old]
        _written[key] = now
    cache.set(key, 1, timeout=WATCHING_SECONDS)


def is_watching(conversation: UUID, user_id: int) -> bool:
    return cache.get(_key(conversation, user_id)) is not None


def forget_marks_written() -> None:
    """For tests: act as a fresh process that has written no mark."""
    with _lock:
        _written.clear()
