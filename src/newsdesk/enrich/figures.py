"""Reported quantities: every number with its scale, unit, the thing counted and its subject.

Two steps, so that only sentences holding a figure pay for a parse:
1. `find_figures` scans the sentences of the entity pass with patterns built from the lexicon
   (`data/knowledge/lexicon/en.toml`): qualifier, currency, number, range, scale, unit. Dates,
   years, times, ordinals and numbers inside names are dropped.
2. `complete_figures` reads each figure's parsed sentence (`figure_syntax.py`) for the counted
   noun ("3,000 additional troops"), the item ("tons of coal") and the subject entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from spacy.tokens import Doc

from newsdesk.enrich.figure_ledger import fill_ledger
from newsdesk.enrich.figure_syntax import MentionIndex, SentenceSyntax
from newsdesk.enrich.lexicon import Lexicon, load_lexicon
from newsdesk.enrich.numbers import find_numbers, number_rules
from newsdesk.model.enrichment import Figure, Mention

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SKIP_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})
_DIGIT = re.compile(r"\d")
_PERCENT_UNITS = frozenset({"percent", "percentage points"})
_TIME_UNITS = frozenset({"days", "weeks", "months", "years", "hours", "minutes"})


@dataclass
class Draft:
    """A figure found by pattern, waiting for its sentence's parse."""

    figure: Figure
    sentence_index: int
    number_start: int  # where the digits (or number word) begin
    needs_noun: bool = False  # a spelled count ("two"): kept only if it counts a noun


class _Patterns:
    def __init__(self, lexicon: Lexicon) -> None:
        f = lexicon.figures
        self.lexicon = lexicon
        self.scales = {k.lower(): float(v) for k, v in f["scales"].items()}
        self.currency_prefixes = f["currency_prefixes"]
        self.currency_words = {k.lower(): v for k, v in f["currency_words"].items()}
        self.units = {k.lower(): v for k, v in f["units"].items()}
        self.qualifiers = {k.lower(): v for k, v in f["qualifiers"].items()}
        self.increase = _cue_pattern(f["increase_words"])
        self.decrease = _cue_pattern(f["decrease_words"])
        self.increase_after = frozenset(f["increase_after"])
        self.decrease_after = frozenset(f["decrease_after"])
        self.name_words = frozenset(w.lower() for w in f["name_words"])
        self.months = frozenset(w.lower() for w in f["months"])
        self.scaled_only = {k.lower(): float(v) for k, v in f["scaled_only_words"].items()}
        self.number_words = {k.lower(): float(v) for k, v in f["number_words"].items()}
        self.number_words.update(self.scaled_only)
        self.not_durations = _cue_after_pattern(f["not_durations"])
        self.vague = {k.lower(): float(v) for k, v in f["vague_counts"].items()}
        self.reference = frozenset(w.lower() for w in f["reference_determiners"])
        self.digits = re.compile(self._digit_pattern(), re.VERBOSE)
        self.words = re.compile(self._word_pattern(), re.VERBOSE)
        # A cheap first look: most sentences hold no number word at all.
        self.word_hint = re.compile(rf"(?i)\b(?:{_alt([*self.number_words, *self.vague])})\b")

    def _digit_pattern(self) -> str:
        word_scales = _alt(k for k in self.scales if len(k) > 2 or k in ("mn", "bn", "tn"))
        attached = _alt(k for k in self.scales if len(k) <= 2)
        units = _alt([*self.units, *self.currency_words])
        cur = _alt(self.currency_prefixes)
        return rf"""
            (?<![\w\-/.,$€£¥₩])
            (?:(?P<between>(?i:between))\s+)?
            (?:(?P<qual>(?i:{_alt(self.qualifiers)}))\s+)?
            (?:(?P<cur>{cur})\s?)?
            (?P<num>{_NUMBER})(?:(?P<ascale>{attached})(?![A-Za-z]))?
            (?:\s+(?P<scale1>(?i:{word_scales}))(?=\s*(?:-|–|and|to)\s*(?:{cur})?\s?\d))?
            (?:\s*(?:-|–|(?(between)and|to))\s*(?:{cur})?\s?
               (?P<num2>{_NUMBER})(?:(?P<ascale2>{attached})(?![A-Za-z]))?)?
            (?:\s+(?P<scale>(?i:{word_scales}))\b)?
            (?:\s*(?P<unit>(?i:{units}))(?![A-Za-z]))?
        """

    def _word_pattern(self) -> str:
        return rf"""
            (?<![\w\-])
            (?:(?P<qual>(?i:{_alt(self.qualifiers)}))\s+)?
            (?:(?P<vague>(?i:{_alt(self.vague)}))(?=\s+of\b)
              |(?P<word>(?i:{_alt(self.number_words)}))\b(?!-)
               (?:\s+(?P<scale>(?i:{_alt(k for k in self.scales if len(k) > 2)}))\b)?
               (?:\s+(?P<unit>(?i:{_alt([*self.units, *self.currency_words])}))(?![A-Za-z]))?)
        """


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cue_after_pattern(words: list[str]) -> re.Pattern[str]:
    """Matches when the text after a figure starts with one of the words."""
    return re.compile(rf"^[\s-]*(?:{_alt(words)})\b", re.IGNORECASE)


def _cue_pattern(words: list[str]) -> re.Pattern[str]:
    """Matches when the text before a figure ends with one of the cue words."""
    return re.compile(rf"\b(?:{_alt(words)})\s*$", re.IGNORECASE)


@cache
def _patterns() -> _Patterns:
    return _Patterns(load_lexicon())


def find_figures(doc: Doc, article_date: date | None = None) -> list[Draft]:
    """Figures in every sentence of an entity-pass doc, before syntax."""
    patterns = _patterns()
    text = doc.text
    skip = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _SKIP_LABELS]
    drafts: list[Draft] = []
    for index, sent in enumerate(doc.sents):
        start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        sentence = sent.text.strip()
        if not sentence:
            continue
        found = (
            _digit_figures(patterns, text, start, sentence, skip) if _DIGIT.search(sentence) else []
        )
        if patterns.word_hint.search(sentence):
            found += _word_figures(patterns, text, start, sentence)
        for figure, number_start, needs_noun in found:
            figure.sentence, figure.sentence_start = sentence, start
            figure.sentence_end, figure.date = start + len(sentence), article_date
            drafts.append(Draft(figure, index, number_start, needs_noun))
    return drafts


def _digit_figures(p: _Patterns, text: str, base: int, sentence: str, skip) -> list:
    found = []
    for m in p.digits.finditer(sentence):
        start, end = base + m.start(), base + m.end()
        unit_text = (m.group("unit") or "").lower()
        currency = p.currency_prefixes.get(m.group("cur") or "") or p.currency_words.get(unit_text)
        measured = bool(currency or unit_text or m.group("scale") or m.group("ascale"))
        num_start = base + m.start("num")
        if _glued_to_word(text, end) and not unit_text:
            continue  # "1990s", "2nd", "10th"
        if _in_address(text, start, end) or _is_age_or_date(p, unit_text, text, end):
            continue
        if not measured and _is_date_or_name(p, m, text, num_start, base, skip):
            continue
        figure = _figure(p, m, text[start:end], start, end, currency, unit_text)
        _mark_change(p, figure, text[base:start], text[end:])
        found.append((figure, num_start, False))
    return found


def _word_figures(p: _Patterns, text: str, base: int, sentence: str) -> list:
    found = []
    for m in p.words.finditer(sentence):
        start, end = base + m.start(), base + m.end()
        before = sentence[: m.start()].split()
        if before and before[-1].lower() in p.reference:
            continue  # "the two countries": a reference, not a report
        if m.group("vague"):
            number = p.vague[m.group("vague").lower()]
            figure = Figure(
                text[start:end],
                start,
                end,
                number,
                number,
                "count",
                qualifier="at least",
                qualifier_text=m.group("vague"),
            )
            found.append((figure, start, True))
            continue
        unit_text = (m.group("unit") or "").lower()
        word = m.group("word").lower()
        if word in p.scaled_only and not m.group("scale"):
            continue  # "one of", "no one": not a count
        if _is_age_or_date(p, unit_text, text, end):
            continue
        currency = p.currency_words.get(unit_text)
        figure = _figure(
            p,
            m,
            text[start:end],
            start,
            end,
            currency,
            unit_text,
            number=p.number_words[m.group("word").lower()],
        )
        _mark_change(p, figure, text[base:start], text[end:])
        found.append((figure, base + m.start("word"), not (unit_text or m.group("scale"))))
    return found


_ADDRESS = re.compile(r"://|www\.|@|=|_|\.(?:jpe?g|png|gif|pdf|html?|php|aspx?|mp4)\b", re.I)


def _in_address(text: str, start: int, end: int) -> bool:
    """A number inside a URL, a handle, an id or a file name ("IMG-20250604-WA0092.jpg")."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    token = text[left : right if right >= 0 else len(text)]
    return bool(_ADDRESS.search(token)) or token.count("/") >= 2


def _is_age_or_date(p: _Patterns, unit_text: str, text: str, end: int) -> bool:
    """ "20 years old", "two years ago": an age or a date, not a duration."""
    unit = p.units.get(unit_text)
    return unit in _TIME_UNITS and bool(p.not_durations.search(text[end : end + 12]))


def _glued_to_word(text: str, end: int) -> bool:
    return end < len(text) and text[end].isalpha()


def _is_date_or_name(p: _Patterns, m: re.Match, text: str, num_start: int, base: int, skip) -> bool:
    """A bare number that is a year, a date, a time or part of a name."""
    num, num2 = m.group("num"), m.group("num2")
    if any(s < base + m.end("num") and num_start < e for s, e in skip):
        return True
    if _is_year(num) and (num2 is None or _is_year(num2)):
        return True
    words_before = text[max(0, num_start - 20) : num_start].lower().split()
    word_before = words_before[-1] if words_before else ""
    if word_before in p.months or word_before in p.name_words:
        return True
    after = text[base + m.end() : base + m.end() + 12].lower()
    if re.match(r"\s*(?::\d|[ap]\.?m\b)", after):
        return True
    word_after = after.split()[0].strip(",.") if after.split() else ""
    return word_after in p.months


def _is_year(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and 1800 <= int(number) <= 2100


def _figure(
    p: _Patterns,
    m: re.Match,
    text: str,
    start: int,
    end: int,
    currency: str | None,
    unit_text: str,
    number: float | None = None,
) -> Figure:
    groups = m.groupdict()
    scale_word = (
        groups.get("scale") or groups.get("ascale") or groups.get("scale1") or ""
    ).lower() or None
    multiplier = p.scales.get(scale_word, 1.0) if scale_word else 1.0
    if number is None:
        number = _to_float(m.group("num"))
    unit = currency or p.units.get(unit_text) or None
    kind = (
        "money"
        if currency
        else "percent"
        if unit in _PERCENT_UNITS
        else "measure"
        if unit
        else "number"
    )
    qual = m.group("qual")
    figure = Figure(
        text,
        start,
        end,
        number,
        number * (1.0 if kind == "percent" else multiplier),
        kind,
        scale=scale_word,
        unit=unit,
        qualifier=p.qualifiers.get(qual.lower()) if qual else None,
        qualifier_text=qual,
    )
    high = groups.get("num2")
    if high:
        low_scale = p.scales.get(
            (groups.get("scale1") or groups.get("ascale") or "").lower(), multiplier
        )
        high_scale = p.scales.get((groups.get("ascale2") or "").lower(), multiplier)
        if kind == "percent":
            low_scale = high_scale = 1.0
        figure.low, figure.high = number * low_scale, _to_float(high) * high_scale
        figure.value = figure.low
    return figure


def _to_float(number: str) -> float:
    return float(number.replace(",", ""))


def _mark_change(p: _Patterns, figure: Figure, before: str, after: str) -> None:
    """ "an increase of nearly 39%", "rose 5 percent", "a 3 percent drop" are changes."""
    next_word = after.strip().split(" ")[0].lower().strip(",.;") if after.strip() else ""
    if p.increase.search(before) or next_word in p.increase_after:
        figure.is_change, figure.direction = True, "increase"
    elif p.decrease.search(before) or next_word in p.decrease_after:
        figure.is_change, figure.direction = True, "decrease"


def complete_figures(
    drafts: list[Draft], syntax: dict[int, SentenceSyntax], mentions: list[Mention], text: str
) -> list[Figure]:
    """Fill counted noun, item and subject from each figure's parsed sentence.

    `syntax` maps a sentence start offset to its parse. Spelled counts that count no noun are
    dropped. A figure whose sentence names no actor (country, organisation, person) takes the
    previous figure's subject
    ("Further, coal imports surged ..." after "South Korea imported ...").
    """
    index = MentionIndex(mentions)
    figures: list[Figure] = []
    verbs: dict[int, str] = {}
    previous: Figure | None = None
    for draft in drafts:
        figure = draft.figure
        parsed = syntax.get(figure.sentence_start)
        if parsed is not None:
            parsed.describe(figure, draft.number_start, index)
            verb = parsed.governing_verb(figure, draft.number_start)
            if verb:
                verbs[id(figure)] = verb
        _currency_count(figure)
        if draft.needs_noun and figure.kind != "count":
            continue
        if figure.subject_entity_id is None and previous is not None:
            figure.subject_entity_id = _carried_subject(previous, figure, index)
        figures.append(figure)
        previous = figure
    published = figures[0].date if figures else None
    return fill_ledger(figures, text, mentions, "en", published, verbs)


def _currency_count(figure: Figure) -> None:
    """ "millions of dollars": a vague count of a currency is an amount of money."""
    code = _patterns().currency_words.get((figure.unit or "").lower())
    if figure.kind == "count" and code:
        figure.kind, figure.unit = "money", code


def other_language_figures(
    doc: Doc, language: str, mentions: list[Mention], published: date | None
) -> list[Figure] | None:
    """Figures of a text in another language (`numbers.py`), with their ledger fields; None
    when no lexicon file teaches that language's numbers."""
    if number_rules(language) is None:
        return None
    figures = []
    for sent in doc.sents:
        for figure in find_numbers(doc.text, sent.start_char, sent.end_char, language):
            figure.sentence = doc.text[sent.start_char : sent.end_char]
            figure.sentence_start, figure.sentence_end = sent.start_char, sent.end_char
            figure.date = published
            figures.append(figure)
    return fill_ledger(figures, doc.text, mentions, language, published)


def _carried_subject(previous: Figure, figure: Figure, index: MentionIndex) -> str | None:
    """The previous figure's subject, if it shares the sentence or this one names no actor."""
    same_sentence = previous.sentence_start == figure.sentence_start
    if same_sentence or not index.first_actor_between(figure.sentence_start, figure.sentence_end):
        return previous.subject_entity_id
    return None
