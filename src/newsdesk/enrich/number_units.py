"""The counted noun of a number in a language other than English: the word after it that says
what it counts ("Soldaten" -> soldiers, "명" -> people), as the English word the ledger uses."""

from __future__ import annotations

import unicodedata

from newsdesk.enrich.number_rules import NumberRules, skip_space, starts_with, word_end

TIME_UNITS = frozenset({"days", "weeks", "months", "years", "hours", "minutes"})
RATE = "per"  # the answer for "trois par mois": a count per span of time, its noun unsaid


def counted_unit(
    rules: NumberRules, lowered: str, cursor: int, end: int
) -> tuple[str | None, int | None]:
    """The counted noun within `unit_gap` words after the number, and where it ends; of two
    nouns in a row the last ("военных строителей": builders). `RATE` (and no end) when a span
    of time follows a rate word ("trois par mois"): a count whose noun the text leaves out."""
    at = cursor
    if at < end and lowered[at] == "-":  # "120-tägigen"
        word = starts_with(rules, lowered, at + 1, end, rules.units)
        if word:
            return rules.units[word], word_end(rules, lowered, at + 1, word, end)
    found: tuple[str, int] | None = None
    skipped: list[str] = []
    while at < end:
        at = _past_elision(rules, lowered, skip_space(lowered, at, end))
        if at >= end:
            break
        word = starts_with(rules, lowered, at, end, [*rules.units, *rules.currencies])
        if word is not None:
            unit = rules.units.get(word) or rules.currencies[word]
            if unit in TIME_UNITS and rules.rate_words.intersection(skipped):
                return RATE, None  # "10.000 par jour": a rate; the day is not what it counts
            found = (unit, word_end(rules, lowered, at, word, end))
            if rules.unit_nouns:
                return _noun_after_counter(rules, lowered, found, end)
            at = found[1]
            continue
        other = rules.number.match(lowered, at, end) if found is None else None
        calibre = _calibre_end(rules, lowered, other.end(), end) if other else None
        if calibre is not None:
            at = calibre  # "6 миллионов 152-миллиметровых снарядов": a calibre, then the noun
            continue
        if found is not None or len(skipped) >= rules.unit_gap or not _is_word_start(lowered, at):
            break
        if rules.number.match(lowered, at, end):
            break  # another number: the noun after it is its own
        following = _next_word(rules, lowered, at, end)
        skipped.append(lowered[at:following])
        at = following
    return (found[0], found[1]) if found else (None, None)


def noun_before(rules: NumberRules, lowered: str, start: int) -> str | None:
    """ "北朝鮮兵は2000人": the counted noun written just before the number, past the particles
    the language's `noun_particles` lists; None when there is none."""
    if not rules.noun_particles:
        return None
    at = start
    while particle := next(
        (p for p in rules.noun_particles if at >= len(p) and lowered.startswith(p, at - len(p))),
        None,
    ):
        at -= len(particle)
    for noun in sorted(rules.unit_nouns, key=len, reverse=True):
        if at >= len(noun) and lowered.startswith(noun, at - len(noun)):
            return rules.unit_nouns[noun]
    return None


def _past_elision(rules: NumberRules, lowered: str, at: int) -> int:
    for elision in rules.elisions:
        if lowered.startswith(elision, at):
            return at + len(elision)
    return at


def _noun_after_counter(rules: NumberRules, lowered: str, found: tuple[str, int], end: int):
    """ "6000名士兵", "1万人の兵力": a noun a few characters after the counter names what it
    counts; else the counter's own unit (people)."""
    for at in range(found[1], min(end, found[1] + rules.unit_gap)):
        if lowered[at].isspace():
            continue
        if not lowered[at].isalnum():
            break
        word = starts_with(rules, lowered, at, end, rules.unit_nouns)
        if word is not None:
            return rules.unit_nouns[word], found[1]
    return found


def _calibre_end(rules: NumberRules, lowered: str, at: int, end: int) -> int | None:
    """Where the calibre word after a number ends ("152-миллиметровых", "152 mm"), if one
    follows it."""
    at = at + 1 if lowered[at : at + 1] in ("-", " ") else at
    word = starts_with(rules, lowered, at, end, rules.calibres)
    return word_end(rules, lowered, at, word, end) if word else None


def _is_word_start(lowered: str, at: int) -> bool:
    return lowered[at].isalpha()


def _next_word(rules: NumberRules, lowered: str, at: int, end: int) -> int:
    if not rules.bounded:
        return at + 1  # one character: "の", a particle
    while at < end and (lowered[at].isalnum() or lowered[at] in "-'’" or _a_mark(lowered[at])):
        at += 1
    return at


def _a_mark(char: str) -> bool:
    """A vowel sign or virama ("उत्तर", "कोरियाई"): part of the word, though no letter."""
    return unicodedata.category(char).startswith("M")
