"""The ways a customer can reach the organisation (Unit 7 2.1; C1 1.1)."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    TELEPHONE = "telephone"
    FACE_TO_FACE = "face_to_face"
    SMS = "sms"
    SOCIAL_MEDIA = "social_media"
    WEB_FORM = "web_form"
    API = "api"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.EMAIL: "Email",
    Channel.LETTER: "Letter",
    Channel.TELEPHONE: "Telephone",
    Channel.FACE_TO_FACE: "Face to face",
    Channel.SMS: "SMS",
    Channel.SOCIAL_MEDIA: "Social media",
    Channel.WEB_FORM: "Web form",
    Channel.API: "API",
}

# Contacts an agent writes up by hand after speaking to or reading from the customer.
NOTED_BY_AGENT: frozenset[Channel] = frozenset(
    {Channel.TELEPHONE, Channel.FACE_TO_FACE, Channel.LETTER}
)


class ContactKind(StrEnum):
    """How a customer can be reached or recognised again on a later contact."""

    EMAIL = "email"
    PHONE = "phone"
    POSTAL = "postal"
    SOCIAL = "social"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def normalise_contact(kind: ContactKind, value: str) -> str:
    """The form of a contact point used to recognise the same customer again.

    >>> normalise_contact(ContactKind.EMAIL, "  Ann.Lee@Example.COM ")
    'ann.lee@example.com'
    >>> normalise_contact(ContactKind.PHONE, "+44 (0)7700 900-123")
    '+4407700900123'
    >>> normalise_contact(ContactKind.SOCIAL, "@AnnLee")
    'annlee'
    """
    value = value.strip()
    if kind is ContactKind.EMAIL:
        return value.lower()
    if kind is ContactKind.PHONE:
        return "".join(ch for ch in value if ch.isdigit() or ch == "+")
    if kind is ContactKind.SOCIAL:
        return value.lstrip("@").lower()
    return " ".join(value.split()).lower()
