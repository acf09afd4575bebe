"""The resolution forms: they parse input; the services decide what is allowed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from calmdesk.core.policy import Policy, Remedy
from calmdesk.resolution.models import Escalation

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0")}


class FactsForm(forms.Form):
    """What is known about the purchase (Unit 7 2.2-2.3; C1 2.4)."""

    product_group = forms.ChoiceField(label="Product group", required=False)
    purchase_date = forms.DateField(
        label="Purchase date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    price = forms.DecimalField(label="Price paid", required=False, **MONEY)
    proof_of_purchase = forms.BooleanField(label="Proof of purchase seen", required=False)
    fault_confirmed = forms.BooleanField(label="Fault confirmed", required=False)
    stock_available = forms.BooleanField(label="Same model in stock", required=False)
    wants = forms.CharField(label="What the customer wants", required=False, max_length=300)

    def __init__(self, *args: Any, policy: Policy | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "facts")
        super().__init__(*args, **kwargs)
        groups = policy.product_groups.items() if policy else []
        self.fields["product_group"].choices = [("", "Not known yet")] + [
            (key, group.name) for key, group in groups
        ]

    # Offers from the customer's own words: filled in and said so, recorded only on save.
    def suggest_product_group(self, group: str, customer_words: str) -> None:
        self.initial["product_group"] = group
        why = f"Suggested from the customer's words ({customer_words}); check it before you save."
        self.fields["product_group"].help_text = why

    def suggest_wants(self, customer_words: str) -> None:
        self.initial["wants"] = customer_words[: self.fields["wants"].max_length]
        why = "From the customer's own words; put it in a few words of yours before you save."
        self.fields["wants"].help_text = why


class WayForwardForm(forms.Form):
    """Agree or escalate one option: the remedy, an amount (when money is involved), a note."""

    remedy = forms.ChoiceField(choices=[(r.value, r.value) for r in Remedy], label="Remedy")
    amount = forms.DecimalField(
        label="Amount",
        required=False,
        help_text="Leave empty for the option's full amount.",
        **MONEY,
    )
    note = forms.CharField(label="Note", required=False, max_length=500)
    to = forms.CharField(label="Send to", required=False, max_length=150)


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome", choices=Escalation.Outcome.choices, widget=forms.RadioSelect
    )
    remedy = forms.ChoiceField(label="Remedy agreed", required=False)
    amount = forms.DecimalField(
        label="Amount",
        required=False,
        help_text="Leave empty for the amount asked.",
        **MONEY,
    )
    note = forms.CharField(label="Note (the reason, when refusing)", required=False, max_length=500)

    def __init__(self, *args: Any, policy: Policy | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "decide")
        super().__init__(*args, **kwargs)
        remedies = policy.remedies.items() if policy else []
        self.fields["remedy"].choices = [("", "The remedy asked for")] + [
            (remedy.value, rule.label) for remedy, rule in remedies
        ]


class NoteForm(forms.Form):
    note = forms.CharField(label="Note", required=False, max_length=500)

    def __init__(self, *args: Any, required: bool = False, label: str = "Note", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = required
        self.fields["note"].label = label
