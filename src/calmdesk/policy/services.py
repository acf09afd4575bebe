"""Installing a policy and reading the one in force, without a restart."""

from __future__ import annotations

import threading
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from calmdesk.cases.services import audit
from calmdesk.core.policy import Policy, load_policy
from calmdesk.core.roles import NotAllowed, Role
from calmdesk.people.models import Organisation, User
from calmdesk.policy.models import PolicyDocument


class NoPolicy(LookupError):
    """The organisation has no policy installed yet."""


# (organisation id) -> (document id, parsed policy). Parsing is the costly part; checking
# which version is newest is one indexed query, so every process sees a new version at once
# and nothing needs restarting.
_parsed: dict[int, tuple[int, Policy]] = {}
_lock = threading.Lock()


def current_policy(organisation: Organisation | int) -> Policy:
    """The organisation's newest policy; raises NoPolicy when none is installed."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    newest = (
        PolicyDocument.objects.filter(organisation_id=organisation_id)
        .order_by("-version")
        .values_list("pk", flat=True)
        .first()
    )
    if newest is None:
        raise NoPolicy("No policy is installed for this organisation yet.")
    cached = _parsed.get(organisation_id)
    if cached is not None and cached[0] == newest:
        return cached[1]
    text = PolicyDocument.objects.values_list("text", flat=True).get(pk=newest)
    policy = load_policy(text)  # checked when installed, so this succeeds
    with _lock:
        _parsed[organisation_id] = (newest, policy)
    return policy


def policy_or_none(organisation: Organisation | int) -> Policy | None:
    """The organisation's newest policy, or None when none is installed."""
    try:
        return current_policy(organisation)
    except NoPolicy:
        return None


def install_policy(
    organisation: Organisation,
    text: str | bytes,
    *,
    actor: User | None,
    note: str = "",
    now: datetime | None = None,
) -> PolicyDocument:
    """Check `text` and make it the organisation's policy. A policy that fails any check
    raises PolicyError and changes nothing: the previous policy stays in force."""
    if actor is not None and (
        actor.organisation_id != organisation.pk or actor.role != Role.MANAGER
    ):
        raise NotAllowed("Only a manager of the organisation may change its policy.")
    policy = load_policy(text)
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    for _attempt in range(3):
        try:
            with transaction.atomic():
                latest = PolicyDocument.objects.filter(organisation=organisation).aggregate(
                    newest=Max("version")
                )["newest"]
                document = PolicyDocument.objects.create(
                    organisation=organisation,
                    version=(latest or 0) + 1,
                    text=text,
                    installed_by=actor,
                    note=note[:200],
                    installed_at=now or timezone.now(),
                )
                audit(
                    organisation.pk,
                    actor,
                    "policy.installed",
                    f"Policy version {document.version} installed"
                    + (f": {note[:100]}" if note else ""),
                    at=document.installed_at,
                    version=document.version,
                    remedies=len(policy.remedies),
                )
                return document
        except IntegrityError:
            continue  # two installs raced for the same version number: take the next
    raise RuntimeError("Three policy installs raced for the same version; try again.")
