"""English word lists the enrichment stage reads from `data/knowledge/lexicon/en.toml`.

They are data (users extend them), loaded once per process and handed out as frozen sets.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[str]  # lower case; may be several words ("prime minister")
    korean_surnames: frozenset[str]
    leading_words: frozenset[str]
    stance_prefixes: frozenset[str]
    event_heads: frozenset[str]
    org_heads: frozenset[str]
    speech_verbs: frozenset[str]
    locative_prepositions: frozenset[str]
    movement_words: frozenset[str]
    area_words: frozenset[str]
    place_nouns_after: frozenset[str]
    place_nouns_before_of: frozenset[str]
    figures: dict
    generic_keywords: frozenset[str]
    leading_stopwords: frozenset[str]


def longest_title(words: list[str], titles: frozenset[str], *, at_start: bool) -> str | None:
    """The longest title the lower-case `words` start with (or end with), if any."""
    for size in range(min(_MAX_TITLE_WORDS, len(words)), 0, -1):
        part = words[:size] if at_start else words[-size:]
        if " ".join(part) in titles:
            return " ".join(part)
    return None


_MAX_TITLE_WORDS = 4


def lexicon_path() -> Path:
    return Path(str(resources.files("newsdesk") / "data" / "knowledge" / "lexicon" / "en.toml"))


@cache
def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read the English lexicon (the packaged one unless `path` is given)."""
    data = tomllib.loads((path or lexicon_path()).read_text(encoding="utf-8"))
    names, spans, places = data["names"], data["spans"], data["places"]
    lower = _lower_set
    return Lexicon(
        titles=lower(names["titles"]),
        korean_surnames=frozenset(names["korean_surnames"]),
        leading_words=frozenset(spans["leading_words"]),
        stance_prefixes=lower(spans["stance_prefixes"]),
        event_heads=frozenset(spans["event_heads"]),
        org_heads=frozenset(spans["org_heads"]),
        speech_verbs=lower(data["figures"]["speech_verbs"]),
        locative_prepositions=lower(places["locative_prepositions"]),
        movement_words=lower(places["movement_words"]),
        area_words=lower(places["area_words"]),
        place_nouns_after=lower(places["place_nouns_after"]),
        place_nouns_before_of=lower(places["place_nouns_before_of"]),
        figures=data["figures"],
        generic_keywords=lower(data["keywords"]["generic"]),
        leading_stopwords=lower(data["keywords"]["leading_stopwords"]),
    )


def _lower_set(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)
