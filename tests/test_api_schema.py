"""schemathesis against the served OpenAPI schema: generated requests never cause a 500."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import ignored_auth

from attunement.accounts.models import PersonalToken
from attunement.wsgi import application
from tests.conftest import make_user, pair

# Generated examples only (the exhaustive coverage phase takes minutes; CI runs the suite twice).
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


@pytest.fixture
def keep_connection():
    """Like Django's test client: the WSGI app must not close the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, keep_connection) -> str:
    alice, bob = make_user("alice@example.com", "Alice"), make_user("bob@example.com", "Bob")
    pair(alice, bob)
    return PersonalToken.issue(user=alice, name="schemathesis")[1]


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_never_cause_a_server_error(case, token):
    from schemathesis.checks import not_a_server_error

    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error, ignored_auth]
    )
