"""Each organisation's policy file, kept with every earlier version (issue 4)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from calmdesk.people.models import Organisation, User


class PolicyDocument(models.Model):
    """One version of an organisation's YAML policy. Only versions that passed every check
    are stored, so the newest is always usable; earlier ones stay as the record of what was
    in force when."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="policy_documents"
    )
    version = models.PositiveIntegerField()
    text = models.TextField()
    installed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    installed_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"], name="policy_version_unique"
            )
        ]
        ordering = ["organisation", "-version"]

    def __str__(self) -> str:
        return f"{self.organisation} policy v{self.version}"
