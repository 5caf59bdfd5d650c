from attunement.trust.models import Session, hash_session_key
from tests.matrix import Route, World, everyone, owner_only, signed_in


def alices_other_session(w: World) -> tuple[dict, dict]:
    row = Session.objects.create(
        session_key=hash_session_key("alices-phone"),
        session_data="",
        expire_date=w.alice.date_joined.replace(year=2100),
        user=w.alice,
        user_agent="Mozilla/5.0 (iPhone) Safari/604.1",
    )
    return {"uuid": row.uuid}, {}


ROUTES = [
    Route("sessions", signed_in(200)),
    # Nobody ends a session that is not theirs: 404, like anything else not yours.
    Route("end_session", owner_only(302), method="POST", setup=alices_other_session),
    Route("end_other_sessions", signed_in(302), method="POST"),
    # Two-step login (allauth.mfa) in the app's own pages.
    Route("mfa_index", signed_in(200)),
    # Turning it on asks "Confirm it's you" first (302 there) for everyone signed in.
    Route("mfa_activate_totp", signed_in(302)),
    Route("mfa_deactivate_totp", signed_in(404)),  # nothing to turn off yet
    # Nobody here has recovery codes or a second factor yet.
    Route("mfa_view_recovery_codes", signed_in(404)),
    Route("mfa_download_recovery_codes", signed_in(404)),
    Route("mfa_generate_recovery_codes", signed_in(302)),
    Route("mfa_reauthenticate", signed_in(302)),
    # No login is waiting for a code: back to the start.
    Route("mfa_authenticate", everyone(302)),
]
