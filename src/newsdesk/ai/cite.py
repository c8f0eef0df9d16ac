"""Citations: every sentence newsdesk shows names where it was printed.

A `Cited` sentence is a sentence a source printed, word for word, with its `Citation`: the
article, the paragraph it stands in, the source and the date. `href` is the reader's address of
that paragraph (the article page numbers its paragraphs #p1, #p2, ...), one click away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsdesk.ai.text import Sentence
from newsdesk.model import StoredArticle


@dataclass(frozen=True)
class Citation:
    article_id: str
    paragraph: int  # index into the article's paragraphs (0 is the first)
    title: str
    source: str | None
    published: datetime | None
    url: str | None  # the original's address, when it has one

    @property
    def href(self) -> str:
        """The paragraph on the reader's article page (its anchors count from #p1)."""
        return f"/articles/{self.article_id}#p{self.paragraph + 1}"

    @property
    def label(self) -> str:
        """ "Reuters, 27 Feb 2024, ¶3" """
        day = f"{self.published:%-d %b %Y}" if self.published else "undated"
        return f"{self.source or 'Unknown source'}, {day}, ¶{self.paragraph + 1}"


@dataclass(frozen=True)
class Cited:
    """A sentence exactly as a source printed it, and where."""

    text: str
    citation: Citation


def citation(stored: StoredArticle, paragraph: int) -> Citation:
    a = stored.article
    return Citation(
        article_id=stored.id,
        paragraph=paragraph,
        title=a.title,
        source=a.source or a.site,
        published=a.published.utc if a.published else None,
        url=a.canonical_url or a.url,
    )


def cite(stored: StoredArticle, sentence: Sentence) -> Cited:
    return Cited(sentence.text, citation(stored, sentence.paragraph))


def citation_json(value: Citation) -> dict[str, Any]:
    return {
        "article_id": value.article_id,
        "paragraph": value.paragraph,
        "title": value.title,
        "source": value.source,
        "published": value.published.isoformat() if value.published else None,
        "url": value.url,
        "href": value.href,
    }


def cited_json(value: Cited) -> dict[str, Any]:
    return {"text": value.text, "citation": citation_json(value.citation)}
