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


def _render(template: str, **context: str) -> tuple[str, str]:
    text = render_to_string(
        f"notifications/email/{template}.txt", {"site_name": settings.SITE_NAME, **context}
    )
    subject, _, body = text.partition("\n---\n")
    return subject.strip(), body.lstrip()


def _send(template: str, to: list[str], **context: str) -> None:
    """Render and send after the surrounding transaction commits (never for a rolled-back
    write)."""
    if not to:
        return
    subject, body = _render(template, **context)
    transaction.on_commit(lambda: send_mail(subject, body, None, to))


def invitation(*, to: str, inviter_name: str, join_path: str, base_url: str = "") -> None:
    """A pairing link, to the address the inviter typed. The inviter's name is in the body
    only: a name chosen by a stranger never becomes a subject line."""
    _send("invitation", [to], inviter_name=inviter_name, url=_link(join_path, base_url))


def your_turn(*, to: str, conversation_path: str) -> None:
    """A typed listening conversation waits for this person."""
    _send("your_turn", [to], url=_link(conversation_path))


def answers_revealed(*, to: list[str], questions_path: str) -> None:
    """Both partners answered the daily question: each can now read the other's answer."""
    for address in to:
        _send("answers_revealed", [address], url=_link(questions_path))


# What changed on an account, in words fit to send to an address that may no longer be the
# owner's: no address, device or place is named.
ACCOUNT_CHANGES = {
    "email_added": "A new email address was added to your account.",
    "email_changed": "Your account now sends its email to a different address.",
    "email_removed": "An email address was removed from your account.",
    "email_confirmed": "An email address on your account was confirmed.",
    "password_changed": "Your password was changed.",
    "password_reset": "Your password was reset.",
    "token_created": "A personal access token was created for your account.",
    "two_factor_on": "Two-step login was turned on for your account.",
    "two_factor_off": "Two-step login was turned off for your account.",
    "recovery_codes": "New recovery codes were made for your account's two-step login.",
    "account_deleted": "Your account was deleted.",
}


def account_changed(*, to: str, change: str) -> None:
    """Tell an address (the old one, when the address itself changed) that something about the
    account changed, so that its owner notices a change they did not make."""
    _send(
        "account_changed",
        [to],
        what=ACCOUNT_CHANGES[change],
        reset_url=_link("/accounts/password/reset/"),
        deleted="yes" if change == "account_deleted" else "",
    )


# What a reminder says is waiting, by kind (notifications.reminders): fixed words, no content.
WAITING = {
    "check_in": "your check-in",
    "daily_question": "today's question",
    "pulse": "your weekly pulse",
}


def reminder(*, to: str, kind: str, reminder_path: str, settings_path: str) -> None:
    """A reminder the person asked for: names only the kind of thing waiting ("your weekly
    pulse is waiting"). Sent at once (the worker runs outside any request), so a failure
    raises and the worker retries with backoff."""
    what = WAITING.get(kind, "something")
    subject, body = _render(
        "reminder", what=what, url=_link(reminder_path), settings_url=_link(settings_path)
    )
    send_mail(subject, body, None, [to])


def plan_reminder(*, to: str, soon: str, plan_path: str, activity_and_time: str = "") -> None:
    """A plan together is coming up (`soon`: "tomorrow" or "in an hour"). Only for a person who
    chose details: `activity_and_time`, the catalogue's words for the activity and the time on
    their clock. Never the place or note anyone wrote."""
    _send("plan_reminder", [to], soon=soon, url=_link(plan_path), details=activity_and_time)
