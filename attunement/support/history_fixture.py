"""Bulk history for query-count tests and benchmarks: `days` of check-ins for a couple."""

from datetime import timedelta

from attunement.accounts.models import User
from attunement.couples.models import Couple, Visibility
from attunement.support.models import Appreciation, CheckIn, Response


def fill_history(alice: User, bob: User, couple: Couple, days: int) -> None:
    today = alice.local_today()
    check_ins = [
        CheckIn(
            owner=person,
            couple=couple,
            local_date=today - timedelta(days=back),
            feelings=["calm", "grateful"],
            intensity=3,
            energy=1 + back % 5,
            need="listened",
            note=f"day {back}",
            visibility=Visibility.SHARED,
        )
        for back in range(1, days + 1)
        for person in (alice, bob)
    ]
    CheckIn.objects.bulk_create(check_ins, batch_size=500)
    saved = CheckIn.objects.filter(couple=couple).only("pk", "owner_id", "couple_id")
    Response.objects.bulk_create(
        [
            Response(
                owner=bob if c.owner_id == alice.pk else alice,
                couple=couple,
                check_in=c,
                quick="hug",
                visibility=Visibility.SHARED,
            )
            for c in saved
        ],
        batch_size=500,
    )
    Appreciation.objects.bulk_create(
        [
            Appreciation(
                owner=bob,
                recipient=alice,
                couple=couple,
                text="thank you",
                visibility=Visibility.SHARED,
            )
            for _ in range(days // 7)
        ]
    )
