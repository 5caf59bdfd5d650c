"""The background worker: loops over due rows and handles each exactly once."""

import logging
import signal
import time
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from attunement.notifications import reminders as asked_reminders
from attunement.together import reminders as plan_reminders

log = logging.getLogger(__name__)

# Each job takes "now" and returns how many rows it handled.
JOBS: list[Callable[[datetime], int]] = [
    asked_reminders.send_due,
    plan_reminders.send_due_plan_reminders,
]


def run_once(now: datetime | None = None) -> int:
    now = now or timezone.now()
    return sum(job(now) for job in JOBS)


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
