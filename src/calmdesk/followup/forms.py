"""The follow-up forms. They parse and shape input; the services decide."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from calmdesk.followup.models import ActionRequest
from calmdesk.people.models import User

RATING_CHOICES = [
    ("5", "5: completely satisfied"),
    ("4", "4: mostly satisfied"),
    ("3", "3: partly satisfied"),
    ("2", "2: mostly dissatisfied"),
    ("1", "1: not at all satisfied"),
]


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        team = f", {obj.team.name}" if obj.team_id else ""
        return f"{obj.display_name()} ({obj.role_enum.label}{team})"


class ActionForm(forms.Form):
    """Ask another department to do something for the customer (Unit 7 3.3, P7)."""

    kind = forms.ChoiceField(label="What is needed", choices=ActionRequest.Kind.choices)
    owner = OwnerField(label="Owner", queryset=User.objects.none())
    due_at = forms.DateTimeField(
        label="Due by",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="When the customer was told it would be done.",
    )
    department = forms.CharField(
        label="Department",
        max_length=60,
        required=False,
        help_text="Leave empty for the department the policy names.",
    )
    note = forms.CharField(
        label="What exactly",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "action")
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners.select_related("team")


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label="What was done", max_length=500, required=False, widget=forms.TextInput
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label="Why cancel it", max_length=500)


class FollowUpForm(forms.Form):
    outcome = forms.CharField(
        label="What the customer told you",
        max_length=500,
        help_text="Was it done? Are they satisfied?",
    )


class SatisfactionForm(forms.Form):
    """The customer's answer to "are you satisfied?" (Unit 7 D2; C4 2.9)."""

    rating = forms.TypedChoiceField(
        label="How satisfied is the customer",
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="In the customer's words",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "satisfaction")
        super().__init__(*args, **kwargs)


class WatchForm(forms.Form):
    reason = forms.CharField(
        label="Why they are likely to come back",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "watch")
        super().__init__(*args, **kwargs)


class ClearWatchForm(forms.Form):
    note = forms.CharField(label="Why the watch can end", max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "clear")
        super().__init__(*args, **kwargs)


def default_due() -> str:
    """Tomorrow at this time, for the due field's first value."""
    moment = timezone.localtime() + timedelta(days=1)
    return moment.strftime("%Y-%m-%dT%H:%M")
