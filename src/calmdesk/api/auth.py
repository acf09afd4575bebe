"""Who is calling the API: a bearer token for scripts, or the signed-in browser session.

Both resolve to the `User` in `request.auth`, so endpoints never care which was used.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from calmdesk.api.tokens import user_for_token
from calmdesk.people.models import User

UNKNOWN_CALLER = "The API token is unknown, revoked, or belongs to an inactive user."


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` checked against the stored token hashes."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = user_for_token(token)
        if user is None:
            # A caller who sent a token meant to use it: refuse rather than fall back to a
            # session, so a revoked token is never silently replaced by a browser cookie.
            raise AuthenticationError(message=UNKNOWN_CALLER)
        return user


class SessionWithCsrf(APIKeyCookie):
    """The browser's login session, for same-origin calls from calmdesk's own pages.

    Unsafe methods need the CSRF token, exactly as Django's forms do. The check runs only
    once a session user is found, so a script without credentials is told to authenticate
    (401) rather than that a CSRF token is missing.
    """

    def __init__(self) -> None:
        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if check_csrf(request) is not None:
            raise HttpError(
                403, "CSRF check failed: send the csrftoken cookie's value as X-CSRFToken."
            )
        return user


def caller(request: HttpRequest) -> User:
    """The authenticated user of an API request."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
