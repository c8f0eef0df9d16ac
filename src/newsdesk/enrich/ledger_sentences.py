"""Sentences and quotes of a text, as the figures ledger reads them: where a sentence starts and
ends (after . ! ? and at line breaks, not after an initial or a short title), and which quote a
place stands in (where it opens and where it closes, within its paragraph)."""

from __future__ import annotations

import bisect
import re

# a stop and the space after it, unless a lower-case word goes on ("approx. two", "e.g. the")
_SPLIT = re.compile(
    r"(?<=[.!?])[\"”’»)]*\s+(?![a-zà-ÿ])|(?<=[。！？])[」』”]*|\n+|(?<=[a-zà-ÿ]\.)(?=[A-Z0-9])"
)
_NO_SPLIT_BEFORE = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Ms|Mrs|Dr|Gen|Lt|Col|Sgt|Rep|Sen|Gov|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|vs|approx|ca|Co|Corp|Inc|[ap]\.m))\.$"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text`: after . ! ? (not after an initial or a short title) and at
    line breaks. Good enough to tell which sentence a cue and a figure share."""
    spans, start = [], 0
    for match in _SPLIT.finditer(text):
        if match.start() <= start:
            continue
        if "\n" not in match.group() and _NO_SPLIT_BEFORE.search(text[start : match.start()]):
            continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class Sentences:
    def __init__(self, text: str) -> None:
        self.spans = split_sentences(text)
        self._starts = [s for s, _ in self.spans]

    def index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._starts, char) - 1)


def quote_start(text: str, char: int) -> int | None:
    """Where the quote holding `char` opens, in its paragraph."""
    paragraph_start = text.rfind("\n", 0, char) + 1
    for i in range(char - 1, paragraph_start - 1, -1):
        if text[i] in "“«„" or (text[i] == '"' and text[paragraph_start:i].count('"') % 2 == 0):
            return i
    return None


def quote_end(text: str, char: int) -> int | None:
    """Where the quote holding `char` closes, if `char` stands inside one in its paragraph."""
    paragraph_start = text.rfind("\n", 0, char) + 1
    before = text[paragraph_start:char]
    opened = sum(before.count(q) for q in "“«„") - sum(before.count(q) for q in "”»")
    straight = before.count('"') % 2 == 1
    if opened <= 0 and not straight:
        return None
    paragraph_end = text.find("\n", char)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    for i in range(char, paragraph_end):
        if text[i] in "”»" or (straight and text[i] == '"'):
            return min(i + 1, len(text) - 1)
    return None
