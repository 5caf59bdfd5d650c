import hashlib
import secrets
import uuid
import zoneinfo
from datetime import date, datetime, timedelta
from typing import ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from attunement.lib.names import clean_name

TOKEN_PREFIX = "att_"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=40, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    # Content-free emails when something needs this person (their turn, answers revealed).
    partner_emails = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    def __str__(self) -> str:
        return self.email

    @property
    def name(self) -> str:
        # Cleaned again on the way out: a name stored before names were cleaned on the way in
        # must not carry a line break into a page or an email either.
        return clean_name(self.display_name) or self.email.split("@")[0]

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def local_now(self, now: datetime | None = None) -> datetime:
        return (now or timezone.now()).astimezone(self.tz)

    def local_today(self, now: datetime | None = None) -> date:
        return self.local_now(now).date()


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


TOKEN_DAYS_DEFAULT = 90


def _default_token_expiry() -> datetime:
    return timezone.now() + timedelta(days=TOKEN_DAYS_DEFAULT)


# How stale a token's "last used" time may be: it is written at most this often.
LAST_USED_STEP = timedelta(minutes=5)


class PersonalToken(models.Model):
    """A personal access token for API clients. Only a hash is stored.

    A token works until it expires or is revoked; a read-only one may only read (the API's auth
    refuses it any write)."""

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        WRITE = "write", "Read and write"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, models.CASCADE, related_name="tokens")
    name = models.CharField(max_length=60)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=_default_token_expiry)
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)

    class Meta:
        ordering = ["-created_at"]

    @classmethod
    def issue(
        cls,
        *,
        user: User,
        name: str,
        days: int = TOKEN_DAYS_DEFAULT,
        scope: str = Scope.READ,
    ) -> tuple["PersonalToken", str]:
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            token_hash=hash_token(raw),
            prefix=raw[:10],
            expires_at=timezone.now() + timedelta(days=days),
            scope=scope,
        )
        return token, raw

    def note_use(self) -> None:
        """Record that the token was used, at most once per `LAST_USED_STEP`: an API client
        polling every second costs one write every few minutes, not one per request. The
        UPDATE is conditional, so two servers seeing a stale time write it once between them."""
        now = timezone.now()
        stale = now - LAST_USED_STEP
        if self.last_used_at is not None and self.last_used_at >= stale:
            return
        PersonalToken.objects.filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale), pk=self.pk
        ).update(last_used_at=now)
        self.last_used_at = now

    @property
    def used_recently(self) -> bool:
        """Used within the last `LAST_USED_STEP` (when the recorded time may lag the last use)."""
        return self.last_used_at is not None and (
            timezone.now() - self.last_used_at < LAST_USED_STEP
        )

    @classmethod
    def usable(cls) -> "models.QuerySet[PersonalToken]":
        """Tokens that still open the API: neither revoked nor expired."""
        return cls.objects.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    @classmethod
    def revoke_all(cls, *, user: User) -> int:
        """Revoke every token of `user` (a password change or reset, signing out everywhere)."""
        return cls.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )

    @classmethod
    def revoke(cls, *, user: User, uuid: str) -> bool:
        """Revoke one of `user`'s active tokens; False when they have no such token."""
        active = cls.objects.filter(user=user, uuid=uuid, revoked_at__isnull=True)
        return active.update(revoked_at=timezone.now()) == 1

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE
