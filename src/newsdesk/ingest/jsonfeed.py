"""JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).

Each item's fields are gathered into a `FeedEntry` (feed_entry.py builds the articles). A feed
cut off at the end is salvaged, its last item marked as partial.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.errors import IngestError
from newsdesk.ingest.decode import decode_text
from newsdesk.ingest.feed_entry import (
    FeedEntry,
    absolute_link,
    as_html,
    feed_articles,
    nonblank_string,
    person_names,
    record_language,
    tag_names,
)
from newsdesk.ingest.fragments import clean_text
from newsdesk.ingest.wordpress import salvage_json
from newsdesk.model import Article, RawDocument


def parse(raw: RawDocument) -> list[Article]:
    """Articles from a JSON Feed (version 1.0 or 1.1); a feed cut off at the end is salvaged.

    IngestError when the input is not JSON, has no `items` list, or no item has a title or text.
    """
    text = decode_text(raw)
    if "\\u" in text:
        text = _LONE_SURROGATE.sub(_keep_surrogate_pairs, text)
    try:
        salvaged = salvage_json(text, raw.origin)
    except RecursionError:
        raise IngestError("JSON is nested too deeply to be a feed", raw.origin) from None
    data = salvaged.data
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise IngestError("not a JSON Feed: no top-level object with an 'items' list", raw.origin)
    notes = []
    version = nonblank_string(data.get("version"))
    if not version or "jsonfeed.org/version/" not in version:
        notes.append("JSON Feed has no jsonfeed.org version; read as version 1.1")
    items = data["items"]
    if not items:
        raise IngestError("feed has no entries", raw.origin)
    gathered = [_entry(item, data) for item in items]
    last_item = f"items[{len(items) - 1}]"
    if salvaged.note and gathered[-1] is not None and salvaged.open_path.startswith(last_item):
        gathered[-1].truncated = True
        gathered[-1].truncation = salvaged.note
    elif salvaged.note:
        notes.append(f"{salvaged.note}: the feed was cut there, any items after it are missing")
    return feed_articles(gathered, notes, raw.origin)


_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)


def _keep_surrogate_pairs(match: re.Match[str]) -> str:
    """JSON escapes of a surrogate pair stay; a lone one (no text can hold it) becomes U+FFFD."""
    return match.group() if len(match.group()) == 12 else "\\ufffd"


def _entry(item: Any, feed: dict[str, Any]) -> FeedEntry | None:
    if not isinstance(item, dict):
        return None
    base = nonblank_string(feed.get("home_page_url")) or nonblank_string(feed.get("feed_url"))
    link = absolute_link(
        nonblank_string(item.get("url")) or nonblank_string(item.get("external_url")), base
    )
    feed_title = clean_text(nonblank_string(feed.get("title")) or "")
    content = nonblank_string(item.get("content_html")) or as_html(
        nonblank_string(item.get("content_text")) or "", "text/plain"
    )
    guid = item.get("id")  # a string by the spec; numbers occur in version 1.0 feeds
    if isinstance(guid, int) and not isinstance(guid, bool):
        guid = str(guid)
    version = nonblank_string(feed.get("version")) or ""
    return FeedEntry(
        title=clean_text(nonblank_string(item.get("title")) or ""),
        link=link,
        guid=nonblank_string(guid),
        source=feed_title or None,
        authors=_authors(item) or _authors(feed),
        published_text=nonblank_string(item.get("date_published")) or "",
        updated_text=nonblank_string(item.get("date_modified")) or "",
        language=record_language(item) or record_language(feed),
        tags=tag_names(item.get("tags")),
        summary_html=as_html(nonblank_string(item.get("summary")) or "", "text/plain"),
        content_html=content,
        format=f"jsonfeed {version.rsplit('/', 1)[-1]}".strip(),
    )


def _authors(record: dict[str, Any]) -> list[str]:
    """Version 1.1 `authors` list, or version 1.0's single `author`."""
    people = record.get("authors")
    if not isinstance(people, list):
        people = [record.get("author")]
    return person_names(people)
