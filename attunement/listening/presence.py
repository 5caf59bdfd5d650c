"""Who has a typed conversation open right now, so a "your turn" email does not arrive while
they watch the page update by itself. Kept in the cache (shared by every app server when
Redis is configured), for a minute after each look: the page polls every few seconds."""

from uuid import UUID

from django.core.cache import cache

WATCHING_SECONDS = 60


def _key(conversation: UUID, user_id: int) -> str:
    return f"listening:watching:{conversation}:{user_id}"


def mark_watching(conversation: UUID, user_id: int) -> None:
    cache.set(_key(conversation, user_id), 1, timeout=WATCHING_SECONDS)


def is_watching(conversation: UUID, user_id: int) -> bool:
    return cache.get(_key(conversation, user_id)) is not None
