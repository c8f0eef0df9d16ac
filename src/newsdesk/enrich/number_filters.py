"""What looks like a number but is no figure, in text that is not English: years, days and
months of a date ("19 de junio", "6·25"), clock times ("a las 3", "um 3 Uhr", "2시 50분"),
ordinals ("1er", "第1回", "제1차"), decades ("años 90", "90er Jahre") and numbers in names
("artículo 4", "l'articolo 4"). The words are the language's `[numbers]` table's."""

from __future__ import annotations

import re

from newsdesk.enrich.number_rules import NumberRules, skip_space, starts_with

_DOTTED_TIME = re.compile(r"(?:[01]?\d|2[0-3])[.,:][0-5]\d")  # "7.30", "14,45": a time of day
_BARE_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# after a number: a month, perhaps past one short word ("19 de junio", "19. Juni"); the short
# word may be the month itself ("28 мая", "5 mai")
_WORD_AFTER = re.compile(r"[\s.,]*([^\W\d_]+\.?)(?:\s+([^\W\d_]+\.?))?")


def not_a_figure(
    rules: NumberRules,
    lowered: str,
    number: tuple[int, int],
    unit,
    scale: float,
    end: int,
    read_to: int | None = None,
) -> bool:
    """Whether the number at lowered[number[0]:number[1]], read with `unit` and `scale` up to
    `read_to` (the end of a range), is a year, a date, a clock time, an ordinal or part of a
    name."""
    start, stop = number
    text = lowered[start:stop]
    if len(text) > 1 and text[0] == "0" and text[1].isdigit():
        return True  # "gli 007 di Seul", "No. 012": a code, never a count with a leading zero
    if _calibre_after(rules, lowered, stop, end):
        return True  # "152 mm", "152-миллиметровых", "152ミリ砲弾": a kind of gun or shell
    if start >= 2 and lowered[start - 1] == "-" and lowered[start - 2].isalpha():
        return True  # "화산-31", "F-35A", "Су-25 сбит": a model's number, not a count
    if rules.ordinal_dot and unit is None and _dotted_ordinal(lowered, stop):
        return True  # "528. Pułku", "13. füze denemesi": an ordinal, not a count
    if unit in (None, "years") and scale == 1.0 and _BARE_YEAR.match(text):
        return True  # "2024", "с октября 2024 года": a year, never 2,024 years
    spaced = skip_space(lowered, stop, end) if rules.apart else stop  # "두 번째": second
    if not rules.bounded:  # "今 ( 31 ) 日", "7 時": a date or a time spaced out in CJK text
        spaced = len(lowered[:end]) - len(lowered[stop:end].lstrip(" )）"))
    for at in {stop, read_to or stop, spaced, _listed_end(lowered, stop)}:
        # "24~26일": the days of a date range; "1,2차": the first and the second
        skip = max((len(w) for w in rules.skip_after if lowered.startswith(w, at)), default=0)
        if skip and skip >= _unit_at(rules, lowered, at):
            return True  # "13일", "2024년", "3번째": a date or an ordinal, not "3번" (three times)
    if _is_clock(rules, lowered, number, unit) or _in_a_dotted_date(lowered, number):
        return True
    if any(lowered.startswith(o, start - len(o)) for o in rules.ordinal_before if start >= len(o)):
        return True  # "第1回", "제1차"
    if _age_after_name(lowered, number):
        return True
    if lowered.startswith(":", stop) and stop + 1 < end:
        return lowered[stop + 1].isdigit()  # 12:30
    if _glued_word(rules, lowered, stop):
        return True  # "1er", "90er Jahre", "3h": an ordinal, a decade or a time, not a count
    # "l'articolo 4", "anni '90": the word before, past apostrophes
    words_before = [w for w in re.split(r"[\s'’]+", lowered[max(0, start - 25) : start]) if w]
    word = words_before[-1] if words_before else ""
    if word.rstrip("-") in rules.name_words:
        return True  # a number in a name, whatever words follow it ("artículo 4 ... años")
    if unit is not None or scale != 1.0:
        return False
    if _is_month(rules, word) or word.rstrip(",") in rules.weekdays:
        return True  # "Juni 5", "el martes 23": the day of the month
    after = _WORD_AFTER.match(lowered, stop, min(len(lowered), stop + 25))
    if not after:
        return False
    first, second = after.group(1), after.group(2)
    return _is_month(rules, first) or (
        len(first.rstrip(".")) <= 3 and second is not None and _is_month(rules, second)
    )


def _calibre_after(rules: NumberRules, lowered: str, stop: int, end: int) -> bool:
    """A calibre word right after the number, past a space or a hyphen."""
    at = stop + 1 if lowered[stop : stop + 1] in ("-", " ") else stop
    return starts_with(rules, lowered, at, end, rules.calibres) is not None


def _dotted_ordinal(lowered: str, stop: int) -> bool:
    """A dot glued to a number without a counted noun, then a word: where the language marks
    ordinals so ("528. Pułku"). The sentence splitter often cuts at that dot, so the text
    after it is read whatever sentence it was given to."""
    return lowered[stop : stop + 2] == ". " and lowered[stop + 2 : stop + 3].isalpha()


_LISTED = re.compile(r"[,·、] ?\d{1,2}(?!\d)")


def _listed_end(lowered: str, stop: int) -> int:
    """ "1,2차 표창", "3·4월": a number listed before a short one that a date or ordinal word
    closes; where that closing word stands (else `stop`)."""
    match = _LISTED.match(lowered, stop)
    return match.end() if match else stop


def _unit_at(rules: NumberRules, lowered: str, stop: int) -> int:
    """The length of the unit, scale or currency word glued to the number (0: none)."""
    known = [*rules.units, *rules.scales, *rules.currencies]
    word = starts_with(rules, lowered, stop, len(lowered), known)
    return len(word.rstrip("*")) if word else 0


def _glued_word(rules: NumberRules, lowered: str, stop: int) -> bool:
    """Letters glued to the number, or hyphened to it, that are no unit, scale or currency
    ("90er", "23-го", not "3km" or "120-tägigen")."""
    if not rules.bounded or stop >= len(lowered):
        return False
    if lowered[stop] == "-" and lowered[stop + 1 : stop + 2].isalpha():
        stop += 1
    return lowered[stop].isalpha() and not _unit_at(rules, lowered, stop)


def _age_after_name(lowered: str, number: tuple[int, int]) -> bool:
    """ "김정은(41)", "Kim (41)": one or two digits in brackets right after a name: an age."""
    start, stop = number
    before = lowered[max(0, start - 2) : start]
    return (
        stop - start <= 2
        and before.endswith("(")
        and lowered[stop : stop + 1] == ")"
        and (before[:1].isalpha() or before[:1] == " ")
    )


def _is_clock(rules: NumberRules, lowered: str, number: tuple[int, int], unit) -> bool:
    """ "a las 3", "à 15 heures", "um 3 Uhr", "14h30", "2시 50분": a time of day."""
    start, stop = number
    if _is_clock_minutes(rules, lowered, number):
        return True
    digits = lowered[start:stop]
    if unit is None and _DOTTED_TIME.fullmatch(digits):
        before = lowered[max(0, start - 12) : start]
        after = lowered[stop : stop + 8].split()
        at_hour = any(before.endswith(f"{w} ") for w in rules.clock_before)
        named = bool(after) and after[0].strip(".,;") in rules.clock_after
        return at_hour or named  # "um 7.30 Uhr", "a las 7.30": hours and minutes
    if unit not in (None, "hours") or not digits.isdigit():
        return False
    after = lowered[stop : stop + 8].split()
    if unit is None and after and after[0].strip(".,;") in rules.clock_after:
        return True
    if lowered[stop : stop + 1] == "h" and lowered[stop + 1 : stop + 2].isdigit():
        return True  # "14h30"
    before = lowered[max(0, start - 12) : start]
    at_hour = any(before.endswith(f"{w} ") for w in rules.clock_before)
    return at_hour and int(lowered[start:stop]) <= 24


def _is_clock_minutes(rules: NumberRules, lowered: str, number: tuple[int, int]) -> bool:
    """ "새벽 2시 50분": the minutes of a clock time."""
    start, stop = number
    for at in range(max(0, start - 6), start):
        match = rules.clock.match(lowered, at)
        if match and match.end() > stop:
            return True
    return False


def _in_a_dotted_date(lowered: str, number: tuple[int, int]) -> bool:
    """ "6·25 전쟁", "9·19 군사합의": a month and a day joined by a middle dot."""
    start, stop = number
    after = lowered[stop : stop + 2]
    before = lowered[max(0, start - 2) : start]
    return (after[:1] == "·" and after[1:].isdigit()) or (
        before[-1:] == "·" and before[:1].isdigit()
    )


def _is_month(rules: NumberRules, word: str) -> bool:
    word = word.strip(",.")
    return any(word == m or (m.endswith("*") and word.startswith(m[:-1])) for m in rules.months)
