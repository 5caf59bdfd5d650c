"""A person's data out of one instance and into another: `attunement export | import` and
Settings > Download my data.

The document is assembled by `lib.export` from what each app registered; this module adds
what only accounts can do: read and check a file, and make the person it belongs to.

Import rule (docs/export.md): the person comes back on their own. Their profile, settings and
the rows they wrote alone come back as theirs; rows that need the partner (the couple,
conversations, guesses, reactions, plans) and secrets (tokens, second factors, calendar
links) cannot, and are counted. Everything happens in one transaction: a file that fails
half-way leaves nothing behind.
"""

import json
from datetime import datetime
from typing import Any

import jsonschema_rs
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from attunement.accounts.models import User
from attunement.lib import export
from attunement.lib.errors import DomainError
from attunement.lib.names import clean_name


class BadExportFile(DomainError):
    """An import that cannot go ahead; the message says why, for the person running it."""


class AddressTaken(DomainError):
    """The address already belongs to an account here."""


def export_document(user: User, now: datetime | None = None) -> dict[str, Any]:
    """Everything about `user`, as the JSON document `docs/export.schema.json` describes."""
    return export.export_person(user, now or timezone.now())


def filename(now: datetime) -> str:
    return f"attunement-export-{now.date().isoformat()}.json"


def read_document(text: str | bytes) -> dict[str, Any]:
    """Parse and check an export file against the schema, or say plainly what is wrong."""
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadExportFile(f"This is not an Attunement export (not JSON: {exc}).") from exc
    if not isinstance(document, dict) or document.get("format") != export.FORMAT:
        raise BadExportFile('This is not an Attunement export (no "format" of one).')
    if document.get("version") != export.VERSION:
        raise BadExportFile(
            f"This export is version {document.get('version')!r}; this Attunement reads "
            f"version {export.VERSION}."
        )
    errors = list(
        jsonschema_rs.validator_for(export.schema(), validate_formats=True).iter_errors(document)
    )
    if errors:
        first = errors[0]
        where = " > ".join(str(p) for p in first.instance_path) or "the top"
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise BadExportFile(
            f"The file does not match the export format at {where}: {first.message}{more}"
        )
    return document


@transaction.atomic
def import_person(
    document: dict[str, Any], *, email: str | None = None
) -> tuple[User, export.Counts]:
    """Create the person of a checked `document` (or under `email`) and restore their own rows.

    The new account has no password: the person sets one with "Forgot your password?". An
    address that already has an account here is refused, and so is a row that does not fit
    (nothing is kept then)."""
    profile = document["sections"]["accounts"]["profile"]
    if not profile and not email:
        raise BadExportFile("The file names no person: give the address with --email.")
    address = (email or profile[0]["email"]).strip().lower()
    try:
        validate_email(address)
    except ValidationError as exc:
        raise BadExportFile(f"{address!r} is not an email address.") from exc
    if (
        User.objects.filter(email__iexact=address).exists()
        or EmailAddress.objects.filter(email__iexact=address).exists()
    ):
        raise AddressTaken(
            f"{address} already has an account here. Import under another address with "
            "--email, or delete that account first."
        )
    name = clean_name(profile[0]["display_name"]) if profile else ""
    user = User.objects.create_user(address, None, display_name=name)
    EmailAddress.objects.create(user=user, email=address, primary=True, verified=False)
    try:
        counts = export.restore_person(user, document)
    except ValidationError as exc:
        raise BadExportFile(f"A row in the file does not fit: {_first(exc)}") from exc
    except IntegrityError as exc:
        raise BadExportFile(
            "The file holds the same row twice (e.g. two check-ins on one day)."
        ) from exc
    except DomainError as exc:
        raise BadExportFile(f"A setting in the file does not fit: {exc}") from exc
    return user, counts


def _first(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.message_dict.items()))
        return f"{field}: {errors[0]}"
    return exc.messages[0]
