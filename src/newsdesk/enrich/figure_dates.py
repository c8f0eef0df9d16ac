"""The date a figure refers to (`as_of`), when its sentence gives one.

A date counts when a cue of the language stands before it (`[ledger] as_of_before`: "as of",
"since", "in", "seit", "depuis", "станом на"): "as of February 16", "since Dec. 30",
"in 2024", "since mid-2022", "between 2017 and 2023" (the start), "à l'automne 2024",
"станом на середину січня". A month without a year takes the article's year, or the year
before when that month is still to come; after a cue that may look ahead (`as_of_ahead`: "aims
to send 10,000 by December"), the nearer of the two. A year named by its distance from the
article's (`relative_years`: "last year", "next year", "since last fall") is that year.
The result is "YYYY-MM-DD", "YYYY-MM" or "YYYY".
"""

from __future__ import annotations

import re
from datetime import date

from newsdesk.enrich.ledger_rules import LedgerRules, find_cues

_SPEECH_REACH = 24  # characters before a date cue where the verb it dates may end
_AFTER_CUE = 32  # characters after a cue its date may take ("the end of mid-December 2024")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_CLAUSE_MARK = re.compile(r"(?<!\d),|,(?!\d)|;| – | — | -- |，|、")
# "2021 (-0.1%)", "2023: 3.1%": a year that labels the figure right after it
_LABELLED = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)\s*[(:]\s*$")
_WORD = re.compile(r"[^\W\d_]+\.?|\d+", re.UNICODE)
_THOUSANDS = re.compile(r",\d{3}")
_MARKED_MONTH = re.compile(r"(1[0-2]|0?[1-9])\s*(?:月|월)")
_ALONE = re.compile(r"(?:1[89]|20)\d\d\s*(?:年|년)(?:\s*(?:1[0-2]|0?[1-9])\s*(?:月|월))?")


def figure_as_of(
    figure_start: int,
    text: str,
    window: tuple[int, int],
    rules: LedgerRules,
    published: date | None,
) -> str | None:
    """The date the figure at `figure_start` refers to, from a cued date in text[window], or
    from a year the figure stands beside in brackets ("in 2020 (-4.5%), 2021 (-0.1%)")."""
    labelled = _LABELLED.search(text, max(window[0], figure_start - 12), figure_start)
    if labelled is not None:
        return labelled.group(1)
    found = []
    first_clause_end = _clause_of(text, window, window[0])[1]  # "In 2024, Pyongyang sent"
    clause = _clause_of(text, window, figure_start)
    for hit in find_cues(text, rules.as_of_cues, *window):
        same = clause[0] <= hit.start < clause[1]
        opening = hit.start < first_clause_end and hit.start < figure_start
        if not (same or opening or _ends_its_clause(text, window, hit.end, clause[0])):
            continue  # "..., where Ukraine launched an incursion in August 2024"
        if _dates_a_statement(text, hit.start, window, rules):
            continue  # "said in October that ...": when it was said, not what it counts
        span = text[hit.end : min(window[1], hit.end + _AFTER_CUE)]
        parsed = _date_after(span, rules, published, hit.cue.phrase in rules.as_of_ahead)
        if parsed is not None:
            found.append((abs(hit.start - figure_start), parsed))
    for hit in find_cues(text, rules.relative_years, *window) if published else []:
        # "236 North Koreans defected last year", "the budget for next year": the year itself
        same = clause[0] <= hit.start < clause[1]
        opening = hit.start < first_clause_end and hit.start < figure_start
        if (same or opening) and not _dates_a_statement(text, hit.start, window, rules):
            found.append((abs(hit.start - figure_start), str(published.year + int(hit.cue.value))))
    if not found and rules.year_marks:
        return _marked_year(text, window, figure_start, rules.year_marks)
    return min(found)[1] if found else None


def _marked_year(
    text: str, window: tuple[int, int], figure_start: int, marks: tuple[str, ...]
) -> str | None:
    """In a language that writes no cue before a date ("2023 年朝鲜黑客共窃取了 6.61 亿美元",
    "2024 年,他们…"), the last year so marked before the figure: in its clause with no other
    month between ("2024년 10월부터 … 지난 2월 중순부터 약 4천 명" is February's), or alone in a
    clause of its own before it; with its month when one follows ("2024年10月": 2024-10)."""
    clause = _clause_of(text, window, figure_start)
    found = None
    for match in _YEAR.finditer(text, window[0], figure_start):
        rest = text[match.end() : figure_start].lstrip()
        mark = next((m for m in marks if rest.startswith(m)), None)
        if mark is None:
            continue
        month = _MARKED_MONTH.match(rest[len(mark) :].lstrip())
        own = _clause_of(text, window, match.start())
        between = text[match.end() : figure_start]
        later_month = _MARKED_MONTH.search(between, month.end() if month else 0)
        alone = own[1] <= clause[0] and _ALONE.fullmatch(text[own[0] : own[1]].strip())
        if (own == clause and later_month is None) or alone:
            found = f"{match.group(1)}-{int(month.group(1)):02d}" if month else match.group(1)
    return found


def _dates_a_statement(text: str, cue_start: int, window: tuple[int, int], rules) -> bool:
    """A date cue right after a speech verb ("said in October", "reported in early
    November", "a déclaré en décembre") dates the statement."""
    start = max(window[0], cue_start - _SPEECH_REACH)
    verbs = find_cues(text, (*rules.claimant_either, *rules.speaker_before), start, cue_start)
    return any(not text[v.end : cue_start].strip() for v in verbs)


def _ends_its_clause(text: str, window: tuple[int, int], char: int, clause_start: int) -> bool:
    """A date closing a clause before the figure's: "since September 2023, North Korea had
    supplied ...", "... since Dec. 30, in strikes that killed at least 14"."""
    if char >= clause_start:
        return False
    end = _clause_of(text, window, char)[1]
    return end < clause_start and len(text[char:end].split()) <= 3


def _clause_of(text: str, window: tuple[int, int], char: int) -> tuple[int, int]:
    """The stretch between the commas (or semicolons, dashes) around `char` in `window`; the
    comma of "10,000" is no clause mark."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, window[0], char)]
    after = _CLAUSE_MARK.search(text, char, window[1])
    return (marks[-1] if marks else window[0]), (after.start() if after else window[1])


def _date_after(
    span: str, rules: LedgerRules, published: date | None, ahead: bool = False
) -> str | None:
    """The date a cue's following words name: a month (with day and year), or a year. A month
    without a year is the last one before the article's date, or when the cue may look `ahead`
    ("by December"), the nearest one."""
    words = [(m.start(), m.group().lower()) for m in _WORD.finditer(span)]
    for position, (offset, word) in enumerate(words[:5]):
        month = _month(word, rules)
        if month is not None:
            following = words[position + 1 : position + 3]
            return _with_year(span, offset, month, following, published, ahead)
        if _YEAR.fullmatch(word):
            return word
        if word in rules.seasons:
            following = words[position + 1 : position + 3]
            return next((w for _, w in following if _YEAR.fullmatch(w)), None)
        if word.isdigit() and position + 1 < len(words) and _month(words[position + 1][1], rules):
            continue  # "16 February": the month decides
        if word.isdigit():
            return None  # a number, not a date: "by 3,000"
    return None


def _month(word: str, rules: LedgerRules) -> int | None:
    """ "dec." or "november." (a sentence's end): the month, 1 to 12."""
    for form in (word, word.rstrip(".")):
        if form in rules.months:
            return rules.months[form]
    word = word.rstrip(".")
    for stem, month in rules.months.items():
        if stem.endswith("*") and word.startswith(stem[:-1]):
            return month
    return None


def _with_year(
    span: str,
    offset: int,
    month: int,
    following: list,
    published: date | None,
    ahead: bool = False,
) -> str | None:
    """ "December 2024", or "December" in an article of 2025-01-22: 2024-12 (a month still to
    come this year is last year's); looking `ahead`, in an article of 2024-10-23: 2024-12."""
    year = next((w for _, w in following if _YEAR.fullmatch(w)), None)
    day = _day_near(span, offset, following)
    if year is None:
        if published is None:
            return None
        year = str(published.year if month <= published.month else published.year - 1)
        if ahead and month > published.month and month - published.month < 6:
            year = str(published.year)  # the nearer December is this year's
    stamp = f"{year}-{month:02d}"
    return f"{stamp}-{day:02d}" if day else stamp


def _day_near(span: str, offset: int, following: list) -> int | None:
    """ "Dec. 30" or "30 December": the day of the month, when given."""
    candidates = [
        w
        for at, w in following[:1]
        if w.isdigit() and not _YEAR.fullmatch(w) and not _THOUSANDS.match(span, at + len(w))
    ]  # "By December, 3,000 troops": a count, not the 3rd
    before = span[:offset].split()
    if before and before[-1].rstrip(".").isdigit():
        candidates.append(before[-1].rstrip("."))
    for word in candidates:
        if 1 <= int(word) <= 31:
            return int(word)
    return None
