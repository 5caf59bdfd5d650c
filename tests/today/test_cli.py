import json
import subprocess
import sys

from attunement.accounts.models import User
from attunement.couples import access
from attunement.support.models import CheckIn
from attunement.today.demo import create_demo


def test_demo_couple_has_four_weeks_of_history_and_is_added_once(db):
    assert "Added the demo couple" in create_demo()
    assert "already here" in create_demo()
    alex = User.objects.get(email="alex@example.com")
    assert access.partner_of(alex).display_name == "Sam"
    days = CheckIn.objects.filter(owner=alex).values_list("local_date", flat=True)
    assert 15 <= len(days) <= 28 and (max(days) - min(days)).days >= 20


def test_content_check_prints_one_json_object_of_counts():
    out = subprocess.run(
        [sys.executable, "-m", "attunement.cli", "content", "check", "--json"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    counts = json.loads(out.stdout)
    assert counts["questions"] >= 300 and counts["conversation_topics"] >= 60


def test_the_command_line_lists_the_contract_commands():
    out = subprocess.run(
        [sys.executable, "-m", "attunement.cli", "--help"], capture_output=True, text=True
    )
    for command in ("serve", "worker", "demo", "analyze", "content", "rotate-keys"):
        assert command in out.stdout


def test_demo_couple_were_paired_before_their_history_began(db):
    from datetime import timedelta

    from django.utils import timezone

    from tests.conftest import login

    create_demo()
    alex = User.objects.get(email="alex@example.com")
    first = CheckIn.objects.filter(owner=alex).order_by("local_date").first()
    couple = access.current_couple(alex)
    assert couple.created_at.date() <= first.local_date
    assert couple.created_at < timezone.now() - timedelta(days=28)
    page = login(alex).get("/couple/").content.decode()
    assert (
        f"since {couple.created_at.day} " in page
        and timezone.now().strftime("%-d %B %Y") not in page
    )
