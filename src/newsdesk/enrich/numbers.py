"""Figures in text that is not English: numbers with their scale, range, qualifier and unit.

English has its own, parse-backed finder (`figures.py`). For other languages a figure is read
from the words around a number alone, by the rules of that language's lexicon file
(`data/knowledge/lexicon/<code>.toml`, table `[numbers]`):

- how numbers are written: group separators ("10.000", "11 000"), the decimal mark ("4,7"),
  spelled numbers in every case they take ("пять", "двух", "Neun"), scale words ("тысяч",
  "Millionen", "mil") and East Asian myriads ("1万1000", "1만1천", "1.1萬");
- words before a number that qualify it ("über", "около", "最小") and, in Korean, Japanese and
  Chinese, after it ("여", "余り", "多");
- the counted noun after it, as the English word the ledger uses ("Soldaten" -> soldiers,
  "명" -> people), within a few words, or before it where the language puts it there
  ("미사일 2발");
- ranges opened by a word ("entre 10.000 y 12.000") or with a counter after each end ("2万人～
  3万人", "20만 발에서 100만 발"), vague plurals ("miles de soldados",
  "数百人") and shares of a whole ("la mitad", "zwei Drittel");
- a currency sign or code before the number ("US$ 1,34 bilhão", "€ 5 milioni"), as English
  writes them (`[figures] currency_prefixes` of the English lexicon);
- what is not a figure: years, days and months of a date, clock times.

Scripts without spaces between words (`word_boundaries = false`) match words anywhere. The
table is compiled in `number_rules.py`; the counted noun is read by `number_units.py`, and what
only looks like a figure (dates, clock times, ordinals, names) is told apart in
`number_filters.py`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from newsdesk.enrich.lexicon import load_lexicon
from newsdesk.enrich.number_filters import not_a_figure
from newsdesk.enrich.number_rules import (
    NumberRules,
    after_change,
    number_rules,
    skip_space,
    starts_with,
    word_end,
)
from newsdesk.enrich.number_units import RATE, counted_unit, noun_before
from newsdesk.model.enrichment import Figure

_PERCENT = "percent"
_TIME_UNITS = frozenset({"days", "weeks", "months", "years", "hours", "minutes"})
_DISTANCE_UNITS = frozenset({"km", "miles", "m", "km2"})
_WEIGHT_UNITS = frozenset({"tons", "metric tons", "kg"})


@dataclass
class _Number:
    start: int
    end: int
    value: float
    spelled: bool  # a word ("neun", "тысячу"): kept only when it counts a noun


def joined_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence spans, a break before a lower case letter undone: "6 tys. żołnierzy",
    "Ok. 2 tys." are cut there by a parser that takes the abbreviation's dot for an end."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        first = text[start : start + 1]
        if joined and first.isalpha() and first.islower():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def find_numbers(text: str, start: int, end: int, language: str) -> list[Figure]:
    """Figures in text[start:end] (one sentence), for a language with a `[numbers]` table."""
    rules = number_rules(language)
    if rules is None:
        return []
    lowered = text.lower()
    figures = _shares(rules, text, lowered, start, end) + _span_words(
        rules, text, lowered, start, end
    )
    position = start
    while True:
        match = rules.number.search(lowered, position, end)
        if match is None:
            return sorted(figures, key=lambda f: f.start)
        figure, position = _read_figure(rules, text, lowered, match, end)
        if figure is not None and not any(
            f.start < figure.end and figure.start < f.end for f in figures
        ):
            figures.append(figure)


def _shares(rules: NumberRules, text: str, lowered: str, start: int, end: int) -> list[Figure]:
    """ "la mitad de", "zwei Drittel", "más de la mitad": shares of a whole, as percentages."""
    figures = []
    for match in rules.shares_pattern.finditer(lowered, start, end):
        value = rules.shares[match.group(0)]
        figure = Figure(
            text[match.start() : match.end()],
            match.start(),
            match.end(),
            value,
            value,
            "percent",
            unit="percent",
        )
        before = _qualifier_before(rules, lowered, match.start())
        if before:
            figure.text, figure.start = text[before[0] : match.end()], before[0]
            figure.qualifier, figure.qualifier_text = before[2], text[before[0] : before[1]]
        figures.append(figure)
    return figures


def _span_words(rules: NumberRules, text: str, lowered: str, start: int, end: int) -> list:
    """ "이틀", "약 한 달": spans of time written as one word, with a qualifier before them."""
    figures = []
    for match in rules.span_pattern.finditer(lowered, start, end):
        value, unit = rules.span_words[match.group(0)]
        if unit in _TIME_UNITS and _ago(rules, lowered, match.start(), match.end(), end):
            continue  # "이틀 전": two days ago, a date
        first = match.start()
        before = _qualifier_before(rules, lowered, first)
        if before is None and match.group(0) in rules.qualified_spans:
            continue
        figure = Figure(
            text[first : match.end()], first, match.end(), value, value, _kind(unit), unit=unit
        )
        if before:
            figure.text, figure.start = text[before[0] : match.end()], before[0]
            figure.qualifier, figure.qualifier_text = before[2], text[before[0] : before[1]]
        figures.append(figure)
    return figures


def _read_figure(
    rules: NumberRules, text: str, lowered: str, match: re.Match, end: int
) -> tuple[Figure | None, int]:
    """The figure starting at a number match, and where to look for the next one."""
    number = _number(rules, match)
    if _continues_a_number(lowered, number):
        return None, number.end  # "000" of "11 000", missed because "11" was glued to a word
    cursor = number.end
    qualifier = _qualifier_after(rules, lowered, cursor, end)
    if qualifier:
        cursor = qualifier[1]
    cursor, scale = _scale(rules, lowered, cursor, end)
    if rules.scale_addends and scale > 1.0:
        cursor, number.value = _addend(rules, lowered, cursor, end, number.value, scale)
    opener = _range_opener(rules, lowered, number.start)
    joiners = [*rules.joiners, *rules.between[opener[2]]] if opener else rules.joiners
    high, cursor, high_scale = _range_end(rules, lowered, cursor, end, scale, joiners)
    if scale == 1.0 and high is not None:
        scale = high_scale  # "4 bis 6 Millionen": the scale is written once, at the end
    number.value *= scale
    late = _qualifier_after(rules, lowered, cursor, end)
    if late and not qualifier:
        qualifier, cursor = late, late[1]
    unit, unit_end = counted_unit(rules, lowered, cursor, end)
    if high is None and unit_end is not None:
        high, unit_end = _counted_range(rules, lowered, unit_end, end, unit)
    rate = unit == RATE
    unit = None if rate else unit
    if unit in rules.generic_units:
        unit = noun_before(rules, lowered, number.start) or unit
    if unit_end is not None:
        cursor = unit_end
        late = _qualifier_after(rules, lowered, cursor, end)
        if late and not qualifier:
            qualifier, cursor = late, late[1]
    if unit in _TIME_UNITS and _ago(rules, lowered, number.start, cursor, end):
        return None, cursor  # "dois dias atrás", "vor zwei Tagen": a date, not a duration
    lead = number.start
    written_before = _unit_before(rules, lowered, number.start)
    if written_before is not None:
        lead, unit = written_before  # "yaklaşık yüzde 30": the unit, then the number
    prefix = _currency_before(text, number.start) if unit is None else None
    if prefix is not None:
        lead, unit = prefix  # "US$ 1,34 bilhão", "€ 5 milioni": money, its sign first
    range_end = cursor if high is not None and unit is None else None
    if not_a_figure(rules, lowered, (number.start, number.end), unit, scale, end, range_end):
        return None, max(number.end, match.end())
    before = _qualifier_before(rules, lowered, lead)
    if number.spelled and unit is None and scale == 1.0 and before is None and not rate:
        return None, number.end  # "neun" alone is no figure; "близько тисячі" is one
    vague = lowered[number.start : number.end] in rules.vague
    if vague and _kind(unit) == "measure":
        return None, cursor  # "centinaia di chilometri": a vague span, no reported figure
    if (
        vague
        and unit_end is not None
        and _words_between(lowered, number.end, unit_end) > rules.vague_gap
    ):
        return None, cursor  # "des centaines d'usines de munitions": hundreds of factories
    first = before[0] if before else opener[0] if opener and high is not None else lead
    figure = _figure(text, first, cursor, number, unit, high)
    if vague and not before:
        figure.qualifier, figure.qualifier_text = "at least", text[number.start : number.end]
    elif before:
        figure.qualifier, figure.qualifier_text = before[2], text[before[0] : before[1]]
    elif qualifier:
        figure.qualifier, figure.qualifier_text = qualifier[2], text[qualifier[0] : qualifier[1]]
    return figure, cursor


def _unit_before(rules: NumberRules, lowered: str, start: int) -> tuple[int, str] | None:
    """A unit the language writes before the number ("yüzde 30", "%30"): where it starts and
    the unit."""
    before = lowered[max(0, start - 12) : start]
    stripped = before.rstrip(" \u00a0")
    for word in sorted(rules.units_before, key=len, reverse=True):
        at = len(stripped) - len(word)
        if stripped.endswith(word) and (at == 0 or not stripped[at - 1].isalnum()):
            return start - len(before) + at, rules.units_before[word]
    return None


def _ago(rules: NumberRules, lowered: str, start: int, cursor: int, end: int) -> bool:
    """A word of the language's `ago_after` right after the span of time, or of `ago_before`
    right before its number: the span says when something happened."""
    if starts_with(rules, lowered, skip_space(lowered, cursor, end), end, rules.ago_after):
        return True
    before = lowered[max(0, start - 12) : start].rstrip()
    return any(
        before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalnum())
        for w in rules.ago_before
    )


def _words_between(lowered: str, start: int, end: int) -> int:
    """How many words lowered[start:end] holds, an elided article ("d'usines") apart; vowel
    signs ("उत्तर कोरियाई") belong to their word."""
    text = "".join(c for c in lowered[start:end] if not unicodedata.category(c).startswith("M"))
    return len(re.findall(r"[^\W\d_]+", text.replace("’", "'").replace("'", " ")))


def _currency_before(text: str, start: int) -> tuple[int, str] | None:
    """A currency sign or code right before the number, a space at most between ("US$ 1,34",
    "€5", "USD 620"): where it starts and its ISO code."""
    prefixes = _currency_prefixes()
    window = text[max(0, start - 5) : start]
    stripped = window[:-1] if window.endswith(" ") else window
    for sign in sorted(prefixes, key=len, reverse=True):
        if not stripped.endswith(sign):
            continue
        at = start - (len(window) - len(stripped)) - len(sign)
        if at > 0 and text[at - 1].isalnum():
            continue  # "ABC$5": part of a word, not a sign
        return at, prefixes[sign]
    return None


@cache
def _currency_prefixes() -> dict[str, str]:
    return dict(load_lexicon().figures["currency_prefixes"])


def _continues_a_number(lowered: str, number: _Number) -> bool:
    digits = lowered[number.start : number.end]
    before = lowered[max(0, number.start - 2) : number.start]
    return len(digits) == 3 and len(before) == 2 and before[0].isdigit() and before[1].isspace()


def _number(rules: NumberRules, match: re.Match) -> _Number:
    if match.group("num") is not None:
        return _Number(match.start(), match.end(), rules.to_value(match.group("num")), False)
    word = match.group("word")
    value = rules.words.get(word, rules.alone.get(word, 0.0))
    return _Number(match.start(), match.end(), value, True)


def _qualifier_after(rules, lowered, cursor, end) -> tuple[int, int, str] | None:
    at = skip_space(lowered, cursor, end)
    word = starts_with(rules, lowered, at, end, rules.after)
    if word is None or (not rules.bounded and len(word) == 1 and at > cursor):
        return None  # "10개 여단": a one-letter "여" counts only glued ("300여명")
    return at, word_end(rules, lowered, at, word, end), rules.after[word]


def _qualifier_before(rules: NumberRules, lowered: str, start: int) -> tuple | None:
    """A qualifier ending just before the number ("über 3.000", "至少已有100": a gap of up to
    two characters in scripts without spaces)."""
    window = lowered[max(0, start - 30) : start]
    base = start - len(window)
    for word in sorted(rules.before, key=len, reverse=True):
        at = window.rfind(word)
        if at < 0:
            continue
        gap = window[at + len(word) :]
        if rules.before[word] == "at most" and after_change(rules, lowered, base + at):
            continue  # "упал ... до 20 тонн": fell to 20 tons
        boundary = at == 0 or not window[at - 1].isalnum()
        if rules.bounded and boundary and not gap.strip():
            return base + at, base + at + len(word), rules.before[word]
        if not rules.bounded and len(gap.strip()) <= 2 and not any(c.isdigit() for c in gap):
            return base + at, base + at + len(word), rules.before[word]
    return None


def _scale(rules: NumberRules, lowered: str, cursor: int, end: int) -> tuple[int, float]:
    at = skip_space(lowered, cursor, end)
    word = starts_with(rules, lowered, at, end, rules.scales)
    if word is None:
        return cursor, 1.0
    return word_end(rules, lowered, at, word, end), rules.scales[word]


def _addend(rules, lowered, cursor, end, value, scale) -> tuple[int, float]:
    """ "6 bin 700", "1 milyon 200 bin": a smaller number after the scale word adds to the
    number; the value is returned in units of the first scale (6.7 for "6 bin 700")."""
    at = skip_space(lowered, cursor, end)
    match = rules.number.match(lowered, at, end)
    if match is None or match.group("num") is None:
        return cursor, value
    after, small_scale = _scale(rules, lowered, match.end(), end)
    added = rules.to_value(match.group("num")) * small_scale
    if added >= scale:
        return cursor, value  # "2 bin 3 bin": two numbers, not one
    return after, value + added / scale


def _range_opener(rules: NumberRules, lowered: str, start: int) -> tuple[int, int, str] | None:
    """ "entre 10.000 y 12.000", "zwischen 10.000 und 12.000": the word before the number that
    opens a range (its start, end and the word)."""
    before = lowered[max(0, start - 16) : start]
    words = before.split()
    if not words or words[-1] not in rules.between or not before.endswith((" ", "\u00a0")):
        return None
    at = start - len(before) + before.rfind(words[-1])
    return at, at + len(words[-1]), words[-1]


def _range_end(rules, lowered, cursor, end, scale, joiners) -> tuple[float | None, int, float]:
    """ "10.000 bis 12.000", "4 bis 6 Millionen": the high end (scaled), where it ends, and
    its scale word's multiplier."""
    at = skip_space(lowered, cursor, end)
    joiner = starts_with(rules, lowered, at, end, joiners)
    if joiner is None:
        return None, cursor, 1.0
    after = skip_space(lowered, at + len(joiner), end)
    match = rules.number.match(lowered, after, end)
    if match is None or match.group("num") is None:
        return None, cursor, 1.0
    high = rules.to_value(match.group("num"))
    cursor2, high_scale = _scale(rules, lowered, match.end(), end)
    return high * (high_scale if high_scale != 1.0 else scale), cursor2, high_scale


def _counted_range(rules, lowered, cursor, end, unit) -> tuple[float | None, int]:
    """ "2만 명~3만 명", "20만 발에서 100만 발": a range whose counter stands after each end,
    the same counter both times; its high end and where its second counter ends (else None
    and `cursor`). A joiner the language uses only there (`counter_range_joiners`: "에서",
    from) reads as a change, not a range, when a word of `change_ends` follows ("3만 명에서
    5만 명으로": from 30,000 to 50,000)."""
    joiners = [*rules.joiners, *rules.counter_joiners]
    joiner = starts_with(rules, lowered, skip_space(lowered, cursor, end), end, joiners)
    high, after, _ = _range_end(rules, lowered, cursor, end, 1.0, joiners)
    if high is None:
        return None, cursor
    high_unit, high_end = counted_unit(rules, lowered, after, end)
    if high_unit != unit or high_end is None:
        return None, cursor
    change = starts_with(rules, lowered, high_end, end, rules.change_ends)
    if change is not None and joiner in rules.counter_joiners:
        return None, cursor
    return high, high_end


def _figure(text: str, start: int, end: int, number: _Number, unit, high) -> Figure:
    kind = _kind(unit)
    figure = Figure(
        text[start:end].rstrip(" ,"),
        start,
        start + len(text[start:end].rstrip(" ,")),
        number.value,
        number.value,
        kind,
        unit=unit,
    )
    if high is not None:
        figure.low, figure.high = number.value, high
    return figure


def _kind(unit: str | None) -> str:
    if unit is None:
        return "number"
    if unit == _PERCENT:
        return "percent"
    if len(unit) == 3 and unit.isupper():
        return "money"
    if unit in _TIME_UNITS or unit in _DISTANCE_UNITS or unit in _WEIGHT_UNITS:
        return "measure"
    return "count"
