"""Highlights and private notes on an article's paragraphs, and their Markdown export (each
linking back to its article and paragraph)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from newsdesk.desk.follows import DeskError
from newsdesk.model import StoredArticle
from newsdesk.store import Store
from newsdesk.store.highlights import Highlight

MAX_QUOTE = 2_000
MAX_NOTE = 10_000


def anchor(paragraph: int) -> str:
    """The id of a paragraph on the article page (paragraphs counted from 1, as readers do)."""
    return f"p{paragraph + 1}"


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def add_highlight(
    store: Store, user_id: int, article_id: str, paragraph: int, quote: str = "", note: str = ""
) -> Highlight:
    """Keep a highlight of one paragraph (its index), optionally of words quoted from it, with
    an optional note. DeskError when the paragraph or the quote is not in the article."""
    stored = store.get_article(article_id)
    paragraphs = stored.article.paragraphs
    if not 0 <= paragraph < len(paragraphs):
        raise DeskError(
            f"the article has paragraphs 1 to {len(paragraphs)}, not {paragraph + 1}"
            if paragraphs
            else "the article has no paragraphs to highlight"
        )
    quote, note = _squeezed(quote), note.strip()
    if len(quote) > MAX_QUOTE or len(note) > MAX_NOTE:
        raise DeskError(f"quotes are kept up to {MAX_QUOTE} characters, notes up to {MAX_NOTE}")
    if quote and quote.casefold() not in _squeezed(paragraphs[paragraph]).casefold():
        raise DeskError(f"the quoted words are not in paragraph {paragraph + 1}")
    return store.add_highlight(Highlight(user_id, stored.id, paragraph, quote, note))


@dataclass
class Marked:
    """A highlight with the words it marks (its quote, else the whole paragraph)."""

    highlight: Highlight
    text: str

    @property
    def anchor(self) -> str:
        return anchor(self.highlight.paragraph)


def marked_on(stored: StoredArticle, found: list[Highlight]) -> list[Marked]:
    paragraphs = stored.article.paragraphs
    return [
        Marked(h, h.quote or (paragraphs[h.paragraph] if h.paragraph < len(paragraphs) else ""))
        for h in found
    ]


def by_article(store: Store, user_id: int) -> list[tuple[StoredArticle, list[Marked]]]:
    """A reader's highlights grouped by article (the article highlighted last first), each
    article's in the order of its paragraphs."""
    found = store.highlights_of(user_id)
    stored = store.get_articles(h.article_id for h in found)
    groups: dict[str, list[Highlight]] = {}
    for highlight in found:
        groups.setdefault(highlight.article_id, []).append(highlight)
    return [
        (stored[article_id], marked_on(stored[article_id], sorted(items, key=_order)))
        for article_id, items in groups.items()
        if article_id in stored
    ]


def _order(highlight: Highlight) -> tuple[int, int]:
    return highlight.paragraph, highlight.id or 0


def escape_link_text(text: str) -> str:
    return re.sub(r"([\\\[\]])", r"\\\1", _squeezed(text))


def markdown(
    groups: list[tuple[StoredArticle, list[Marked]]], base_url: str, reader: str, moment: datetime
) -> str:
    """The highlights as one Markdown document: an article per section, each highlight quoted
    with a link to its paragraph, each note under its highlight."""
    base = base_url.rstrip("/")
    lines = [f"# Highlights and notes of {reader}", "", f"From newsdesk, {moment:%-d %B %Y}.", ""]
    for stored, marks in groups:
        href = f"{base}/articles/{stored.id}"
        lines += [f"## [{escape_link_text(stored.article.title)}]({href})", ""]
        published = stored.article.published
        when = f" · {published.utc:%-d %b %Y}" if published else ""
        lines += [f"*{stored.article.source or 'Unknown source'}{when}*", ""]
        for mark in marks:
            paragraph = mark.highlight.paragraph + 1
            lines.append(f"> {_squeezed(mark.text)}")
            lines += [">", f"> — [paragraph {paragraph}]({href}#{mark.anchor})", ""]
            if mark.highlight.note:
                lines += [mark.highlight.note, ""]
    if not groups:
        lines += ["No highlights yet.", ""]
    return "\n".join(lines)
