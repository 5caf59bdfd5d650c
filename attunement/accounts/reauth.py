"""Asking again for the password (or a second-factor code) before changes that matter.

Someone who picks up an unlocked phone has the session but not the password. Views that change
how the account is reached or that hand data out are wrapped in `recent_login_required`: unless
the person proved who they are within ACCOUNT_REAUTHENTICATION_TIMEOUT seconds, allauth shows
"Confirm it's you" and then carries the original request on.
"""

from collections.abc import Callable
from typing import Any, TypeVar, overload

from allauth.account.decorators import reauthentication_required

View = TypeVar("View", bound=Callable[..., Any])


@overload
def recent_login_required(view: View) -> View: ...


@overload
def recent_login_required(view: None = None, *, on_get: bool = False) -> Callable[[View], View]: ...


def recent_login_required(view: View | None = None, *, on_get: bool = False) -> Any:
    """Wrap `view` so that it needs a recent login: for writes only (a page may still show
    its form), or for every method with `on_get=True` (a download, for instance)."""

    def wrap(func: View) -> View:
        wrapped: View = reauthentication_required(func, allow_get=not on_get)
        return wrapped

    return wrap(view) if view is not None else wrap
