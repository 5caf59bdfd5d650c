"""The demo couple, Alex and Sam, with four weeks of lived-in history."""

from importlib import import_module

from allauth.account.models import EmailAddress
from django.db import transaction

from attunement.accounts.models import User
from attunement.couples.models import Couple, Membership

PASSWORD = "attunement-demo-2026"
PEOPLE = [("alex@example.com", "Alex"), ("sam@example.com", "Sam")]
# Each strategy seeds its own history: seed(alex, sam, couple, days).
SEEDERS = [
    "attunement.support.demo.seed",
    "attunement.sharing.demo.seed",
    "attunement.listening.demo.seed",
]


@transaction.atomic
def create_demo(days: int = 28) -> str:
    if User.objects.filter(email=PEOPLE[0][0]).exists():
        return _summary("The demo couple is already here.")
    users = []
    for email, name in PEOPLE:
        user = User.objects.create_user(
            email, PASSWORD, display_name=name, time_zone="Europe/London"
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        users.append(user)
    alex, sam = users
    couple = Couple.objects.create()
    for user in users:
        Membership.objects.create(couple=couple, user=user)
    for dotted in SEEDERS:
        module, name = dotted.rsplit(".", 1)
        getattr(import_module(module), name)(alex, sam, couple, days)
    return _summary("Added the demo couple.")


def _summary(first: str) -> str:
    logins = ", ".join(email for email, _ in PEOPLE)
    return f"{first} Log in as {logins} with the password {PASSWORD}"
