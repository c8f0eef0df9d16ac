"""Whether a comment is held for an editor: a plain function of its text, its author's recent
comments and the settings, offline.

    verdict = moderate(text, recent, ModerationSettings())
    verdict.held, verdict.score, verdict.reasons

Held when any of these says so:
- the classifier (alt-profanity-check, a linear model trained on English): probability of
  offensive language at or above `threshold`. It knows English only: text with no Latin letter
  is not given to it (it would answer the same low number for any Korean sentence);
- glin-profanity's word lists (English and Korean by default), changed by wordlists.py; Korean
  words also match at the start of a word, since Korean glues endings onto them (병신아);
  the lists are what catch Korean abuse;
- too many links (`max_links`);
- repetition: the same (or nearly the same) text as one of the author's recent comments, a run
  of one character, or a word or phrase said again and again;
- posting rate: `burst` comments already in `burst_window`.

The score is the highest of the classifier's probability and 1.0 for a word-list match; rules
add their reasons without a score of their own.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from difflib import SequenceMatcher
from functools import cache
from typing import Any, Protocol

from newsdesk.comments.links import find_links
from newsdesk.comments.wordlists import ADDED_WORDS, NEWS_WORDS


@dataclass(frozen=True)
class ModerationSettings:
    threshold: float = 0.75  # the classifier's probability at or above which a comment is held
    languages: tuple[str, ...] = ("english", "korean")  # glin-profanity's lists to use
    extra_words: tuple[str, ...] = ADDED_WORDS
    ignore_words: tuple[str, ...] = NEWS_WORDS
    max_links: int = 2
    max_char_run: int = 12  # one character (not a digit) this many times in a row
    max_word_run: int = 5  # one word this many times in a row
    max_phrase_run: int = 4  # one phrase of 2 to 4 words this many times in a row
    similar: float = 0.9  # this close to a recent comment is "the same text again"
    burst: int = 3  # this many comments already within burst_window: the next is held (0: off)
    burst_window: timedelta = timedelta(minutes=5)


@dataclass(frozen=True)
class Verdict:
    held: bool
    score: float
    reasons: list[str] = field(default_factory=list)


class Earlier(Protocol):
    """An earlier comment of the same author (newsdesk.model.comments.Comment is one)."""

    @property
    def text(self) -> str: ...

    @property
    def created_at(self) -> datetime: ...


@dataclass(frozen=True)
class Past:
    """A plain earlier comment, for callers that have no stored one."""

    text: str
    created_at: datetime


def moderate(
    text: str,
    recent: Sequence[Earlier],
    settings: ModerationSettings | None = None,
    now: datetime | None = None,
) -> Verdict:
    """Held or not, the score (0 clean .. 1 abusive), and every reason in words."""
    settings = settings or ModerationSettings()
    now = now or datetime.now(UTC)
    reasons: list[str] = []
    probability = classifier_probability(text)
    if probability >= settings.threshold:
        reasons.append(f"offensive language (classifier {probability:.2f})")
    words = listed_words(text, settings)
    if words:
        reasons.append("on the word list: " + ", ".join(words))
    reasons += link_reasons(text, settings)
    reasons += repetition_reasons(text, recent, settings)
    reasons += rate_reasons(recent, settings, now)
    score = max(probability, 1.0 if words else 0.0)
    return Verdict(held=bool(reasons), score=round(score, 4), reasons=reasons)


# The classifier -----------------------------------------------------------------------------

_LATIN = re.compile(r"[A-Za-z]")
_load_lock = threading.Lock()


@cache
def _classifier() -> Any:
    from profanity_check import predict_prob  # sklearn loads in ~1 s: only when first needed

    return predict_prob


def classifier_probability(text: str) -> float:
    """alt-profanity-check's probability that the text is offensive; 0.0 for text without a
    Latin letter, which the English-only model cannot read."""
    if not _LATIN.search(text):
        return 0.0
    with _load_lock:
        predict_prob = _classifier()
    return float(predict_prob([text])[0])


# The word lists -----------------------------------------------------------------------------

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_NOT_AFTER_HANGUL = r"(?<![\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3])"


@cache
def _word_filter(
    languages: tuple[str, ...], extra: tuple[str, ...], ignore: tuple[str, ...]
) -> tuple[Any, re.Pattern[str] | None]:
    """glin-profanity's filter over these lists, and a pattern for Korean words of two or more
    letters at the start of a word (the filter wants them to stand alone)."""
    from glin_profanity import Filter, normalize_unicode
    from glin_profanity.data.dictionary import dictionary

    config: dict[str, Any] = {
        "languages": list(languages),
        "custom_words": list(extra),
        # The filter also matches each word's Unicode-normalised form (Hangul: its letters
        # decomposed), which must be ignored too.
        "ignore_words": [*ignore, *(normalize_unicode(w) for w in ignore)],
        "detect_leetspeak": True,
    }
    word_filter = Filter(config)  # type: ignore[arg-type]
    ignored = {w.lower() for w in ignore}
    korean = {
        w
        for language in languages
        for w in [*dictionary.get_words(language), *extra]  # type: ignore[arg-type]
        if _HANGUL.match(w) and len(w) >= 2 and w.lower() not in ignored
    }
    alternatives = "|".join(re.escape(w) for w in sorted(korean, key=len, reverse=True))
    prefix = re.compile(f"{_NOT_AFTER_HANGUL}(?:{alternatives})") if korean else None
    return word_filter, prefix


def listed_words(text: str, settings: ModerationSettings) -> list[str]:
    """The listed words found in the text, in order of appearance, each once."""
    with _load_lock:
        word_filter, korean = _word_filter(
            settings.languages, settings.extra_words, settings.ignore_words
        )
        found = list(word_filter.check_profanity(text).get("profane_words") or [])
    if korean is not None:
        found += [m.group(0) for m in korean.finditer(text)]
    return list(dict.fromkeys(found))


# The rules ----------------------------------------------------------------------------------


def link_reasons(text: str, settings: ModerationSettings) -> list[str]:
    count = len(find_links(text))
    if count > settings.max_links:
        return [f"{count} links (at most {settings.max_links})"]
    return []


_WORD = re.compile(r"\w+")


def _normalised(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def repetition_reasons(
    text: str, recent: Sequence[Earlier], settings: ModerationSettings
) -> list[str]:
    reasons = []
    mine = _normalised(text)
    for earlier in recent:
        theirs = _normalised(earlier.text)
        if mine and theirs and SequenceMatcher(None, mine, theirs).ratio() >= settings.similar:
            reasons.append("the same text as a recent comment")
            break
    run = re.search(rf"([^\s\d])\1{{{settings.max_char_run - 1},}}", text)
    if run:
        reasons.append(f"{run.group(1)!r} {len(run.group(0))} times in a row")
    phrase = repeated_phrase(_WORD.findall(text.casefold()), settings)
    if phrase:
        said, times = phrase
        reasons.append(f"{said!r} {times} times in a row")
    return reasons


def repeated_phrase(words: list[str], settings: ModerationSettings) -> tuple[str, int] | None:
    """The first word (or phrase of 2 to 4 words) said too many times in a row, and how many."""
    for size in range(1, 5):
        needed = settings.max_word_run if size == 1 else settings.max_phrase_run
        for start in range(len(words) - size * needed + 1):
            piece = words[start : start + size]
            times = 1
            while words[start + times * size : start + (times + 1) * size] == piece:
                times += 1
            if times >= needed:
                return " ".join(piece), times
    return None


def rate_reasons(
    recent: Sequence[Earlier], settings: ModerationSettings, now: datetime
) -> list[str]:
    if settings.burst <= 0:
        return []
    since = now - settings.burst_window
    count = sum(1 for earlier in recent if earlier.created_at >= since)
    if count >= settings.burst:
        minutes = int(settings.burst_window.total_seconds() // 60)
        return [f"{count + 1} comments within {minutes} minutes"]
    return []
