"""The duplicates-and-stories part of the storage interface (mixed into `Store`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from newsdesk.model.duplicates import DuplicateMatch
from newsdesk.model.stories import Story, Storyline
from newsdesk.store.schema import (
    article_copies,
    article_fingerprints,
    articles,
    comments,
    follows,
    stage_states,
    stories,
    story_articles,
    storylines,
)

MAX_ID = 2**63 - 1  # the largest id a database integer column holds


@dataclass
class FingerprintRow:
    """What rebuilding the duplicate index needs of one stored article."""

    article_id: str
    fingerprint: bytes
    published: datetime | None
    url: str | None
    guid: str | None
    duplicate_of: str | None


@dataclass
class CopyRow:
    article_id: str
    duplicate_of: str
    original_id: str
    kind: str
    jaccard: float


class StoriesStore:
    """Methods `Store` gains for deduplication and story clustering."""

    def transaction(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    # Duplicates ----------------------------------------------------------------------------

    def save_fingerprint(self, article_id: str, fingerprint: bytes) -> None:
        with self.transaction() as conn:
            conn.execute(
                delete(article_fingerprints).where(article_fingerprints.c.article_id == article_id)
            )
            seq = conn.execute(
                select(func.coalesce(func.max(article_fingerprints.c.seq), 0))
            ).scalar_one()
            conn.execute(
                article_fingerprints.insert(),
                {"article_id": article_id, "fingerprint": fingerprint, "seq": seq + 1},
            )

    def fingerprints(self) -> Iterator[FingerprintRow]:
        """Every stored fingerprint in the order it was indexed, with the copy it was found to
        be."""
        query = (
            select(
                article_fingerprints.c.article_id,
                article_fingerprints.c.fingerprint,
                articles.c.published_at,
                articles.c.canonical_url,
                articles.c.guid,
                article_copies.c.duplicate_of,
            )
            .join(articles, articles.c.id == article_fingerprints.c.article_id)
            .outerjoin(
                article_copies, article_copies.c.article_id == article_fingerprints.c.article_id
            )
            .order_by(article_fingerprints.c.seq)
        )
        with self.transaction() as conn:
            rows = conn.execute(query).all()
        for r in rows:
            yield FingerprintRow(
                r.article_id, r.fingerprint, r.published_at, r.canonical_url, r.guid, r.duplicate_of
            )

    def save_copy(self, match: DuplicateMatch) -> None:
        """Record that an article copies another, and point its whole group at the original.

        The original (earliest published) has no row; every other member of the group has one,
        so a reader sees the original and everyone who republished it.
        """
        copy = {
            "duplicate_of": match.duplicate_of,
            "original_id": match.original,
            "kind": match.kind,
            "jaccard": match.jaccard,
            "containment": match.containment,
        }
        with self.transaction() as conn:
            members = _group(conn, match.article_id, match.duplicate_of)
            rows = {
                r.article_id: r
                for r in conn.execute(
                    select(article_copies).where(article_copies.c.article_id.in_(members))
                )
            }
            conn.execute(delete(article_copies).where(article_copies.c.article_id.in_(members)))
            fresh = []
            for member in sorted(members - {match.original}):
                row = rows.get(member)
                if member == match.article_id or row is None:
                    # The new copy, or a former original that a newly found earlier copy replaces.
                    other = match.duplicate_of if member == match.article_id else match.article_id
                    fresh.append(copy | {"article_id": member, "duplicate_of": other})
                else:
                    fresh.append({**row._mapping, "original_id": match.original})
            if fresh:
                conn.execute(article_copies.insert(), fresh)

    def copies(self, article_id: str) -> tuple[str, list[CopyRow]]:
        """(the original of this article's group, every copy in the group)."""
        with self.transaction() as conn:
            own = conn.execute(
                select(article_copies.c.original_id).where(
                    article_copies.c.article_id == article_id
                )
            ).scalar()
            original = own or article_id
            rows = conn.execute(
                select(article_copies)
                .where(article_copies.c.original_id == original)
                .order_by(article_copies.c.article_id)
            ).all()
        return original, [
            CopyRow(r.article_id, r.duplicate_of, r.original_id, r.kind, r.jaccard) for r in rows
        ]

    # Stories -------------------------------------------------------------------------------

    def assign_story(self, article_id: str, story_id: int, score: float | None) -> None:
        with self.transaction() as conn:
            conn.execute(delete(story_articles).where(story_articles.c.article_id == article_id))
            conn.execute(
                story_articles.insert(),
                {"article_id": article_id, "story_id": story_id, "score": score},
            )

    def merge_stories(self, absorbed: list[int], into: int) -> None:
        """Stories the clusterer merged into story `into`: their articles, readers' comments and
        follows move to it, and their rows go (a reader following both keeps one follow)."""
        if not absorbed:
            return
        old = [str(i) for i in absorbed]
        with self.transaction() as conn:
            conn.execute(
                update(story_articles)
                .where(story_articles.c.story_id.in_(absorbed))
                .values(story_id=into)
            )
            conn.execute(
                update(comments)
                .where(comments.c.target_kind == "story", comments.c.target_id.in_(old))
                .values(target_id=str(into))
            )
            story_follows = (follows.c.kind == "story", follows.c.target.in_(old))
            following = select(follows.c.user_id).where(
                follows.c.kind == "story", follows.c.target == str(into)
            )
            conn.execute(delete(follows).where(*story_follows, follows.c.user_id.in_(following)))
            conn.execute(update(follows).where(*story_follows).values(target=str(into)))
            conn.execute(delete(stories).where(stories.c.id.in_(absorbed)))

    def save_stories(self, summaries: list[Story]) -> None:
        """Insert or replace story summaries."""
        if not summaries:
            return
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "first_published_at": s.first_published,
                "last_published_at": s.last_published,
                "article_count": len(s.article_ids),
                "sources": list(s.sources),
                "main_entities": list(s.main_entities),
                "storyline_id": s.storyline_id,
                "is_open": s.is_open,
            }
            for s in summaries
        ]
        with self.transaction() as conn:
            conn.execute(delete(stories).where(stories.c.id.in_([s.id for s in summaries])))
            conn.execute(stories.insert(), rows)

    def save_storylines(self, lines: list[Storyline]) -> None:
        if not lines:
            return
        rows = [
            {
                "id": line.id,
                "title": line.title,
                "story_ids": list(line.story_ids),
                "main_entities": list(line.main_entities),
            }
            for line in lines
        ]
        with self.transaction() as conn:
            conn.execute(delete(storylines).where(storylines.c.id.in_([line.id for line in lines])))
            conn.execute(storylines.insert(), rows)

    def delete_storylines(self, line_ids: list[int]) -> None:
        """Forget storylines merged into others (their stories were saved with the new id)."""
        if line_ids:
            with self.transaction() as conn:
                conn.execute(delete(storylines).where(storylines.c.id.in_(line_ids)))

    def list_stories(
        self, limit: int = 30, offset: int = 0, storyline_id: int | None = None
    ) -> list[Story]:
        """Stories, latest activity first."""
        query = select(stories)
        if storyline_id is not None:
            query = query.where(stories.c.storyline_id == storyline_id)
        order = func.coalesce(stories.c.last_published_at, stories.c.first_published_at)
        query = (
            query.order_by(order.desc().nulls_last(), stories.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self.transaction() as conn:
            return [_story(conn, row) for row in conn.execute(query).all()]

    def get_story(self, story_id: int) -> Story | None:
        if not 0 <= story_id <= MAX_ID:  # no database integer holds it, so no story has it
            return None
        with self.transaction() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).first()
            return _story(conn, row) if row else None

    def story_of(self, article_id: str) -> int | None:
        with self.transaction() as conn:
            return conn.execute(
                select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)
            ).scalar()

    def get_storyline(self, storyline_id: int) -> Storyline | None:
        if not 0 <= storyline_id <= MAX_ID:
            return None
        with self.transaction() as conn:
            row = conn.execute(select(storylines).where(storylines.c.id == storyline_id)).first()
        if row is None:
            return None
        return Storyline(row.id, row.title, list(row.story_ids), list(row.main_entities))

    def list_storylines(self, limit: int = 30) -> list[Storyline]:
        """Storylines with the most stories first."""
        with self.transaction() as conn:
            rows = conn.execute(select(storylines)).all()
        lines = [Storyline(r.id, r.title, list(r.story_ids), list(r.main_entities)) for r in rows]
        return sorted(lines, key=lambda line: (-len(line.story_ids), line.id))[:limit]

    def count_stories(self) -> int:
        with self.transaction() as conn:
            return conn.execute(select(func.count()).select_from(stories)).scalar_one()

    def clear_stories(self) -> None:
        """Forget every story, storyline, copy and fingerprint (before re-clustering)."""
        with self.transaction() as conn:
            for table in (
                story_articles,
                stories,
                storylines,
                article_copies,
                article_fingerprints,
            ):
                conn.execute(delete(table))
            conn.execute(delete(stage_states).where(stage_states.c.stage == "stories"))


def _group(conn: Connection, *article_ids: str) -> set[str]:
    """Every article in the duplicate groups of these articles, originals included."""
    keys = set(article_ids)
    keys |= set(
        conn.execute(
            select(article_copies.c.original_id).where(article_copies.c.article_id.in_(keys))
        ).scalars()
    )
    copies = conn.execute(
        select(article_copies.c.article_id).where(article_copies.c.original_id.in_(keys))
    ).scalars()
    return keys | set(copies)


def _story(conn: Connection, row: Any) -> Story:
    """A story summary with its article ids in time order."""
    order = func.coalesce(articles.c.published_at, articles.c.first_seen_at)
    ids = (
        conn.execute(
            select(story_articles.c.article_id)
            .join(articles, articles.c.id == story_articles.c.article_id)
            .where(story_articles.c.story_id == row.id)
            .order_by(order, articles.c.id)
        )
        .scalars()
        .all()
    )
    return Story(
        id=row.id,
        title=row.title,
        article_ids=list(ids),
        first_published=row.first_published_at,
        last_published=row.last_published_at,
        sources=list(row.sources),
        main_entities=list(row.main_entities),
        storyline_id=row.storyline_id,
        is_open=row.is_open,
    )
