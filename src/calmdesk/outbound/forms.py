"""The reply box's form (C4 2.4, 2.8; C1 1.4, 3.4)."""

from __future__ import annotations

import uuid

from django import forms

from calmdesk.cases.models import ChannelChoices
from calmdesk.core.channels import Channel
from calmdesk.core.sending import MAX_REPLY_CHARS, reply_problem


def new_key() -> str:
    """A fresh idempotency key: each rendering of the reply box sends at most one reply."""
    return uuid.uuid4().hex


class ReplyForm(forms.Form):
    channel = forms.ChoiceField(label="Send by", choices=ChannelChoices.choices)
    public = forms.BooleanField(
        label="Public reply (social media: everyone can read it)",
        required=False,
        help_text="Keep account numbers, addresses and other personal details out of a public "
        "reply; move them to a private message.",
    )
    text = forms.CharField(
        label="Your reply",
        strip=False,
        required=False,  # an empty reply gets calmdesk's own message, not Django's
        max_length=MAX_REPLY_CHARS + 1_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="calmdesk checks the wording as you type; findings appear below the box.",
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args: object, prefix: str = "reply", **kwargs: object) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)  # type: ignore[arg-type]
        self.fields["text"].widget.attrs["aria-describedby"] = (
            f"{self['text'].auto_id}_helptext reply-findings"
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        channel = data.get("channel")
        if channel and "text" in data:
            problem = reply_problem(str(data["text"]), Channel(str(channel)))
            if problem:
                self.add_error("text", problem)
        if channel != Channel.SOCIAL_MEDIA.value:
            data["public"] = False
        return data

    def draft(self) -> tuple[str, Channel, bool]:
        """The text, channel and publicity as typed, valid or not (for checking while typing)."""
        text = str(self.data.get(self.add_prefix("text"), ""))[: MAX_REPLY_CHARS + 1_000]
        try:
            channel = Channel(str(self.data.get(self.add_prefix("channel"), "")))
        except ValueError:
            channel = Channel.EMAIL
        public = channel is Channel.SOCIAL_MEDIA and bool(self.data.get(self.add_prefix("public")))
        return text, channel, public
