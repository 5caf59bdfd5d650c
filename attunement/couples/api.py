from ninja import Router, Schema
from pydantic import Field

from attunement.accounts.http import SignedInRequest
from attunement.couples import access, services

router = Router()


class CoupleOut(Schema):
    paired: bool
    partner_name: str | None


class InvitationOut(Schema):
    url: str
    expires_at: str


class JoinIn(Schema):
    token: str = Field(min_length=10, max_length=100)


@router.get("", response=CoupleOut)
def couple_status(request: SignedInRequest) -> dict[str, object]:
    partner = access.partner_of(request.auth)
    return {"paired": partner is not None, "partner_name": partner.name if partner else None}


@router.post("/invitations", response={201: InvitationOut})
def create_invitation(request: SignedInRequest) -> tuple[int, dict[str, str]]:
    base = request.build_absolute_uri("/")
    invitation, raw = services.create_invitation(inviter=request.auth, base_url=base)
    return 201, {
        "url": services.invitation_url(raw, base),
        "expires_at": invitation.expires_at.isoformat(),
    }


@router.post("/join", response=CoupleOut)
def join(request: SignedInRequest, payload: JoinIn) -> dict[str, object]:
    services.accept_invitation(raw_token=payload.token, user=request.auth)
    return couple_status(request)


@router.post("/leave", response=CoupleOut)
def leave(request: SignedInRequest) -> dict[str, object]:
    services.leave_couple(user=request.auth)
    return couple_status(request)
