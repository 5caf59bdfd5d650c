from attunement.accounts.models import PersonalToken
from tests.matrix import Route, World, everyone, owner_only, signed_in

# allauth's own pages: public by nature, they must answer sensibly for everyone and never fail.
PUBLIC = (200, 302, 404)


def token(w: World) -> tuple[dict, dict]:
    t, _ = PersonalToken.issue(user=w.alice, name="phone")
    return {"uuid": t.uuid}, {}


ROUTES = [
    Route("profile", signed_in(200)),
    Route("tokens", signed_in(200)),
    Route("delete_account", signed_in(200)),
    Route(
        "delete_account#wrong-password",
        signed_in(400),
        method="POST",
        setup=lambda w: ({}, {"password": "not it"}),
    ),
    Route("revoke_token", owner_only(302), method="POST", setup=token),
    *[
        Route(name, everyone(PUBLIC))
        for name in (
            "account_login",
            "account_logout",
            "account_inactive",
            "account_signup",
            "account_reauthenticate",
            "account_email",
            "account_email_verification_sent",
            "account_change_password",
            "account_set_password",
            "account_reset_password",
            "account_confirm_login_code",
            "account_reset_password_from_key_done",
            "account_reset_password_done",
        )
    ],
    Route("account_confirm_email", everyone(PUBLIC), setup=lambda w: ({"key": "bogus"}, {})),
    Route(
        "account_reset_password_from_key",
        everyone(PUBLIC),
        setup=lambda w: ({"uidb36": "1", "key": "bogus"}, {}),
    ),
]
