"""`attunement serve` keeps its console readable: it says where emails go and logs no requests."""

from attunement import cli


def _serve_args(monkeypatch, *extra: str):
    captured = {}
    monkeypatch.setattr(cli, "serve", lambda args: captured.setdefault("args", args) and 0)
    cli.main(["serve", *extra])
    return captured["args"]


def test_serve_logs_no_request_lines_unless_asked(monkeypatch):
    quiet = cli.gunicorn_command(_serve_args(monkeypatch))
    assert "--access-logfile" not in quiet
    loud = cli.gunicorn_command(_serve_args(monkeypatch, "--access-log"))
    assert loud[loud.index("--access-logfile") + 1] == "-"


def test_serve_says_emails_are_printed_to_the_console_by_default(settings):
    note = cli.email_note("django.core.mail.backends.console.EmailBackend")
    assert "printed here, in this console" in note and "EMAIL_HOST" in note
    assert cli.email_note("django.core.mail.backends.smtp.EmailBackend") == ""
    assert str(settings.EMAIL_FILE_PATH) in cli.email_note(
        "django.core.mail.backends.filebased.EmailBackend"
    )
