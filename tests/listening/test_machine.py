"""The ritual's transition table, walked completely: every legal move and every illegal one."""

import itertools

import pytest

from attunement.listening import machine as m

ROLES = (m.SPEAKER, m.LISTENER)
RITUAL_ACTIONS = (m.PIECE, m.REFLECTION, m.YES, m.PARTLY, m.NOT_QUITE, m.RESPOND, m.SWITCH, m.PASS)


def _legal(mode: str, state: str, action: str, role: str) -> bool:
    move = m.TRANSITIONS[mode].get(state, {}).get(action)
    return move is not None and move.actor in (m.EITHER, role)


def test_typed_ritual_goes_speak_reflect_confirm_respond_and_switches_roles() -> None:
    assert m.check(m.TYPED, m.SPEAKING, m.PIECE, m.SPEAKER).to == m.REFLECTING
    assert m.check(m.TYPED, m.REFLECTING, m.REFLECTION, m.LISTENER).to == m.CONFIRMING
    assert m.check(m.TYPED, m.CONFIRMING, m.YES, m.SPEAKER).to == m.RESPONDING
    move = m.check(m.TYPED, m.RESPONDING, m.RESPOND, m.LISTENER)
    assert move.to == m.SPEAKING and move.switch_roles


@pytest.mark.parametrize("verdict", [m.PARTLY, m.NOT_QUITE])
def test_typed_listener_tries_again_until_that_is_it(verdict: str) -> None:
    assert m.check(m.TYPED, m.CONFIRMING, verdict, m.SPEAKER).to == m.REFLECTING


def test_in_person_ritual_lets_either_partner_tap_on_the_shared_device() -> None:
    for role in ROLES:
        assert m.check(m.IN_PERSON, m.SPEAKING, m.PASS, role).to == m.REFLECTING
        assert m.check(m.IN_PERSON, m.REFLECTING, m.NOT_QUITE, role).to == m.REFLECTING
        assert m.check(m.IN_PERSON, m.REFLECTING, m.YES, role).to == m.RESPONDING
        assert m.check(m.IN_PERSON, m.RESPONDING, m.SWITCH, role).switch_roles


@pytest.mark.parametrize(
    "mode,state,action,role",
    list(itertools.product(m.MODES, m.ACTIVE, RITUAL_ACTIONS, ROLES)),
)
def test_every_ritual_step_is_allowed_exactly_when_the_table_says(
    mode: str, state: str, action: str, role: str
) -> None:
    if _legal(mode, state, action, role):
        assert m.check(mode, state, action, role).to in m.STATES
    else:
        with pytest.raises(m.IllegalMove) as exc:
            m.check(mode, state, action, role)
        assert "waiting for" in str(exc.value)


def test_out_of_turn_message_says_whose_turn_it_is() -> None:
    with pytest.raises(m.IllegalMove, match="It's your partner's turn"):
        m.check(m.TYPED, m.REFLECTING, m.REFLECTION, m.SPEAKER)


@pytest.mark.parametrize("mode,action,role", itertools.product(m.MODES, RITUAL_ACTIONS, ROLES))
def test_nothing_of_the_ritual_happens_while_paused_or_ended(
    mode: str, action: str, role: str
) -> None:
    with pytest.raises(m.IllegalMove, match="paused"):
        m.check(mode, m.PAUSED, action, role)
    with pytest.raises(m.IllegalMove, match="ended"):
        m.check(mode, m.ENDED, action, role)


@pytest.mark.parametrize("mode,state,role", itertools.product(m.MODES, m.ACTIVE, ROLES))
def test_either_partner_can_pause_or_end_any_active_conversation(
    mode: str, state: str, role: str
) -> None:
    assert m.check(mode, state, m.PAUSE, role).to == m.PAUSED
    assert m.check(mode, state, m.END, role).to == m.ENDED
    with pytest.raises(m.IllegalMove, match="isn't paused"):
        m.check(mode, state, m.RESUME, role)


def test_pause_resume_and_end_have_their_own_illegal_moves() -> None:
    with pytest.raises(m.IllegalMove, match="already paused"):
        m.check(m.TYPED, m.PAUSED, m.PAUSE, m.SPEAKER)
    assert m.check(m.TYPED, m.PAUSED, m.RESUME, m.LISTENER).to == ""
    assert m.check(m.TYPED, m.PAUSED, m.END, m.LISTENER).to == m.ENDED
    with pytest.raises(m.IllegalMove, match="already ended"):
        m.check(m.TYPED, m.ENDED, m.END, m.SPEAKER)
    for action in (m.PAUSE, m.RESUME):
        with pytest.raises(m.IllegalMove, match="ended"):
            m.check(m.IN_PERSON, m.ENDED, action, m.SPEAKER)


def test_allowed_actions_match_the_table() -> None:
    assert m.allowed_actions(m.TYPED, m.SPEAKING, m.SPEAKER) == [m.PIECE, m.PAUSE, m.END]
    assert m.allowed_actions(m.TYPED, m.SPEAKING, m.LISTENER) == [m.PAUSE, m.END]
    assert m.allowed_actions(m.IN_PERSON, m.REFLECTING, m.LISTENER) == [
        m.YES,
        m.NOT_QUITE,
        m.PAUSE,
        m.END,
    ]
    assert m.allowed_actions(m.TYPED, m.PAUSED, m.LISTENER) == [m.RESUME, m.END]
    assert m.allowed_actions(m.TYPED, m.ENDED, m.LISTENER) == []


def test_whose_move_it_is_per_state() -> None:
    assert m.actor_of(m.TYPED, m.CONFIRMING) == m.SPEAKER
    assert m.actor_of(m.TYPED, m.RESPONDING) == m.LISTENER
    assert m.actor_of(m.IN_PERSON, m.SPEAKING) == m.EITHER
    assert m.actor_of(m.TYPED, m.PAUSED) is None
