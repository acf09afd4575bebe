"""Reading a policy file: YAML in, a checked `Policy` out, or errors that name line and field.

A policy that fails any check is refused whole, with every problem listed as
"line 12: remedies.refund.satisfaction: Input should be less than or equal to 1", so the
previous policy stays in force until a corrected one loads.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from pydantic import ValidationError

from calmdesk.core.policy.schema import Policy

MAX_POLICY_BYTES = 256 * 1024


@dataclass(frozen=True)
class PolicyProblem:
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.field or 'the policy'}: {self.message}"


class PolicyError(ValueError):
    """The policy cannot be used; `problems` name each fault's line and field."""

    def __init__(self, problems: list[PolicyProblem]) -> None:
        self.problems = problems
        shown = "; ".join(str(problem) for problem in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        count = "one problem" if len(problems) == 1 else f"{len(problems)} problems"
        super().__init__(f"The policy has {count}: {shown}{more}")


def load_policy(text: str | bytes) -> Policy:
    """The policy in `text`; raises PolicyError naming every problem found."""
    if isinstance(text, bytes):
        if len(text) > MAX_POLICY_BYTES:
            raise PolicyError([PolicyProblem(None, "", _too_big(len(text)))])
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise PolicyError(
                [PolicyProblem(None, "", f"not UTF-8 text (byte {error.start} cannot be read)")]
            ) from None
    if len(text.encode("utf-8")) > MAX_POLICY_BYTES:
        raise PolicyError([PolicyProblem(None, "", _too_big(len(text.encode("utf-8"))))])
    if not text.strip():
        raise PolicyError([PolicyProblem(None, "", "the file is empty")])
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        raise PolicyError([PolicyProblem(line, "", f"not valid YAML ({reason})")]) from None
    if not isinstance(data, dict):
        raise PolicyError([PolicyProblem(1, "", "the file must be a mapping of fields")])
    try:
        return Policy.model_validate(data)
    except ValidationError as error:
        raise PolicyError(
            [
                PolicyProblem(
                    _line_of(root, problem["loc"]),
                    ".".join(str(part) for part in problem["loc"] if part != "[key]"),
                    _message(problem),
                )
                for problem in error.errors()
            ]
        ) from None


def _too_big(size: int) -> str:
    return f"{size:,} bytes; a policy file may be at most {MAX_POLICY_BYTES:,}"


def _message(problem: dict) -> str:
    message = str(problem["msg"])
    # pydantic words a model check as "Value error, ..."; the reason is what matters.
    return message.removeprefix("Value error, ")


def _line_of(node: yaml.Node | None, location: tuple[object, ...]) -> int | None:
    """The line of the deepest YAML node on the error's path (1-based); for a bad mapping
    key ("[key]" in the path), the key's own line."""
    found = node
    last_key: yaml.Node | None = None
    for part in location:
        if part == "[key]":
            found = last_key or found
            break
        if isinstance(found, yaml.MappingNode):
            match = next(((k, v) for k, v in found.value if str(k.value) == str(part)), None)
            if match is None:
                break
            last_key, found = match
        elif isinstance(found, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(found.value):
                break
            found = found.value[part]
        else:
            break
    return found.start_mark.line + 1 if found is not None else None
