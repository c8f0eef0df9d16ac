"""Figures from the enrichment ledger, cited and compared.

A figure's `measure` is what it counts or measures ("troops", "KRW", "metric tons"), folded so
that "soldiers", "servicemen" and "troops" compare; two figures disagree when they have the
same measure, compatible subjects (the same entity, or one of them unknown) and different
values. Changes ("up 39%") are not levels and are never compared with levels.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.ai.cite import Cited, citation
from newsdesk.model import StoredArticle
from newsdesk.model.enrichment import Figure
from newsdesk.store import Store

# Counted nouns that name one measure on this beat (extend for another beat).
SAME_MEASURE = {
    "soldier": "troops",
    "soldiers": "troops",
    "servicemen": "troops",
    "serviceman": "troops",
    "troop": "troops",
    "forces": "troops",
    "shell": "shells",
    "round": "shells",
    "rounds": "shells",
    "artillery shells": "shells",
    "container": "containers",
    "defector": "defectors",
    "escapees": "defectors",
}
# A sentence about losses is not a sentence about a deployment, though both count troops.
LOSS_WORDS = ("killed", "died", "dead", "wounded", "injured", "casualt", "captured")
RELATIVE = 0.005  # values closer than this (relative) are the same figure written differently


@dataclass(frozen=True)
class CitedFigure:
    """A figure as the source wrote it, its value, and the sentence it stands in."""

    text: str
    value: float
    measure: str
    subject: str | None
    cited: Cited


def measure_of(figure: Figure) -> str | None:
    """What the figure measures, or None when it cannot be compared (a bare number)."""
    if figure.is_change or figure.kind == "number":
        return None
    unit = (figure.unit or "").casefold().strip()
    if not unit or (figure.kind == "percent" and not figure.item):
        return None
    if figure.kind == "percent":  # 50 percent of what: the item says
        unit = f"percent {figure.item.casefold()}" if figure.item else unit
    measure = SAME_MEASURE.get(unit, unit)
    sentence = figure.sentence.casefold()
    if measure == "troops" and any(word in sentence for word in LOSS_WORDS):
        measure = "troop losses"
    return measure


def paragraph_of(stored: StoredArticle, start: int) -> int | None:
    """The paragraph an enrichment offset falls in (None for the title)."""
    a = stored.article
    offset = len(a.title) + 2
    if start < offset:
        return None
    for index, paragraph in enumerate(a.paragraphs):
        if start < offset + len(paragraph):
            return index
        offset += len(paragraph) + 2
    return None


def cited_figures(store: Store, stored: StoredArticle) -> list[CitedFigure]:
    """The comparable figures of one article, each cited to the paragraph it stands in."""
    found = []
    for row in store.find_figures(article_id=stored.id, limit=500):
        figure = row.figure
        measure = measure_of(figure)
        paragraph = paragraph_of(stored, figure.sentence_start)
        if measure is None or paragraph is None or not figure.sentence:
            continue
        cited = Cited(figure.sentence, citation(stored, paragraph))
        found.append(
            CitedFigure(figure.text, figure.value, measure, figure.subject_entity_id, cited)
        )
    return found


def comparable(a: CitedFigure, b: CitedFigure, subjects: bool = True) -> bool:
    """Same measure, and (unless `subjects` is False) compatible subjects."""
    same_subject = a.subject is None or b.subject is None or a.subject == b.subject
    return a.measure == b.measure and (same_subject or not subjects)


def differ(a: CitedFigure, b: CitedFigure, subjects: bool = True) -> bool:
    scale = max(abs(a.value), abs(b.value), 1e-9)
    return comparable(a, b, subjects) and abs(a.value - b.value) / scale > RELATIVE
