"""Organisations, their teams and staff, each staff member's role and authority."""

from __future__ import annotations

import hashlib
import secrets
from decimal import Decimal

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from calmdesk.core.roles import Role, rights_for


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    # The last case number handed out; bumped under a row lock so numbers never repeat.
    last_case_number = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=120)
    # New contacts that name no team land in the organisation's intake team.
    is_intake = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique"),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(is_intake=True),
                name="one_intake_team_per_organisation",
            ),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    class RoleChoices(models.TextChoices):
        AGENT = Role.AGENT.value, Role.AGENT.label
        TEAM_LEADER = Role.TEAM_LEADER.value, Role.TEAM_LEADER.label
        MANAGER = Role.MANAGER.value, Role.MANAGER.label
        TRAINER = Role.TRAINER.value, Role.TRAINER.label

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, related_name="members", null=True, blank=True
    )
    role = models.CharField(max_length=20, choices=RoleChoices.choices, default=RoleChoices.AGENT)

    objects = UserManager()

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def can_write_cases(self) -> bool:
        return self.organisation_id is not None and rights_for(self.role).can_write

    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def __str__(self) -> str:
        return self.display_name()


class AuthorityLimit(models.Model):
    """How far one member of staff may go with one remedy before it needs someone senior.

    `max_amount` is in the organisation's currency; remedies with no money attached (a
    replacement, a repair) use `allowed` alone.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="authority_limits")
    remedy = models.CharField(max_length=40)
    allowed = models.BooleanField(default=True)
    max_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "remedy"], name="one_limit_per_remedy"),
            models.CheckConstraint(
                condition=models.Q(max_amount__isnull=True) | models.Q(max_amount__gte=0),
                name="limit_not_negative",
            ),
        ]
        ordering = ["remedy"]

    def __str__(self) -> str:
        if not self.allowed:
            return f"{self.remedy}: not allowed"
        if self.max_amount is None:
            return f"{self.remedy}: yes"
        return f"{self.remedy}: up to {self.max_amount:.2f}"

    def covers(self, amount: Decimal | None) -> bool:
        if not self.allowed:
            return False
        return self.max_amount is None or amount is None or amount <= self.max_amount


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        """Create a token and return it with its secret, which is never stored in clear."""
        secret = "cd_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=secret[:10], token_hash=cls.hash(secret)
        )
        return token, secret
