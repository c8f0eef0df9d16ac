"""The rest of each reader's desk: highlights and notes on paragraphs, the alerts raised for
followed things, mail settings and the mail sent; and the queries that find what arrived for a
follow. Mixed into `Store`."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from newsdesk.errors import NotFound
from newsdesk.store.schema import (
    alerts,
    article_sightings,
    articles,
    follows,
    highlights,
    mail_sent,
    mail_settings,
    mentions,
    raw_documents,
    stories,
    story_articles,
)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Highlight:
    """A reader's mark on one paragraph of an article: the paragraph (its index among the
    article's paragraphs), optionally the words quoted from it, and a private note."""

    user_id: int
    article_id: str
    paragraph: int
    quote: str = ""
    note: str = ""
    id: int | None = None
    created_at: datetime = field(default_factory=_now)


@dataclass
class Alert:
    """An article that matched a follow with alerts on: shown in the app, mailed at most once."""

    user_id: int
    follow_id: int
    article_id: str
    created_at: datetime
    id: int | None = None
    seen_at: datetime | None = None
    mailed: str | None = None  # None until decided: "sent", or why not
    mailed_at: datetime | None = None


@dataclass
class MailSettings:
    user_id: int
    address: str
    alerts: bool = True
    digest: bool = False
    updated_at: datetime = field(default_factory=_now)


@dataclass
class SentMail:
    user_id: int
    kind: str  # "alert" or "digest"
    address: str
    subject: str
    article_ids: list[str]
    sent_at: datetime = field(default_factory=_now)


def _alert(row: Any) -> Alert:
    return Alert(
        user_id=row.user_id,
        follow_id=row.follow_id,
        article_id=row.article_id,
        created_at=row.created_at,
        id=row.id,
        seen_at=row.seen_at,
        mailed=row.mailed,
        mailed_at=row.mailed_at,
    )


class HighlightsStore:
    def transaction(self) -> AbstractContextManager[Connection]:  # provided by Store
        raise NotImplementedError

    # Highlights and notes ------------------------------------------------------------------

    def add_highlight(self, highlight: Highlight) -> Highlight:
        values = {
            "user_id": highlight.user_id,
            "article_id": highlight.article_id,
            "paragraph": highlight.paragraph,
            "quote": highlight.quote,
            "note": highlight.note,
            "created_at": highlight.created_at,
        }
        with self.transaction() as conn:
            highlight.id = conn.execute(insert(highlights), values).inserted_primary_key[0]
        return highlight

    def highlights_of(self, user_id: int, article_id: str | None = None) -> list[Highlight]:
        """A reader's highlights (on one article, or all), newest first; on one article, in
        the order of its paragraphs."""
        query = select(highlights).where(highlights.c.user_id == user_id)
        if article_id is None:
            query = query.order_by(highlights.c.created_at.desc(), highlights.c.id.desc())
        else:
            query = query.where(highlights.c.article_id == article_id).order_by(
                highlights.c.paragraph, highlights.c.id
            )
        with self.transaction() as conn:
            return [
                Highlight(
                    user_id=r.user_id,
                    article_id=r.article_id,
                    paragraph=r.paragraph,
                    quote=r.quote,
                    note=r.note,
                    id=r.id,
                    created_at=r.created_at,
                )
                for r in conn.execute(query)
            ]

    def remove_highlight(self, user_id: int, highlight_id: int) -> None:
        with self.transaction() as conn:
            done = conn.execute(
                delete(highlights).where(
                    highlights.c.id == highlight_id, highlights.c.user_id == user_id
                )
            )
        if done.rowcount == 0:
            raise NotFound(f"no highlight {highlight_id} of this account")

    # What arrived for a follow -------------------------------------------------------------

    def arrived_article_ids(
        self,
        since: datetime,
        *,
        source_id: int | None = None,
        entity_id: str | None = None,
        story_id: int | None = None,
        storyline_id: int | None = None,
        limit: int = 100,
    ) -> list[str]:
        """Ids of articles first seen after `since` that came from a followed source, name an
        entity, or belong to a story or a storyline (the one given): the latest arrived first."""
        query = select(articles.c.id).where(articles.c.first_seen_at > since)
        if source_id is not None:
            fetched = (
                select(article_sightings.c.article_id)
                .join(raw_documents, raw_documents.c.id == article_sightings.c.raw_document_id)
                .where(raw_documents.c.source_id == source_id)
            )
            query = query.where(articles.c.id.in_(fetched))
        if entity_id is not None:
            named = select(mentions.c.article_id).where(mentions.c.entity_id == entity_id)
            query = query.where(articles.c.id.in_(named))
        if story_id is not None:
            members = select(story_articles.c.article_id).where(
                story_articles.c.story_id == story_id
            )
            query = query.where(articles.c.id.in_(members))
        if storyline_id is not None:
            line = select(stories.c.id).where(stories.c.storyline_id == storyline_id)
            members = select(story_articles.c.article_id).where(story_articles.c.story_id.in_(line))
            query = query.where(articles.c.id.in_(members))
        query = query.order_by(articles.c.first_seen_at.desc(), articles.c.id).limit(limit)
        with self.transaction() as conn:
            return list(conn.execute(query).scalars())

    def entity_ids_of(self, article_ids: Iterable[str]) -> dict[str, set[str]]:
        """{article id: the ids of the entities it names} (articles naming none left out)."""
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, set[str]] = {}
        with self.transaction() as conn:
            for start in range(0, len(ids), 500):
                query = (
                    select(mentions.c.article_id, mentions.c.entity_id)
                    .where(mentions.c.article_id.in_(ids[start : start + 500]))
                    .where(mentions.c.entity_id.is_not(None))
                    .distinct()
                )
                for row in conn.execute(query):
                    found.setdefault(row.article_id, set()).add(row.entity_id)
        return found

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, int]:
        """{article id: its story id} for the articles in a story."""
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, int] = {}
        with self.transaction() as conn:
            for start in range(0, len(ids), 500):
                query = select(story_articles.c.article_id, story_articles.c.story_id).where(
                    story_articles.c.article_id.in_(ids[start : start + 500])
                )
                found |= {r.article_id: r.story_id for r in conn.execute(query)}
        return found

    # Alerts --------------------------------------------------------------------------------

    def add_alerts(self, found: list[tuple[int, int, str]], now: datetime) -> int:
        """Record (user id, follow id, article id) alerts; an article already alerted to that
        reader is skipped, even when two processes raise it at once. How many were new."""
        if not found:
            return 0
        rows = [
            {"user_id": u, "follow_id": f, "article_id": a, "created_at": now}
            for u, f, a in dict(((u, a), (u, f, a)) for u, f, a in found).values()
        ]
        with self.transaction() as conn:
            known = {
                (r.user_id, r.article_id)
                for r in conn.execute(
                    select(alerts.c.user_id, alerts.c.article_id).where(
                        alerts.c.user_id.in_({r["user_id"] for r in rows}),
                        alerts.c.article_id.in_({r["article_id"] for r in rows}),
                    )
                )
            }
            rows = [r for r in rows if (r["user_id"], r["article_id"]) not in known]
            if rows:  # another process may have raised one since: that one is kept
                make = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
                statement = make(alerts).on_conflict_do_nothing(
                    index_elements=["user_id", "article_id"]
                )
                conn.execute(statement, rows)
        return len(rows)

    def alerts_of(self, user_id: int, limit: int = 100) -> list[tuple[Alert, str]]:
        """(alert, the follow's label) of a reader, newest first."""
        query = (
            select(alerts, follows.c.label)
            .join(follows, follows.c.id == alerts.c.follow_id)
            .where(alerts.c.user_id == user_id)
            .order_by(alerts.c.created_at.desc(), alerts.c.id.desc())
            .limit(limit)
        )
        with self.transaction() as conn:
            return [(_alert(r), r.label) for r in conn.execute(query)]

    def unseen_alert_count(self, user_id: int) -> int:
        query = select(func.count()).where(alerts.c.user_id == user_id, alerts.c.seen_at.is_(None))
        with self.transaction() as conn:
            return conn.execute(query).scalar_one()

    def mark_alerts_seen(self, user_id: int, now: datetime) -> None:
        with self.transaction() as conn:
            conn.execute(
                update(alerts)
                .where(alerts.c.user_id == user_id, alerts.c.seen_at.is_(None))
                .values(seen_at=now)
            )

    def alerts_to_mail(self) -> list[Alert]:
        """Alerts whose mail is not decided yet, oldest first."""
        query = select(alerts).where(alerts.c.mailed.is_(None)).order_by(alerts.c.id)
        with self.transaction() as conn:
            return [_alert(r) for r in conn.execute(query)]

    def set_alerts_mailed(self, alert_ids: list[int], state: str, now: datetime) -> None:
        if not alert_ids:
            return
        with self.transaction() as conn:
            conn.execute(
                update(alerts)
                .where(alerts.c.id.in_(alert_ids), alerts.c.mailed.is_(None))
                .values(mailed=state, mailed_at=now)
            )

    # Mail ----------------------------------------------------------------------------------

    def set_mail_settings(self, settings: MailSettings) -> None:
        values = {
            "address": settings.address,
            "alerts": settings.alerts,
            "digest": settings.digest,
            "updated_at": settings.updated_at,
        }
        with self.transaction() as conn:
            done = conn.execute(
                update(mail_settings)
                .where(mail_settings.c.user_id == settings.user_id)
                .values(**values)
            )
            if done.rowcount == 0:
                conn.execute(insert(mail_settings), values | {"user_id": settings.user_id})

    def mail_settings_of(self, user_id: int) -> MailSettings | None:
        found = self._mail_settings(mail_settings.c.user_id == user_id)
        return found[0] if found else None

    def all_mail_settings(self) -> list[MailSettings]:
        return self._mail_settings(mail_settings.c.address != "")

    def _mail_settings(self, condition: Any) -> list[MailSettings]:
        query = select(mail_settings).where(condition).order_by(mail_settings.c.user_id)
        with self.transaction() as conn:
            return [
                MailSettings(r.user_id, r.address, r.alerts, r.digest, r.updated_at)
                for r in conn.execute(query)
            ]

    def record_mail(self, sent: SentMail) -> None:
        values = {
            "user_id": sent.user_id,
            "kind": sent.kind,
            "address": sent.address,
            "subject": sent.subject,
            "article_ids": sent.article_ids,
            "sent_at": sent.sent_at,
        }
        with self.transaction() as conn:
            conn.execute(insert(mail_sent), values)

    def mail_sent_to(self, user_id: int, kind: str | None = None) -> list[SentMail]:
        """The mail sent to a reader (of one kind, or all), newest first."""
        query = select(mail_sent).where(mail_sent.c.user_id == user_id)
        if kind:
            query = query.where(mail_sent.c.kind == kind)
        query = query.order_by(mail_sent.c.sent_at.desc(), mail_sent.c.id.desc())
        with self.transaction() as conn:
            return [
                SentMail(r.user_id, r.kind, r.address, r.subject, list(r.article_ids), r.sent_at)
                for r in conn.execute(query)
            ]
