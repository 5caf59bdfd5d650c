"""A count per key and time window, in the cache every worker shares (settings.CACHES)."""

import time

from django.core.cache import cache


def allow(key: str, *, limit: int, seconds: int) -> bool:
    """Count one use of `key`: False once it has been used more than `limit` times in the
    current window of `seconds`."""
    name = f"throttle:{key}:{int(time.time() // seconds)}"
    cache.add(name, 0, seconds)
    try:
        used = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, seconds)
        used = 1
    return used <= limit
