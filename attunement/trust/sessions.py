"""The session engine (SESSION_ENGINE) and its middleware.

The cookie carries a random key; the database keeps only its SHA-256 (`hash_session_key`), so a
copied database file or backup holds no cookie anyone could replay. A session ends after
SESSION_IDLE_SECONDS without use, and in any case SESSION_COOKIE_AGE after it began.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from attunement.trust.models import Session, hash_session_key

# "Last seen" is written at most this often per browser, not on every request.
LAST_SEEN_EVERY = timedelta(minutes=1)
USER_AGENT_MAX = Session._meta.get_field("user_agent").max_length or 200


def deadline(created_at: datetime, now: datetime) -> datetime:
    """When a session used at `now` ends if it is not used again."""
    idle = now + timedelta(seconds=settings.SESSION_IDLE_SECONDS)
    absolute = created_at + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return min(idle, absolute)


class SessionStore(DBStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        self.user_agent = ""
        self._created_at: datetime | None = None

    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def _get_session_from_db(self) -> Session | None:
        if not self.session_key:
            return None
        now = timezone.now()
        row: Session | None = Session.objects.filter(
            session_key=hash_session_key(self.session_key), expire_date__gt=now
        ).first()
        if row is None:
            self._session_key = None
            return None
        self._created_at = row.created_at
        if now - row.last_seen_at > LAST_SEEN_EVERY:
            Session.objects.filter(pk=row.pk).update(
                last_seen_at=now, expire_date=deadline(row.created_at, now)
            )
        return row

    def exists(self, session_key: str) -> bool:
        return Session.objects.filter(session_key=hash_session_key(session_key)).exists()

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)  # type: ignore[attr-defined]
        now = timezone.now()
        created_at = self._created_at or now
        fields: dict[str, Any] = {
            "session_data": self.encode(data),
            "expire_date": deadline(created_at, now),
            "user_id": data.get(SESSION_KEY),
            "last_seen_at": now,
        }
        if self.user_agent:
            fields["user_agent"] = self.user_agent[:USER_AGENT_MAX]
        key = hash_session_key(self.session_key)
        if must_create:
            try:
                with transaction.atomic():
                    Session.objects.create(session_key=key, created_at=created_at, **fields)
            except IntegrityError as exc:
                raise CreateError from exc
            self._created_at = created_at
            return None
        if Session.objects.filter(session_key=key).update(**fields) != 1:
            raise UpdateError
        return None

    def delete(self, session_key: str | None = None) -> None:
        key = session_key if session_key is not None else self.session_key
        if key is None:
            return
        Session.objects.filter(session_key=hash_session_key(key)).delete()

    def cycle_key(self) -> None:
        # A new key at login; the session's lifetime starts again with it.
        self._created_at = None
        super().cycle_key()


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, plus the browser's name for the sessions page."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        store = request.session
        if isinstance(store, SessionStore):
            store.user_agent = request.META.get("HTTP_USER_AGENT", "")
