"""Server time of the listener's "check my reflection" request, as the listener feels it.

Run: .venv/bin/python benchmarks/listening_feedback.py [--requests 200]
Sets up a throwaway database in a temporary folder, one couple and one typed conversation
waiting for a reflection, then posts varied draft reflections through Django's test client
(the whole stack: middleware, session, access gate, the text analysis, the template) and prints
the first request (it loads the model) and p50/p95 over the rest. Nothing leaves the machine.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DRAFTS = [
    "You feel tired when our Sundays fill up with errands, and you need a slow morning.",
    "You should just say no to some of the errands.",
    "So the weekends feel too full for you?",
    "I hear that you're worn out and you'd like one morning that's just for resting together.",
    "But I do most of the errands anyway.",
    "What would a slow morning look like for you?",
    "It sounds like you feel rushed and you miss having time with me.",
    "You're overreacting, it's only a couple of hours.",
]
PIECE = (
    "I feel worn out when our Sundays fill up with errands. By the evening I haven't rested at "
    "all and I miss just being with you. I need one slow morning at the weekend."
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="attunement-bench-")
    os.environ["ATTUNEMENT_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "attunement.settings"
    os.environ.pop("PYTEST_VERSION", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", "--no-input", "-v", "0")
    from attunement.accounts.models import User
    from attunement.couples.models import Couple, Membership
    from attunement.listening import services

    alex = User.objects.create_user("alex@bench.invalid", "x" * 16, display_name="Alex")
    sam = User.objects.create_user("sam@bench.invalid", "x" * 16, display_name="Sam")
    couple = Couple.objects.create()
    for person in (alex, sam):
        Membership.objects.create(couple=couple, user=person)
    c = services.start_conversation(user=alex, mode="typed", topic_id="t-003", level="light")
    services.send_piece(user=alex, conversation=c, text=PIECE)
    client = Client()
    client.force_login(sam)
    url = f"/listening/{c.uuid}/reflection/check/"

    times = []
    for n in range(args.requests + 1):
        started = time.perf_counter()
        draft = DRAFTS[n % len(DRAFTS)] + f" ({n})"
        response = client.post(url, {"text": draft}, HTTP_HX_REQUEST="true")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    first, rest = times[0], sorted(times[1:])
    p50 = statistics.median(rest)
    p95 = rest[max(0, round(0.95 * len(rest)) - 1)]
    print(f"check my reflection: first request (loads the model) {first:.0f} ms")
    print(f"check my reflection over {len(rest)} requests: p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
