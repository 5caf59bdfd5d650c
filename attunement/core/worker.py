"""The background worker: loops over due rows and handles each exactly once."""

import logging
import signal
import time
from collections.abc import Callable
from datetime import datetime
from importlib import import_module

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

log = logging.getLogger(__name__)

# Each job takes "now" and returns how many rows it handled.
JOBS = [
    "attunement.notifications.reminders.send_due_reminders",
]


def _jobs() -> list[Callable[[datetime], int]]:
    result = []
    for dotted in JOBS:
        module, name = dotted.rsplit(".", 1)
        result.append(getattr(import_module(module), name))
    return result


def run_once(now: datetime | None = None) -> int:
    now = now or timezone.now()
    return sum(job(now) for job in _jobs())


def run_forever() -> None:
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("Worker started.")
    while not stopping:
        close_old_connections()
        try:
            handled = run_once()
            if handled:
                log.info("Worker handled %d item(s).", handled)
        except Exception:
            log.exception("Worker pass failed; trying again shortly.")
        for _ in range(settings.WORKER_POLL_SECONDS * 10):
            if stopping:
                break
            time.sleep(0.1)
    log.info("Worker stopped.")
