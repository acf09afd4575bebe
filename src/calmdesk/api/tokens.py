"""API tokens: issue one for a script, recognise it on each request, revoke it.

Only a token's hash is kept (`ApiToken.hash`); the secret is shown once when it is issued.
The `calmdesk token` command and the admin call these, so every rule lives here.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from calmdesk.cases.services import audit
from calmdesk.people.models import ApiToken, User

MAX_NAME_LENGTH = 100
# No real token is this long; refusing early keeps junk headers away from the hash and query.
MAX_SECRET_LENGTH = 200
# Writing last_used_at on every call would turn each read into a write; a minute is precise
# enough to tell a live script from a forgotten one.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenError(ValueError):
    """A token cannot be issued or revoked; the message says why."""


@transaction.atomic
def issue_api_token(user: User, name: str, *, actor: User | None = None) -> str:
    """Create a token for `user` and return its secret, which cannot be shown again.

    The name says which script or integration holds the token, so it is unique among the
    user's active tokens and is what `revoke_api_token` takes.
    """
    name = name.strip()
    if not name:
        raise TokenError("Give the token a name that says which script will use it.")
    if len(name) > MAX_NAME_LENGTH:
        raise TokenError(f"A token name may be at most {MAX_NAME_LENGTH} characters.")
    if not user.is_active:
        raise TokenError(f"{user.username} is inactive and cannot have an API token.")
    if user.organisation_id is None:
        raise TokenError(
            f"{user.username} belongs to no organisation, so a token would see nothing."
        )
    if ApiToken.objects.active().filter(user=user, name=name).exists():
        raise TokenError(f"{user.username} already has an active token called {name!r}.")
    token, secret = ApiToken.issue(user, name)
    audit(
        user.organisation_id,
        actor,
        "api_token.issued",
        f"API token {token.name!r} issued to {user.username}",
        token_id=token.pk,
        prefix=token.prefix,
    )
    return secret


@transaction.atomic
def revoke_api_token(
    user: User, name: str, *, actor: User | None = None, now: datetime | None = None
) -> ApiToken:
    """Revoke the user's active token with this name; requests with it are refused at once."""
    now = now or timezone.now()
    token = (
        ApiToken.objects.active().select_for_update().filter(user=user, name=name.strip()).first()
    )
    if token is None:
        raise TokenError(f"{user.username} has no active token called {name.strip()!r}.")
    token.revoked_at = now
    token.save(update_fields=["revoked_at"])
    if user.organisation_id is not None:
        audit(
            user.organisation_id,
            actor,
            "api_token.revoked",
            f"API token {token.name!r} of {user.username} revoked",
            token_id=token.pk,
            prefix=token.prefix,
        )
    return token


def active_api_tokens(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.active().filter(user=user).order_by("created_at", "id"))


def user_for_token(secret: str, *, now: datetime | None = None) -> User | None:
    """The active user an unrevoked token belongs to, or None; notes when it was used."""
    secret = secret.strip()
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user__organisation", "user__team")
        .filter(token_hash=ApiToken.hash(secret))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
