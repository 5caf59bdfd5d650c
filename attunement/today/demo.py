"""The demo couple, Alex and Sam, with four weeks of lived-in history."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from attunement.accounts.models import User
from attunement.couples.models import Couple, Membership
from attunement.differences import demo as differences_demo
from attunement.empathy import demo as empathy_demo
from attunement.insights import demo as insights_demo
from attunement.listening import demo as listening_demo
from attunement.safety import demo as safety_demo
from attunement.sharing import demo as sharing_demo
from attunement.support import demo as support_demo
from attunement.together import demo as together_demo

PASSWORD = "attunement-demo-2026"
PEOPLE = [("alex@example.com", "Alex"), ("sam@example.com", "Sam")]
# Each strategy seeds its own history: seed(alex, sam, couple, days).
SEEDERS = [
    safety_demo.seed,
    support_demo.seed,
    sharing_demo.seed,
    listening_demo.seed,
    differences_demo.seed,
    empathy_demo.seed,
    together_demo.seed,
    insights_demo.seed,
]


@transaction.atomic
def create_demo(days: int = 28) -> str:
    if User.objects.filter(email=PEOPLE[0][0]).exists():
        return _summary("The demo couple is already here.")
    # The couple's story starts before its history does: joined and paired `days` + 2 ago.
    began = timezone.now() - timedelta(days=days + 2)
    users = []
    for email, name in PEOPLE:
        user = User.objects.create_user(
            email, PASSWORD, display_name=name, time_zone="Europe/London", date_joined=began
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        users.append(user)
    alex, sam = users
    couple = Couple.objects.create(created_at=began)
    for user in users:
        Membership.objects.create(couple=couple, user=user, joined_at=began)
    for seed in SEEDERS:
        seed(alex, sam, couple, days)
    return _summary("Added the demo couple.")


def _summary(first: str) -> str:
    logins = ", ".join(email for email, _ in PEOPLE)
    return f"{first} Log in as {logins} with the password {PASSWORD}"
