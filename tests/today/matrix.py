from tests.matrix import Route, everyone, signed_in

ROUTES = [
    Route("home", {**everyone(302), "anonymous": 200}),
    Route("health", everyone(200)),
    Route("manifest", everyone(200)),
    Route("service_worker", everyone(200)),
    Route("offline", everyone(200)),
    Route("today", signed_in(200)),
    Route("welcome", signed_in(200)),
    Route("api:openapi-json", everyone(200)),
    # The API has no browsable root page: only its operations and the schema answer.
    Route("api:api-root", everyone(404)),
]
