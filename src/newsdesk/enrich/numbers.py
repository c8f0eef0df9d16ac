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
  "명" -> people), within a few words;
- what is not a figure: years, days and months of a date, clock times.

Scripts without spaces between words (`word_boundaries = false`) match words anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsdesk.enrich.ledger_rules import LedgerRules, ledger_rules
from newsdesk.model.enrichment import Figure

_PERCENT = "percent"
_TIME_UNITS = frozenset({"days", "weeks", "months", "years", "hours", "minutes"})
_DISTANCE_UNITS = frozenset({"km", "miles", "m", "km2"})
_WEIGHT_UNITS = frozenset({"tons", "metric tons", "kg"})
_BARE_YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass
class _Number:
    start: int
    end: int
    value: float
    spelled: bool  # a word ("neun", "тысячу"): kept only when it counts a noun


class NumberRules:
    """One language's `[numbers]` table, compiled."""

    def __init__(self, rules: LedgerRules) -> None:
        n = rules.numbers
        self.bounded = rules.word_boundaries
        self.decimal = n.get("decimal", ",")
        self.words = {k.lower(): float(v) for k, v in n.get("number_words", {}).items()}
        self.scales = {k.lower(): float(v) for k, v in n.get("scales", {}).items()}
        self.alone = {k.lower(): float(v) for k, v in n.get("standalone_scales", {}).items()}
        self.myriads = {k: float(v) for k, v in n.get("myriads", {}).items()}
        self.before = {k.lower(): v for k, v in n.get("qualifiers_before", {}).items()}
        self.after = {k.lower(): v for k, v in n.get("qualifiers_after", {}).items()}
        self.units = {k.lower(): v for k, v in n.get("units", {}).items()}
        self.unit_nouns = {k.lower(): v for k, v in n.get("unit_nouns", {}).items()}
        self.currencies = {k.lower(): v for k, v in n.get("currencies", {}).items()}
        self.joiners = [j.lower() for j in n.get("range_joiners", [])]
        self.months = tuple(rules.months)
        self.name_words = frozenset(w.lower() for w in n.get("name_words", []))
        self.skip_after = tuple(n.get("skip_after", []))
        self.unit_gap = int(n.get("unit_gap", 2))
        self.number = re.compile(self._number_pattern(n.get("group_separators", [])))

    def _number_pattern(self, separators: list[str]) -> str:
        sep = "|".join(re.escape(s) for s in separators) or "(?!)"
        dec = re.escape(self.decimal)
        digits = rf"\d{{1,3}}(?:(?:{sep})\d{{3}})+(?:{dec}\d+)?|\d+(?:{dec}\d+)?"
        parts = []
        if self.myriads:
            myr = "".join(re.escape(m) for m in self.myriads)
            parts.append(rf"(?:(?:{digits})\s?[{myr}]\s?)+(?:\d+)?")
        parts.append(digits)
        boundary = (
            r"(?<![\w\-/:])(?<!\d[.,])(?<![\d\W]\.)" if self.bounded else r"(?<![\d.:])(?<!\d,)"
        )
        number = "|".join(parts)
        words = _alternation([*self.words, *self.alone])
        if words:
            lead = r"(?<!\w)" if self.bounded else ""
            tail = r"(?!\w)" if self.bounded else ""
            return rf"{boundary}(?P<num>{number})|{lead}(?P<word>{words}){tail}"
        return rf"{boundary}(?P<num>{number})"

    def to_value(self, digits: str) -> float:
        """ "10.000" -> 10000, "4,7" -> 4.7, "1万1000" -> 11000."""
        if self.myriads and any(m in digits for m in self.myriads):
            return self._myriad_value(digits)
        return self._plain_value(digits)

    def _plain_value(self, digits: str) -> float:
        whole, fraction = digits.strip(), ""
        if self.decimal in whole:
            whole, fraction = whole.rsplit(self.decimal, 1)
            if len(fraction) == 3 and self.decimal == ",":
                # "6,000" where the decimal mark is a comma: a thousands group as much of Latin
                # America writes it (a decimal would not carry three places in news)
                whole, fraction = whole + fraction, ""
        whole = re.sub(r"\D", "", whole) or "0"
        return float(f"{whole}.{fraction}" if fraction.isdigit() else whole)

    def _myriad_value(self, text: str) -> float:
        total, current = 0.0, ""
        for ch in text.replace(" ", ""):
            if ch in self.myriads:
                total += (self._plain_value(current) if current else 1.0) * self.myriads[ch]
                current = ""
            else:
                current += ch
        return total + (self._plain_value(current) if current else 0.0)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def number_rules(language: str) -> NumberRules | None:
    rules = ledger_rules(language)
    if rules is None or not rules.numbers:
        return None
    return NumberRules(rules)


def find_numbers(text: str, start: int, end: int, language: str) -> list[Figure]:
    """Figures in text[start:end] (one sentence), for a language with a `[numbers]` table."""
    rules = number_rules(language)
    if rules is None:
        return []
    figures: list[Figure] = []
    lowered = text.lower()
    position = start
    while True:
        match = rules.number.search(lowered, position, end)
        if match is None:
            return figures
        figure, position = _read_figure(rules, text, lowered, match, end)
        if figure is not None:
            figures.append(figure)


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
    high, cursor, high_scale = _range_end(rules, lowered, cursor, end, scale)
    if scale == 1.0 and high is not None:
        scale = high_scale  # "4 bis 6 Millionen": the scale is written once, at the end
    number.value *= scale
    late = _qualifier_after(rules, lowered, cursor, end)
    if late and not qualifier:
        qualifier, cursor = late, late[1]
    unit, unit_end = _unit(rules, lowered, cursor, end)
    if unit_end is not None:
        cursor = unit_end
        late = _qualifier_after(rules, lowered, cursor, end)
        if late and not qualifier:
            qualifier, cursor = late, late[1]
    if _not_a_figure(rules, lowered, number, unit, scale, cursor, end):
        return None, max(number.end, match.end())
    before = _qualifier_before(rules, lowered, number.start)
    if number.spelled and unit is None and scale == 1.0 and before is None:
        return None, number.end  # "neun" alone is no figure; "близько тисячі" is one
    first = before[0] if before else number.start
    figure = _figure(text, first, cursor, number, unit, high)
    if before:
        figure.qualifier, figure.qualifier_text = before[2], text[before[0] : before[1]]
    elif qualifier:
        figure.qualifier, figure.qualifier_text = qualifier[2], text[qualifier[0] : qualifier[1]]
    return figure, cursor


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


def _skip_space(lowered: str, cursor: int, end: int) -> int:
    while cursor < end and lowered[cursor] in " \u00a0\u202f":
        cursor += 1
    return cursor


def _starts_with(rules: NumberRules, lowered: str, cursor: int, end: int, words) -> str | None:
    """The longest of `words` that text starting at `cursor` begins with (as a whole word
    where the language has word boundaries)."""
    for word in sorted(words, key=len, reverse=True):
        stem = word.rstrip("*")
        if not lowered.startswith(stem, cursor) or cursor + len(stem) > end:
            continue
        after = cursor + len(stem)
        if word.endswith("*") or not rules.bounded:
            return word
        if after >= len(lowered) or not lowered[after].isalnum():
            return word
    return None


def _word_end(rules: NumberRules, lowered: str, cursor: int, word: str, end: int) -> int:
    after = cursor + len(word.rstrip("*"))
    if word.endswith("*") and rules.bounded:
        while after < end and (lowered[after].isalnum()):
            after += 1
    return after


def _qualifier_after(rules, lowered, cursor, end) -> tuple[int, int, str] | None:
    at = _skip_space(lowered, cursor, end)
    word = _starts_with(rules, lowered, at, end, rules.after)
    if word is None:
        return None
    return at, _word_end(rules, lowered, at, word, end), rules.after[word]


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
        boundary = at == 0 or not window[at - 1].isalnum()
        if rules.bounded and boundary and not gap.strip():
            return base + at, base + at + len(word), rules.before[word]
        if not rules.bounded and len(gap.strip()) <= 2 and not any(c.isdigit() for c in gap):
            return base + at, base + at + len(word), rules.before[word]
    return None


def _scale(rules: NumberRules, lowered: str, cursor: int, end: int) -> tuple[int, float]:
    at = _skip_space(lowered, cursor, end)
    word = _starts_with(rules, lowered, at, end, rules.scales)
    if word is None:
        return cursor, 1.0
    return _word_end(rules, lowered, at, word, end), rules.scales[word]


def _range_end(rules, lowered, cursor, end, scale) -> tuple[float | None, int, float]:
    """ "10.000 bis 12.000", "4 bis 6 Millionen": the high end (scaled), where it ends, and
    its scale word's multiplier."""
    at = _skip_space(lowered, cursor, end)
    joiner = _starts_with(rules, lowered, at, end, rules.joiners)
    if joiner is None:
        return None, cursor, 1.0
    after = _skip_space(lowered, at + len(joiner), end)
    match = rules.number.match(lowered, after, end)
    if match is None or match.group("num") is None:
        return None, cursor, 1.0
    high = rules.to_value(match.group("num"))
    cursor2, high_scale = _scale(rules, lowered, match.end(), end)
    return high * (high_scale if high_scale != 1.0 else scale), cursor2, high_scale


def _unit(rules: NumberRules, lowered: str, cursor: int, end: int) -> tuple[str | None, int | None]:
    """The counted noun within `unit_gap` words after the number; of two nouns in a row the
    last ("военных строителей": builders)."""
    at = cursor
    if at < end and lowered[at] == "-":  # "120-tägigen"
        word = _starts_with(rules, lowered, at + 1, end, rules.units)
        if word:
            return rules.units[word], _word_end(rules, lowered, at + 1, word, end)
    found: tuple[str, int] | None = None
    skipped = 0
    while at < end:
        at = _skip_space(lowered, at, end)
        if at >= end:
            break
        word = _starts_with(rules, lowered, at, end, [*rules.units, *rules.currencies])
        if word is not None:
            unit = rules.units.get(word) or rules.currencies[word]
            found = (unit, _word_end(rules, lowered, at, word, end))
            if rules.unit_nouns:
                return _noun_after_counter(rules, lowered, found, end)
            at = found[1]
            continue
        if found is not None or skipped >= rules.unit_gap or not _is_word_start(lowered, at):
            break
        if rules.number.match(lowered, at, end):
            break  # another number: the noun after it is its own
        at = _next_word(rules, lowered, at, end)
        skipped += 1
    return (found[0], found[1]) if found else (None, None)


def _noun_after_counter(rules: NumberRules, lowered: str, found: tuple[str, int], end: int):
    """ "6000名士兵", "1万人の兵力": a noun a few characters after the counter names what it
    counts; else the counter's own unit (people)."""
    for at in range(found[1], min(end, found[1] + rules.unit_gap)):
        if lowered[at].isspace():
            continue
        if not lowered[at].isalnum():
            break
        word = _starts_with(rules, lowered, at, end, rules.unit_nouns)
        if word is not None:
            return rules.unit_nouns[word], found[1]
    return found


def _is_word_start(lowered: str, at: int) -> bool:
    return lowered[at].isalpha()


def _next_word(rules: NumberRules, lowered: str, at: int, end: int) -> int:
    if not rules.bounded:
        return at + 1  # one character: "の", a particle
    while at < end and (lowered[at].isalnum() or lowered[at] in "-'’"):
        at += 1
    return at


def _not_a_figure(rules, lowered, number: _Number, unit, scale, cursor, end) -> bool:
    """Years, dates, clock times and numbers that are part of a name."""
    text = lowered[number.start : number.end]
    if unit is None and scale == 1.0 and _BARE_YEAR.match(text):
        return True
    if unit is None and any(lowered.startswith(s, number.end) for s in rules.skip_after):
        return True
    if lowered.startswith(":", number.end) and number.end + 1 < end:
        return lowered[number.end + 1].isdigit()  # 12:30
    if unit is not None:
        return False
    words_before = lowered[max(0, number.start - 25) : number.start].split()
    if words_before and (
        _is_month(rules, words_before[-1]) or words_before[-1].rstrip("-") in rules.name_words
    ):
        return True
    after = re.match(r"[\s.,]*([^\W\d_]+\.?)", lowered[number.end : number.end + 25])
    return bool(after and _is_month(rules, after.group(1)))


def _is_month(rules: NumberRules, word: str) -> bool:
    word = word.strip(",.")
    return any(word == m or (m.endswith("*") and word.startswith(m[:-1])) for m in rules.months)


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
