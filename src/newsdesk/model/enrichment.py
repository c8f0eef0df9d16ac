"""The records the enrichment stage produces for one article.

All character offsets (`start`, `end`, `sentence_start`, ...) index into the article's enrichment
text: `article_text(article)`, the title, a blank line, then the body paragraphs joined by blank
lines. Everything here is plain data, safe to pickle between worker processes and to store.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

# Entity types: what a mention is linked to.
PERSON = "person"
ORG = "org"
COUNTRY = "country"
PLACE = "place"
GROUP = "group"
ENTITY_TYPES = (PERSON, ORG, COUNTRY, PLACE, GROUP)


@dataclass
class Entity:
    """One canonical entity an article mentions.

    `id` is stable across articles: the knowledge id ("person:kim-jong-un") for known entities,
    else "<type>:<slug of the fullest name seen>" ("person:park-yong-han").
    """

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)  # surface forms seen, plus known aliases
    known: bool = False  # comes from a knowledge file
    roles: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """One place in the text that names an entity.

    `entity_id` is None when the name could not be resolved to one entity (a bare "Kim" after two
    different Kims); `candidates` then lists the ids it could be.
    `metonym` is True when a capital or seat of power stands for its state ("Seoul must ...").
    """

    entity_id: str | None
    text: str
    start: int
    end: int
    label: str  # the spaCy label the span carried: PERSON, ORG, GPE, LOC, NORP, FAC
    sentence: int  # index of the sentence in the article
    sentence_start: int
    sentence_end: int
    metonym: bool = False
    candidates: list[str] = field(default_factory=list)


@dataclass
class Figure:
    """One reported quantity.

    `number` is the figure as written (17.38); `scale` the word that multiplies it ("million")
    and `value` the result (17_380_000.0). A range ("2,000 to 3,000") keeps both ends in `low`
    and `high` (scaled), with `number`/`value` holding the low end. `qualifier` says how exact
    the source was ("approximately", "at least", "at most"), `qualifier_text` the words it
    used ("nearly"). `is_change` marks a change ("an increase of nearly 39%") rather than a
    level, `direction` "increase" or "decrease" when the text says which.
    """

    text: str
    start: int
    end: int
    number: float
    value: float
    kind: str  # "money", "percent", "measure", "count" or "number"
    scale: str | None = None
    unit: str | None = None  # ISO currency code, canonical unit, or the counted noun ("troops")
    item: str | None = None  # the thing counted or measured ("coal", "revenue")
    qualifier: str | None = None
    qualifier_text: str | None = None
    is_change: bool = False
    direction: str | None = None
    low: float | None = None
    high: float | None = None
    subject_entity_id: str | None = None  # best effort: the entity the sentence is about
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    date: date | None = None  # the article's date
    # The ledger: what the figure counts ("killed", "deployed", "shells", "money", "duration"...),
    # who says so (the attributed speaker or agency, else None: the publisher's own statement),
    # and the date the figure refers to when the text gives one ("as of December": "2024-12").
    measure: str | None = None
    claimant: str | None = None  # as written ("South Korea's spy agency")
    claimant_entity_id: str | None = None
    as_of: str | None = None  # ISO date, year-month or year


@dataclass
class Keyword:
    term: str
    score: float


@dataclass
class LanguageGuess:
    """ISO 639-1 code and a confidence between 0 and 1 (py3langid, normalised)."""

    code: str
    confidence: float


@dataclass
class Enrichment:
    """Everything the enrichment stage found in one article."""

    article_id: str
    language: LanguageGuess
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    terms: list[str] = field(
        default_factory=list
    )  # distinct keyword candidates: feeds the df table
    text_length: int = 0
    skipped: list[str] = field(
        default_factory=list
    )  # parts not run, with why ("figures: not English")

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def mentions_of(self, entity_id: str) -> list[Mention]:
        return [m for m in self.mentions if m.entity_id == entity_id]


@dataclass
class DocumentFrequencies:
    """How many documents of a corpus hold each term: the idf side of tf-idf."""

    documents: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def add_document(self, terms: Iterable[str]) -> None:
        """Count one document's distinct terms (an `Enrichment.terms` list)."""
        self.documents += 1
        self.counts.update(set(terms))

    def idf(self, term: str) -> float:
        if self.documents == 0:
            return 1.0
        return math.log((1 + self.documents) / (1 + self.counts.get(term, 0))) + 1.0

    def save(self, path: Path) -> None:
        data = {"documents": self.documents, "counts": dict(self.counts.most_common())}
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> DocumentFrequencies:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(int(data["documents"]), Counter(data["counts"]))
