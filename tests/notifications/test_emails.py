"""Every email lives in notifications/ and says only that something happened."""

import re
from pathlib import Path

import pytest
from django.core import mail

from attunement.notifications import emails

ROOT = Path(__file__).resolve().parents[2] / "attunement"

SENDS = {
    "invitation": lambda: emails.invitation(
        to="sam@example.com", inviter_name="Alex", join_path="/couple/join/abc/"
    ),
    "your_turn": lambda: emails.your_turn(
        to="sam@example.com", conversation_path="/listening/123/"
    ),
    "answers_revealed": lambda: emails.answers_revealed(
        to=["sam@example.com", "alex@example.com"], questions_path="/questions/"
    ),
    "check_in_reminder": lambda: emails.reminder(
        to="sam@example.com",
        kind="check_in",
        reminder_path="/checkin/",
        settings_path="/settings/reminders/",
    ),
    "reminder": lambda: emails.reminder(
        to="sam@example.com",
        kind="pulse",
        reminder_path="/insights/pulse/",
        settings_path="/settings/reminders/",
    ),
    "plan_reminder": lambda: emails.plan_reminder(
        to="sam@example.com", soon="tomorrow", plan_path="/together/plans/123/"
    ),
}


@pytest.mark.parametrize("name", SENDS)
def test_each_email_has_a_subject_a_link_and_no_template_left_over(
    name, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        SENDS[name]()
    assert mail.outbox, name
    for message in mail.outbox:
        assert message.subject and "\n" not in message.subject
        assert "---" not in message.body and "{{" not in message.body
        assert re.search(r"https?://\S+/", message.body)
        assert message.body.startswith("Hello,")


def test_an_email_is_sent_only_once_the_write_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        SENDS["your_turn"]()
    assert mail.outbox == [] and len(callbacks) == 1


def test_the_email_functions_take_no_free_text():
    """Names, addresses and links only: no parameter could carry a note or an answer."""
    import inspect

    allowed = {
        "to",
        "inviter_name",
        "join_path",
        "conversation_path",
        "questions_path",
        "check_in_path",
        "base_url",
        "change",  # a key of emails.ACCOUNT_CHANGES: one of our fixed sentences
        "kind",  # a reminder kind's key: the words are fixed in emails.WAITING
        "reminder_path",
        "settings_path",
        "soon",
        "plan_path",
        "activity_and_time",
    }
    for name, fn in inspect.getmembers(emails, inspect.isfunction):
        if not name.startswith("_") and fn.__module__ == emails.__name__:
            assert set(inspect.signature(fn).parameters) <= allowed, name


def test_no_module_outside_notifications_sends_mail():
    senders = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if "send_mail" in p.read_text() and p.parts[-2] != "notifications"
    ]
    assert senders == []
