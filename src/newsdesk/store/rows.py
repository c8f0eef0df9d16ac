"""Records to rows and back: articles, their versions' JSON records, raw documents."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from newsdesk.model import (
    Article,
    RawDocument,
    RawStatus,
    Relation,
    Section,
    StoredArticle,
    Timestamp,
)


def article_row(article: Article) -> dict[str, Any]:
    return strip_nul(_article_fields(article))


def strip_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL characters; they carry nothing a reader needs."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        return {k: strip_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strip_nul(v) for v in value]
    return value


def _article_fields(article: Article) -> dict[str, Any]:
    published, updated = article.published, article.updated
    return {
        "id": article.id,
        "identity_key": article.identity_key,
        "version_hash": article.version_hash,
        "title": article.title,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "guid": article.guid,
        "source": article.source,
        "site": article.site,
        "authors": article.authors,
        "published_at": published.utc if published else None,
        "published_offset": published.utc_offset_minutes if published else None,
        "published_precision": published.precision if published else None,
        "updated_at": updated.utc if updated else None,
        "updated_offset": updated.utc_offset_minutes if updated else None,
        "updated_precision": updated.precision if updated else None,
        "date_text": article.date_text,
        "language": article.language,
        "excerpt": article.excerpt,
        "tags": article.tags,
        "sections": [asdict(s) for s in article.sections],
        "body_text": article.body_text,
        "word_count": article.word_count,
        "is_truncated": article.is_truncated,
        "is_teaser": article.is_teaser,
        "relation": article.relation.value,
        "found_on": article.found_on,
        "notes": article.notes,
        "extra": _jsonable(article.extra),
    }


def _timestamp(utc: datetime | None, offset: int | None, precision: str | None) -> Timestamp | None:
    if utc is None:
        return None
    return Timestamp(utc=utc, utc_offset_minutes=offset, precision=precision or "second")


def article_from_row(row: Any) -> Article:
    return Article(
        title=row.title,
        sections=[Section(s["heading"], list(s["paragraphs"])) for s in row.sections],
        url=row.url,
        canonical_url=row.canonical_url,
        guid=row.guid,
        source=row.source,
        site=row.site,
        authors=list(row.authors),
        published=_timestamp(row.published_at, row.published_offset, row.published_precision),
        updated=_timestamp(row.updated_at, row.updated_offset, row.updated_precision),
        date_text=row.date_text,
        language=row.language,
        excerpt=row.excerpt,
        tags=list(row.tags),
        is_truncated=row.is_truncated,
        is_teaser=row.is_teaser,
        relation=Relation(row.relation),
        found_on=row.found_on,
        notes=list(row.notes),
        extra=dict(row.extra),
    )


def stored_from_row(row: Any) -> StoredArticle:
    return StoredArticle(
        id=row.id,
        version=row.version,
        article=article_from_row(row),
        raw_document_id=row.raw_document_id,
        first_seen_at=row.first_seen_at,
        last_seen_at=row.last_seen_at,
    )


def article_record(article: Article) -> dict[str, Any]:
    """The whole article as JSON-ready data (what a version keeps)."""
    return record_from_row(article_row(article))


def record_from_row(fields: dict[str, Any]) -> dict[str, Any]:
    """An `article_row` as JSON-ready data (the row itself is left as it was)."""
    row = dict(fields)
    for key in ("published_at", "updated_at"):
        row[key] = row[key].isoformat() if row[key] else None
    return row


def article_from_record(record: dict[str, Any]) -> Article:
    values = dict(record)
    for key in ("published_at", "updated_at"):
        values[key] = datetime.fromisoformat(values[key]) if values.get(key) else None
    return article_from_row(_Row(values))


class _Row:
    """Attribute access over a dict, so records and database rows share one reader."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def raw_row(raw: RawDocument) -> dict[str, Any]:
    row = {
        "sha256": raw.content_sha256,
        "origin": raw.origin,
        "received_at": raw.received_at,
        "crawled_at": raw.crawled_at,
        "size": raw.size,
        "content": raw.content if raw.content or not raw.size else None,
        "format_hint": raw.format_hint,
        "format": raw.detected_format,
        "status": raw.status.value,
        "error": strip_nul(raw.error),
        "article_count": 0,
    }
    if raw.fetch is not None:  # only fetched inputs have provenance (files and uploads: NULL)
        row |= {"fetch": raw.fetch, "source_id": raw.source_id}
    return row


def raw_from_row(row: Any) -> RawDocument:
    return RawDocument(
        content=row.content or b"",
        origin=row.origin,
        received_at=row.received_at,
        format_hint=row.format_hint,
        crawled_at=row.crawled_at,
        size=row.size,
        content_sha256=row.sha256,
        id=row.id,
        status=RawStatus(row.status),
        error=row.error,
        detected_format=row.format,
        fetch=row.fetch,
        source_id=row.source_id,
    )
