"""Authenticator-app codes computed the way every app does (RFC 6238: HMAC-SHA1, 30 s, 6 digits),
written independently of allauth so that the tests check allauth against the standard."""

import base64
import hashlib
import hmac
import re
import struct
import time


def totp(secret: str, at: float | None = None) -> str:
    counter = int((time.time() if at is None else at) // 30)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def secret_on(page: str) -> str:
    """The key shown under "Can't scan?" on the turn-on page."""
    return re.search(r'id="totp-secret">([A-Z2-7=]+)<', page).group(1)
