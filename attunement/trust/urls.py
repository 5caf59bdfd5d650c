from django.urls import path

from attunement.trust import views

urlpatterns = [
    path("settings/tokens/", views.tokens, name="tokens"),
    path("settings/tokens/<uuid:uuid>/revoke/", views.revoke_token, name="revoke_token"),
    path("settings/sessions/", views.sessions, name="sessions"),
    path("settings/sessions/<uuid:uuid>/end/", views.end_session, name="end_session"),
    path("settings/sessions/end-others/", views.end_other_sessions, name="end_other_sessions"),
]
