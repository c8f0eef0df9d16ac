"""English quantities written without a number the digit and number-word patterns can read:

- fractions of a whole, as percentages: "two-thirds of the losses", "about half of the
  missiles", "more than a third of" (a bare "half" needs "of" after it or a qualifier before
  it: "in the second half" and "half a million" are no share);
- multiples: "failed twice", "more than double" (a bare "double" is no figure: "double
  standards");
- decades, in years: "three decades", "more than a decade", "the last two decades" (not "a
  decade ago" nor "the two decades since": a date and a reference);
- one unit written as a word: "a monthlong hiatus", "just over an hour" (only with a qualifier
  that is not a preposition: "over a year" is a span of time, not a report);
- a scale after an article: "a million shells", "half a million" (the noun is the parse's);
  after "several" or "a few", a lower bound read as "hundreds" and "thousands" are ("several
  thousand troops": at least 2,000);

The words live in `[figures.words]` of `data/knowledge/lexicon/en.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsdesk.enrich.lexicon import load_lexicon
from newsdesk.model.enrichment import Figure


@dataclass(frozen=True)
class _Words:
    qualifiers: dict[str, str]
    fractions: re.Pattern[str]
    multiples: re.Pattern[str]
    decades: re.Pattern[str]
    one_word_spans: re.Pattern[str]
    one_unit: re.Pattern[str]
    scaled: re.Pattern[str]
    articles: dict[str, float]
    vague_articles: frozenset[str]
    scales: dict[str, float]
    denominators: dict[str, float]
    numerators: dict[str, float]
    multiple_values: dict[str, float]
    span_units: dict[str, str]
    unit_words: dict[str, str]
    not_after: frozenset[str]
    references: frozenset[str]
    not_durations: re.Pattern[str]


# "the last three years", "the next two months": a determiner that opens a span of time, where
# before other nouns it points back ("the last three ships"); "the first nine months of this
# year" is a part of the calendar, which dates a figure
SPAN_DETERMINERS = frozenset({"last", "next", "past"})
_TIME_UNITS = frozenset({"days", "weeks", "months", "years", "hours", "minutes"})


def opens_a_span(words_before: list[str], unit: str | None, after: str) -> bool:
    """ "the last three years": a determiner of `SPAN_DETERMINERS` before a number with a unit
    of time opens a span (not "the last three months of 2024": a part of the calendar)."""
    last = words_before[-1].lower() if words_before else ""
    calendar = after.lstrip().lower().startswith("of ")
    return last in SPAN_DETERMINERS and unit in _TIME_UNITS and not calendar


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _words() -> _Words:
    figures = load_lexicon().figures
    words = figures["words"]
    qualifiers = {k.lower(): v for k, v in figures["qualifiers"].items()}
    numbers = {k.lower(): float(v) for k, v in figures["number_words"].items()}
    numerators = {"a": 1.0, "one": 1.0, **numbers}
    plain_quals = [q for q in qualifiers if q not in words["preposition_qualifiers"]]
    qual = rf"(?:(?P<qual>{_alt(qualifiers)})\s+)?"
    multiples = {k.lower(): float(v) for k, v in words["multiples"].items()}
    qualified = {k.lower(): float(v) for k, v in words["qualified_multiples"].items()}
    spans = {k.lower(): v for k, v in words["one_word_spans"].items()}
    units = {k.lower(): v for k, v in words["article_units"].items()}
    # "a hundred", "a few hundred": hundred scales a count here, though not a digit
    scales = {"hundred": 100.0, **{k.lower(): float(v) for k, v in figures["scales"].items()}}
    return _Words(
        qualifiers=qualifiers,
        fractions=re.compile(
            rf"(?i)(?<![\w-]){qual}(?:(?P<num>{_alt(numerators)})[\s-]+)?"
            rf"(?P<den>{_alt(words['fractions'])})\b(?!-)(?P<of>\s+of\b)?"
        ),
        multiples=re.compile(
            rf"(?i)(?<![\w-]){qual}(?:(?P<bare>{_alt(multiples)})"
            rf"|(?<=\s)(?P<qualified>{_alt(qualified)}))\b(?!-)"
        ),
        decades=re.compile(
            rf"(?i)(?<![\w-]){qual}(?P<num>{_alt(numerators)}|\d+)\s+(?P<unit>decades?)\b"
        ),
        one_word_spans=re.compile(rf"(?i)(?<![\w-])(?P<word>{_alt(spans)})\b"),
        one_unit=re.compile(
            rf"(?i)(?<![\w-])(?:(?P<qual>{_alt(plain_quals)})\s+)?(?:an?|one)\s+"
            rf"(?P<unit>{_alt(units)})\b(?P<half>\s+and\s+a\s+half\b)?"
        ),
        scaled=re.compile(
            rf"(?i)(?<![\w-]){qual}"
            rf"(?P<art>{_alt([*words['scaled_articles'], *words['vague_scaled']])})\s+"
            rf"(?P<scale>{_alt(k for k in scales if len(k) > 2)})\b(?!-)"
        ),
        articles={
            k.lower(): float(v)
            for k, v in {**words["scaled_articles"], **words["vague_scaled"]}.items()
        },
        vague_articles=frozenset(k.lower() for k in words["vague_scaled"]),
        scales=scales,
        denominators={k.lower(): float(v) for k, v in words["fractions"].items()},
        numerators=numerators,
        multiple_values={**multiples, **qualified},
        span_units=spans,
        unit_words=units,
        not_after=frozenset(w.lower() for w in words["not_after"]),
        references=frozenset(w.lower() for w in figures["reference_determiners"]),
        not_durations=re.compile(rf"(?i)[\s-]*(?:{_alt(figures['not_durations'])})\b"),
    )


def word_quantities(text: str, start: int, end: int) -> list[Figure]:
    """The quantities in words of the sentence text[start:end], in text order."""
    words = _words()
    sentence = text[start:end]
    found = [
        *_fractions(words, sentence),
        *_multiples(words, sentence),
        *_times(words, sentence),
        *_one_word_spans(words, sentence),
        *_scaled_articles(words, sentence),
    ]
    figures = []
    for local_start, local_end, value, unit, kind, qual in sorted(found, key=lambda f: f[0]):
        if figures and local_start < figures[-1].end - start:
            continue  # two readings of the same words: the first, longest one
        figure = Figure(
            sentence[local_start:local_end], start + local_start, start + local_end,
            value, value, kind, unit=unit,
        )  # fmt: skip
        if qual and qual.lower() in words.vague_articles:
            figure.qualifier, figure.qualifier_text = "at least", qual  # "several thousand"
        elif qual:
            figure.qualifier, figure.qualifier_text = words.qualifiers[qual.lower()], qual
        figures.append(figure)
    return figures


def _preceded_by(sentence: str, at: int, words: frozenset[str]) -> bool:
    before = sentence[:at].split()
    return bool(before) and before[-1].lower().strip(",") in words


def _fractions(words: _Words, sentence: str) -> list[tuple]:
    found = []
    for m in words.fractions.finditer(sentence):
        bare = not (m.group("of") or m.group("qual"))
        if bare or _preceded_by(sentence, m.start(), words.not_after):
            continue  # "half a million", "the latter half of"
        numerator = words.numerators[m.group("num").lower()] if m.group("num") else 1.0
        share = round(100 * numerator / words.denominators[m.group("den").lower()], 1)
        found.append((m.start(), m.end("den"), share, "percent", "percent", m.group("qual")))
    return found


def _multiples(words: _Words, sentence: str) -> list[tuple]:
    found = []
    for m in words.multiples.finditer(sentence):
        word = m.group("bare") or m.group("qualified")
        if m.group("qualified") and not m.group("qual"):
            continue
        value = words.multiple_values[word.lower()]
        found.append((m.start(), m.end(), value, "times", "count", m.group("qual")))
    return found


def _times(words: _Words, sentence: str) -> list[tuple]:
    found = []
    for m in words.decades.finditer(sentence):
        if _preceded_by(sentence, m.start(), words.references - SPAN_DETERMINERS):
            continue  # "the two decades since"; "the last two decades" is a span
        if words.not_durations.match(sentence, m.end()):
            continue  # "a decade ago", "three decades earlier": a date, not a span
        number = m.group("num").lower()
        count = float(number) if number.isdigit() else words.numerators[number]
        found.append((m.start(), m.end(), count * 10, "years", "measure", m.group("qual")))
    for m in words.one_unit.finditer(sentence):
        if not (m.group("qual") or m.group("half")):
            continue  # "an hour" alone is no figure; "an hour and a half" is one
        if words.not_durations.match(sentence, m.end()):
            continue  # "about a year ago": a date
        unit = words.unit_words[m.group("unit").lower()]
        value = 1.5 if m.group("half") else 1.0
        found.append((m.start(), m.end(), value, unit, "measure", m.group("qual")))
    return found


def _one_word_spans(words: _Words, sentence: str) -> list[tuple]:
    return [
        (m.start(), m.end(), 1.0, words.span_units[m.group("word").lower()], "measure", None)
        for m in words.one_word_spans.finditer(sentence)
    ]


def _scaled_articles(words: _Words, sentence: str) -> list[tuple]:
    found = []
    for m in words.scaled.finditer(sentence):
        art = m.group("art").lower()
        value = words.articles[art] * words.scales[m.group("scale").lower()]
        vague = art in words.vague_articles and not m.group("qual")
        qual = m.group("art") if vague else m.group("qual")
        found.append((m.start(), m.end(), value, None, "number", qual))
    return found
