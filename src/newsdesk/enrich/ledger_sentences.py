"""Sentences and quotes of a text, as the figures ledger reads them: where a sentence starts and
ends (after . ! ? and at line breaks, not after an initial or a short title), and which quote a
place stands in (where it opens and where it closes, within its paragraph)."""

from __future__ import annotations

import bisect
import re

# The end of a site's address ("Caliber.Az", "Gazeta.Ru"): no sentence starts there.
_DOMAIN_END = r"(?:com|net|org|info|news|ru|ua|az|kr|jp|cn|uk|de|fr|io)\b"
# a stop and the space after it, unless a lower-case word goes on ("approx. two", "e.g. the");
# a stop glued to the next sentence ("Kim Jong-un.11 000 soldiers"), unless a site's address
_SPLIT = re.compile(
    r"(?<=[.!?])[\"”’»)]*\s+(?![a-zà-ÿ])|(?<=[。！？])[」』”]*|\n+"
    rf"|(?<=[a-zà-ÿ]\.)(?=[A-Z0-9])(?!(?i:{_DOMAIN_END}))"
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


# Opening marks and the marks that close them. Straight quotes open and close alike; a single
# one (' or ’) is an apostrophe inside a word ("it's", "Russia’s") and closes a quote only
# when one it matches is open ("the soldiers’ families" outside a quote is no quote).
_CLOSERS = {"“": '”"', "„": '“”"', "«": "»", '"': '"', "‘": "’'", "'": "'’"}


def _mark(text: str, i: int, open_marks: list[str]) -> str | None:
    """ "open", "close" or None for the character at i, given the marks open before it."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if open_marks and ch in _CLOSERS[open_marks[-1]]:
        inside_word = before.isalnum() and after.isalnum()
        if ch in '"”»' or not (inside_word or before.isspace()):
            return "close"
    if ch in "“„«‘":
        return "open"
    if ch in "\"'" and after.isalnum() and (before.isspace() or before in "([—–-"):
        return "open" if ch == "'" or not open_marks else None
    if ch == '"' and not open_marks:
        return "open"
    return None


def _quote_around(text: str, char: int) -> tuple[int, int | None] | None:
    """The outermost quote of its paragraph holding `char`: where it opens, and where it closes
    (None when the paragraph ends first)."""
    paragraph_start = text.rfind("\n", 0, char) + 1
    paragraph_end = text.find("\n", char)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    opened: list[tuple[int, str]] = []
    for i in range(paragraph_start, paragraph_end):
        kind = _mark(text, i, [m for _, m in opened])
        if kind == "open":
            opened.append((i, text[i]))
        elif kind == "close":
            start = opened.pop()[0]
            if not opened and start < char <= i:
                return start, i
    return (opened[0][0], None) if opened and opened[0][0] < char else None


def quote_start(text: str, char: int) -> int | None:
    """Where the quote holding `char` opens, in its paragraph."""
    around = _quote_around(text, char)
    return around[0] if around else None


def quote_end(text: str, char: int) -> int | None:
    """Where the quote holding `char` closes, if `char` stands inside one in its paragraph."""
    around = _quote_around(text, char)
    if around is None or around[1] is None:
        return None
    return min(around[1] + 1, len(text) - 1)
