"""Signed-in sessions, stored so that a leaked database file hands out none of them."""

import hashlib
import uuid

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone


def hash_session_key(raw: str) -> str:
    """What the database keeps instead of the cookie's value: a one-way hash of it."""
    return hashlib.sha256(raw.encode()).hexdigest()


class Session(AbstractBaseSession):
    """One signed-in browser. `session_key` holds the hash of the cookie, never the cookie.

    `expire_date` (from the base) is the idle deadline, pushed forward while the browser is
    used, and never past `created_at` + the absolute lifetime."""

    session_key = models.CharField(max_length=64, primary_key=True)
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="sessions"
    )
    user_agent = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["expire_date"])]

    @classmethod
    def get_session_store_class(cls) -> type:
        from attunement.trust.sessions import SessionStore

        return SessionStore
