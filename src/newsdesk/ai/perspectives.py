"""Perspectives: a story's sources side by side, claim by claim, and where their figures differ.

    story_perspectives(store, story_id)  ->  Perspectives(claims=[...], outlets=[...],
                                                          disagreements=[...])

`claims` are the claims two or more outlets carry, each with every outlet's own sentence;
`outlets` what each source says that no other does; `disagreements` the figures of one measure
and subject that the sources give different values for (Yonhap's "About 11,000" troops beside
Reuters' "Roughly 10,000"), from the figures ledger, each figure cited to its sentence.
Where a source is known (state media, Seoul, Kyiv, Washington), its side is named.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.ai.brief import find_story
from newsdesk.ai.cite import Cited
from newsdesk.ai.claims import representative, story_claims
from newsdesk.ai.figures import CitedFigure, cited_figures, differ
from newsdesk.model.stories import Story
from newsdesk.store import Store

# Where an outlet speaks from, for the beat's usual sides (extend for another beat).
SIDES = {
    "kcna": "Pyongyang state media",
    "kcna watch": "Pyongyang state media (via KCNA Watch)",
    "rodong sinmun": "Pyongyang state media",
    "tass": "Moscow state media",
    "ria novosti": "Moscow state media",
    "rt": "Moscow state media",
    "yonhap news agency": "Seoul",
    "the korea herald": "Seoul",
    "korea herald": "Seoul",
    "the korea times": "Seoul",
    "the hankyoreh": "Seoul",
    "the chosun ilbo": "Seoul",
    "korea joongang daily": "Seoul",
    "ukrinform": "Kyiv",
    "the kyiv independent": "Kyiv",
    "kyiv independent": "Kyiv",
    "associated press": "Washington-based wire",
    "the new york times": "Washington and New York press",
    "the washington post": "Washington and New York press",
    "global times": "Beijing state media",
    "xinhua": "Beijing state media",
}
SAYS_PER_OUTLET = 3


@dataclass
class ClaimRow:
    """One claim and, per outlet carrying it, that outlet's sentence."""

    sentence: Cited
    by_source: dict[str, Cited]


@dataclass
class Outlet:
    source: str
    side: str | None
    says: list[Cited]  # what only this outlet says, its best sentences first
    figures: list[CitedFigure]


@dataclass
class Disagreement:
    measure: str
    figures: list[CitedFigure]  # one per source, in time order


@dataclass
class Perspectives:
    story: Story
    claims: list[ClaimRow] = field(default_factory=list)
    outlets: list[Outlet] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)


def side_of(source: str | None) -> str | None:
    return SIDES.get((source or "").casefold().strip())


def story_perspectives(store: Store, story_id: int) -> Perspectives:
    story = find_story(store, story_id)
    claims = story_claims(store, story)
    result = Perspectives(story)
    for group in claims.groups:
        by_source: dict[str, Cited] = {}
        for index in sorted(group, key=lambda i: -claims.scores[i]):
            by_source.setdefault(claims.source_of(index), claims.sentences[index])
        shown = claims.sentences[representative(claims, group)]
        result.claims.append(ClaimRow(shown, dict(sorted(by_source.items()))))
    figures = [f for stored in claims.articles for f in cited_figures(store, stored)]
    singles: dict[str, list[int]] = {}
    for index in claims.single:
        singles.setdefault(claims.source_of(index), []).append(index)
    for source in sorted({claims.source_of(i) for i in range(len(claims.sentences))}):
        best = sorted(singles.get(source, []), key=lambda i: -claims.scores[i])[:SAYS_PER_OUTLET]
        mine = [f for f in figures if (f.cited.citation.source or "Unknown source") == source]
        says = [claims.sentences[i] for i in sorted(best)]
        result.outlets.append(Outlet(source, side_of(source), says, mine))
    result.disagreements = disagreements(figures)
    return result


def disagreements(figures: list[CitedFigure]) -> list[Disagreement]:
    """Measures for which two sources give different values: each source's first figure."""
    found = []
    for measure in dict.fromkeys(f.measure for f in figures):
        first_by_source: dict[str, CitedFigure] = {}
        for figure in figures:
            if figure.measure == measure:
                first_by_source.setdefault(figure.cited.citation.source or "", figure)
        chosen = list(first_by_source.values())
        if any(differ(a, b) for a in chosen for b in chosen):
            found.append(Disagreement(measure, chosen))
    return found
