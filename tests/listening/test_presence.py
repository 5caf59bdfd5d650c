"""The watching mark: written on a look, rewritten at most every half minute by a process."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from attunement.listening import presence


def _writes(conversation, user_id) -> int:
    with CaptureQueriesContext(connection) as ctx:
        presence.mark_watching(conversation, user_id)
    return len(ctx.captured_queries)


def test_a_look_marks_the_person_watching_and_the_next_looks_cost_nothing(db, monkeypatch):
    presence.forget_marks_written()
    clock = [1000.0]
    monkeypatch.setattr(presence.time, "monotonic", lambda: clock[0])
    conversation = uuid.uuid4()
    assert _writes(conversation, 1) > 0
    assert presence.is_watching(conversation, 1)
    assert not presence.is_watching(conversation, 2)
    clock[0] += 3  # the page polls every few seconds
    assert _writes(conversation, 1) == 0
    assert presence.is_watching(conversation, 1)
    clock[0] += presence.REWRITE_AFTER  # still watching half a minute on: the mark is renewed
    assert _writes(conversation, 1) > 0


def test_another_process_writes_its_own_mark(db):
    conversation = uuid.uuid4()
    presence.mark_watching(conversation, 1)
    presence.forget_marks_written()  # as a second app server, which wrote nothing yet
    assert _writes(conversation, 1) > 0
