"""Highlighting: where a query's words are in a title or body, and the snippet to show.

Every hit carries plain text with the character ranges to highlight, so no caller ever has to
trust markup built from source text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from newsdesk.search.query import STOPWORDS
from newsdesk.store.fulltext import TextQuery

SNIPPET_CHARS = 240
DENSEST_MATCHES = 64


@dataclass
class Highlighted:
    """Plain text plus [start, end) character ranges to show highlighted."""

    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


def _stem(word: str) -> str:
    word = word.casefold()
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# The endings _stem takes off, and a few more the index's Porter stemmer folds together.
_INFLECTION = r"(?:s|es|d|ed|ing|ings|ation|ations|ies|ied|y|e|er|ers|ly)?"


def highlighter(query: TextQuery) -> Highlighter:
    """What to mark: phrases as wholes, words with their inflections, prefixes as typed."""
    word = lambda w: re.escape(_stem(w)) + _INFLECTION  # noqa: E731
    phrases = [r"\W+".join(word(w) for w in phrase) for phrase in query.phrases if phrase]
    terms = {word(w) for w in query.terms if w.casefold() not in STOPWORDS and len(w) > 1}
    prefixes = {re.escape(p) + r"\w*" for p in query.prefixes}
    return Highlighter(phrases + sorted(terms | prefixes, key=len, reverse=True))


class Highlighter:
    """Finds the query's words in a text: approximate (the index's stemmer is not at hand) but
    close, and fast enough to run on every hit shown."""

    def __init__(self, patterns: list[str]) -> None:
        joined = "|".join(patterns)
        self._pattern = re.compile(rf"\b(?:{joined})\b", re.I) if patterns else None

    def _ranges(self, text: str) -> list[tuple[int, int]]:
        if self._pattern is None:
            return []
        return [m.span() for m in self._pattern.finditer(text)]

    def whole(self, text: str) -> Highlighted:
        return Highlighted(text, self._ranges(text))

    def window(self, text: str) -> Highlighted:
        """About SNIPPET_CHARS of text where the most different query words meet, marked."""
        if not text:
            return Highlighted("")
        anchor = self._densest(text)
        start = max(0, anchor - SNIPPET_CHARS // 4)
        end = min(len(text), start + SNIPPET_CHARS)
        if start > 0:  # begin and end on word boundaries
            space = text.find(" ", start, anchor if anchor > start else end)
            start = space + 1 if space >= 0 else start
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
        prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
        body = prefix + text[start:end].replace("\n", " ") + suffix
        return Highlighted(body, self._ranges(body))

    def _densest(self, text: str) -> int:
        """Where the window holding the most distinct matched words (then most matches) starts."""
        if self._pattern is None:
            return 0
        # The first DENSEST_MATCHES matches are enough to choose from, and bound the work on
        # a long text full of a common word.
        found = itertools.islice(self._pattern.finditer(text), DENSEST_MATCHES)
        matches = [(m.start(), m.end(), m.group().casefold()) for m in found]
        reach = SNIPPET_CHARS * 3 // 4
        inside: Counter[str] = Counter()  # matched words in the window starting at `first`
        best, best_score, last = 0, (0, 0), 0
        for first, (start, _, word) in enumerate(matches):
            while last < len(matches) and (last == first or matches[last][1] <= start + reach):
                inside[matches[last][2]] += 1
                last += 1
            score = (len(inside), last - first)
            if score > best_score:
                best, best_score = start, score
            inside[word] -= 1
            if not inside[word]:
                del inside[word]
        return best
