"""The enrichment part of the storage interface: entities, mentions, figures, keywords.

Mixed into `Store`; every method runs in `Store.transaction()` like the rest of the interface.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, update

from newsdesk.model.enrichment import (
    DocumentFrequencies,
    Enrichment,
    Entity,
    Figure,
    Keyword,
    LanguageGuess,
    Mention,
)
from newsdesk.store.schema import (
    article_enrichments,
    articles,
    entities,
    figures,
    keyword_frequencies,
    mentions,
)


@dataclass
class EntityCount:
    """An entity with how often the store mentions it, and the names it was written as."""

    entity: Entity
    articles: int
    mentions: int
    variants: list[str]


@dataclass
class FigureRow:
    """A stored figure with the article it was reported in."""

    figure: Figure
    article_id: str
    title: str
    source: str | None
    published_at: datetime | None


@dataclass
class StoredEnrichment:
    language: LanguageGuess | None
    keywords: list[Keyword]
    skipped: list[str]


def fold_name(text: str) -> str:
    """Kim Jong-un, Kim Jong Un and kim jong un fold to one key."""
    return " ".join(text.casefold().replace("-", " ").replace("\u2019", "'").split())


class EnrichmentStore:
    """Methods `Store` gains for the enrichment stage and the views over its results."""

    def transaction(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    def save_enrichment(self, enrichment: Enrichment, version: int) -> None:
        """Replace what is stored for this article with a new enrichment of `version`."""
        article_id = enrichment.article_id
        with self.transaction() as conn:
            old_terms = conn.execute(
                select(article_enrichments.c.terms).where(
                    article_enrichments.c.article_id == article_id
                )
            ).scalar()
            conn.execute(delete(mentions).where(mentions.c.article_id == article_id))
            conn.execute(delete(figures).where(figures.c.article_id == article_id))
            conn.execute(
                delete(article_enrichments).where(article_enrichments.c.article_id == article_id)
            )
            _upsert_entities(conn, enrichment.entities)
            if enrichment.mentions:
                conn.execute(
                    mentions.insert(), [_mention_row(article_id, m) for m in enrichment.mentions]
                )
            if enrichment.figures:
                conn.execute(
                    figures.insert(), [_figure_row(article_id, f) for f in enrichment.figures]
                )
            conn.execute(article_enrichments.insert(), _enrichment_row(enrichment, version))
            _count_terms(conn, old_terms or [], enrichment.terms)

    def keyword_frequencies(self) -> DocumentFrequencies:
        """The corpus's document frequencies, as the keyword scorer reads them."""
        with self.transaction() as conn:
            documents = conn.execute(
                select(func.count()).select_from(article_enrichments)
            ).scalar_one()
            counts = Counter(
                dict(
                    conn.execute(
                        select(keyword_frequencies.c.term, keyword_frequencies.c.documents)
                    ).all()
                )
            )
        return DocumentFrequencies(documents, counts)

    def top_entities(self, limit: int = 30, entity_type: str | None = None) -> list[EntityCount]:
        """Entities by the number of articles mentioning them, with the names seen."""
        query = (
            select(
                mentions.c.entity_id,
                func.count(func.distinct(mentions.c.article_id)).label("articles"),
                func.count().label("mentions"),
            )
            .where(mentions.c.entity_id.is_not(None))
            .group_by(mentions.c.entity_id)
            .order_by(func.count(func.distinct(mentions.c.article_id)).desc(), func.count().desc())
        )
        if entity_type:
            query = query.join(entities, entities.c.id == mentions.c.entity_id).where(
                entities.c.type == entity_type
            )
        with self.transaction() as conn:
            rows = conn.execute(query.limit(limit)).all()
            return [self._entity_count(conn, r.entity_id, r.articles, r.mentions) for r in rows]

    def _entity_count(
        self, conn: Connection, entity_id: str, articles_: int, count: int
    ) -> EntityCount:
        variants = conn.execute(
            select(mentions.c.text, func.count().label("n"))
            .where(mentions.c.entity_id == entity_id)
            .group_by(mentions.c.text)
            .order_by(func.count().desc(), mentions.c.text)
        ).all()
        return EntityCount(_entity(conn, entity_id), articles_, count, [v.text for v in variants])

    def find_entities(self, name: str) -> list[Entity]:
        """Entities whose id, name or an alias is `name` (case, hyphens and spaces folded)."""
        key = fold_name(name)
        with self.transaction() as conn:
            rows = conn.execute(select(entities)).all()
        found = [
            _entity_from_row(r)
            for r in rows
            if r.id == name or key in {fold_name(r.name), *(fold_name(a) for a in r.aliases)}
        ]
        return sorted(found, key=lambda e: (not e.known, e.id))

    def get_entity(self, entity_id: str) -> Entity | None:
        with self.transaction() as conn:
            row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
        return _entity_from_row(row) if row else None

    def entity_timeline(self, entity_id: str) -> list[tuple[date | None, int, int]]:
        """(day published, articles, mentions) for every day the entity was mentioned."""
        day = func.date(articles.c.published_at)
        query = (
            select(
                day.label("day"),
                func.count(func.distinct(mentions.c.article_id)).label("articles"),
                func.count().label("mentions"),
            )
            .join(articles, articles.c.id == mentions.c.article_id)
            .where(mentions.c.entity_id == entity_id)
            .group_by(day)
            .order_by(day.is_(None), day)
        )
        with self.transaction() as conn:
            return [(_as_date(r.day), r.articles, r.mentions) for r in conn.execute(query)]

    def entity_articles(self, entity_id: str, limit: int = 50) -> list[tuple[str, int]]:
        """(article id, mentions) of the articles naming an entity, most recent first."""
        query = (
            select(mentions.c.article_id, func.count().label("n"))
            .join(articles, articles.c.id == mentions.c.article_id)
            .where(mentions.c.entity_id == entity_id)
            .group_by(mentions.c.article_id, articles.c.published_at, articles.c.first_seen_at)
            .order_by(func.coalesce(articles.c.published_at, articles.c.first_seen_at).desc())
            .limit(limit)
        )
        with self.transaction() as conn:
            return [(r.article_id, r.n) for r in conn.execute(query)]

    def co_mentioned(self, entity_id: str, limit: int = 15) -> list[tuple[Entity, int]]:
        """Entities named in the same articles, by the number of articles shared."""
        theirs = select(mentions.c.article_id).where(mentions.c.entity_id == entity_id)
        query = (
            select(
                mentions.c.entity_id, func.count(func.distinct(mentions.c.article_id)).label("n")
            )
            .where(mentions.c.article_id.in_(theirs.scalar_subquery()))
            .where(mentions.c.entity_id.is_not(None), mentions.c.entity_id != entity_id)
            .group_by(mentions.c.entity_id)
            .order_by(func.count(func.distinct(mentions.c.article_id)).desc(), mentions.c.entity_id)
            .limit(limit)
        )
        with self.transaction() as conn:
            return [(_entity(conn, r.entity_id), r.n) for r in conn.execute(query).all()]

    def article_entities(self, article_id: str) -> list[tuple[Entity, int]]:
        """The entities an article names, most mentioned first."""
        query = (
            select(mentions.c.entity_id, func.count().label("n"))
            .where(mentions.c.article_id == article_id, mentions.c.entity_id.is_not(None))
            .group_by(mentions.c.entity_id)
            .order_by(func.count().desc(), mentions.c.entity_id)
        )
        with self.transaction() as conn:
            return [(_entity(conn, r.entity_id), r.n) for r in conn.execute(query).all()]

    def article_mentions(self, article_id: str) -> list[Mention]:
        query = (
            select(mentions).where(mentions.c.article_id == article_id).order_by(mentions.c.start)
        )
        with self.transaction() as conn:
            return [_mention_from_row(r) for r in conn.execute(query)]

    def article_enrichment(self, article_id: str) -> StoredEnrichment | None:
        with self.transaction() as conn:
            row = conn.execute(
                select(article_enrichments).where(article_enrichments.c.article_id == article_id)
            ).first()
        if row is None:
            return None
        language = (
            LanguageGuess(row.language, row.language_confidence or 0.0) if row.language else None
        )
        return StoredEnrichment(
            language, [Keyword(t, s) for t, s in row.keywords], list(row.skipped)
        )

    def find_figures(
        self,
        about: str | None = None,
        entity_ids: list[str] | None = None,
        article_id: str | None = None,
        limit: int = 100,
        measure: str | None = None,
    ) -> list[FigureRow]:
        """Figures, newest article first; `about` matches the thing counted, unit or sentence."""
        query = select(figures, articles.c.title, articles.c.source, articles.c.published_at).join(
            articles, articles.c.id == figures.c.article_id
        )
        if about:
            pattern = f"%{about.lower()}%"
            query = query.where(
                func.lower(func.coalesce(figures.c.item, "")).like(pattern)
                | func.lower(func.coalesce(figures.c.unit, "")).like(pattern)
                | func.lower(figures.c.sentence).like(pattern)
            )
        if entity_ids is not None:
            query = query.where(figures.c.subject_entity_id.in_(entity_ids))
        if article_id:
            query = query.where(figures.c.article_id == article_id)
        if measure:
            query = query.where(figures.c.measure == measure)
        order = func.coalesce(articles.c.published_at, articles.c.first_seen_at)
        query = query.order_by(order.desc(), figures.c.article_id, figures.c.start).limit(limit)
        with self.transaction() as conn:
            return [
                FigureRow(_figure_from_row(r), r.article_id, r.title, r.source, r.published_at)
                for r in conn.execute(query)
            ]

    def figure_measures(self, entity_id: str) -> list[tuple[str, int]]:
        """(measure, figures) of one subject's ledger, the most reported measure first."""
        query = (
            select(figures.c.measure, func.count())
            .where(figures.c.subject_entity_id == entity_id, figures.c.measure.is_not(None))
            .group_by(figures.c.measure)
            .order_by(func.count().desc(), figures.c.measure)
        )
        with self.transaction() as conn:
            return [(measure, count) for measure, count in conn.execute(query)]

    def iter_enrichment_counts(self) -> Iterator[tuple[str, int]]:
        """(article id, mention count) of every enriched article (for summaries)."""
        query = select(mentions.c.article_id, func.count()).group_by(mentions.c.article_id)
        with self.transaction() as conn:
            yield from conn.execute(query).all()


def _upsert_entities(conn: Connection, found: list[Entity]) -> None:
    if not found:
        return
    by_id = {e.id: e for e in found}
    stored = {r.id: r for r in conn.execute(select(entities).where(entities.c.id.in_(list(by_id))))}
    inserts, updates = [], []
    for entity in by_id.values():
        row = stored.get(entity.id)
        if row is None:
            inserts.append(_entity_row(entity))
            continue
        aliases = list(dict.fromkeys([*row.aliases, *entity.aliases]))
        name = entity.name if entity.known or len(entity.name) > len(row.name) else row.name
        if aliases != list(row.aliases) or name != row.name:
            updates.append({"entity_id": entity.id, "aliases": aliases, "name": name})
    if inserts:
        conn.execute(entities.insert(), inserts)
    if updates:
        conn.execute(update(entities).where(entities.c.id == bindparam("entity_id")), updates)


def _count_terms(conn: Connection, old: list[str], new: list[str]) -> None:
    """Keep document frequencies exact when an article is enriched again."""
    change = Counter(set(new))
    change.subtract(set(old))
    terms = [t for t, delta in change.items() if delta]
    if not terms:
        return
    known = dict(
        conn.execute(
            select(keyword_frequencies.c.term, keyword_frequencies.c.documents).where(
                keyword_frequencies.c.term.in_(terms)
            )
        ).all()
    )
    inserts = [
        {"term": t, "documents": change[t]} for t in terms if t not in known and change[t] > 0
    ]
    updates = [{"t": t, "documents": known[t] + change[t]} for t in terms if t in known]
    if inserts:
        conn.execute(keyword_frequencies.insert(), inserts)
    if updates:
        conn.execute(
            update(keyword_frequencies).where(keyword_frequencies.c.term == bindparam("t")), updates
        )


def _entity(conn: Connection, entity_id: str) -> Entity:
    row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
    if row is None:  # a mention whose entity row is missing: show its id rather than fail
        return Entity(id=entity_id, name=entity_id.split(":", 1)[-1], type=entity_id.split(":")[0])
    return _entity_from_row(row)


def _entity_row(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "known": entity.known,
        "roles": list(entity.roles),
    }


def _entity_from_row(row: Any) -> Entity:
    return Entity(row.id, row.name, row.type, list(row.aliases), row.known, list(row.roles))


def _mention_row(article_id: str, mention: Mention) -> dict[str, Any]:
    return {"article_id": article_id, **asdict(mention)}


def _mention_from_row(row: Any) -> Mention:
    fields = {k: getattr(row, k) for k in Mention.__dataclass_fields__}
    fields["candidates"] = list(fields["candidates"] or [])
    return Mention(**fields)


def _figure_row(article_id: str, figure: Figure) -> dict[str, Any]:
    return {"article_id": article_id, **asdict(figure)}


def _figure_from_row(row: Any) -> Figure:
    return Figure(**{k: getattr(row, k) for k in Figure.__dataclass_fields__})


def _enrichment_row(enrichment: Enrichment, version: int) -> dict[str, Any]:
    language = enrichment.language
    return {
        "article_id": enrichment.article_id,
        "version": version,
        "language": language.code if language else None,
        "language_confidence": language.confidence if language else None,
        "keywords": [[k.term, k.score] for k in enrichment.keywords],
        "terms": sorted(set(enrichment.terms)),
        "skipped": list(enrichment.skipped),
        "enriched_at": datetime.now(UTC),
    }


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
