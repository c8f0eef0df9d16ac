"""What a Google Reader client is shown: the reader's subscriptions (the followed sources, the
publishers of everything else, and the reader's follows of entities, stories and storylines)
in their folders, and articles as Google Reader items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from urllib.parse import quote, urlencode, urlsplit

from newsdesk.api.greader_ids import (
    FOLLOW_KINDS,
    FOLLOWING,
    PUBLISHERS,
    READ,
    READING_LIST,
    SOURCES,
    STARRED,
    follow_stream,
    label_stream,
    long_item_id,
    publisher_stream,
    source_stream,
    usec,
)
from newsdesk.model import Article, StoredArticle
from newsdesk.model.accounts import Follow, FollowKind, User
from newsdesk.store import Store
from newsdesk.store.greader import Selector, StreamQuery

OTHER_PUBLISHERS = "Other publishers"  # articles that name no publisher


@dataclass
class Feed:
    """One subscription as a client sees it, and the articles it stands for."""

    stream_id: str
    title: str
    url: str
    html_url: str
    folders: list[str]
    selector: Selector

    def json(self) -> dict[str, object]:
        return {
            "id": self.stream_id,
            "title": self.title,
            "categories": [
                {"id": label_stream(name), "label": name, "type": "folder"} for name in self.folders
            ],
            "url": self.url,
            "htmlUrl": self.html_url,
            "iconUrl": "",
        }


FIXED = (SOURCES, PUBLISHERS, FOLLOWING)  # the folders every reader may have, in this order


def reader_feeds(store: Store, user: User, home: str) -> list[Feed]:
    """Every subscription of the reader, `home` being the server's address (no final /)."""
    assert user.id is not None
    follows = store.follows_of(user.id)
    followed = {f.target for f in follows if f.kind == FollowKind.SOURCE}
    feeds = []
    for source in store.list_sources():
        # The folder its OPML gave it (a reader app's own grouping), else "Sources".
        folders = [source.folder or SOURCES, *([FOLLOWING] if str(source.id) in followed else [])]
        feeds.append(
            Feed(
                source_stream(source.id or 0),
                source.name or source.url,
                source.poll_url or source.url,
                source.url,
                folders,
                Selector("source", str(source.id)),
            )
        )
    feeds += [publisher_feed(name, home) for name, *_ in store.publishers_without_source(user.id)]
    feeds += [follow_feed(store, f, home) for f in follows if f.kind.value in FOLLOW_KINDS]
    return feeds


def follow_feed(store: Store, follow: Follow, home: str) -> Feed:
    kind, target = follow.kind.value, follow.target
    if follow.kind == FollowKind.ENTITY:
        entity = store.get_entity(target)
        title = follow.label or (entity.name if entity else target)
        page = f"{home}/entities/{quote(target, safe=':')}"
        url = f"{home}/feeds/entities/{quote(target, safe=':')}.xml"
    elif follow.kind == FollowKind.STORY:
        story = store.get_story(int(target)) if target.isdigit() else None
        title = follow.label or (story.title if story else f"Story {target}")
        page, url = f"{home}/stories/{target}", f"{home}/feeds/stories/{target}.xml"
    else:
        line = store.get_storyline(int(target)) if target.isdigit() else None
        title = follow.label or (line.title if line else f"Storyline {target}")
        page = url = f"{home}/storylines/{target}"
    selector = Selector(kind, target)
    return Feed(follow_stream(kind, target), title, url, page, [FOLLOWING], selector)


def folder_selectors(feeds: list[Feed], folder: str) -> tuple[Selector, ...] | None:
    """The articles of a folder; None when the reader has no such folder."""
    if folder == SOURCES and not any(f for f in folders_of(feeds) if f not in FIXED):
        return (Selector("sourced"),)  # every source is here: one condition, not one per source
    if folder == PUBLISHERS:
        return (Selector("unsourced"),)
    return tuple(f.selector for f in feeds if folder in f.folders) or None


def folders_of(feeds: list[Feed]) -> list[str]:
    """The folders the reader has: the fixed ones in their order, then the sources' own (from
    OPML) as they first appear."""
    own = dict.fromkeys(f for feed in feeds for f in feed.folders if f not in FIXED)
    return [f for f in FIXED if any(f in feed.folders for feed in feeds)] + list(own)


def unread_counts(store: Store, user: User, feeds: list[Feed]) -> list[dict[str, object]]:
    """Unread articles and the newest unread one's time, per feed, per folder, and last for
    the whole reading list."""
    assert user.id is not None
    by_source = store.unread_by_source(user.id)
    by_publisher = {p: (n, at) for p, _, n, at in store.publishers_without_source(user.id)}
    counts = []
    for feed in feeds:
        kind, key = feed.selector.kind, feed.selector.key
        if kind == "source":
            unread, newest = by_source.get(int(key), (0, None))
        elif kind == "publisher":
            unread, newest = by_publisher.get(key, (0, None))
        else:
            unread, newest = store.stream_count(StreamQuery(user.id, (feed.selector,), read=False))
        counts.append(_count(feed.stream_id, unread, newest))
    for folder in folders_of(feeds):
        selectors = folder_selectors(feeds, folder) or ()
        unread, newest = store.stream_count(StreamQuery(user.id, selectors, read=False))
        counts.append(_count(label_stream(folder), unread, newest))
    total, newest = store.stream_count(StreamQuery(user.id, read=False))
    return [*counts, _count(READING_LIST, total, newest)]


def _count(stream_id: str, unread: int, newest: datetime | None) -> dict[str, object]:
    stamp = str(usec(newest)) if newest else "0"
    return {"id": stream_id, "count": unread, "newestItemTimestampUsec": stamp}


def origin_feeds(store: Store, feeds: list[Feed], article_ids: list[str]) -> dict[str, Feed]:
    """{article id: the feed it is listed under} for articles of `article_ids` that came
    through a followed source; the rest are under their publisher's feed."""
    by_stream = {f.stream_id: f for f in feeds}
    found = {}
    for article_id, source_id in store.article_sources(article_ids).items():
        feed = by_stream.get(source_stream(source_id))
        if feed is not None:
            found[article_id] = feed
    return found


def publisher_feed(name: str, home: str) -> Feed:
    """The feed of a publisher's articles that came through no followed source ("": none)."""
    page = f"{home}/?{urlencode({'source': name})}" if name else f"{home}/"
    title = name or OTHER_PUBLISHERS
    return Feed(
        publisher_stream(name), title, page, page, [PUBLISHERS], Selector("publisher", name)
    )


def content_html(article: Article) -> str:
    """The article's text as HTML: every heading and paragraph escaped (a source's markup
    never reaches a client as markup)."""
    parts = []
    for section in article.sections:
        if section.heading:
            parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts += [f"<p>{escape(paragraph)}</p>" for paragraph in section.paragraphs]
    if not parts and article.excerpt:
        parts.append(f"<p>{escape(article.excerpt)}</p>")
    return "\n".join(parts)


def item_json(
    stored: StoredArticle,
    state: tuple[datetime | None, datetime | None] | None,
    feed: Feed,
    stream_time: datetime,
    home: str,
) -> dict[str, object]:
    """One article as a Google Reader item; `state` is the reader's (read at, saved at)."""
    a = stored.article
    read_at, saved_at = state or (None, None)
    categories = [READING_LIST, *(label_stream(name) for name in feed.folders)]
    categories += [READ] if read_at else []
    categories += [STARRED] if saved_at else []
    published = a.published.utc if a.published else stored.first_seen_at
    updated = a.updated.utc if a.updated else published
    link = safe_url(a.url) or f"{home}/articles/{stored.id}"
    html = content_html(a)
    return {
        "id": long_item_id(stored.id),
        "categories": categories,
        "title": a.title,
        "crawlTimeMsec": str(usec(stored.first_seen_at) // 1000),
        "timestampUsec": str(usec(stream_time)),
        "published": usec(published) // 1_000_000,
        "updated": usec(updated) // 1_000_000,
        "author": ", ".join(a.authors),
        "alternate": [{"href": link, "type": "text/html"}],
        "summary": {"direction": "ltr", "content": html},
        "content": {"direction": "ltr", "content": html},
        "origin": {"streamId": feed.stream_id, "title": feed.title, "htmlUrl": feed.html_url},
        "enclosure": [],
        "canonical": [{"href": safe_url(a.canonical_url) or link}],
    }


def safe_url(url: str | None) -> str | None:
    """An absolute http(s) address a client may follow, else None (a source's javascript: or
    relative link is never passed on)."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    ok = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    return url if ok and not any(c.isspace() for c in url) else None
