"""The wrap-up as an Atom feed: one entry a day, its stories and cited sentences as HTML.

    wrapup_feed(wrapups, self_url="https://desk.example/feeds/wrapup.xml",
                base_url="https://desk.example")  ->  bytes (UTF-8)

Written by feedgen, like newsdesk's other feeds out (live/syndication.py). The entry's HTML is
built here with every source text escaped; links are the reader's own pages.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html import escape

from feedgen.feed import FeedGenerator

from newsdesk.ai.wrapup import Wrapup, day_bounds
from newsdesk.live.syndication import GENERATOR


def wrapup_html(wrapup: Wrapup, base_url: str) -> str:
    base = base_url.rstrip("/")
    parts = ["<ol>"]
    for story in wrapup.stories:
        parts.append(
            f'<li><p><a href="{escape(base + story.href)}">{escape(story.title)}</a> '
            f"<small>({escape(', '.join(story.sources))})</small></p>"
        )
        for sentence in story.sentences:
            link = escape(base + sentence.citation.href)
            label = escape(sentence.citation.label)
            parts.append(f'<blockquote>{escape(sentence.text)} <a href="{link}">[{label}]</a>')
            parts.append("</blockquote>")
        parts.append("</li>")
    parts.append("</ol>")
    if not wrapup.stories:
        return "<p>Nothing was published that day.</p>"
    return "".join(parts)


def wrapup_feed(wrapups: list[Wrapup], self_url: str, home_url: str, base_url: str) -> bytes:
    """An Atom feed of the wrap-ups given (newest first), an entry each."""
    feed = FeedGenerator()
    feed.id("urn:newsdesk:feed:wrapup")
    feed.title("newsdesk: daily wrap-up")
    feed.subtitle("The day's top stories, each in sentences its sources printed, cited.")
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.link(href=home_url, rel="alternate", type="text/html")
    feed.generator(GENERATOR)
    # Atom requires <updated>: the end of the newest day covered (the moment it was complete),
    # or now for a feed with no entries.
    ends = [min(day_bounds(w.day)[1] - timedelta(seconds=1), datetime.now(UTC)) for w in wrapups]
    feed.updated(max(ends) if ends else datetime.now(UTC))
    for wrapup, end in zip(wrapups, ends, strict=True):
        entry = feed.add_entry(order="append")
        entry.id(f"urn:newsdesk:wrapup:{wrapup.day.isoformat()}")
        count = len(wrapup.stories)
        entry.title(f"Wrap-up, {wrapup.day:%-d %B %Y}: {count} stor{'y' if count == 1 else 'ies'}")
        entry.updated(end)
        entry.link(href=f"{base_url.rstrip('/')}/wrapup?date={wrapup.day.isoformat()}")
        entry.author({"name": "newsdesk (sentences by their sources)"})
        entry.content(wrapup_html(wrapup, base_url), type="html")
    return feed.atom_str(pretty=True, encoding="UTF-8")
