from tests.matrix import Route, signed_in

PULSE_FORM = {
    "listening": "5",
    "sharing": "4",
    "empathy": "4",
    "together": "3",
    "differences": "6",
    "support": "5",
    "closeness": "70",
    "share_closeness": "on",
}
PULSE_JSON = {
    "scores": {"listening": 5, "sharing": 4, "support": 6},
    "closeness": 70,
    "share_closeness": True,
}
# The focus is the couple's: alone (a stranger, an ex-partner) there is none to pick.
PICK = {"owner": 302, "partner": 302, "ex_partner": 400, "stranger": 400, "anonymous": 302}
API_FOCUS = {"owner": 200, "partner": 200, "ex_partner": 404, "stranger": 404, "anonymous": 401}
API_PICK = {"owner": 200, "partner": 200, "ex_partner": 422, "stranger": 422, "anonymous": 401}

ROUTES = [
    Route("insights", signed_in(200)),
    Route("insights_pulse", signed_in(200)),
    Route("insights_pulse#post", signed_in(302), method="POST", setup=lambda w: ({}, PULSE_FORM)),
    Route("insights_focus", signed_in(200)),
    Route(
        "insights_focus#post",
        PICK,
        method="POST",
        setup=lambda w: ({}, {"strategy": "listening"}),
    ),
    Route("GET /api/v1/insights/pulse", signed_in(200, 401)),
    Route(
        "PUT /api/v1/insights/pulse",
        signed_in(200, 401),
        method="PUT",
        json=True,
        setup=lambda w: ({}, PULSE_JSON),
    ),
    Route("GET /api/v1/insights/progress", signed_in(200, 401)),
    Route("GET /api/v1/insights/focus", API_FOCUS),
    Route(
        "PUT /api/v1/insights/focus",
        API_PICK,
        method="PUT",
        json=True,
        setup=lambda w: ({}, {"strategy": "support"}),
    ),
]
