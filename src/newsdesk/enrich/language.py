"""Which language an article is written in (py3langid, offline, ~0.05 ms per article)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsdesk.model.enrichment import LanguageGuess

# py3langid reads character n-grams; its cost grows with the text, its accuracy stops growing
# after a few sentences, so a title and lead decide as well as the whole article.
_SAMPLE_CHARS = 1000
UNKNOWN = LanguageGuess("und", 0.0)  # ISO 639-2 "undetermined": no letters to judge


@cache
def _identifier() -> LanguageIdentifier:
    # norm_probs=True turns py3langid's log scores into probabilities between 0 and 1.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """ISO 639-1 code and confidence for `text`; "und" with 0.0 when it has no letters."""
    sample = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return UNKNOWN
    code, probability = _identifier().classify(sample)
    return LanguageGuess(code, round(float(probability), 4))


def most_likely_of(text: str, codes: Iterable[str]) -> LanguageGuess:
    """The most likely language of `text` among `codes` (ties: the first code in sorted order),
    with its probability (0.0 for a language the model lacks)."""
    ranked = dict(_identifier().rank(text[:_SAMPLE_CHARS]))
    code = max(sorted(codes), key=lambda c: ranked.get(c, 0.0))
    return LanguageGuess(code, round(float(ranked.get(code, 0.0)), 4))
