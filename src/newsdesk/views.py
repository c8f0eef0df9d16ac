"""One JSON shape per record, shared by export, the CLI, the API and the reader.

Finding a record by id raises NotFound (a 404 in the API, exit status 1 in the CLI).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from newsdesk.errors import NotFound
from newsdesk.ledger import Ledger, LedgerPoint, build_ledger, ledger_point
from newsdesk.model import StoredArticle, Timestamp
from newsdesk.model.enrichment import Entity
from newsdesk.model.live import Source
from newsdesk.model.stories import Story, Storyline
from newsdesk.search import Highlighted, SearchHit
from newsdesk.store import Store
from newsdesk.store.enrichment import FigureRow

MAX_STORY_FIGURES = 200


def timestamp_json(stamp: Timestamp | None) -> dict[str, Any] | None:
    if stamp is None:
        return None
    return {
        "utc": stamp.utc.isoformat().replace("+00:00", "Z"),
        "utc_offset_minutes": stamp.utc_offset_minutes,
        "precision": stamp.precision,
    }


def article_json(store: Store, stored: StoredArticle, provenance: bool = True) -> dict[str, Any]:
    """One article as a JSON object; with `provenance`, every raw input it was read from."""
    a = stored.article
    data: dict[str, Any] = {
        "id": stored.id,
        "version": stored.version,
        "title": a.title,
        "source": a.source,
        "site": a.site,
        "url": a.url,
        "canonical_url": a.canonical_url,
        "guid": a.guid,
        "authors": a.authors,
        "published": timestamp_json(a.published),
        "updated": timestamp_json(a.updated),
        "date_text": a.date_text,
        "language": a.language,
        "excerpt": a.excerpt,
        "tags": a.tags,
        "sections": [{"heading": s.heading, "paragraphs": s.paragraphs} for s in a.sections],
        "word_count": a.word_count,
        "is_truncated": a.is_truncated,
        "is_teaser": a.is_teaser,
        "relation": a.relation.value,
        "found_on": a.found_on,
        "notes": a.notes,
        "extra": a.extra,
        "first_seen_at": stored.first_seen_at.isoformat(),
        "last_seen_at": stored.last_seen_at.isoformat(),
    }
    if provenance:
        data["provenance"] = [
            {
                "raw_document_id": s.raw_document_id,
                "origin": s.origin,
                "sha256": s.sha256,
                "received_at": s.received_at.isoformat(),
                "format": s.format,
                "version": s.version,
            }
            for s in store.provenance(stored.id)
        ]
    return data


def export_json(store: Store, stored: StoredArticle) -> dict[str, Any]:
    """The whole record of an article for export: its fields, provenance, and what the later
    stages found (entities, figures, keywords, story, duplicate group). A stage that has not run
    over the article yet leaves its field empty or null, never absent."""
    enrichment = store.article_enrichment(stored.id)
    original, _ = store.copies(stored.id)
    figures = store.find_figures(article_id=stored.id, limit=10_000)
    return article_json(store, stored) | {
        "entities": [
            entity_json(entity) | {"mentions": count}
            for entity, count in store.article_entities(stored.id)
        ],
        "figures": [{k: v for k, v in figure_json(r).items() if k != "article"} for r in figures],
        "keywords": [k.term for k in enrichment.keywords] if enrichment else [],
        "story_id": store.story_of(stored.id),
        "original_id": original if original and original != stored.id else None,
    }


def article_summary(stored: StoredArticle) -> dict[str, Any]:
    """The fields a list shows; the whole record is at `href`."""
    a = stored.article
    return {
        "id": stored.id,
        "version": stored.version,
        "title": a.title,
        "source": a.source,
        "url": a.url,
        "published": timestamp_json(a.published),
        "date_text": a.date_text,
        "language": a.language,
        "word_count": a.word_count,
        "is_teaser": a.is_teaser,
        "relation": a.relation.value,
        "href": f"/api/articles/{stored.id}",
    }


def highlighted_json(value: Highlighted) -> dict[str, Any]:
    return {"text": value.text, "highlights": [list(r) for r in value.highlights]}


def hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "article": article_summary(hit.article),
        "score": round(hit.score, 6),
        "matched_by": list(hit.matched_by),
        "title": highlighted_json(hit.title),
        "snippet": highlighted_json(hit.snippet),
    }


def find_story(store: Store, story_id: int) -> Story:
    story = store.get_story(story_id)
    if story is None:
        raise NotFound(f"no story with id {story_id}")
    return story


def find_storyline(store: Store, storyline_id: int) -> Storyline:
    line = store.get_storyline(storyline_id)
    if line is None:
        raise NotFound(f"no storyline with id {storyline_id}")
    return line


def find_entity(store: Store, id_or_name: str) -> Entity:
    """The entity with this id, else the one entity with this name or alias."""
    entity = store.get_entity(id_or_name)
    if entity is not None:
        return entity
    named = store.find_entities(id_or_name)
    if not named:
        raise NotFound(f"no entity with id or name '{id_or_name}'")
    return named[0]  # known entities sort first


def entities_by_id(store: Store, ids: list[str]) -> list[Entity]:
    """The entities of these ids, in order, skipping any the store no longer has."""
    found = (store.get_entity(i) for i in ids)
    return [e for e in found if e is not None]


def day_json(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "known": entity.known,
        "href": f"/api/entities/{entity.id}",
    }


def figure_json(row: FigureRow) -> dict[str, Any]:
    f = row.figure
    return {
        "text": f.text,
        "number": f.number,
        "value": f.value,
        "kind": f.kind,
        "scale": f.scale,
        "unit": f.unit,
        "item": f.item,
        "qualifier": f.qualifier,
        "qualifier_text": f.qualifier_text,
        "is_change": f.is_change,
        "direction": f.direction,
        "low": f.low,
        "high": f.high,
        "subject_entity_id": f.subject_entity_id,
        "measure": f.measure,
        "claimant": f.claimant,
        "claimant_entity_id": f.claimant_entity_id,
        "as_of": f.as_of,
        "sentence": f.sentence,
        "date": day_json(f.date),
        "article": {
            "id": row.article_id,
            "title": row.title,
            "source": row.source,
            "published": day_json(row.published_at),
            "href": f"/api/articles/{row.article_id}",
        },
    }


def story_summary(store: Store, story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "articles": len(story.article_ids),
        "first_published": day_json(story.first_published),
        "last_published": day_json(story.last_published),
        "sources": list(story.sources),
        "main_entities": [
            {"id": e.id, "name": e.name, "type": e.type}
            for e in entities_by_id(store, story.main_entities)
        ],
        "storyline_id": story.storyline_id,
        "is_open": story.is_open,
        "href": f"/api/stories/{story.id}",
    }


def story_figures(store: Store, story: Story) -> list[FigureRow]:
    rows: list[FigureRow] = []
    for article_id in story.article_ids:
        rows += store.find_figures(article_id=article_id, limit=MAX_STORY_FIGURES)
    return rows[:MAX_STORY_FIGURES]


def story_detail(store: Store, story: Story) -> dict[str, Any]:
    stored = store.get_articles(story.article_ids)
    articles = [article_summary(stored[i]) for i in story.article_ids if i in stored]
    return story_summary(store, story) | {
        "article_list": articles,
        "figures": [figure_json(r) for r in story_figures(store, story)],
        "storyline_href": f"/api/storylines/{story.storyline_id}",
    }


def storyline_json(store: Store, line: Storyline) -> dict[str, Any]:
    stories = [s for s in (store.get_story(i) for i in line.story_ids) if s is not None]
    stories.sort(key=lambda s: (s.first_published is None, s.first_published or 0, s.id))
    return {
        "id": line.id,
        "title": line.title,
        "main_entities": [entity_json(e) for e in entities_by_id(store, line.main_entities)],
        "stories": [story_summary(store, s) for s in stories],
        "href": f"/api/storylines/{line.id}",
    }


def source_json(source: Source) -> dict[str, Any]:
    """A followed source, its kind once known, and how its polling goes."""
    return {
        "id": source.id,
        "url": source.url,
        "name": source.name,
        "folder": source.folder,
        "kind": source.kind.value if source.kind else None,
        "poll_url": source.poll_url,
        "every_seconds": source.every_seconds,
        "paused": source.paused,
        "state": source.state,
        "added_at": source.added_at.isoformat(),
        "last_fetch_at": source.last_fetch_at.isoformat() if source.last_fetch_at else None,
        "last_status": source.last_status,
        "last_error": source.last_error,
        "next_due_at": source.next_due_at.isoformat() if source.next_due_at else None,
        "failures": source.failures,
        "items_found": source.items_found,
        "articles_new": source.articles_new,
        "articles_total": source.articles_total,
    }


MAX_LEDGER_POINTS = 500


def figure_ledger(store: Store, subject: Entity, measure: str) -> Ledger:
    """One measure of one subject over time (the ledger page and /api/ledger)."""
    rows = store.find_figures(entity_ids=[subject.id], measure=measure, limit=MAX_LEDGER_POINTS)
    if not rows:
        raise NotFound(f"no {measure!r} figures about {subject.name}")
    points = [ledger_point(r.figure, r.article_id, r.title, r.source, r.published_at) for r in rows]
    return build_ledger(subject.id, measure, points)


def ledger_json(ledger: Ledger, subject: Entity) -> dict[str, Any]:
    index = {id(p): n for n, p in enumerate(ledger.points)}
    return {
        "subject": {"id": subject.id, "name": subject.name, "type": subject.type},
        "measure": ledger.measure,
        "claimants": ledger.claimants,
        "points": [_ledger_point_json(p, ledger.disputed(p)) for p in ledger.points],
        "disagreements": [
            {"points": [index[id(d.first)], index[id(d.second)]]} for d in ledger.disagreements
        ],
    }


def _ledger_point_json(point: LedgerPoint, disputed: bool) -> dict[str, Any]:
    f = point.figure
    return {
        "date": day_json(point.day),
        "as_of": f.as_of,
        "value": f.value,
        "low": f.low,
        "high": f.high,
        "qualifier": f.qualifier,
        "text": f.text,
        "unit": f.unit,
        "claimant": point.claimant,
        "claimant_entity_id": point.claimant_entity_id,
        "sentence": f.sentence,
        "disputed": disputed,
        "article": {
            "id": point.article_id,
            "title": point.title,
            "source": point.source,
            "published": day_json(point.published),
            "href": f"/api/articles/{point.article_id}",
        },
    }
