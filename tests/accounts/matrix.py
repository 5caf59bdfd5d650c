from attunement.accounts.models import PersonalToken
from tests.builders import check_in
from tests.matrix import Route, World, everyone, owner_only, signed_in, signed_out


def token(w: World) -> tuple[dict, dict]:
    t, _ = PersonalToken.issue(user=w.alice, name="phone")
    return {"uuid": t.uuid}, {}


def private_note(w: World) -> tuple[dict, dict]:
    check_in(w.alice, couple=w.couple, visibility="private", note="ALICE-PRIVATE-NOTE")
    return {}, {}


ROUTES = [
    Route("profile", signed_in(200)),
    Route("tokens", signed_in(200)),
    # Creating a token or deleting the account asks "Confirm it's you" first (a 302 there).
    Route(
        "tokens#post",
        signed_in(302),
        method="POST",
        setup=lambda w: ({}, {"name": "phone", "days": 90, "scope": "read"}),
    ),
    # Downloading one's data asks "Confirm it's you" first, even to read (a 302 there); after a
    # recent login each person gets their own file, and never alice's private note.
    Route("download_data", signed_in(302)),
    Route(
        "download_data#recent",
        signed_in(200),
        setup=private_note,
        content="ALICE-PRIVATE-NOTE",
        sees=("owner",),
        recent_login=True,
    ),
    Route("delete_account", signed_in(200)),
    Route(
        "delete_account#wrong-password",
        signed_in(302),
        method="POST",
        setup=lambda w: ({}, {"password": "not it"}),
    ),
    Route("revoke_token", owner_only(302), method="POST", setup=token),
    # allauth's own pages: each person gets exactly one answer. Pages for people who are signed
    # out send signed-in people on (302); pages about one's own account send anonymous people to
    # log in.
    Route("account_login", signed_out(200)),
    Route("account_signup", signed_out(200)),
    Route("account_logout", signed_in(200)),
    Route("account_reauthenticate", signed_in(200)),
    Route("account_email", signed_in(200)),
    Route("account_change_password", signed_in(200)),
    # Everyone here has a password already: setting one sends them to change it (or to log in).
    Route("account_set_password", everyone(302)),
    # No login is waiting for a code: back to the start.
    Route("account_confirm_login_code", everyone(302)),
    # Informational pages, the same for everyone.
    Route("account_inactive", everyone(200)),
    Route("account_email_verification_sent", everyone(200)),
    Route("account_reset_password", everyone(200)),
    Route("account_reset_password_done", everyone(200)),
    Route("account_reset_password_from_key_done", everyone(200)),
    # A bogus key shows a "this link is not valid" page, to everyone alike.
    Route("account_confirm_email", everyone(200), setup=lambda w: ({"key": "bogus"}, {})),
    Route(
        "account_reset_password_from_key",
        everyone(200),
        setup=lambda w: ({"uidb36": "1", "key": "bogus"}, {}),
    ),
]
