"""Korean names written in Latin letters ("Yoo Sang-bum", "Kim Kang-il") in text that is not
English, where only names in the knowledge files are matched: a Korean surname, then a given
name of two syllables joined by a hyphen, is a person's name in any Latin-script language.

The surname list is the English lexicon's (`korean_surnames`); the hyphen is what makes the
form safe (a surname before any capitalised word would take "Kim Jong" of "Kim Jong Un" or
"Park Avenue").
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from newsdesk.enrich.spans import Candidate


@cache
def _pattern(surnames: frozenset[str]) -> re.Pattern[str]:
    alt = "|".join(re.escape(s) for s in sorted(surnames, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt}) [A-Z][a-z]+-[a-z]+(?![\w-])")


def is_romanised_korean(text: str, surnames: frozenset[str]) -> bool:
    return _pattern(surnames).fullmatch(text) is not None


def romanised_korean_spans(doc: Doc, surnames: frozenset[str]) -> list[Candidate]:
    """Every "Surname Given-name" of the doc, as PERSON candidates."""
    found = []
    for match in _pattern(surnames).finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        found.append(
            Candidate(
                first=span.start,
                last=span.end,
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                label="PERSON",
                hint_id=None,
                title=None,
            )
        )
    return found
