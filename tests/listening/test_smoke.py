from tests.listening.conftest import PIECE, REFLECTION, fresh


def test_typed_round_trip_through_the_web(as_alice, as_bob, typed) -> None:
    url = f"/listening/{typed.uuid}/"
    assert as_alice.get(url).status_code == 200
    r = as_alice.post(url + "piece/", {"text": PIECE, "step": 0})
    assert r.status_code == 302, r.content.decode()[:3000]
    r = as_bob.get(url)
    assert PIECE in r.content.decode()
    r = as_bob.post(url + "reflection/check/", {"text": "You should just relax."})
    assert r.status_code == 200
    assert "advice" in r.content.decode()
    r = as_bob.post(url + "reflection/", {"text": REFLECTION, "step": 1})
    assert r.status_code == 302
    r = as_alice.post(url + "confirm/", {"verdict": "yes", "step": 2})
    assert r.status_code == 302
    r = as_bob.post(url + "respond/", {"text": "That makes sense.", "step": 3})
    assert r.status_code == 302
    c = fresh(typed)
    assert c.state == "speaking" and c.speaker_id == c.partner_id
    assert as_bob.get(url).status_code == 200
    assert as_alice.get("/listening/").status_code == 200
    assert as_alice.get("/listening/progress/").status_code == 200
    assert as_alice.get("/listening/start/").status_code == 200
    assert as_bob.get("/today/").status_code == 200
