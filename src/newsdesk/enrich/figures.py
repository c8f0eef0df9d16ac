"""Reported quantities: every number with its scale, unit, the thing counted and its subject.

Two steps, so that only sentences holding a figure pay for a parse:
1. `find_figures` scans the sentences of the entity pass with patterns built from the lexicon
   (`figure_patterns.py`, `data/knowledge/lexicon/en.toml`): qualifier, currency, number,
   range, scale, unit; quantities written in words come from `figure_words.py` ("two-thirds
   of", "twice", "three decades"). Dates, years, times, ordinals and numbers inside names are
   dropped.
2. `complete_figures` reads each figure's parsed sentence (`figure_syntax.py`) for the counted
   noun ("3,000 additional troops"), the item ("tons of coal") and the subject entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from newsdesk.enrich.figure_ledger import fill_ledger
from newsdesk.enrich.figure_patterns import Patterns, patterns
from newsdesk.enrich.figure_syntax import MentionIndex, SentenceSyntax
from newsdesk.enrich.figure_words import opens_a_span, word_quantities
from newsdesk.enrich.numbers import find_numbers, joined_sentences, number_rules
from newsdesk.model.enrichment import Figure, Mention

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


def find_figures(doc: Doc, article_date: date | None = None) -> list[Draft]:
    """Figures in every sentence of an entity-pass doc, before syntax."""
    rules = patterns()
    text = doc.text
    skip = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _SKIP_LABELS]
    drafts: list[Draft] = []
    for index, sent in enumerate(doc.sents):
        start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        sentence = sent.text.strip()
        if not sentence:
            continue
        found = (
            _digit_figures(rules, text, start, sentence, skip) if _DIGIT.search(sentence) else []
        )
        if rules.word_hint.search(sentence):
            found += _word_figures(rules, text, start, sentence)
        found = _with_word_quantities(found, word_quantities(text, start, start + len(sentence)))
        for figure, _, _ in found:
            _preposition_not_qualifier(figure, text)
        for figure, number_start, needs_noun in found:
            figure.sentence, figure.sentence_start = sentence, start
            figure.sentence_end, figure.date = start + len(sentence), article_date
            drafts.append(Draft(figure, index, number_start, needs_noun))
    return drafts


def _digit_figures(p: Patterns, text: str, base: int, sentence: str, skip) -> list:
    found = []
    for m in p.digits.finditer(sentence):
        start, end = base + m.start(), base + m.end()
        unit_text = (m.group("unit") or "").lower()
        currency = p.currency_prefixes.get(m.group("cur") or "") or p.currency_words.get(unit_text)
        measured = bool(currency or unit_text or m.group("scale") or m.group("ascale"))
        num_start = base + m.start("num")
        if end < len(text) and text[end].isalpha() and not unit_text:
            continue  # "1990s", "2nd", "10th"
        if _in_address(text, start, end) or _is_age_or_date(p, unit_text, text, end):
            continue
        if not measured and _is_date_or_name(p, m, text, num_start, base, skip):
            continue
        figure = _figure(p, m, text[start:end], start, end, currency, unit_text)
        if figure.high is not None and figure.high < figure.low:
            found += _tally(m, text, base, figure)  # "a 204-85 vote": two counts, no range
            continue
        _mark_change(p, figure, text[base:start], text[end:])
        found.append((figure, num_start, False))
    return found


def _tally(m: re.Match, text: str, base: int, figure: Figure) -> list:
    """ "a 204-85 vote", "won 3-1": a high end lower than the low one is no range but two
    counts side by side, each its own figure."""
    first_end, second = base + m.end("num"), (base + m.start("num2"), base + m.end("num2"))
    low = Figure(
        text[figure.start : first_end], figure.start, first_end, figure.low, figure.low,
        figure.kind, unit=figure.unit, qualifier=figure.qualifier,
        qualifier_text=figure.qualifier_text,
    )  # fmt: skip
    high = Figure(
        text[second[0] : second[1]], second[0], second[1], figure.high, figure.high,
        figure.kind, unit=figure.unit,
    )  # fmt: skip
    return [(low, base + m.start("num"), False), (high, second[0], False)]


def _word_figures(p: Patterns, text: str, base: int, sentence: str) -> list:
    found = []
    for m in p.words.finditer(sentence):
        start, end = base + m.start(), base + m.end()
        before = sentence[: m.start()].split()
        unit = p.units.get((m.group("unit") or "").lower())
        span = m.group("hunit") or opens_a_span(before[-1:], unit, sentence[m.end() :])
        if before and before[-1].lower() in p.reference and not span:
            continue  # "the two countries": a reference; "the six-month period" is a span
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
        unit_text = (m.group("unit") or m.group("hunit") or "").lower()
        word = m.group("word").lower()
        if word in p.scaled_only and m.group("unit") and _NOT_AFTER_ONE & {unit_text}:
            continue  # "one day he left": a time, not a span
        if word in p.scaled_only and not (m.group("scale") or unit_text):
            after = sentence[m.end() :].split()[:1]
            if (after and after[0].lower() in _NOT_AFTER_ONE) or _after_no(before):
                continue  # "one of", "no one", "one another": not a count
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
        if m.group("word2"):  # "two to three months"
            scale = figure.value / figure.number if figure.number else 1.0
            figure.low, figure.high = figure.value, p.number_words[m.group("word2").lower()] * scale
        _mark_change(p, figure, text[base:start], text[end:])
        found.append((figure, base + m.start("word"), not (unit_text or m.group("scale"))))
    return found


# "one of them", "one another", "one day", "no one": "one" that counts nothing; "one air route"
# and "one missile" count a noun (the parse must find it)
_NOT_AFTER_ONE = frozenset({"of", "another", "day", "time", "way", "side", "hand", "point"})


def _after_no(words_before: list[str]) -> bool:
    return bool(words_before) and words_before[-1].lower() in ("no", "any", "every", "each")


_SPAN_PREPOSITIONS = frozenset({"over", "under"})
_QUALIFIED_AFTER = frozenset({"of", "for", "than"})


def _preposition_not_qualifier(figure: Figure, text: str) -> None:
    """ "killed over three months": before a span of time "over" says during, not more than,
    unless a noun or "for" leads to it ("a hiatus of over five years", "for over a year")."""
    qual = (figure.qualifier_text or "").lower()
    if figure.unit not in _TIME_UNITS or qual not in _SPAN_PREPOSITIONS:
        return
    before = text[max(0, figure.start - 12) : figure.start].split()
    if before and before[-1].lower() in _QUALIFIED_AFTER:
        return
    cut = len(figure.qualifier_text) + 1
    figure.text, figure.start = figure.text[cut:], figure.start + cut
    figure.qualifier = figure.qualifier_text = None


def _with_word_quantities(found: list, words: list[Figure]) -> list:
    """The figures of a sentence with its quantities in words ("two-thirds of", "three
    decades"), which replace a number word they hold ("three" alone)."""
    kept = [f for f in found if not any(f[0].start < w.end and w.start < f[0].end for w in words)]
    return sorted([*kept, *((w, w.start, False) for w in words)], key=lambda f: f[0].start)


_ADDRESS = re.compile(r"://|www\.|@|=|_|\.(?:jpe?g|png|gif|pdf|html?|php|aspx?|mp4)\b", re.I)


def _in_address(text: str, start: int, end: int) -> bool:
    """A number inside a URL, a handle, an id or a file name ("IMG-20250604-WA0092.jpg")."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    token = text[left : right if right >= 0 else len(text)]
    return bool(_ADDRESS.search(token)) or token.count("/") >= 2


def _is_age_or_date(p: Patterns, unit_text: str, text: str, end: int) -> bool:
    """ "20 years old", "two years ago": an age or a date, not a duration."""
    unit = p.units.get(unit_text)
    return unit in _TIME_UNITS and bool(p.not_durations.search(text[end : end + 12]))


def _is_date_or_name(p: Patterns, m: re.Match, text: str, num_start: int, base: int, skip) -> bool:
    """A bare number that is a year, a date, a time or part of a name."""
    num, num2 = m.group("num"), m.group("num2")
    if any(s < base + m.end("num") and num_start < e for s, e in skip):
        return True
    if _is_year(num) and (num2 is None or _is_year(num2) or len(num2) == 2):
        return True  # "2024", "2023-2025", "1950-53"
    words_before = text[max(0, num_start - 20) : num_start].lower().split()
    word_before = words_before[-1] if words_before else ""
    if word_before in p.months or word_before in p.name_words:
        return True
    if _second_day(words_before, num, p):
        return True  # "between July 1 and 23": the last day of a date range
    after = text[base + m.end() : base + m.end() + 12].lower()
    if re.match(r"(?:/\d|\s*(?::\d|[ap]\.?m\b))", after):
        return True  # "10:30", "10 a.m.", "6/19", "24/7": a time, a date or a ratio
    word_after = after.split()[0].strip(",.") if after.split() else ""
    return word_after in p.months


def _second_day(words_before: list[str], number: str, p: Patterns) -> bool:
    if len(words_before) < 3 or words_before[-1] not in ("and", "to", "through", "until"):
        return False
    month, day = words_before[-3].strip(".,"), words_before[-2].strip(",")
    return month in p.months and day.isdigit() and number.isdigit() and int(number) <= 31


def _is_year(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and 1800 <= int(number) <= 2100


def _figure(
    p: Patterns,
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
    if scale_word == "m" and groups.get("ascale") and _a_length(currency, unit_text, text, m):
        scale_word, multiplier, unit_text = None, 1.0, "meters"  # "500m long": not $500m
    if number is None:
        number = _to_float(m.group("num"))
        if groups.get("minus"):
            number = -number  # "(-4.5%)": a fall written as a negative share
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


_LENGTH_WORDS = frozenset(
    {"long", "high", "wide", "deep", "tall", "away", "from", "above", "below"}
)


def _a_length(currency: str | None, unit_text: str, text: str, m: re.Match) -> bool:
    """ "500m long", "500m from the border": metres; "20m people", "$500m": millions."""
    after = [w.strip(".,;:!?)\"'’”").lower() for w in m.string[m.end() :].split()[:1]]
    return not currency and not unit_text and bool(after) and after[0] in _LENGTH_WORDS


def _to_float(number: str) -> float:
    return float(number.replace(",", ""))


def _mark_change(p: Patterns, figure: Figure, before: str, after: str) -> None:
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
        _plural_unit(figure)
        if draft.needs_noun and figure.kind not in ("count", "money"):
            continue  # a spelled count that counts nothing ("one of"); "millions of dollars" stays
        if figure.subject_entity_id is None and previous is not None:
            figure.subject_entity_id = _carried_subject(previous, figure, index)
        figures.append(figure)
        previous = figure
    published = figures[0].date if figures else None
    return fill_ledger(figures, text, mentions, "en", published, verbs)


def _plural_unit(figure: Figure) -> None:
    """ "one missile": a counted noun is named in the plural, whatever the count."""
    unit = figure.unit or ""
    if figure.kind == "count" and figure.value == 1 and unit.isalpha() and not unit.endswith("s"):
        figure.unit = (
            unit[:-1] + "ies" if unit.endswith("y") and unit[-2:-1] not in "aeiou" else unit + "s"
        )


def _currency_count(figure: Figure) -> None:
    """ "millions of dollars": a vague count of a currency is an amount of money."""
    code = patterns().currency_words.get((figure.unit or "").lower())
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
    spans = [(sent.start_char, sent.end_char) for sent in doc.sents]
    for start, end in joined_sentences(doc.text, spans):
        for figure in find_numbers(doc.text, start, end, language):
            figure.sentence = doc.text[start:end]
            figure.sentence_start, figure.sentence_end = start, end
            figure.date = published
            figures.append(figure)
    return fill_ledger(figures, doc.text, mentions, language, published)


def _carried_subject(previous: Figure, figure: Figure, index: MentionIndex) -> str | None:
    """The previous figure's subject, if it shares the sentence or this one names no actor."""
    same_sentence = previous.sentence_start == figure.sentence_start
    if same_sentence or not index.first_actor_between(figure.sentence_start, figure.sentence_end):
        return previous.subject_entity_id
    return None
