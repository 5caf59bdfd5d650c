"""Web push: reminders as notifications on a person's own devices, when the host set it up.

The host gives a VAPID key (settings.VAPID_PRIVATE_KEY, or `attunement vapid-keys`); without
one, `configured()` is False and nothing here is offered or sent. A browser that agrees hands
us a subscription (its push service's address and its keys); we keep one row per browser and
encrypt each message to it (aes128gcm, RFC 8291), signed with our key (VAPID, RFC 8292).

What we send says only that something is waiting ("Your check-in is waiting") and where to
go: never what anyone wrote. A push service that answers 404 or 410 has forgotten that
browser, so its row is deleted; any other failure raises, and the worker retries later.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import logging
from dataclasses import dataclass
from email.utils import parseaddr
from functools import cache
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.db import transaction
from py_vapid import Vapid, b64urlencode

from attunement.accounts.models import User
from attunement.lib.errors import InvalidInput
from attunement.notifications.models import Delivery, PushSubscription

log = logging.getLogger(__name__)

# A reminder is stale after a day: a phone that was off all day need not show yesterday's.
TTL_SECONDS = 12 * 3600
TIMEOUT_SECONDS = 10
GONE = {404, 410}


class PushError(InvalidInput):
    pass


class PushFailed(Exception):
    """Every device of a person failed for a reason other than being gone: try again later."""


def configured() -> bool:
    return bool(settings.VAPID_PRIVATE_KEY)


@cache
def _vapid(key: str) -> Vapid:
    if key.startswith("-----BEGIN"):
        return Vapid.from_pem(key.encode())
    return Vapid.from_string(key)


def application_server_key() -> str:
    """The public half of our key, as the browser's `pushManager.subscribe` wants it."""
    raw = _vapid(settings.VAPID_PRIVATE_KEY).public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return str(b64urlencode(raw))


def new_private_key() -> str:
    """A fresh VAPID private key, PEM (for `attunement vapid-keys`)."""
    vapid = Vapid()
    vapid.generate_keys()
    return str(vapid.private_pem().decode())


def subject() -> str:
    """Who push services may contact about what we send: VAPID_SUBJECT, else the address our
    emails come from."""
    if settings.VAPID_SUBJECT:
        return str(settings.VAPID_SUBJECT)
    return f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or 'attunement@localhost'}"


# Subscriptions ------------------------------------------------------------------------------


def _allowed_host(host: str) -> bool:
    allowed = settings.PUSH_SERVICE_HOSTS
    if "*" in allowed:
        return True
    return any(host == h or host.endswith("." + h) for h in allowed)


def check_endpoint(endpoint: str) -> str:
    """A push service's address: https, a name (not a bare IP address), one of the push
    services the host allows. We will POST to it, so nothing else is accepted."""
    try:
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        raise PushError("That doesn't look like a notification address.") from None
    if settings.PUSH_ALLOW_LOCAL and parts.scheme == "http" and host in ("127.0.0.1", "localhost"):
        return endpoint  # the test suite's own push service
    if parts.scheme != "https" or not host or parts.username or parts.password:
        raise PushError("Notifications need a secure (https) address from your browser.")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        raise PushError("That notification service isn't one we can send to.")
    if port not in (None, 443) or not _allowed_host(host):
        raise PushError("That notification service isn't one we can send to.")
    return endpoint


def check_keys(p256dh: str, auth: str) -> None:
    """The browser's encryption keys: a P-256 public key and a 16-byte secret, base64url. A
    device with keys we cannot encrypt to would fail on every reminder, and a person whose
    reminders go only to notifications would silently get none."""
    try:
        point = base64.urlsafe_b64decode(p256dh + "=" * (-len(p256dh) % 4))
        secret = base64.urlsafe_b64decode(auth + "=" * (-len(auth) % 4))
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except (ValueError, binascii.Error):
        secret = b""
    if len(secret) != 16:
        raise PushError(
            "Your browser sent a notification key we can't use. Please try turning"
            " notifications on again."
        )


@transaction.atomic
def subscribe(*, user: User, endpoint: str, p256dh: str, auth: str, session_key: str) -> bool:
    """Keep this browser's subscription for `user` (a browser that another person used before
    becomes theirs). Turning a device on means wanting notifications: someone whose reminders
    came by email gets them as notifications from now on ("both" stays both). Returns True
    for a new device."""
    if not configured():
        raise PushError("Notifications aren't available on this server.")
    check_endpoint(endpoint)
    check_keys(p256dh, auth)
    _, created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"user": user, "p256dh": p256dh, "auth": auth, "session_key": session_key},
    )
    delivery, _ = Delivery.objects.get_or_create(user=user)
    if delivery.channel == Delivery.Channel.EMAIL:
        delivery.channel = Delivery.Channel.PUSH
        delivery.save(update_fields=["channel"])
    return created


def unsubscribe(*, user: User, endpoint: str) -> bool:
    """Stop notifications on this browser; False when it was not on for this person."""
    deleted, _ = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return bool(deleted)


def forget_sessions(*, user: User, except_session: str | None = None) -> int:
    """Stop notifications on every device `user` logged in from (but `except_session`): after
    "log out everywhere else", a device that may be someone else's gets nothing more."""
    rows = PushSubscription.objects.filter(user=user)
    if except_session is not None:
        rows = rows.exclude(session_key=except_session)
    return rows.delete()[0]


def forget_session(*, user: User, session_key: str) -> int:
    """Stop notifications on the device of one logged-out session."""
    return PushSubscription.objects.filter(user=user, session_key=session_key).delete()[0]


def channel_of(user: User) -> str:
    row: Delivery | None = getattr(user, "delivery", None)
    return row.channel if row is not None else Delivery.Channel.EMAIL


# Sending ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """All a notification carries: fixed words and a path on this site."""

    title: str
    body: str
    url: str
    tag: str

    def payload(self) -> str:
        return json.dumps(
            {"title": self.title, "body": self.body, "url": self.url, "tag": self.tag}
        )


def send(subscriptions: list[PushSubscription], message: Message) -> bool:
    """Send `message` to each of one person's devices. True when at least one got it; False
    when none is left (every push service said the device is gone: those rows are deleted).
    Raises PushFailed when every device failed for another reason (the worker retries)."""
    if not configured():
        return False
    # Imported here: pywebpush brings an HTTP client that only the worker needs, when it sends.
    from pywebpush import WebPushException, webpush

    vapid = _vapid(settings.VAPID_PRIVATE_KEY)
    delivered, failed, gone = 0, 0, []
    for sub in subscriptions:
        try:
            webpush(
                {"endpoint": sub.endpoint, "keys": {"p256dh": sub.p256dh, "auth": sub.auth}},
                data=message.payload(),
                vapid_private_key=vapid,
                # A fresh dict each time: webpush fills in the audience of the first endpoint.
                vapid_claims={"sub": subject()},
                ttl=TTL_SECONDS,
                timeout=TIMEOUT_SECONDS,
                headers={"Urgency": "normal", "Topic": message.tag},
            )
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in GONE:
                gone.append(sub.pk)
            else:
                failed += 1
                log.warning("A notification could not be sent (status %s).", status)
        except Exception as error:  # network trouble: refused, timed out, bad TLS
            failed += 1
            log.warning("A notification could not be sent (%s).", type(error).__name__)
        else:
            delivered += 1
    if gone:
        PushSubscription.objects.filter(pk__in=gone).delete()
    if delivered:
        return True
    if failed:
        raise PushFailed(f"{failed} device(s) failed")
    return False
