from allauth.account import views as allauth_views
from django.urls import path

from attunement.accounts.reauth import recent_login_required
from attunement.trust import views

urlpatterns = [
    # allauth's own page, asking "Confirm it's you" before the new password is saved, as for
    # every other change of how the account is reached. Listed before allauth's URLs, so it wins.
    path(
        "accounts/password/change/",
        recent_login_required(allauth_views.password_change),
        name="account_change_password",
    ),
    path("settings/tokens/", views.tokens, name="tokens"),
    path("settings/tokens/<uuid:uuid>/revoke/", views.revoke_token, name="revoke_token"),
    path("settings/sessions/", views.sessions, name="sessions"),
    path("settings/sessions/<uuid:uuid>/end/", views.end_session, name="end_session"),
    path("settings/sessions/end-others/", views.end_other_sessions, name="end_other_sessions"),
]
