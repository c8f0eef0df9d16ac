"""The figures ledger: each figure's measure, subject, claimant and date, one per fact.

Runs after the figures of an article are found (English: `figures.py`, other languages:
`numbers.py`), on the text and the linked mentions alone, by the rules of the article's
language (`ledger_rules.py`):
- `measure`: `measures.py`;
- `claimant`: `claimants.py` (None when the publisher states it);
- `as_of`: `figure_dates.py`;
- `subject`: `subjects.py`.
- one figure per fact: a figure with the value, measure and subject of an earlier one is the
  same fact told again, and is dropped; so are conversions in brackets ("300 km (185 mi)")
  and numbers in names ("Sukhoi Superjet 100").
"""

from __future__ import annotations

import re
from datetime import date

from newsdesk.enrich.claimants import Actor, ClaimFinder, actors
from newsdesk.enrich.figure_dates import figure_as_of
from newsdesk.enrich.ledger_rules import LedgerRules, ledger_rules
from newsdesk.enrich.measures import clause_bounds, measure_of
from newsdesk.enrich.subjects import Scene, subject_of
from newsdesk.model.enrichment import Figure, Mention

_SCALAR = frozenset({"duration", "distance", "weight"})
_CLOSING_UNIT = re.compile(r"\s*[^\W\d]{0,5}\.?\s*\)")


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
        if not _conversion(f, figures, text) and not _in_a_name(f, text, found)
    ]
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
        figure.as_of = figure_as_of(figure.start, text, window, rules, published)
        figure.subject_entity_id = subject_of(figure, scene, window, previous_subject)
        previous_subject = figure.subject_entity_id or previous_subject
    return one_per_fact(ordered)


def _is_count(figure: Figure, rules: LedgerRules) -> bool:
    """A count of people or things: the figures whose cues compete ("300 killed, 2,700
    wounded"); a duration between them does not ("Neun Soldaten ... des 120-tägigen ...")."""
    if figure.kind in ("money", "percent", "measure"):
        return False
    return rules.unit_measures.get((figure.unit or "").lower()) not in _SCALAR


def one_per_fact(figures: list[Figure]) -> list[Figure]:
    """The first figure of each fact: a later one with the same value, measure and subject
    repeats it, unless both name different counted nouns ("1,000 sappers", "1,000 builders").
    A headline's bare figure learns its claimant and date from the body's repeat of it."""
    kept: list[Figure] = []
    for figure in figures:
        first = next((k for k in kept if _same_fact(figure, k)), None)
        if first is None or figure.measure is None:
            kept.append(figure)
            continue
        if first.claimant_entity_id is None and figure.claimant_entity_id is not None:
            first.claimant, first.claimant_entity_id = figure.claimant, figure.claimant_entity_id
        first.as_of = first.as_of or figure.as_of
    return kept


def _same_fact(later: Figure, earlier: Figure) -> bool:
    if round(later.value, 6) != round(earlier.value, 6) or later.is_change != earlier.is_change:
        return False
    if later.kind == "number" and later.unit is None:
        return True  # "has climbed to around 2,000": the number alone points back
    same_unit = later.unit is None or earlier.unit is None or later.unit == earlier.unit
    counts = {later.kind, earlier.kind} <= {"count", "number"}
    same_kind = counts or later.kind == earlier.kind
    same = (later.measure, later.subject_entity_id) == (earlier.measure, earlier.subject_entity_id)
    return same_unit and same_kind and same


def _conversion(figure: Figure, figures: list[Figure], text: str) -> bool:
    """ "300-350 km (185-220 mi)": the same distance in other units, in brackets. (An amount
    in another currency stays: "9.18 trillion won ($6.8 billion)" is reported as both.)"""
    if figure.kind == "money":
        return False
    before = text[max(0, figure.start - 3) : figure.start].rstrip()
    after = text[figure.end : figure.end + 8]
    if not before.endswith("(") or not _CLOSING_UNIT.match(after):
        return False
    return any(0 < figure.start - f.end <= 3 and f.unit for f in figures)


def _in_a_name(figure: Figure, text: str, found: list[Actor]) -> bool:
    """ "Sukhoi Superjet 100": a bare number after a capitalised word inside a sentence."""
    if figure.unit or figure.qualifier or figure.kind != "number" or figure.scale:
        return False
    words = text[max(0, figure.start - 30) : figure.start].split()
    if len(words) < 2 or not words[-1][:1].isupper() or words[-2][-1:] in '.!?"“':
        return False
    return not any(a.end == figure.start - 1 for a in found)
