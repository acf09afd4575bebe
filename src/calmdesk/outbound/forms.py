"""The reply box's form (C4 2.4, 2.8; C1 1.4, 3.4)."""

from __future__ import annotations

import uuid

from django import forms

from calmdesk.cases.models import ChannelChoices
from calmdesk.core.channels import Channel
from calmdesk.core.sending import MAX_REPLY_CHARS, public_by_default, reply_problem


def new_key() -> str:
    """A fresh idempotency key: each rendering of the reply box sends at most one reply."""
    return uuid.uuid4().hex


class ReplyForm(forms.Form):
    """The reply box. `public` means something on social media only, and there it starts
    ticked: `public_shown` says the box was on the page, so an unticked box (sent as nothing)
    is told from a box the agent never saw (public, as `calmdesk check-reply` assumes)."""

    channel = forms.ChoiceField(label="Send by", choices=ChannelChoices.choices)
    public = forms.BooleanField(
        label="Public reply (everyone can read it)",
        required=False,
        help_text="Untick for a private message. A public reply must not hold account "
        "numbers, addresses or other personal details: move them to a private message.",
    )
    public_shown = forms.BooleanField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label="Your reply",
        strip=False,
        required=False,  # an empty reply gets calmdesk's own message, not Django's
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"At most {MAX_REPLY_CHARS:,} characters. calmdesk checks the wording as "
        "you type; findings appear below the box.",
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    # The finding types the agent chose "Send anyway" for (the button carries them).
    confirmed = forms.CharField(required=False, max_length=500)

    def __init__(
        self, data: object = None, *args: object, prefix: str = "reply", **kwargs: object
    ) -> None:
        if data is not None:
            data = data.copy()  # type: ignore[attr-defined]
            if str(data.get(f"{prefix}-channel", "")) == Channel.SOCIAL_MEDIA.value and not (
                data.get(f"{prefix}-public_shown")  # type: ignore[attr-defined]
            ):
                # The box was not on the page the agent saw: public, and shown ticked now.
                data[f"{prefix}-public"] = "on"  # type: ignore[index]
                data[f"{prefix}-public_shown"] = "True"  # type: ignore[index]
        super().__init__(data, *args, prefix=prefix, **kwargs)  # type: ignore[arg-type]
        self.fields["text"].widget.attrs["aria-describedby"] = (
            f"{self['text'].auto_id}_helptext reply-findings"
        )

    @property
    def shows_public(self) -> bool:
        """Whether the Public box belongs on the page: on social media only."""
        channel = self.data.get(self.add_prefix("channel")) if self.is_bound else None
        if channel is None:
            channel = self.initial.get("channel")
        return str(channel) == Channel.SOCIAL_MEDIA.value

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        channel = data.get("channel")
        if channel and "text" in data:
            problem = reply_problem(str(data["text"]), Channel(str(channel)))
            if problem:
                self.add_error("text", problem)
        if channel:
            data["public"] = public_by_default(Channel(str(channel)), bool(data.get("public")))
        return data

    def confirmed_types(self) -> set[str]:
        raw = str(self.cleaned_data.get("confirmed") or "")
        return {part.strip() for part in raw.split(",") if part.strip()}

    def draft(self) -> tuple[str, Channel, bool]:
        """The text, channel and publicity as typed, valid or not (for checking while typing)."""
        text = str(self.data.get(self.add_prefix("text"), ""))
        try:
            channel = Channel(str(self.data.get(self.add_prefix("channel"), "")))
        except ValueError:
            channel = Channel.EMAIL
        public = public_by_default(channel, bool(self.data.get(self.add_prefix("public"))))
        return text, channel, public
