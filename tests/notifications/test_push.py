"""Reminders as notifications: encrypted, signed, short-lived, content-free; a device the push
service forgot is dropped; other failures retry; nothing shows without a VAPID key."""

import base64
import json
import os
import re
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.core import mail

from attunement.notifications import push, reminders
from attunement.notifications.models import Delivery, PushSubscription, Reminder
from tests.builders import check_in
from tests.conftest import PASSWORD, fresh_login, login, make_user, pair

CANARY = "canary-7c1f-never-in-a-notification"
NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
DUE = datetime(2026, 11, 25, 9, 1, tzinfo=UTC)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _verify(token: str, public_key: str) -> None:
    """The JWT's ES256 signature checks out against our public key (raises otherwise)."""
    signed, _, signature = token.rpartition(".")
    raw = _unb64(signature)
    r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _unb64(public_key))
    key.verify(encode_dss_signature(r, s), signed.encode(), ec.ECDSA(hashes.SHA256()))


class PushService:
    """A push service on 127.0.0.1: records each POST (path, headers, body) and answers with
    the status set for its path (201 by default)."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, str], bytes]] = []
        self.status: dict[str, int] = {}
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                service.received.append((self.path, headers, body))
                self.send_response(service.status.get(self.path, 201))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def service():
    running = PushService()
    yield running
    running.close()


class Device:
    """A browser's side of a subscription: its key pair and auth secret, to read what came."""

    def __init__(self, endpoint: str) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        self.endpoint = endpoint
        public = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.p256dh = _b64(public)

    def subscribe(self, user) -> PushSubscription:
        push.subscribe(
            user=user,
            endpoint=self.endpoint,
            p256dh=self.p256dh,
            auth=_b64(self.auth),
            session_key="",
        )
        return PushSubscription.objects.get(endpoint=self.endpoint)

    def read(self, body: bytes) -> dict:
        return json.loads(
            http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth, version="aes128gcm")
        )


def _wants_check_in(user, channel=Delivery.Channel.PUSH):
    reminders.save_settings(
        user=user, choices=[("check_in", True, 9, None)], quiet=None, now=NOW, delivery=channel
    )


def test_a_reminder_reaches_the_device_encrypted_signed_and_short_lived(db, service):
    alice = make_user("alice@example.com", "Alice")
    device = Device(f"{service.url}/push/alice")
    device.subscribe(alice)
    _wants_check_in(alice)
    assert reminders.send_due(DUE) == 1
    [(path, headers, body)] = service.received
    assert path == "/push/alice"
    assert headers["ttl"] == str(push.TTL_SECONDS)
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["topic"] == "check_in" and headers["urgency"] == "normal"
    scheme, _, params = headers["authorization"].partition(" ")
    assert scheme == "vapid"
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    assert fields["k"] == push.application_server_key()
    _verify(fields["t"], fields["k"])  # signed with our key
    claims = json.loads(base64.urlsafe_b64decode(fields["t"].split(".")[1] + "=="))
    assert claims["aud"] == service.url and claims["sub"].startswith("mailto:")
    assert device.read(body) == {
        "title": "Attunement",
        "body": "Your check-in is waiting",
        "url": "/checkin/",
        "tag": "check_in",
    }
    assert mail.outbox == []  # notifications instead of email, as she chose


def test_a_notification_never_carries_what_anyone_wrote(db, service):
    alice, bob = make_user("alice@example.com", CANARY[:40]), make_user("bob@example.com", "Bob")
    pair(alice, bob)
    check_in(alice, local_date=NOW.date() - timedelta(days=1), note=CANARY)
    check_in(bob, local_date=NOW.date(), note=CANARY)
    device = Device(f"{service.url}/push/alice")
    device.subscribe(alice)
    _wants_check_in(alice)
    assert reminders.send_due(DUE) == 1
    [(_, headers, body)] = service.received
    assert CANARY not in json.dumps(device.read(body))
    assert CANARY[:20] not in json.dumps(device.read(body))
    assert CANARY.encode() not in body and CANARY not in json.dumps(headers)


def test_both_sends_the_notification_and_the_email(db, service):
    alice = make_user("alice@example.com", "Alice")
    Device(f"{service.url}/push/alice").subscribe(alice)
    _wants_check_in(alice, Delivery.Channel.BOTH)
    assert reminders.send_due(DUE) == 1
    assert len(service.received) == 1 and len(mail.outbox) == 1


def test_a_device_the_push_service_forgot_is_removed_and_the_email_goes_instead(db, service):
    alice = make_user("alice@example.com", "Alice")
    Device(f"{service.url}/push/gone").subscribe(alice)
    service.status["/push/gone"] = 410
    _wants_check_in(alice)
    assert reminders.send_due(DUE) == 1
    assert not PushSubscription.objects.filter(user=alice).exists()
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]  # never silently dropped


def test_a_404_removes_only_that_device(db, service):
    alice = make_user("alice@example.com", "Alice")
    Device(f"{service.url}/push/gone").subscribe(alice)
    Device(f"{service.url}/push/phone").subscribe(alice)
    service.status["/push/gone"] = 404
    _wants_check_in(alice)
    assert reminders.send_due(DUE) == 1
    assert [s.endpoint for s in PushSubscription.objects.all()] == [f"{service.url}/push/phone"]
    assert mail.outbox == []


def test_a_failing_push_service_is_retried_with_backoff_and_keeps_the_device(db, service):
    alice = make_user("alice@example.com", "Alice")
    Device(f"{service.url}/push/busy").subscribe(alice)
    service.status["/push/busy"] = 503
    _wants_check_in(alice)
    assert reminders.send_due(DUE) == 0
    row = Reminder.objects.get(user=alice, kind="check_in")
    assert row.attempts == 1 and row.next_at == DUE + timedelta(minutes=1)
    assert PushSubscription.objects.filter(user=alice).exists() and mail.outbox == []
    service.status["/push/busy"] = 201
    assert reminders.send_due(DUE + timedelta(minutes=1)) == 1
    assert len(service.received) == 2


def test_an_unreachable_push_service_is_retried_too(db):
    alice = make_user("alice@example.com", "Alice")
    Device("http://127.0.0.1:9/push/nobody-listens").subscribe(alice)
    _wants_check_in(alice)
    assert reminders.send_due(DUE) == 0
    assert Reminder.objects.get(user=alice, kind="check_in").attempts == 1


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",  # not https
        "https://10.0.0.7/push/abc",  # an address inside someone's network
        "https://[::1]/push/abc",
        "https://evil.example.com/push/abc",  # not a push service
        "https://fcm.googleapis.com.evil.example/x",
        "https://user:pw@fcm.googleapis.com/fcm/send/abc",
        "https://fcm.googleapis.com:8443/fcm/send/abc",
        "javascript:alert(1)",
        "https://[broken/x",
    ],
)
def test_only_https_addresses_of_push_services_are_kept(endpoint, db):
    with pytest.raises(push.PushError):
        push.check_endpoint(endpoint)


def test_push_service_addresses_are_accepted_and_plain_localhost_only_in_tests(settings):
    for endpoint in (
        "https://fcm.googleapis.com/fcm/send/abc",
        "https://updates.push.services.mozilla.com/wpush/v2/abc",
        "https://web.push.apple.com/abc",
        "https://wns2-par02p.notify.windows.com/w/?token=abc",
        "http://127.0.0.1:8123/push",
    ):
        assert push.check_endpoint(endpoint) == endpoint
    settings.PUSH_ALLOW_LOCAL = False
    with pytest.raises(push.PushError):
        push.check_endpoint("http://127.0.0.1:8123/push")


SUBSCRIPTION = {
    "endpoint": "https://fcm.googleapis.com/fcm/send/alice-phone",
    "expirationTime": None,
    "keys": {"p256dh": Device("x").p256dh, "auth": "tBHItJI5svbpez7KI4CCXg"},
}


def _post(client, name, body):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(f"/settings/reminders/push/{name}/", data, content_type="application/json")


def test_turning_notifications_on_keeps_this_device_and_sends_reminders_there(alice, as_alice):
    dated = {**SUBSCRIPTION, "expirationTime": 1767225600000}  # as some browsers send it
    assert _post(as_alice, "on", dated).status_code == 201
    PushSubscription.objects.all().delete()
    response = _post(as_alice, "on", SUBSCRIPTION)
    assert response.status_code == 201
    assert response.json() == {"detail": "Notifications are on for this device."}
    row = PushSubscription.objects.get(user=alice)
    assert row.endpoint == SUBSCRIPTION["endpoint"] and len(row.session_key) == 64
    assert push.channel_of(alice) == Delivery.Channel.PUSH
    page = as_alice.get("/settings/reminders/").content.decode()
    assert "Notifications are on for 1 device of yours" in page
    assert re.search(r'value="push"[^>]*checked', page)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "We couldn't read what your browser sent"),
        ("[1, 2]", "We couldn't read what your browser sent"),
        ({"endpoint": SUBSCRIPTION["endpoint"]}, "incomplete notification address"),
        ({**SUBSCRIPTION, "keys": {"p256dh": 5, "auth": "x"}}, "incomplete notification address"),
        ({**SUBSCRIPTION, "endpoint": "http://fcm.googleapis.com/x"}, "secure (https) address"),
        ({**SUBSCRIPTION, "endpoint": "https://169.254.169.254/x"}, "isn't one we can send to"),
        ({**SUBSCRIPTION, "keys": {**SUBSCRIPTION["keys"], "p256dh": "a"}}, "key we can't use"),
        ({**SUBSCRIPTION, "keys": {**SUBSCRIPTION["keys"], "auth": "b!"}}, "key we can't use"),
        (
            {**SUBSCRIPTION, "keys": {**SUBSCRIPTION["keys"], "p256dh": "B" + "A" * 86}},
            "key we can't use",  # the right length, but not a point on the curve
        ),
        ({**SUBSCRIPTION, "keys": {**SUBSCRIPTION["keys"], "auth": "AAAA"}}, "key we can't use"),
        ({**SUBSCRIPTION, "expirationTime": "x" * 100_000}, "We couldn't read"),
        ({**SUBSCRIPTION, "expirationTime": {"nested": ["x"]}}, "We couldn't read"),
    ],
)
def test_a_bad_subscription_gets_a_clear_400_and_nothing_is_kept(alice, as_alice, body, message):
    response = _post(as_alice, "on", body)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not PushSubscription.objects.exists()


def test_stop_on_this_device_removes_only_this_persons_device(alice, bob, as_alice, as_bob):
    _post(as_alice, "on", SUBSCRIPTION)
    assert _post(as_bob, "off", {"endpoint": SUBSCRIPTION["endpoint"]}).status_code == 200
    assert PushSubscription.objects.filter(user=alice).exists()  # not bob's to stop
    response = _post(as_alice, "off", {"endpoint": SUBSCRIPTION["endpoint"]})
    assert response.json() == {"detail": "Notifications are off for this device."}
    assert not PushSubscription.objects.exists()
    assert _post(as_alice, "off", "nope").status_code == 400


def test_logging_out_everywhere_else_stops_notifications_on_the_other_devices(alice):
    here, there = fresh_login(alice), login(alice)
    _post(here, "on", SUBSCRIPTION)
    _post(there, "on", {**SUBSCRIPTION, "endpoint": SUBSCRIPTION["endpoint"] + "-laptop"})
    assert here.post("/settings/sessions/end-others/").status_code == 302
    assert [s.endpoint for s in PushSubscription.objects.all()] == [SUBSCRIPTION["endpoint"]]


def test_deleting_the_account_deletes_its_devices(alice):
    from attunement.couples.services import delete_account

    login_ = login(alice)
    _post(login_, "on", SUBSCRIPTION)
    delete_account(user=alice)
    assert not PushSubscription.objects.exists()


def test_without_a_vapid_key_nothing_of_notifications_shows_or_answers(
    settings, alice, as_alice, service
):
    Device(f"{service.url}/push/alice").subscribe(alice)
    _wants_check_in(alice)
    settings.VAPID_PRIVATE_KEY = ""
    page = as_alice.get("/settings/reminders/").content.decode()
    assert "Notifications on this device" not in page and "push.js" not in page
    assert 'name="delivery"' not in page and "Reminders come by email." in page
    assert _post(as_alice, "on", SUBSCRIPTION).status_code == 404
    assert reminders.send_due(DUE) == 1
    assert service.received == [] and len(mail.outbox) == 1  # email, as without push


def test_choosing_notifications_without_a_vapid_key_is_refused(settings, alice):
    settings.VAPID_PRIVATE_KEY = ""
    with pytest.raises(reminders.ReminderError):
        reminders.save_settings(
            user=alice, choices=[], quiet=None, now=NOW, delivery=Delivery.Channel.PUSH
        )


def test_the_page_script_and_its_fetches_are_allowed_by_the_content_policy(as_alice):
    response = as_alice.get("/settings/reminders/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    page = response.content.decode()
    assert 'src="/static/notifications/push.js"' in page or "notifications/push" in page
    assert 'data-on-url="/settings/reminders/push/on/"' in page
    assert push.application_server_key() in page


def test_the_service_worker_shows_a_notification_and_opens_only_our_own_pages(client):
    worker = client.get("/sw.js").content.decode()
    assert 'addEventListener("push"' in worker and "showNotification" in worker
    assert 'addEventListener("notificationclick"' in worker
    assert "target.origin !== self.location.origin" in worker


def test_vapid_keys_command_makes_a_private_key_file_once(settings, tmp_path, capsys):
    from attunement import cli

    settings.VAPID_PRIVATE_KEY = ""
    settings.VAPID_KEY_PATH = tmp_path / "vapid_private_key.pem"
    assert cli.main(["vapid-keys"]) == 0
    path = settings.VAPID_KEY_PATH
    assert path.stat().st_mode & 0o777 == 0o600
    first = path.read_text()
    assert first.startswith("-----BEGIN PRIVATE KEY-----")
    assert push.application_server_key() in capsys.readouterr().out
    assert cli.main(["vapid-keys"]) == 0
    assert path.read_text() == first and "already set up" in capsys.readouterr().out


def test_the_api_reads_and_sets_how_reminders_reach_a_person(alice):
    from tests.notifications.matrix import JSON

    client = login(alice)
    assert client.get("/api/v1/reminders").json()["delivery"] == "email"
    response = client.put(
        "/api/v1/reminders", {**JSON, "delivery": "both"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["delivery"] == "both"
    bad = client.put(
        "/api/v1/reminders", {**JSON, "delivery": "pigeon"}, content_type="application/json"
    )
    assert bad.status_code == 422


def test_turning_a_device_on_after_choosing_email_switches_to_notifications(alice, as_alice):
    reminders.save_settings(user=alice, choices=[], quiet=None, now=NOW, delivery="email")
    _post(as_alice, "on", SUBSCRIPTION)
    assert Delivery.objects.get(user=alice).channel == Delivery.Channel.PUSH
    reminders.save_settings(user=alice, choices=[], quiet=None, now=NOW, delivery="both")
    _post(as_alice, "on", {**SUBSCRIPTION, "endpoint": SUBSCRIPTION["endpoint"] + "-2"})
    assert Delivery.objects.get(user=alice).channel == Delivery.Channel.BOTH


def test_logging_out_stops_notifications_on_that_device_only(alice):
    here, there = login(alice), login(alice)
    _post(here, "on", SUBSCRIPTION)
    _post(there, "on", {**SUBSCRIPTION, "endpoint": SUBSCRIPTION["endpoint"] + "-laptop"})
    assert here.post("/accounts/logout/").status_code == 302
    assert [s.endpoint for s in PushSubscription.objects.all()] == [
        SUBSCRIPTION["endpoint"] + "-laptop"
    ]


def test_a_new_password_stops_notifications_on_every_other_device(alice):
    here, there = fresh_login(alice), login(alice)
    _post(here, "on", SUBSCRIPTION)
    _post(there, "on", {**SUBSCRIPTION, "endpoint": SUBSCRIPTION["endpoint"] + "-laptop"})
    response = here.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-pass-2026",
            "password2": "a-new-long-pass-2026",
        },
    )
    assert response.status_code == 302
    assert [s.endpoint for s in PushSubscription.objects.all()] == [SUBSCRIPTION["endpoint"]]


def test_a_slow_batch_stops_before_its_claim_lapses_and_leaves_the_rest_due(
    db, service, monkeypatch
):
    people = [make_user(f"p{i}@example.com", f"P{i}") for i in range(3)]
    for i, person in enumerate(people):
        Device(f"{service.url}/push/{i}").subscribe(person)
        _wants_check_in(person)
    seconds = iter(range(0, 10_000, 100))  # each look at the clock: 100 s later
    monkeypatch.setattr(reminders, "_clock", lambda: next(seconds))
    released: list[list[datetime]] = []
    release = reminders._release

    def spy(rows, token):
        released.append(sorted(r.next_at for r in rows))
        release(rows, token)

    monkeypatch.setattr(reminders, "_release", spy)
    assert reminders.send_due(DUE) == 3
    nine, tomorrow = datetime(2026, 11, 25, 9, tzinfo=UTC), datetime(2026, 11, 26, 9, tzinfo=UTC)
    # The first pass sent two within the lease and let the third go untouched, still due;
    # the next pass sent it: three people, three notifications, none twice.
    assert released == [[nine, tomorrow, tomorrow], [tomorrow]]
    assert sorted(p for p, _, _ in service.received) == ["/push/0", "/push/1", "/push/2"]


@pytest.mark.parametrize("channel,emails", [(Delivery.Channel.PUSH, 0), (Delivery.Channel.BOTH, 1)])
def test_plan_reminders_go_as_notifications_too_with_fixed_words(
    db, service, channel, emails, django_capture_on_commit_callbacks
):
    from datetime import date, time

    import time_machine

    from attunement.together import services
    from attunement.together.reminders import send_due_plan_reminders
    from tests.together.helpers import both_say

    alice, bob = make_user("alice@example.com", "Alice"), make_user("bob@example.com", "Bob")
    pair(alice, bob)
    with time_machine.travel(datetime(2026, 6, 17, 12, tzinfo=UTC)):
        both_say(alice, bob)
        plan = services.plan_activity(
            user=alice,
            activity_id="a-001",
            day=date(2026, 6, 20),
            at=time(19),
            place=CANARY,
            note=CANARY,
        )
    services.set_preferences(user=alice, reminders=True, reminder_details=True, feed_details=False)
    device = Device(f"{service.url}/push/alice")
    device.subscribe(alice)
    reminders.save_settings(user=alice, choices=[], quiet=None, now=NOW, delivery=channel)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_plan_reminders(datetime(2026, 6, 19, 19, tzinfo=UTC)) == 2
    [(_, _, body)] = service.received
    assert device.read(body) == {
        "title": "Attunement",
        "body": "Time together tomorrow",
        "url": f"/together/plans/{plan.uuid}/",
        "tag": "plan",
    }
    # Bob chose nothing, so email; Alice gets an email only when she chose both.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["bob@example.com"] + ["alice@example.com"] * emails
    )


def test_a_plan_reminder_falls_back_to_email_when_the_push_service_fails(
    db, service, django_capture_on_commit_callbacks
):
    from datetime import date, time

    import time_machine

    from attunement.together import services
    from attunement.together.reminders import send_due_plan_reminders
    from tests.together.helpers import both_say

    alice, bob = make_user("alice@example.com", "Alice"), make_user("bob@example.com", "Bob")
    pair(alice, bob)
    with time_machine.travel(datetime(2026, 6, 17, 12, tzinfo=UTC)):
        both_say(alice, bob)
        services.plan_activity(
            user=alice, activity_id="a-001", day=date(2026, 6, 20), at=time(19), place="", note=""
        )
    Device(f"{service.url}/push/down").subscribe(alice)
    service.status["/push/down"] = 503
    reminders.save_settings(
        user=alice, choices=[], quiet=None, now=NOW, delivery=Delivery.Channel.PUSH
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_plan_reminders(datetime(2026, 6, 19, 19, tzinfo=UTC)) == 2
    assert "alice@example.com" in [m.to[0] for m in mail.outbox]  # claimed once: never dropped


def test_a_bad_reminders_form_says_what_is_wrong_next_to_the_field(alice, as_alice):
    from tests.notifications.matrix import FORM

    response = as_alice.post("/settings/reminders/", {**FORM, "check_in_hour": "99"})
    assert response.status_code == 400
    page = response.content.decode()
    # The message is on the page, where the field's aria-describedby points.
    assert re.search(r'id="id_check_in_hour_error"[^>]*>\s*<li>[^<]+', page)
    assert 'value="19" selected' in page  # what the person chose elsewhere is kept
