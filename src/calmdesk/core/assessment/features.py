"""Word 1-2 and character 2-5 n-grams with TF-IDF values, in pure Python.

Training and prediction share this one featuriser, so the shipped weights see exactly the
features they were trained on, and every feature remembers where in the text it came from
(that is what makes the evidence spans faithful).

>>> [key for key, _, _ in extract_grams("Hi @shop, WHY?")][:4]
['w:hi', 'c: h', 'c:hi', 'c:i ']
"""

from __future__ import annotations

import math
import re

import numpy as np

# Handles and links name a company or a page, not a customer's state: each becomes one
# placeholder word. Runs of ! and ? and single emoji are words of their own.
_TOKEN = re.compile(
    r"(?P<link>https?://\S+|www\.\S+)"
    r"|(?P<handle>@\w+)"
    r"|(?P<word>[^\W_]+(?:['\u2019][^\W_]+)*)"
    r"|(?P<mark>[!?]+|[^\x00-\x7f\w\s])"
)
_DIGIT = re.compile(r"\d")
CHAR_NGRAM_SIZES = (2, 3, 4, 5)
# Char grams of very long tokens (pasted hashes, base64) add cost and no meaning.
_LONGEST_CHAR_GRAM_TOKEN = 30
CAPS_FEATURE = "x:caps"


def tokenise(text: str) -> list[tuple[str, int, int]]:
    """The tokens of `text` as (normalised token, start, end), links and handles folded.

    >>> tokenise("order #123 NEVER came https://x.co/a")
    [('order', 0, 5), ('000', 7, 10), ('NEVER', 11, 16), ('came', 17, 21), ('<link>', 22, 36)]
    """
    tokens: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        start, end = match.span()
        if kind == "link":
            tokens.append(("<link>", start, end))
        elif kind == "handle":
            tokens.append(("<handle>", start, end))
        else:
            token = match.group()
            # Most tokens are plain words, which hold no digit: skip the search for them.
            if not token.isalpha() and _DIGIT.search(token):
                token = _DIGIT.sub("0", token)
            elif not token.isupper() or len(token) < 3:
                token = token.lower()
            tokens.append((token, start, end))
    return tokens


def extract_grams(text: str) -> list[tuple[str, int, int]]:
    """Every feature key of `text` with the character span it was read from.

    Keys: `w:` word, `b:` word bigram, `c:` character n-gram inside one padded word,
    and `x:caps` for each shouted word (three or more capitals).
    """
    grams: list[tuple[str, int, int]] = []
    previous: tuple[str, int, int] | None = None
    for token, start, end in tokenise(text):
        if token.isupper():
            grams.append((CAPS_FEATURE, start, end))
            token = token.lower()
        if previous is not None:
            grams.append(("b:" + previous[0] + " " + token, previous[1], end))
        grams.extend((key, start, end) for key in word_keys(token))
        previous = (token, start, end)
    return grams


def word_keys(token: str) -> list[str]:
    """The keys read from one (lower-cased) token alone: the word and its character n-grams."""
    keys = ["w:" + token]
    if token[0] == "<" or "0" in token or len(token) > _LONGEST_CHAR_GRAM_TOKEN:
        return keys
    padded = " " + token + " "
    length = len(padded)
    for size in CHAR_NGRAM_SIZES:
        if size > length:
            break
        for offset in range(length - size + 1):
            keys.append("c:" + padded[offset : offset + size])
    return keys


# Words repeat from message to message, so each one's known features are looked up once.
_TOKEN_CACHE_SIZE = 100_000
_NO_FEATURES = np.zeros(0, np.int32)


class FeatureSpans:
    """Where each feature of one text was read from.

    Recorded as one entry per token (its feature indices and span) and searched only for
    the few features evidence asks about, which is far cheaper than a list per feature.
    """

    def __init__(self) -> None:
        # (the token's word and character n-gram features, start, end)
        self.tokens: list[tuple[frozenset[int], int, int]] = []
        # (a caps or bigram feature, start, end)
        self.singles: list[tuple[int, int, int]] = []

    def spans_of(self, wanted: set[int]) -> dict[int, list[tuple[int, int]]]:
        """The spans of each wanted feature, found in one pass over the text's tokens."""
        found: dict[int, list[tuple[int, int]]] = {}
        for indices, start, end in self.tokens:
            if not wanted.isdisjoint(indices):
                for index in wanted.intersection(indices):
                    found.setdefault(index, []).append((start, end))
        for index, start, end in self.singles:
            if index in wanted:
                found.setdefault(index, []).append((start, end))
        return found


class Featuriser:
    """Maps a text to sparse, L2-normalised TF-IDF values over a fixed vocabulary."""

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray) -> None:
        self.vocabulary = vocabulary
        self.idf = idf.astype(np.float32)
        # token -> (its known word and character n-gram features, the same as a set)
        self._token_features: dict[str, tuple[np.ndarray, frozenset[int]]] = {}

    @property
    def size(self) -> int:
        return len(self.vocabulary)

    def transform(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Feature indices (ascending) and their values; both empty when nothing is known."""
        indices, values, _ = self._transform(text, None)
        return indices, values

    def transform_with_spans(self, text: str) -> tuple[np.ndarray, np.ndarray, FeatureSpans]:
        """As `transform`, plus the character spans each feature was read from."""
        spans = FeatureSpans()
        indices, values, _ = self._transform(text, spans)
        return indices, values, spans

    def _features_of(self, token: str) -> tuple[np.ndarray, frozenset[int]]:
        known = self._token_features.get(token)
        if known is None:
            if len(self._token_features) >= _TOKEN_CACHE_SIZE:
                self._token_features.clear()
            vocabulary = self.vocabulary
            indices = [i for key in word_keys(token) if (i := vocabulary.get(key)) is not None]
            known = self._token_features[token] = (
                np.array(indices, np.int32) if indices else _NO_FEATURES,
                frozenset(indices),
            )
        return known

    def _transform(
        self, text: str, spans: FeatureSpans | None
    ) -> tuple[np.ndarray, np.ndarray, FeatureSpans | None]:
        vocabulary = self.vocabulary
        known = self._token_features
        caps = vocabulary.get(CAPS_FEATURE)
        # Each token's known features come as one array; counting them all at once with
        # numpy is far quicker than a dictionary update per feature. The loop is the hot
        # path of the whole engine, hence the local names.
        pieces: list[np.ndarray] = []
        singles: list[int] = []  # caps and bigram features
        token_spans = spans.tokens if spans is not None else None
        single_spans = spans.singles if spans is not None else None
        previous = ""
        previous_start = 0
        for token, start, end in tokenise(text):
            if token.isupper():
                if caps is not None:
                    singles.append(caps)
                    if single_spans is not None:
                        single_spans.append((caps, start, end))
                token = token.lower()
            if previous:
                bigram = vocabulary.get(f"b:{previous} {token}")
                if bigram is not None:
                    singles.append(bigram)
                    if single_spans is not None:
                        single_spans.append((bigram, previous_start, end))
            features = known.get(token) or self._features_of(token)
            if features[1]:
                pieces.append(features[0])
                if token_spans is not None:
                    token_spans.append((features[1], start, end))
            previous, previous_start = token, start
        if singles:
            pieces.append(np.array(singles, np.int32))
        if not pieces:
            return _NO_FEATURES, np.zeros(0, np.float32), spans
        indices, term_counts = np.unique(np.concatenate(pieces), return_counts=True)
        values = (1.0 + np.log(term_counts.astype(np.float32))) * self.idf[indices]
        values /= np.float32(math.sqrt(float(np.dot(values, values))))
        return indices.astype(np.int32, copy=False), values, spans
