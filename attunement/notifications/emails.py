"""Every email the app sends. Each says that something happened, never what was written.

The functions take only what an email may show (a display name, an address, a link): no
note, answer or message can reach a template, because none is ever passed. Each template in
templates/notifications/email/ holds the subject, a line with `---`, then the body.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string


def _link(path: str, base_url: str = "") -> str:
    return f"{(base_url or settings.SITE_ROOT).rstrip('/')}{path}"


def _send(template: str, to: list[str], **context: str) -> None:
    """Render and send after the surrounding transaction commits (never for a rolled-back
    write)."""
    if not to:
        return
    text = render_to_string(
        f"notifications/email/{template}.txt", {"site_name": settings.SITE_NAME, **context}
    )
    subject, _, body = text.partition("\n---\n")
    transaction.on_commit(lambda: send_mail(subject.strip(), body.lstrip(), None, to))


def invitation(*, to: str, inviter_name: str, join_path: str, base_url: str = "") -> None:
    """A pairing link, to the address the inviter typed."""
    _send("invitation", [to], inviter_name=inviter_name, url=_link(join_path, base_url))


def your_turn(*, to: str, conversation_path: str) -> None:
    """A typed listening conversation waits for this person."""
    _send("your_turn", [to], url=_link(conversation_path))


def answers_revealed(*, to: list[str], questions_path: str) -> None:
    """Both partners answered the daily question: each can now read the other's answer."""
    for address in to:
        _send("answers_revealed", [address], url=_link(questions_path))


def check_in_reminder(*, to: str, check_in_path: str) -> None:
    """The person's own daily reminder, at the hour they chose."""
    _send("check_in_reminder", [to], url=_link(check_in_path))


def plan_reminder(*, to: str, soon: str, plan_path: str, activity_and_time: str = "") -> None:
    """A plan together is coming up (`soon`: "tomorrow" or "in an hour"). Only for a person who
    chose details: `activity_and_time`, the catalogue's words for the activity and the time on
    their clock. Never the place or note anyone wrote."""
    _send("plan_reminder", [to], soon=soon, url=_link(plan_path), details=activity_and_time)
