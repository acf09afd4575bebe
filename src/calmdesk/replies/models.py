"""Reply templates an organisation edits in the admin (issue 5, "Drafting").

Each template replaces one part of the shipped English defaults (calmdesk.core.replies.drafting)
for one language and one channel (or any channel). Placeholders are checked on save: an unknown
one is refused with the list of those allowed. So is wording that provokes, sounds aggressive or
admits fault: the reply checker reads the template with its placeholders filled by neutral
sample values (calmdesk.core.replies.template_wording), and the error names the words and a
better wording.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from calmdesk.core.channels import CHANNEL_LABELS
from calmdesk.core.replies.drafting import ANY_CHANNEL, PART_LABELS, PLACEHOLDERS, template_problems
from calmdesk.core.replies.template_wording import template_wording_problems
from calmdesk.people.models import Organisation

CHANNEL_CHOICES = [(ANY_CHANNEL, "Any channel")] + [
    (channel.value, label) for channel, label in CHANNEL_LABELS.items()
]
PART_CHOICES = list(PART_LABELS.items())


class ReplyTemplate(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reply_templates"
    )
    language = models.CharField(
        max_length=12,
        default="en",
        help_text="ISO 639-1 code of the template's language, e.g. en, cy (Welsh).",
    )
    channel = models.CharField(max_length=20, choices=CHANNEL_CHOICES, default=ANY_CHANNEL)
    part = models.CharField(max_length=40, choices=PART_CHOICES)
    text = models.TextField(
        help_text="Placeholders: "
        + ", ".join(f"{{{name}}} ({words})" for name, words in PLACEHOLDERS.items())
        + ". Write {{ or }} for a brace itself."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "language", "part", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language", "channel", "part"],
                name="reply_template_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_part_display()} ({self.language}, {self.get_channel_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Validated on every save, from the admin or from code, so a broken template never
        # reaches a draft.
        self.clean()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.language = (self.language or "").strip().lower()
        if not self.language.isalpha() or not 2 <= len(self.language) <= 3:
            raise ValidationError({"language": "Use a two- or three-letter language code."})
        problems = template_problems(self.text or "") or template_wording_problems(
            self.text or "", self.channel
        )
        if problems:
            raise ValidationError({"text": problems})
