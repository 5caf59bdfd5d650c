"""Shared people: alice and bob are partners, charlie is an outsider."""

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.test import Client
from hypothesis import settings as hypothesis_settings

from attunement.accounts.models import User
from attunement.couples.models import Couple, Membership

PASSWORD = "a long test password 1"

# Property tests explore at random locally; in CI they replay a fixed sequence, so a red run
# can be reproduced and a green one does not depend on luck.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.getenv("CI"):
    hypothesis_settings.load_profile("ci")

# Every test process starts its clock here: midday UTC on a Wednesday in mid-June, far from any
# midnight, week or month boundary, so no test depends on the hour it runs.
NOON = datetime(2026, 6, 17, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session", autouse=True)
def frozen_clock() -> Iterator[None]:
    """The clock starts at NOON and keeps ticking (timeouts and orderings still work).

    Session-wide, so that worlds built by module-scoped fixtures share the tests' clock; a test
    that sets its own time (time_machine.travel) nests inside it.
    """
    with time_machine.travel(NOON, tick=True):
        yield


def make_user(email: str, name: str, time_zone: str = "UTC") -> User:
    user = User.objects.create_user(email, PASSWORD, display_name=name, time_zone=time_zone)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def pair(a: User, b: User) -> Couple:
    couple = Couple.objects.create()
    Membership.objects.create(couple=couple, user=a)
    Membership.objects.create(couple=couple, user=b)
    for person in (a, b):
        for attr in ("_attunement_couple", "_attunement_partner"):
            if hasattr(person, attr):
                delattr(person, attr)
    return couple


@pytest.fixture
def alice(db: None) -> User:
    return make_user("alice@example.com", "Alice")


@pytest.fixture
def bob(db: None) -> User:
    return make_user("bob@example.com", "Bob")


@pytest.fixture
def charlie(db: None) -> User:
    return make_user("charlie@example.com", "Charlie")


@pytest.fixture
def couple(alice: User, bob: User) -> Couple:
    return pair(alice, bob)


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def fresh_login(user: User) -> Client:
    """A client that confirmed its password just now ("Confirm it's you"): pages that ask for a
    recent login (attunement/accounts/reauth.py) let it through without asking again."""
    client = login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


@pytest.fixture
def as_alice(alice: User) -> Client:
    return login(alice)


@pytest.fixture
def as_bob(bob: User) -> Client:
    return login(bob)


@pytest.fixture
def as_charlie(charlie: User) -> Client:
    return login(charlie)
