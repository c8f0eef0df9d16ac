"""The figures ledger: each figure's measure, subject, claimant and date, one per fact.

Runs after the figures of an article are found (English: `figures.py`, other languages:
`numbers.py`), on the text and the linked mentions alone, by the rules of the article's
language (`ledger_rules.py`):
- `measure`: `measures.py`;
- `claimant`: `claimants.py` (None when the publisher states it);
- `as_of`: `figure_dates.py`;
- `subject`: `subjects.py`.
- one figure per fact: a figure with the value, measure and subject of an earlier one is the
  same fact told again, and is dropped; so are conversions ("300 km (185 mi)", "1.2 trillion
  won, or $900 million", "우리 돈으로 약 4조 원"), a rate's base ("1 dollar is traded at ...")
  and numbers in names ("Sukhoi Superjet 100").
"""

from __future__ import annotations

import re
from datetime import date

from newsdesk.enrich.claim_actors import Actor, actors
from newsdesk.enrich.claimants import ClaimFinder
from newsdesk.enrich.figure_dates import figure_as_of
from newsdesk.enrich.ledger_rules import CASUALTY_MEASURES, LedgerRules, ledger_rules
from newsdesk.enrich.ledger_sentences import Sentences
from newsdesk.enrich.measures import clause_bounds, measure_of
from newsdesk.enrich.subjects import Scene, subject_of
from newsdesk.model.enrichment import Figure, Mention

_SCALAR = frozenset({"duration", "distance", "weight"})
_SPAN_UNITS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years"})
_GENERIC_MEASURES = frozenset({"people", "other"})  # what a count measures when no cue says
_CLOSING_UNIT = re.compile(r"\s*[^\W\d]{0,5}\.?\s*[)）]")


def fill_ledger(
    figures: list[Figure],
    text: str,
    mentions: list[Mention],
    language: str,
    published: date | None,
    verbs: dict[int, str] | None = None,
) -> list[Figure]:
    """Fill measure, subject, claimant and as_of of `figures` and drop repeats; the result is
    in text order. `verbs` maps id(figure) to the word its count hangs on, when a parse gave
    one ("killed" in "100 soldiers ... were killed")."""
    rules = ledger_rules(language) or ledger_rules("en")
    if not figures or rules is None:
        return figures
    found = actors(text, mentions, rules)
    claims = ClaimFinder(text, found, mentions, rules)
    scene = Scene.of(text, found, mentions, rules, claims)
    sentences = claims.sentences
    ordered = [
        f
        for f in sorted(figures, key=lambda f: f.start)
        if not _conversion(f, figures, text)
        and not _converted_in_words(f, figures, text, rules)
        and not _converted_in_a_bracket(f, figures, text)
        and not _in_a_name(f, text, found)
        and not _calibre(f, text)
        and not _age(f, text, found)
        and not _exchange_rate(f, figures, text)
    ]
    _borrow_counted_nouns(ordered, sentences)
    previous_subject: str | None = None
    for i, figure in enumerate(ordered):
        window = sentences.spans[sentences.index(figure.start)]
        before = next((f for f in reversed(ordered[:i]) if _is_count(f, rules)), None)
        after = next((f for f in ordered[i + 1 :] if _is_count(f, rules)), None)
        bounds = clause_bounds(figure, window, before, after)
        figure.measure = measure_of(figure, text, bounds, rules, (verbs or {}).get(id(figure)))
        claim = claims.claim_for(figure.start, figure.end)
        if claim is not None:
            figure.claimant, figure.claimant_entity_id = claim.actor.text, claim.actor.entity_id
        if figure.measure != "duration":  # a span of time refers to no one date
            figure.as_of = figure_as_of(figure.start, text, window, rules, published)
        attribution = scene.attribution(claim.actor if claim is not None else None)
        figure.subject_entity_id = subject_of(figure, scene, window, previous_subject, attribution)
        previous_subject = figure.subject_entity_id or previous_subject
    return one_per_fact(ordered, rules)


def _borrow_counted_nouns(figures: list[Figure], sentences: Sentences) -> None:
    """ "300 soldiers have been killed and 2,700 injured", "sent 20,000 soldiers. Around 600
    have been killed": a bare number counts the noun of the count just before it, in its
    sentence or the one before."""
    for before, figure in zip(figures, figures[1:], strict=False):
        if figure.kind != "number" or figure.unit or before.kind != "count" or not before.unit:
            continue
        if sentences.index(figure.start) - sentences.index(before.start) <= 1:
            figure.kind, figure.unit = "count", before.unit


def _is_count(figure: Figure, rules: LedgerRules) -> bool:
    """A count of people or things: the figures whose cues compete ("300 killed, 2,700
    wounded"); a duration between them does not ("Neun Soldaten ... des 120-tägigen ...")."""
    if figure.kind in ("money", "percent", "measure"):
        return False
    return rules.unit_measures.get((figure.unit or "").lower()) not in _SCALAR


def one_per_fact(figures: list[Figure], rules: LedgerRules | None = None) -> list[Figure]:
    """The first figure of each fact: a later one with the same value, measure and subject
    repeats it, unless both name different counted nouns ("1,000 sappers", "1,000 builders").
    A headline's bare figure learns its claimant and date from the body's repeat of it."""
    kept: list[Figure] = []
    for figure in figures:
        first = next((k for k in kept if _same_fact(figure, k, rules)), None)
        if first is None or figure.measure is None:
            kept.append(figure)
            continue
        if first.claimant_entity_id is None and figure.claimant_entity_id is not None:
            first.claimant, first.claimant_entity_id = figure.claimant, figure.claimant_entity_id
        first.as_of = first.as_of or figure.as_of
    return kept


def _same_fact(later: Figure, earlier: Figure, rules: LedgerRules | None = None) -> bool:
    if round(later.value, 6) != round(earlier.value, 6) or later.is_change != earlier.is_change:
        return False
    if _listed_shares(later, earlier):
        return False
    if later.kind == "number" and later.unit is None:
        return True  # "has climbed to around 2,000": the number alone points back
    # "people" is what a counter of persons says when the text does not name them ("2000人");
    # "600 morts" after "600 soldats ... tués": a noun that names what befell them, not who
    units = {
        u for u in (later.unit, earlier.unit) if not _names_the_measure(u, later.measure, rules)
    }
    units = units or {None}
    same_unit = None in units or "people" in units or len(units) == 1
    counts = {later.kind, earlier.kind} <= {"count", "number"}
    same_kind = counts or later.kind == earlier.kind
    # a repeat whose sentence says less ("the 11,000 people") is the fact told before
    generic = later.measure in _GENERIC_MEASURES
    same_measure = later.measure == earlier.measure or generic
    subjects = {later.subject_entity_id, earlier.subject_entity_id}
    same_subject = len(subjects) == 1 or (generic and None in subjects)
    # the same number of the same named thing measured alike: one fact, even where the
    # sentences around it name different owners ("sent 11,000 troops" ... "for 11,000 troops")
    # (not shares: "50 percent" of one thing and of another are common in one text)
    named = later.unit is not None and later.kind != "percent"
    named_alike = named and later.unit == earlier.unit and same_measure
    return same_unit and same_kind and same_measure and (same_subject or named_alike)


def _listed_shares(later: Figure, earlier: Figure) -> bool:
    """ "63% in Daejeon ..., 63% in Seoul": equal shares in one sentence are a list of
    different facts, not one told twice."""
    shares = later.kind == earlier.kind == "percent"
    return shares and later.sentence_end > 0 and later.sentence_start == earlier.sentence_start


def _names_the_measure(unit: str | None, measure: str | None, rules: LedgerRules | None) -> bool:
    """ "dead", "wounded", "casualties": a counted noun that names a casualty measure."""
    if rules is None or unit is None or measure not in CASUALTY_MEASURES:
        return False
    return rules.unit_measures.get(unit.lower()) == measure


def _conversion(figure: Figure, figures: list[Figure], text: str) -> bool:
    """ "300-350 km (185-220 mi)", "1.52 trillion won (US$1.09 billion)", "2.2 billion
    (£1.76bn)": the same quantity in other units, in brackets right after it; one fact, told
    once. A share after a count ("4명(6.3%)") is a second fact: the change as a percentage."""
    before = text[max(0, figure.start - 3) : figure.start].rstrip()
    after = text[figure.end : figure.end + 8]
    if not before.endswith(("(", "（")) or not _CLOSING_UNIT.match(after):
        return False
    return any(
        0 < figure.start - f.end <= 3
        and (figure.unit == "percent") <= (f.unit == "percent")
        and (
            (f.unit and (f.kind == "money") == (figure.kind == "money"))
            or _unnamed_amount(f, figure)
        )
        for f in figures
    )


def _converted_in_words(
    figure: Figure, figures: list[Figure], text: str, rules: LedgerRules
) -> bool:
    """ "약 30억 달러, 우리 돈으로 약 4조 원": money told again in the reader's currency, after
    the language's words for it (`conversion_words` of its `[numbers]` or `[ledger]` table)."""
    words = rules.conversion_words
    if figure.kind != "money" or not words:
        return False
    for f in figures:
        # another currency: "$5 million or $10 million" are two amounts, not one converted
        if f.kind == "money" and f.unit != figure.unit and 0 < figure.start - f.end <= 30:
            between = text[f.end : figure.start].strip(" ,，、\u00a0").lower()
            if any(_ends_with_word(between, w) for w in words):
                return True
    return False


def _converted_in_a_bracket(figure: Figure, figures: list[Figure], text: str) -> bool:
    """ "3,600 and 4,600 yuan ($500 and $635)", "1.52 trillion won (about US$1.09 billion)":
    money in a short bracket right after other money is the same amount converted, however
    the bracket words it (a range, a qualifier); so is a span of time after another ("5,156
    seconds (about 1 hour and 25 minutes)")."""
    spans = figure.unit in _SPAN_UNITS
    if figure.kind != "money" and not spans:
        return False
    window = text[max(0, figure.start - 25) : figure.start]
    opening = max(window.rfind("("), window.rfind("（"))
    if opening < 0 or not re.search(r"[)）]", text[figure.end : figure.end + 25]):
        return False
    opening += max(0, figure.start - 25)
    if re.search(r"[)）]", text[opening : figure.start]):
        return False
    return any(
        f is not figure
        and (f.unit in _SPAN_UNITS if spans else f.kind == "money")
        and 0 <= opening - f.end <= 2
        for f in figures
    )


def _ends_with_word(text: str, word: str) -> bool:
    return text.endswith(word) and (len(text) == len(word) or not text[-len(word) - 1].isalnum())


def _unnamed_amount(before: Figure, figure: Figure) -> bool:
    """ "2.2 billion (£1.76bn)": a scaled number that names no currency, converted in brackets
    into money of the same scale."""
    return before.kind == "number" and bool(before.scale) and figure.kind == "money"


# "12.7 mm", "de 122 et 152 mm", "(170 mm)": a bore of a gun (each number of a list before it)
# The joiners are letters ("and", "et", "и"), never digits, and a list has few members: a joiner
# that could also be digits makes the pattern backtrack without end on a long run of digits.
_CALIBRE = re.compile(
    r"(?:\s*(?:,|/|[^\W\d]{1,3})\s*\d+(?:[.,]\d+)?){0,6}\s*-?(?:mm|мм)(?!\w)", re.I
)
_CALIBRE_UNITS = frozenset({"mm", "millimeter", "millimeters", "millimetre", "millimetres"})
_CALIBRE_REACH = 80  # characters after the number where a calibre's unit can still come


def _calibre(figure: Figure, text: str) -> bool:
    """A calibre names a kind of gun or shell; it is not a quantity anyone reports. A number
    right before a calibre is one ("152 mm"), or a member of a list a calibre closes ("122 and
    152 mm", which `numbers.py` does not see as one); a figure that writes its own counted noun
    is neither: the list after it is the next figure's ("300만개, 122mm 포탄 50만개")."""
    if (figure.unit or "").lower() in _CALIBRE_UNITS:
        return True  # "152-millimeter artillery shells": the unit read is the calibre's
    if figure.kind == "money" or figure.qualifier or _writes_its_noun(figure):
        return False
    return bool(_CALIBRE.match(text[figure.end : figure.end + _CALIBRE_REACH]))


def _writes_its_noun(figure: Figure) -> bool:
    """ "300만개", "300 000 obus": the figure's own text ends in the noun or counter it counts
    (not a calibre's "mm", nor a bare number whose noun a parse found further on)."""
    unit = (figure.unit or "").lower()
    return bool(unit) and unit != "mm" and not figure.text.rstrip()[-1:].isdigit()


def _exchange_rate(figure: Figure, figures: list[Figure], text: str) -> bool:
    """ "($1 = 1,380 won)": a rate of exchange, not a reported amount; so is one unit of a
    currency alone ("1 dollar is traded at 30,800 won", "1ドル(約155円)に対して"): the base a
    rate is given against, with the amount in another currency right after it."""
    if _rate_base(figure, figures):
        return True
    before = text[max(0, figure.start - 3) : figure.start]
    return "=" in before or "=" in text[figure.end : figure.end + 3]


def _rate_base(figure: Figure, figures: list[Figure]) -> bool:
    if figure.kind != "money" or figure.value != 1 or figure.scale or figure.high:
        return False
    return any(
        f.kind == "money" and f.unit != figure.unit and 0 < f.start - figure.end <= 40
        for f in figures
    )


_AGE_BEFORE = re.compile(r"^\s*,\s*(?:[^\W\d]{1,3}\s+)?$")  # "Kim, ", "Kim, de "


def _age(figure: Figure, text: str, found: list[Actor]) -> bool:
    """ "Kim Jong-un, de 41 años,", "Kim, 41 ans,": years in apposition to a person: an age."""
    if figure.unit != "years" or text[figure.end : figure.end + 1] not in (",", ")", ";"):
        return False
    return any(
        a.type == "person"
        and a.end <= figure.start
        and _AGE_BEFORE.match(text[a.end : figure.start])
        for a in found
    )


def _in_a_name(figure: Figure, text: str, found: list[Actor]) -> bool:
    """ "Sukhoi Superjet 100": a bare number after a capitalised word inside a sentence."""
    if figure.unit or figure.qualifier or figure.kind != "number" or figure.scale:
        return False
    words = text[max(0, figure.start - 30) : figure.start].split()
    if len(words) < 2 or not words[-1][:1].isupper() or words[-2][-1:] in '.!?"“':
        return False
    return not any(a.end == figure.start - 1 for a in found)
