"""Seed the demo organisation from `brightside.json` through the same services staff use.

Every case, message, note, assignment and status change goes through `calmdesk.cases.services`
with its own back-dated time, so the demo's audit trail is the one real work would leave.
Running the seed again creates nothing new: each demo case is found by the external id of its
first message. Each demo message's external id is an RFC 5322 Message-ID
(`<case-key.N@demo.calmdesk.invalid>`), so replies sent from the demo thread properly; a demo
seeded before that, with ids like `demo:case-key:N`, has them rewritten on the next seed.

The demo's manager gets "staff status" and the permissions of the group `MANAGER_GROUP`: reply
templates and the policy, in their own organisation only (calmdesk.people.admin_scope).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from calmdesk.cases.models import Case, Customer, Message
from calmdesk.cases.services import (
    ContactDetails,
    add_note,
    assign_case,
    change_status,
    find_or_create_customer,
    open_case,
    record_message,
)
from calmdesk.core.roles import Role
from calmdesk.followup.services import create_action, record_satisfaction
from calmdesk.people.models import AuthorityLimit, Organisation, Team, User
from calmdesk.policy.models import PolicyDocument
from calmdesk.policy.services import install_policy
from calmdesk.replies.demo import install_demo_templates
from calmdesk.resolution.services import escalate, update_facts

DATA_FILE = Path(__file__).with_name("brightside.json")
MESSAGE_ID_DOMAIN = "demo.calmdesk.invalid"  # .invalid: never a real mail domain (RFC 2606)
MANAGER_GROUP = "Managers: reply templates and policy"
# (app label, codename): what a manager edits in the admin; staff, teams, authority limits,
# tokens and the audit trail stay with the administrator.
MANAGER_PERMISSIONS: tuple[tuple[str, str], ...] = (
    ("replies", "view_replytemplate"),
    ("replies", "add_replytemplate"),
    ("replies", "change_replytemplate"),
    ("replies", "delete_replytemplate"),
    ("policy", "view_policydocument"),
    ("policy", "add_policydocument"),  # each save installs a new version
)
POLICY_FILE = Path(__file__).with_name("policy.yaml")
_CUSTOMER_NEEDS = (
    "kind",
    "preferred_language",
    "terminology",
    "needs_large_print",
    "needs_sign_language",
    "needs_carer_or_advocate",
    "needs_relay_service",
    "other_needs",
)


class DemoDataError(Exception):
    """The demo cannot be seeded here; the message says why."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    role: Role
    team: str


@dataclass(frozen=True)
class SeedReport:
    organisation: Organisation
    created_users: int
    created_cases: int
    total_cases: int
    password: str
    logins: tuple[DemoLogin, ...]


@cache
def load_demo_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def demo_case_key(case_key: str, position: int) -> str:
    """The external id of a demo message, a valid Message-ID: how a second seed recognises the
    first one's work, and what an email reply's In-Reply-To and References name.

    >>> demo_case_key("email-fridge-delivery-missed", 5)
    '<email-fridge-delivery-missed.5@demo.calmdesk.invalid>'
    """
    return f"<{case_key}.{position}@{MESSAGE_ID_DOMAIN}>"


def _rewrite_old_message_ids(organisation: Organisation) -> int:
    """Give the messages of a demo seeded before Message-IDs their proper ids; returns how many
    were rewritten. A reply's `in_reply_to` naming an old id is rewritten too."""
    rewritten = 0
    old_messages = Message.objects.filter(
        organisation=organisation, external_id__startswith="demo:"
    ).only("pk", "external_id")
    for message in old_messages:
        case_key, _, position = message.external_id.removeprefix("demo:").rpartition(":")
        if not case_key or not position.isdigit():
            continue
        new_id = demo_case_key(case_key, int(position))
        Message.objects.filter(pk=message.pk).update(external_id=new_id)
        Message.objects.filter(organisation=organisation, in_reply_to=message.external_id).update(
            in_reply_to=new_id
        )
        rewritten += 1
    return rewritten


@transaction.atomic
def seed_demo(*, now: datetime | None = None) -> SeedReport:
    """Create Brightside Home Electricals with its staff, customers and cases, once."""
    data = load_demo_data()
    now = now or timezone.now()
    organisation, _ = Organisation.objects.get_or_create(
        slug=data["organisation"]["slug"], defaults={"name": data["organisation"]["name"]}
    )
    teams = _seed_teams(organisation, data["teams"])
    users, created_users = _seed_users(organisation, teams, data["users"], data["password"])
    _grant_manager_admin([user for user in users.values() if user.role == Role.MANAGER.value])
    _rewrite_old_message_ids(organisation)
    if not PolicyDocument.objects.filter(organisation=organisation).exists():
        install_policy(
            organisation,
            POLICY_FILE.read_text(encoding="utf-8"),
            actor=None,
            note="The demo retailer's policy",
            now=now,
        )
    install_demo_templates(organisation)  # a few Welsh reply templates (get_or_create)
    customers = {entry["key"]: _seed_customer(organisation, entry) for entry in data["customers"]}
    created_cases = 0
    for entry in data["cases"]:
        opening_key = demo_case_key(entry["key"], 0)
        if Message.objects.filter(organisation=organisation, external_id=opening_key).exists():
            continue
        _seed_case(organisation, entry, teams, users, customers[entry["customer"]], now)
        created_cases += 1
    return SeedReport(
        organisation=organisation,
        created_users=created_users,
        created_cases=created_cases,
        total_cases=Case.objects.filter(organisation=organisation).count(),
        password=data["password"],
        logins=_logins(data["users"]),
    )


def _seed_teams(organisation: Organisation, entries: list[dict[str, Any]]) -> dict[str, Team]:
    teams = {}
    for entry in entries:
        team, _ = Team.objects.get_or_create(
            organisation=organisation,
            name=entry["name"],
            defaults={"is_intake": entry.get("intake", False)},
        )
        teams[entry["name"]] = team
    return teams


def _seed_users(
    organisation: Organisation,
    teams: dict[str, Team],
    entries: list[dict[str, Any]],
    password: str,
) -> tuple[dict[str, User], int]:
    # One hash shared by every demo login: the password is printed for all to see anyway, and
    # hashing it once keeps the seed quick.
    hashed = make_password(password)
    users, created = {}, 0
    for entry in entries:
        user = User.objects.filter(username=entry["username"]).first()
        if user is not None and user.organisation_id != organisation.pk:
            raise DemoDataError(
                f"The username {entry['username']!r} is already taken outside the demo "
                "organisation; the demo needs it."
            )
        if user is None:
            user = User.objects.create(
                username=entry["username"],
                password=hashed,
                first_name=entry["first_name"],
                last_name=entry["last_name"],
                email=entry.get("email", ""),
                organisation=organisation,
                team=teams[entry["team"]] if entry.get("team") else None,
                role=Role(entry["role"]).value,
            )
            created += 1
        for remedy, limit in entry.get("limits", {}).items():
            AuthorityLimit.objects.get_or_create(
                user=user,
                remedy=remedy,
                defaults={
                    "allowed": limit is not False,
                    "max_amount": Decimal(limit) if isinstance(limit, str) else None,
                },
            )
        users[entry["username"]] = user
    return users, created


def manager_group() -> Group:
    """The group of `MANAGER_PERMISSIONS`, created or brought up to date."""
    group, _ = Group.objects.get_or_create(name=MANAGER_GROUP)
    wanted = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in MANAGER_PERMISSIONS
    ]
    group.permissions.set(wanted)
    return group


def _grant_manager_admin(managers: list[User]) -> None:
    """Managers may use the admin for their organisation's reply templates and policy."""
    if not managers:
        return
    group = manager_group()
    for user in managers:
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(group)


def _seed_customer(organisation: Organisation, entry: dict[str, Any]) -> Customer:
    details = ContactDetails(
        name=entry["name"],
        email=entry.get("email", ""),
        phone=entry.get("phone", ""),
        social=entry.get("social", ""),
        postal=entry.get("postal", ""),
    )
    customer = find_or_create_customer(organisation, details)
    needs = {field: entry[field] for field in _CUSTOMER_NEEDS if field in entry}
    if any(getattr(customer, field) != value for field, value in needs.items()):
        for field, value in needs.items():
            setattr(customer, field, value)
        customer.save(update_fields=list(needs))
    return customer


def _seed_case(
    organisation: Organisation,
    entry: dict[str, Any],
    teams: dict[str, Team],
    users: dict[str, User],
    customer: Customer,
    now: datetime,
) -> Case:
    opened_at = now - timedelta(days=entry["opened_days_ago"])
    if opened_at > now:
        raise DemoDataError(f"Demo case {entry['key']} would open in the future.")
    opener = users.get(entry.get("opened_by") or "")
    case = open_case(
        opener,
        organisation,
        customer=customer,
        channel=entry["channel"],
        subject=entry.get("subject", ""),
        text=entry["text"],
        team=teams[entry["team"]],
        sent_at=opened_at,
        external_id=demo_case_key(entry["key"], 0),
        now=opened_at,
    )
    for position, event in enumerate(entry.get("events", []), start=1):
        at = opened_at + timedelta(hours=event["after_hours"])
        if at > now:
            raise DemoDataError(f"Demo case {entry['key']} has an event in the future.")
        _seed_event(case, entry, event, position, users, at)
    return case


def _seed_event(
    case: Case,
    entry: dict[str, Any],
    event: dict[str, Any],
    position: int,
    users: dict[str, User],
    at: datetime,
) -> None:
    actor = users.get(event.get("by") or "")
    kind = event["type"]
    if kind == "message":
        record_message(
            actor,
            case,
            channel=event.get("channel", entry["channel"]),
            text=event["text"],
            direction=event["direction"],
            subject=event.get("subject", ""),
            sent_at=at,
            external_id=demo_case_key(entry["key"], position),
            now=at,
        )
    elif actor is None:
        raise DemoDataError(f"Demo case {entry['key']}: a {kind} needs a member of staff.")
    elif kind == "note":
        add_note(actor, case, event["text"], now=at)
    elif kind == "assign":
        assign_case(actor, case, users[event["to"]], now=at)
    elif kind == "status":
        change_status(actor, case, event["to"], reason=event.get("reason", ""), now=at)
    elif kind == "satisfaction":
        record_satisfaction(actor, case, rating=event["rating"], comment=event["comment"], now=at)
    elif kind == "facts":
        update_facts(actor, case, now=at, **_facts(event, at))
    elif kind == "escalate":
        amount = Decimal(event["amount"]) if "amount" in event else None
        escalate(actor, case, event["remedy"], amount, event.get("note", ""), now=at)
    elif kind == "action":
        create_action(
            actor,
            case,
            kind=event["kind"],
            owner=users[event["owner"]],
            due_at=at + timedelta(hours=event["due_after_hours"]),
            note=event.get("note", ""),
            now=at,
        )
    else:
        raise DemoDataError(f"Demo case {entry['key']}: unknown event type {kind!r}.")


# What a "facts" event may set; the purchase date is given as days before the event.
_FACT_EVENT_FIELDS = ("product_group", "proof_of_purchase", "fault_confirmed", "wants")


def _facts(event: dict[str, Any], at: datetime) -> dict[str, Any]:
    values: dict[str, Any] = {name: event[name] for name in _FACT_EVENT_FIELDS if name in event}
    if "price" in event:
        values["price"] = Decimal(event["price"])
    if "bought_days_before" in event:
        values["purchase_date"] = (at - timedelta(days=event["bought_days_before"])).date()
    return values


def _logins(entries: list[dict[str, Any]]) -> tuple[DemoLogin, ...]:
    """The first demo user of each role, in the order roles are listed."""
    first_of_role: dict[Role, DemoLogin] = {}
    for entry in entries:
        role = Role(entry["role"])
        first_of_role.setdefault(
            role,
            DemoLogin(
                username=entry["username"],
                name=f"{entry['first_name']} {entry['last_name']}",
                role=role,
                team=entry.get("team") or "whole organisation",
            ),
        )
    return tuple(first_of_role[role] for role in Role if role in first_of_role)
