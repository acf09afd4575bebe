"""The organisation's policy (issue 4): what it offers, on what conditions, who may agree
what, whom to turn to, how it answers unacceptable behaviour and keeps staff safe.

Pure Python and pydantic, no Django: `load_policy(text)` reads and checks a YAML policy,
`options_for(policy, facts, role)` lists and ranks the ways forward for a case.
"""

from calmdesk.core.policy.loading import PolicyError, PolicyProblem, load_policy
from calmdesk.core.policy.options import (
    CaseFacts,
    Option,
    OptionStatus,
    approver_for,
    authority_covers,
    options_for,
)
from calmdesk.core.policy.schema import (
    Authority,
    Behaviour,
    Condition,
    Driver,
    OutsideParty,
    Policy,
    Remedy,
    ToleranceStep,
)

__all__ = [
    "Authority",
    "Behaviour",
    "CaseFacts",
    "Condition",
    "Driver",
    "Option",
    "OptionStatus",
    "OutsideParty",
    "Policy",
    "PolicyError",
    "PolicyProblem",
    "Remedy",
    "ToleranceStep",
    "approver_for",
    "authority_covers",
    "load_policy",
    "options_for",
]
