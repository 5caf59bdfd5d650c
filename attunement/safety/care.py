"""What the writer sees when something they wrote suggests risk: a calm message and resources.

The resources come from the host-editable catalogue attunement/content/safety_resources.toml,
for the host's SAFETY_REGION (or a region the person picks on the Safety & care page), then the
international ones.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from attunement import content
from attunement.lib import zones
from attunement.safety.models import Risk

SESSION_KEY = "safety_care"

# Which resources fit which risk, best first; every kind still sees the emergency entries.
# The harm-to-others card says "If you feel you might hurt someone": lines for people worried
# about their own behaviour come first there.
KINDS_FOR: dict[str, tuple[str, ...]] = {
    Risk.SELF_HARM: ("crisis", "support"),
    Risk.HARM_TO_OTHERS: ("own_behaviour", "crisis", "support"),
    Risk.ABUSE: ("abuse", "crisis"),
}

MESSAGES: dict[str, str] = {
    Risk.SELF_HARM: (
        "It sounds like things may be very heavy right now. You don't have to hold this on your "
        "own. If you are thinking about hurting yourself or ending your life, please reach out to "
        "one of the people below: they are there to listen, at any hour, and talking to them is "
        "free and confidential."
    ),
    Risk.HARM_TO_OTHERS: (
        "It sounds like feelings are running very high. If you feel you might hurt someone, it's "
        "OK to step away for now and give yourself some space. The people below can help you "
        "through a moment like this, in confidence."
    ),
    Risk.ABUSE: (
        "What you wrote sounds painful, and you deserve to feel safe. The services below listen "
        "in confidence and can help you think about what is right for you, whenever you are ready."
    ),
}

REGION_NAMES = {
    "INTL": "Anywhere",
    "US": "United States",
    "GB": "United Kingdom",
    "IE": "Ireland",
    "CA": "Canada",
    "AU": "Australia",
    "NZ": "New Zealand",
    "IN": "India",
    "DE": "Germany",
    "FR": "France",
    "ES": "Spain",
    "ZA": "South Africa",
}


# What a `possible` flag shows: no alarm, one line under what was saved.
QUIET_LINE = "If anything here is weighing on you, support is one tap away."
# The card may have misread: said plainly, with a way to say so.
MAYBE_MISREAD = (
    "We look for signs that someone may need support, and we sometimes get it wrong. If this "
    "isn't what you meant, you can hide this note."
)


@dataclass(frozen=True)
class Care:
    kind: str
    message: str
    resources: list[dict[str, Any]]
    level: str = "clear"

    @property
    def is_quiet(self) -> bool:
        return self.level == "possible"


def regions() -> list[tuple[str, str]]:
    """The regions the catalogue has entries for, as (code, name), international last."""
    codes = list(dict.fromkeys(r["region"] for r in content.load("safety_resources")))
    codes = [c for c in codes if c != "INTL"] + (["INTL"] if "INTL" in codes else [])
    return [(c, REGION_NAMES.get(c, c)) for c in codes]


def region_or_default(region: str | None, time_zone: str | None = None) -> str:
    """The region asked for; else the country of the person's time zone (Europe/London -> GB)
    when the catalogue has services there; else the host's SAFETY_REGION."""
    known = {code for code, _ in regions()}
    region = (region or "").upper()
    if region in known:
        return region
    from_zone = zones.country_of(time_zone or "") or ""
    return from_zone if from_zone in known else settings.SAFETY_REGION.upper()


def resources(
    region: str | None = None, kind: str | None = None, time_zone: str | None = None
) -> list[dict[str, Any]]:
    """The region's resources (own first, then international); for a risk kind, the fitting ones
    first and the rest after. Without a region, the time zone's country picks it."""
    found = content.resources_for(region_or_default(region, time_zone))
    if kind not in KINDS_FOR:
        return list(found)
    wanted = KINDS_FOR[kind]

    def rank(resource: dict[str, Any]) -> int:
        hits = [wanted.index(k) for k in resource["kinds"] if k in wanted]
        return min(hits) if hits else len(wanted)

    return sorted(found, key=rank)


def care_for(kind: str, level: str = "clear", time_zone: str | None = None) -> Care:
    """The card for a `clear` flag, or the quiet line (no resources listed) for `possible`."""
    kind = kind if kind in MESSAGES else Risk.SELF_HARM
    if level == "possible":
        return Care(kind=kind, message=QUIET_LINE, resources=[], level="possible")
    found = resources(kind=kind, time_zone=time_zone)
    return Care(kind=kind, message=MESSAGES[kind], resources=found)


def care_as_dict(kind: str, level: str = "clear") -> dict[str, Any]:
    """The API's private `care` field: the level, the message and the resources, plain data."""
    care = care_for(kind, level)
    fields = ("name", "description", "phone", "sms", "url", "hours", "doubt")
    return {
        "level": care.level,
        "message": care.message,
        "resources": [
            {**{f: r.get(f, "") for f in fields}, "verified": r.get("verified", True)}
            for r in care.resources
        ],
    }


def offer_on_next_page(request: HttpRequest, kind: str, level: str = "clear") -> None:
    """Remember, in the writer's own session only, to show care on the next page they see."""
    request.session[SESSION_KEY] = f"{kind}:{level}"


def take_offer(request: HttpRequest) -> Care | None:
    """The care to show now, once (the flag is cleared as it is read)."""
    session = getattr(request, "session", None)
    if session is None or SESSION_KEY not in session:
        return None
    kind, _, level = str(session.pop(SESSION_KEY)).partition(":")
    user = getattr(request, "user", None)
    return care_for(kind, level or "clear", getattr(user, "time_zone", None))
