from tests.matrix import Route, signed_in

FORM = {
    "check_in_on": "on",
    "check_in_hour": "9",
    "daily_question_on": "on",
    "daily_question_hour": "19",
    "pulse_on": "on",
    "pulse_hour": "18",
    "pulse_day": "6",
    "quiet_on": "on",
    "quiet_start": "22",
    "quiet_end": "7",
}
JSON = {
    "check_in": {"enabled": True, "hour": 9},
    "kinds": [{"kind": "pulse", "enabled": True, "hour": 18, "weekday": 6}],
    "quiet": {"start": 22, "end": 7},
}

SUBSCRIPTION = {
    "endpoint": "https://fcm.googleapis.com/fcm/send/matrix-device",
    "expirationTime": None,
    "keys": {
        "p256dh": (
            "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
        ),
        "auth": "tBHItJI5svbpez7KI4CCXg",
    },
}

ROUTES = [
    Route("reminders", signed_in(200)),
    Route("reminders#post", signed_in(302), method="POST", setup=lambda w: ({}, FORM)),
    Route(
        "push_on",
        signed_in(201),
        method="POST",
        json=True,
        setup=lambda w: ({}, SUBSCRIPTION),
    ),
    Route(
        "push_off",
        signed_in(200),
        method="POST",
        json=True,
        setup=lambda w: ({}, {"endpoint": SUBSCRIPTION["endpoint"]}),
    ),
    Route("GET /api/v1/reminders", signed_in(200, 401)),
    Route(
        "PUT /api/v1/reminders",
        signed_in(200, 401),
        method="PUT",
        json=True,
        setup=lambda w: ({}, JSON),
    ),
]
