"""A first-character gate for long alternations of phrases (the reply checker's rules, the
assessment's cue rules): Python's `re` tries every phrase at every position of a text; a
lookahead for the characters the pattern can begin with lets it skip most positions at once.
"""

from __future__ import annotations

import functools
import re
import re._constants as _sre
import re._parser as _parser

_CATEGORIES = {
    _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_DIGIT: r"\d",
}


def _first_chars(items: list, at: int = 0) -> tuple[set[str] | None, bool]:
    """The characters a parsed pattern (re's parse tree, from item `at` on) can begin with,
    and whether it can match the empty string; None when that cannot be told simply."""
    chars: set[str] = set()
    for op, value in items[at:]:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # takes no character
        if op is _sre.LITERAL:
            return chars | {re.escape(chr(value))}, False
        if op is _sre.IN:
            for kind, item in value:
                if kind is _sre.LITERAL:
                    chars.add(re.escape(chr(item)))
                elif kind is _sre.RANGE:
                    chars.add(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
                elif kind is _sre.CATEGORY and item in _CATEGORIES:
                    chars.add(_CATEGORIES[item])
                else:
                    return None, False
            return chars, False
        if op is _sre.SUBPATTERN or op is _sre.BRANCH:
            branches = [list(value[-1])] if op is _sre.SUBPATTERN else [list(b) for b in value[1]]
            empty = False
            for branch in branches:
                first, nullable = _first_chars(branch)
                if first is None:
                    return None, False
                chars |= first
                empty = empty or nullable
            if not empty:
                return chars, False
            continue
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, _high, sub = value
            first, nullable = _first_chars(list(sub))
            if first is None:
                return None, False
            chars |= first
            if low > 0 and not nullable:
                return chars, False
            continue
        return None, False
    return chars, True


@functools.lru_cache(maxsize=512)
def first_char_gate(pattern: str, flags: int) -> str:
    r"""A lookahead for the characters a pattern can begin with, so that the scan skips every
    other position at once instead of trying each of its many phrases there. The same matches;
    an empty string when the first characters cannot be told.

    >>> first_char_gate(r"\b(?:sue|court)", 0)
    '(?=[cs])'
    >>> first_char_gate(r"(?:x?)", 0)
    ''
    """
    try:
        first, nullable = _first_chars(list(_parser.parse(pattern, flags)))
    except Exception:  # an unexpected parse tree: no gate, the pattern works as it is
        return ""
    if first is None or nullable or not first:
        return ""
    return "(?=[" + "".join(sorted(first)) + "])"
