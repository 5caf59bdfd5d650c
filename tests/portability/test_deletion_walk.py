"""Deleting an account removes every row about the person, walking every model, and keeps the
partner's own writing (issue 12, item 9)."""

from collections import defaultdict

import pytest
from django.apps import apps
from django.db import models

from attunement.accounts.models import User
from attunement.couples.services import delete_account
from attunement.safety import services as safety
from attunement.today.demo import create_demo
from attunement.today.erasure import subject_of
from attunement.today.models import DeletionRecord

pytestmark = pytest.mark.django_db


def user_fields() -> list[tuple[type[models.Model], models.Field]]:  # type: ignore[type-arg]
    """Every foreign key or one-to-one field, in every model, that points at a person."""
    return [
        (model, f)
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is User
    ]


def rows_about(pk: int) -> dict[str, int]:
    found = {}
    for model, f in user_fields():
        n = model._default_manager.filter(**{f.attname: pk}).count()
        if n:
            found[f"{model._meta.label}.{f.name}"] = n
    return found


def chain_from(pk: int) -> dict[type[models.Model], set[object]]:
    """Every row that points at the person, directly or through rows that do (a reply to their
    check-in, a guess at their round, a memory of their plan...), by model."""
    found: dict[type[models.Model], set[object]] = defaultdict(set)
    frontier: dict[type[models.Model], set[object]] = {User: {pk}}
    while frontier:
        reached: dict[type[models.Model], set[object]] = defaultdict(set)
        for model in apps.get_models():
            for f in model._meta.concrete_fields:
                targets = frontier.get(f.related_model) if f.is_relation else None
                if targets:
                    rows = model._default_manager.filter(**{f"{f.attname}__in": targets})
                    reached[model] |= set(rows.values_list("pk", flat=True)) - found[model]
        frontier = {m: pks for m, pks in reached.items() if pks}
        for model, pks in frontier.items():
            found[model] |= pks
    return {model: pks for model, pks in found.items() if pks}


def written_by(pk: int) -> dict[tuple[str, object], dict[str, object]]:
    """Every row the person wrote (its owner), with what it says (text decrypted)."""
    rows = {}
    for model in apps.get_models():
        if "owner" not in {f.name for f in model._meta.concrete_fields}:
            continue
        said = [
            f.attname
            for f in model._meta.concrete_fields
            if not f.is_relation and f.name not in ("id", "updated_at")
        ]
        for row in model._default_manager.filter(owner_id=pk):
            rows[(model._meta.label, row.pk)] = {name: getattr(row, name) for name in said}
    return rows


# Rows both partners wrote in: they outlive one account with its links to the person cleared
# (a conversation keeps the partner's turns, a quiz round the partner's guess).
JOINT = {"listening.Conversation", "empathy.QuizRound"}

# What the partner writes on the other's rows, each of which the demo has, and which went with
# the other's account before (issue 12, item 9).
HUNG_ON_THE_OTHER = (
    "support.Response",
    "support.Appreciation",
    "sharing.Reaction",
    "differences.StyleGuess",
    "empathy.FeelingGuess",
    "empathy.QuizEntry",
    "empathy.Story",
    "empathy.StoryRating",
    "together.Highlight",
)


def test_deletion_leaves_no_row_about_the_person_and_keeps_the_partners_writing():
    create_demo()
    alex = User.objects.get(email="alex@example.com")
    sam = User.objects.get(email="sam@example.com")
    safety.record_event(user=alex, kind="abuse", score=0.9, where="safety.journal")
    safety.write_journal_entry(user=alex, text="only mine")
    safety.write_journal_entry(user=sam, text="only Sam's")
    alex_pk = alex.pk  # delete() sets the instance's pk to None
    before = rows_about(alex_pk)
    assert len(before) >= 6, before  # the demo touches most of the app
    about_alex = chain_from(alex_pk)
    sams = written_by(sam.pk)
    for label in HUNG_ON_THE_OTHER:  # the demo writes each on Alex's rows
        model = apps.get_model(label)
        assert about_alex.get(model, set()) & {pk for (lb, pk) in sams if lb == label}, label

    delete_account(user=alex)

    assert rows_about(alex_pk) == {}  # every model walked: nothing points at Alex
    assert chain_from(alex_pk) == {}  # nor at anything that points at Alex
    assert not User.objects.filter(pk=alex_pk).exists()
    assert safety.events_of(alex) == []  # events have no foreign key: removed by the hook
    assert not DeletionRecord.objects.exclude(subject=subject_of(alex.uuid)).exists()
    record = DeletionRecord.objects.get()
    assert alex.email not in str(record.__dict__) and str(alex.uuid) not in record.subject

    # What pointed at Alex is gone, unless Sam wrote it or both did.
    for model, pks in about_alex.items():
        left = model._default_manager.filter(pk__in=pks)
        label = model._meta.label
        if label in JOINT:
            continue
        if "owner" in {f.name for f in model._meta.concrete_fields}:
            left = left.exclude(owner=sam)
        assert not left.exists(), label

    # Every row Sam wrote is still there and says the same (its text decrypts as before).
    assert written_by(sam.pk) == sams
    hung = sum(1 for label, pk in sams if pk in about_alex.get(apps.get_model(label), set()))
    print(f"\nSam's rows kept: {len(sams)}, of which {hung} hung on Alex's rows")


def test_every_model_holding_a_person_is_known_to_this_walk():
    """A new model with a foreign key to the person is walked automatically; this lists them so
    a reviewer sees what deletion covers."""
    labels = {f"{m._meta.label}.{f.name}" for m, f in user_fields()}
    assert "accounts.PersonalToken.user" in labels and "couples.Membership.user" in labels
    assert not any(label.startswith("safety.SafetyEvent") for label in labels)


def test_the_partners_kept_writing_is_still_in_their_own_export():
    """What Sam wrote on Alex's rows outlives Alex's account, and Sam can still take it away."""
    from attunement.accounts import portability
    from attunement.support.models import Response

    create_demo()
    alex = User.objects.get(email="alex@example.com")
    sam = User.objects.get(email="sam@example.com")
    replies = Response.objects.filter(owner=sam, check_in__owner=alex).count()
    assert replies

    def kept_replies(document: dict) -> int:  # type: ignore[type-arg]
        rows = document["sections"]["support"]["responses"]
        return sum(1 for r in rows if not r.get("from_partner"))

    before = kept_replies(portability.export_document(sam))
    delete_account(user=alex)
    after = portability.export_document(sam)
    assert kept_replies(after) == before >= replies
    assert "alex@example.com" not in str(after)
