"""The grounding check: every number, name and quoted span of a sentence must appear in the
sources it cites. Extractive output passes by construction; written output (a local model's)
is kept only sentence by sentence as it passes.

    unsupported("Some 15,000 troops went.", ["About 11,000 troops went."])  ->  ["15000"]
    ground(sentences, sources)  ->  Grounded(kept=[...], dropped=[(sentence, [missing]), ...])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.ai.text import STOPWORDS, numbers_in

NAME_WORD = re.compile(r"\b[A-Z][\w'\u2019-]*")
QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]{3,})[\"\u201d]")
# Capitalised words that are not names (a sentence's first word, titles of address).
NOT_NAMES = STOPWORDS | {"however", "meanwhile", "today", "yesterday", "i"}
MAX_DROPPED_SHARE = 0.5  # more than this dropped: fall back to the extractive output


@dataclass
class Grounded:
    kept: list[str] = field(default_factory=list)
    dropped: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def share_dropped(self) -> float:
        total = len(self.kept) + len(self.dropped)
        return len(self.dropped) / total if total else 0.0

    @property
    def usable(self) -> bool:
        return bool(self.kept) and self.share_dropped <= MAX_DROPPED_SHARE


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("\u2019", "'").split())


NUMBER_WORD = re.compile(r"(\d+(?:[.,]\d+)*)\s+([^\W\d_][\w'-]*)")


def _bindings(text: str) -> set[tuple[str, str]]:
    """(number, the word after it) pairs: "about 1,000 wounded" -> ("1000", "wounded")."""
    return {
        (number.replace(",", ""), word.casefold()) for number, word in NUMBER_WORD.findall(text)
    }


def unsupported(sentence: str, sources: list[str]) -> list[str]:
    """The numbers, names and quoted spans of `sentence` that none of `sources` holds. A number
    must also be bound as the sources bind it: "1,000 soldiers killed" is not grounded by
    "1,000 wounded" (the word right after a number must follow it in a source too)."""
    joined = _fold(" ".join(sources))
    source_numbers = set().union(*(numbers_in(s) for s in sources)) if sources else set()
    missing = sorted(numbers_in(sentence) - source_numbers)
    bound = _bindings(" ".join(sources))
    for number, word in sorted(_bindings(sentence)):
        known = {w for n, w in bound if n == number}
        if number in source_numbers and known and word not in known and word not in STOPWORDS:
            missing.append(f"{number} {word}")
    for word in NAME_WORD.findall(sentence):
        bare = word.removesuffix("'s").removesuffix("\u2019s")
        if bare.casefold() in NOT_NAMES or len(bare) < 2:
            continue
        if not re.search(rf"\b{re.escape(_fold(bare))}", joined):
            missing.append(bare)
    for quote in QUOTED.findall(sentence):
        if _fold(quote) not in joined:
            missing.append(f"“{quote}”")
    return list(dict.fromkeys(missing))


def ground(sentences: list[str], sources: list[str]) -> Grounded:
    """Each sentence kept when everything it asserts by number, name or quotation is in the
    sources; else dropped with what was missing."""
    result = Grounded()
    for sentence in dict.fromkeys(sentences):  # a sentence said twice is kept once
        missing = unsupported(sentence, sources)
        if missing:
            result.dropped.append((sentence, missing))
        else:
            result.kept.append(sentence)
    return result


def faithful(sentence: str, sources: list[str]) -> bool:
    return not unsupported(sentence, sources)
