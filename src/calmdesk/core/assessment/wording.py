"""The assessment's names in words an agent reads at a glance (web, CLI and API alike)."""

from __future__ import annotations

from lingua import IsoCode639_1, Language

ISSUE_WORDS: dict[str, str] = {
    "faulty": "Faulty product",
    "out_of_stock": "Out of stock or not offered",
    "delivery": "Delivery: late, missing or wrong",
    "service_complaint": "Complaint about the service",
    "billing": "Billing or payment",
    "account_access": "Account access",
    "lack_of_understanding": "Needs help to understand",
    "query_request": "Query or request",
    "other": "Other",
}

INDICATOR_WORDS: dict[str, str] = {
    "angry": "Angry",
    "frustrated": "Frustrated",
    "upset": "Upset",
    "confused": "Confused",
    "anxious": "Anxious",
    "indecisive": "Indecisive",
    "unreasonable": "Unreasonable demands",
    "confrontational": "Confrontational",
    "needs_access_support": "Needs access support",
}

RISK_WORDS: dict[str, str] = {
    "abusive": "Abuse aimed at staff",
    "threat_legal": "Legal or regulator threat",
    "threat_public": "Threat to go public",
    "threat_leave": "Threat to leave",
    "threat_safety": "Safety threat",
}

CHALLENGE_WORDS: dict[int, str] = {
    0: "calm",
    1: "some challenge",
    2: "challenging",
    3: "highly challenging",
}

TREND_WORDS: dict[str, str] = {
    "escalating": "Escalating since earlier messages",
    "steady": "Steady since earlier messages",
    "calming": "Calming since earlier messages",
}


def label_words(name: str) -> str:
    """Any issue, indicator or risk name in words.

    >>> label_words("threat_leave"), label_words("confused")
    ('Threat to leave', 'Confused')
    """
    return ISSUE_WORDS.get(name) or INDICATOR_WORDS.get(name) or RISK_WORDS.get(name) or name


def language_name(code: str) -> str:
    """An ISO 639-1 code's language in words; the code itself when lingua does not know it.

    >>> language_name("de"), language_name("xx")
    ('German', 'xx')
    """
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code)).name.capitalize()
    except ValueError:
        return code
