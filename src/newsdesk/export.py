"""Articles as plain JSON-ready data, with their provenance: for export, the CLI and the API."""

from __future__ import annotations

from typing import Any

from newsdesk.model import StoredArticle, Timestamp
from newsdesk.store import Store


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
