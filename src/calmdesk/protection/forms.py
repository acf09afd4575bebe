"""The forms of tolerance and safety: each field labelled, errors tied to their field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from calmdesk.cases.models import ChannelChoices
from calmdesk.people.models import User
from calmdesk.protection.models import BehaviourChoices, StepChoices


class ToleranceStepForm(forms.Form):
    """Record the step that applies now (C4 1.6, 3.8). `step` and `earlier_steps` come from
    the page: they are what the person saw, checked again on the server."""

    step = forms.ChoiceField(choices=StepChoices.choices, widget=forms.HiddenInput)
    earlier_steps = forms.IntegerField(min_value=0, widget=forms.HiddenInput, required=False)
    behaviour = forms.ChoiceField(
        label="Behaviour", choices=BehaviourChoices.choices, widget=forms.HiddenInput
    )
    note = forms.CharField(
        label="What was said and done",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Write the customer's words and what you told them.",
    )
    reason = forms.CharField(
        label="Reason for the decision",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to restrict contact or close the relationship.",
    )
    channel = forms.ChoiceField(
        label="Only channel the customer may use",
        required=False,
        choices=[("", "Any channel"), *ChannelChoices.choices],
    )
    contact_person = forms.ModelChoiceField(
        label="Named contact",
        required=False,
        queryset=User.objects.none(),
        empty_label="No named contact",
        help_text="New contacts from this customer go to this person.",
    )
    review_on = forms.DateField(
        label="Review date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for the policy's default.",
    )

    def __init__(self, *args: Any, people: QuerySet[User] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "tolerance")
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = (
            people if people is not None else User.objects.none()
        )


class IncidentForm(forms.Form):
    """Raise a safety incident by hand (C4 2.10)."""

    description = forms.CharField(
        label="What happened",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The exact words used, the time, and who is at risk.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "incident")
        super().__init__(*args, **kwargs)


class ReasonForm(forms.Form):
    """A reason, for lifting a restriction or closing an incident."""

    reason = forms.CharField(
        label="Reason", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
