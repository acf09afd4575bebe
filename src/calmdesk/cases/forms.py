"""The web forms of the case desk. They parse and shape input; the services decide.

Rules that a service enforces (message size, file types, allowed status changes, whom a case
may go to) are not repeated here: the view passes the service's refusal back to the form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet

from calmdesk.cases.models import Customer, Message
from calmdesk.cases.queries import OPEN, BadFilter, QueueFilters
from calmdesk.cases.services import ContactDetails
from calmdesk.core.assessment.labels import INDICATORS, ISSUES, RISKS
from calmdesk.core.assessment.wording import (
    CHALLENGE_WORDS,
    INDICATOR_WORDS,
    ISSUE_WORDS,
    RISK_WORDS,
)
from calmdesk.core.channels import CHANNEL_LABELS, Channel
from calmdesk.core.intake import IntakeError, clean_message_text
from calmdesk.core.lifecycle import STATUS_LABELS, TRANSITIONS, CaseStatus
from calmdesk.people.models import Team, User

# Channels a person records by hand; API contacts arrive through the API only.
RECORDED_CHANNELS = [
    Channel.TELEPHONE,
    Channel.FACE_TO_FACE,
    Channel.LETTER,
    Channel.SMS,
    Channel.SOCIAL_MEDIA,
    Channel.WEB_FORM,
    Channel.EMAIL,
]
CHANNEL_CHOICES = [(c.value, CHANNEL_LABELS[c]) for c in RECORDED_CHANNELS]
SORT_CHOICES = [
    ("activity", "Latest activity first"),
    ("challenge", "Most challenging first"),
    ("oldest_activity", "Longest without activity"),
    ("newest", "Newest cases first"),
    ("oldest", "Oldest cases first"),
    ("reference", "Reference"),
]


class QueueFilterForm(forms.Form):
    """The queue's filter bar. Values are checked by `QueueFilters`, the one place that
    knows them, so the web queue and the API refuse the same things in the same words."""

    q = forms.CharField(label="Search", required=False, strip=True)
    status = forms.CharField(label="Status", required=False, widget=forms.Select)
    channel = forms.CharField(label="Channel", required=False, widget=forms.Select)
    team = forms.CharField(label="Team", required=False, widget=forms.Select)
    assignee = forms.CharField(label="Assigned to", required=False, widget=forms.Select)
    challenge = forms.CharField(label="Challenge", required=False, widget=forms.Select)
    indicator = forms.CharField(label="Customer seems", required=False, widget=forms.Select)
    risk = forms.CharField(label="Risk", required=False, widget=forms.Select)
    issue = forms.CharField(label="Issue", required=False, widget=forms.Select)
    sort = forms.CharField(label="Sort by", required=False, widget=forms.Select)
    update_late = forms.BooleanField(label="Customer update late", required=False)

    def __init__(self, data: Any, *, teams: QuerySet[Team], people: QuerySet[User]) -> None:
        super().__init__(data)
        self.fields["q"].widget.attrs.update(type="search", placeholder="Reference, name, words")
        self.fields["status"].widget.choices = [
            ("", "Any status"),
            (OPEN, "Open (not resolved or closed)"),
            *((s.value, STATUS_LABELS[s]) for s in CaseStatus),
        ]
        self.fields["channel"].widget.choices = [
            ("", "Any channel"),
            *((c.value, CHANNEL_LABELS[c]) for c in Channel),
        ]
        self.fields["team"].widget.choices = [("", "Any team")] + [
            (str(t.pk), t.name) for t in teams
        ]
        self.fields["assignee"].widget.choices = [
            ("", "Anyone"),
            ("me", "Me"),
            ("none", "Nobody (unassigned)"),
        ] + [(str(p.pk), p.display_name()) for p in people]
        self.fields["challenge"].widget.choices = [
            ("", "Any level"),
            *((str(level), f"{level} or above: {CHALLENGE_WORDS[level]}") for level in (1, 2, 3)),
            ("0", "Assessed (any level)"),
        ]
        self.fields["indicator"].widget.choices = [
            ("", "Any way"),
            *((name, INDICATOR_WORDS[name]) for name in INDICATORS),
        ]
        self.fields["risk"].widget.choices = [
            ("", "Any or none"),
            *((name, RISK_WORDS[name]) for name in RISKS),
        ]
        self.fields["issue"].widget.choices = [
            ("", "Any issue"),
            *((name, ISSUE_WORDS[name]) for name in ISSUES),
        ]
        self.fields["sort"].widget.choices = SORT_CHOICES

    def filters(self) -> QueueFilters:
        """The checked filters; raises `BadFilter` naming the first value it cannot use."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        team = data.get("team", "")
        return QueueFilters(
            status=data.get("status", ""),
            channel=data.get("channel", ""),
            team_id=_team_id(team),
            assignee=data.get("assignee", ""),
            q=data.get("q", ""),
            sort=data.get("sort") or "activity",
            min_challenge=_level(data.get("challenge", "")),
            indicator=data.get("indicator", ""),
            risk=data.get("risk", ""),
            issue=data.get("issue", ""),
            update_late=bool(data.get("update_late")),
        )


def _level(value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise BadFilter(f"Unknown challenge level {value!r}; use 0 to 3.")
    return int(value)


def _team_id(value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise BadFilter(f"Unknown team {value!r}.")
    return int(value)


class NeedsForm(forms.Form):
    """What the customer has told us they need to be served well (C4 1.2; Unit 7 1.1)."""

    preferred_language = forms.CharField(label="Preferred language", max_length=40, required=False)
    terminology = forms.ChoiceField(
        label="Terminology", choices=Customer.Terminology.choices, initial="unknown"
    )
    kind = forms.ChoiceField(
        label="Customer type", choices=Customer.Kind.choices, initial="external"
    )
    needs_large_print = forms.BooleanField(label="Large print", required=False)
    needs_sign_language = forms.BooleanField(label="Sign language interpreter", required=False)
    needs_carer_or_advocate = forms.BooleanField(
        label="Speaks through a carer or advocate", required=False
    )
    needs_relay_service = forms.BooleanField(label="Uses a text relay service", required=False)
    other_needs = forms.CharField(label="Other stated needs", max_length=300, required=False)

    NEEDS = (
        "preferred_language",
        "terminology",
        "kind",
        "needs_large_print",
        "needs_sign_language",
        "needs_carer_or_advocate",
        "needs_relay_service",
        "other_needs",
    )

    @classmethod
    def for_customer(cls, customer: Customer, *args: Any, **kwargs: Any) -> NeedsForm:
        initial = {name: getattr(customer, name) for name in cls.NEEDS}
        return cls(*args, initial=initial, prefix="needs", **kwargs)

    def needs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.NEEDS}


class ServerCheckedTextarea(forms.Textarea):
    """A required text box that the server checks: its error is shown and announced on the
    page, so the browser's own check (which would stop the form with a bubble of its own) is
    left out, and assistive technology is told it is required."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"aria-required": "true", **(attrs or {})})

    def use_required_attribute(self, initial: object) -> bool:
        return False


class NewCaseForm(NeedsForm):
    """A contact recorded by hand as a new case (Unit 7 2.1; C1 1.1)."""

    channel = forms.ChoiceField(label="How did the customer get in touch?", choices=CHANNEL_CHOICES)
    name = forms.CharField(label="Customer name", max_length=200, required=False)
    email = forms.EmailField(label="Email address", max_length=320, required=False)
    phone = forms.CharField(label="Phone number", max_length=40, required=False)
    social = forms.CharField(
        label="Social media handle", max_length=100, required=False, help_text="For example @name."
    )
    postal = forms.CharField(
        label="Postal address",
        max_length=320,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    subject = forms.CharField(
        label="Subject",
        max_length=200,
        required=False,
        help_text="Leave empty to use the first line of what the customer said.",
    )
    text = forms.CharField(
        label="What the customer said",
        error_messages={"required": "The message is empty."},
        strip=False,
        widget=ServerCheckedTextarea(attrs={"rows": 8}),
        help_text="In their words where you can. At most 1 MB.",
    )

    CONTACT = ("name", "email", "phone", "social", "postal")
    field_order = ["channel", *CONTACT, "subject", "text", *NeedsForm.NEEDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        contact_refused = any(name in self.errors for name in self.CONTACT)
        if not contact_refused and not any(data.get(name) for name in self.CONTACT):
            raise forms.ValidationError("Give the customer's name or a way to contact them.")
        return data

    def clean_text(self) -> str:
        # The same rule the service applies, asked early so the error sits on this field.
        try:
            return clean_message_text(self.cleaned_data["text"])
        except IntakeError as exc:
            raise forms.ValidationError(str(exc)) from None

    def contact_details(self) -> ContactDetails:
        return ContactDetails(**{name: self.cleaned_data[name] for name in self.CONTACT})

    def stated_needs(self) -> dict[str, Any]:
        """Only what the customer stated, so recognising a known customer never clears the
        needs they told us about before."""
        defaults = {"terminology": "unknown", "kind": "external"}
        return {
            name: value
            for name, value in self.needs().items()
            if value and value != defaults.get(name)
        }


class MessageForm(forms.Form):
    direction = forms.ChoiceField(label="Direction", choices=Message.Direction.choices)
    channel = forms.ChoiceField(label="Channel", choices=CHANNEL_CHOICES)
    text = forms.CharField(
        label="Message",
        error_messages={"required": "The message is empty."},
        strip=False,
        widget=ServerCheckedTextarea(attrs={"rows": 5}),
        help_text="At most 1 MB.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "message")
        super().__init__(*args, **kwargs)


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Internal note",
        error_messages={"required": "The note is empty."},
        strip=False,
        widget=ServerCheckedTextarea(attrs={"rows": 3}),
        help_text="Only staff see notes; the customer never does.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "note")
        super().__init__(*args, **kwargs)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="File", allow_empty_file=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "upload")
        super().__init__(*args, **kwargs)
        limit = settings.CALMDESK_MAX_ATTACHMENT_BYTES / 1_048_576
        self.fields[
            "file"
        ].help_text = f"Photos, PDF, office documents or text, at most {limit:.0f} MB."

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.CALMDESK_MAX_ATTACHMENT_BYTES
        # Refused before it is read into memory; the service checks the content itself.
        if upload.size > limit:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size / 1_048_576:.1f} MB; "
                f"files may be at most {limit / 1_048_576:.0f} MB."
            )
        return upload


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label="Assign to", queryset=User.objects.none(), required=False, empty_label="Nobody"
    )

    def __init__(
        self, *args: Any, people: QuerySet[User], current: User | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", "assign")
        if current is not None:
            # The person who has the case is shown as chosen even where this user may not
            # choose them (an agent on a colleague's case), so that "Nobody" is never shown
            # for a case that has someone, nor sent back by a press of the button.
            kwargs.setdefault("initial", {"assignee": current.pk})
            people = people | User.objects.filter(pk=current.pk)
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people.distinct().order_by("first_name", "username")
        self.fields["assignee"].label_from_instance = User.display_name


class StatusForm(forms.Form):
    """Offers only the moves the case may make now; any status is accepted on the way back,
    so that a move that has become impossible is refused by the service with its reason."""

    status = forms.ChoiceField(label="Move to")
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=300,
        help_text="Needed for some moves, such as closing a case with actions still open.",
    )

    def __init__(self, *args: Any, current: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "status")
        super().__init__(*args, **kwargs)
        offered = (
            sorted(TRANSITIONS[CaseStatus(current)], key=list(CaseStatus).index)
            if current
            else list(CaseStatus)
        )
        self.fields["status"].choices = [(s.value, STATUS_LABELS[s]) for s in offered]
