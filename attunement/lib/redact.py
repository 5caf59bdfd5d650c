"""Secrets in URLs, and people's words, kept out of logs and error reports.

Some links carry their secret in the path: an invitation (/couple/join/<token>/), a password
reset (/accounts/password/reset/key/<key>/), an email confirmation. Logs name the route, not the
secret. Error reports (the emails Django sends to ADMINS) show no submitted field and no local
variable, since either may hold what someone wrote.
"""

import logging
import re
from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter

HIDDEN = "[hidden]"
_SECRET_PATHS = re.compile(
    r"(?P<route>/couple/join/|/accounts/password/reset/key/|/accounts/confirm-email/)"
    r"(?P<secret>[^/?#\s\"']+)"
)


def redact(text: str) -> str:
    """`text` with the secret part of every secret-bearing path replaced."""
    return _SECRET_PATHS.sub(lambda m: m.group("route") + HIDDEN, text)


class RedactSecrets(logging.Filter):
    """A logging filter: the message and its arguments lose any secret path."""

    def filter(self, record: logging.LogRecord) -> bool:
        # The finished message: a path may hide inside any argument's repr (a request, say).
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            # Formatters print this cached text instead of formatting the traceback again.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


class ExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports keep the traceback's lines, never the values people typed."""

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, HIDDEN)

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        return [("(variables)", HIDDEN)]
