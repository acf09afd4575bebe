"""The names the assessment model speaks in, exactly as issue 3 and LABELLING.md spell them."""

from __future__ import annotations

ISSUES: tuple[str, ...] = (
    "faulty",
    "out_of_stock",
    "delivery",
    "service_complaint",
    "billing",
    "account_access",
    "lack_of_understanding",
    "query_request",
    "other",
)

EMOTIONS: tuple[str, ...] = ("angry", "frustrated", "upset", "confused", "anxious")

INDICATORS: tuple[str, ...] = (
    *EMOTIONS,
    "indecisive",
    "unreasonable",
    "confrontational",
    "needs_access_support",
)

RISKS: tuple[str, ...] = (
    "abusive",
    "threat_legal",
    "threat_public",
    "threat_leave",
    "threat_safety",
)

# One binary head per indicator and per risk, in this order in the weight matrix.
BINARY_LABELS: tuple[str, ...] = (*INDICATORS, *RISKS)
