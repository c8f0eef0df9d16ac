"""RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom feeds, read through feedparser.

Each entry's fields are gathered into a `FeedEntry` (feed_entry.py builds the articles). Damaged
feeds are salvaged: a truncated last entry is kept and marked; an input with no usable entry
raises IngestError.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from newsdesk.errors import IngestError
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
from newsdesk.ingest.fragments import clean_text, plain_text, squash_space
from newsdesk.ingest.xml_repair import close_open_elements, korean_as_utf8
from newsdesk.model import Article, RawDocument


def parse(raw: RawDocument) -> list[Article]:
    """Articles from an RSS, RDF or Atom feed.

    IngestError when the input is not a feed, or no entry with a title or text can be read from
    it. A malformed feed that still gives entries is salvaged, with a note on each.
    """
    data, encoding_note = korean_as_utf8(raw.content)
    notes = [encoding_note] if encoding_note else []
    result = _feedparser(data, raw.origin)
    problem = _bozo_text(result)
    if problem:
        notes.append(problem)
    entries = _entries(result)
    cut = bool(problem) and len(entries) > _closed_entry_count(data)
    if cut:
        cut = _salvage_cut_entry(entries, data, raw.origin, notes)
    if not entries:
        raise IngestError(_no_entries_reason(result, problem), raw.origin)
    context = _XmlFeed.read(result, raw.origin)
    gathered = [context.entry(e) for e in entries]
    gathered[-1].truncated = cut
    return feed_articles(gathered, notes, raw.origin, problem)


@dataclass
class _XmlFeed:
    """What a feed says for all its entries (title, link, language, Atom feed authors)."""

    title: str
    link: str | None
    language: str | None
    authors: list[str]
    version: str

    @classmethod
    def read(cls, result: dict[str, Any], origin: str) -> _XmlFeed:
        feed = result.get("feed") if isinstance(result.get("feed"), dict) else {}
        version = nonblank_string(result.get("version")) or ""
        base = origin if re.match(r"https?://", origin) else None
        link = absolute_link(nonblank_string(feed.get("link")), base)
        # Atom feed authors are, by the spec, the authors of every entry that names none.
        authors = person_names(feed.get("authors")) if version.startswith("atom") else []
        return cls(_title_text(feed), link or base, record_language(feed), authors, version)

    def entry(self, entry: dict[str, Any]) -> FeedEntry:
        source = entry.get("source") if isinstance(entry.get("source"), dict) else {}
        own_source = _title_text(source)
        content = _content_html(entry)
        # feedparser copies the content into an absent summary, without a summary_detail.
        summary = _detail_html(entry, "summary") if "summary_detail" in entry else ""
        return FeedEntry(
            title=_title_text(entry),
            link=absolute_link(nonblank_string(entry.get("link")), self.link),
            guid=nonblank_string(entry.get("id")),
            source=own_source or self.title or None,
            site=self.title if own_source and own_source != self.title else None,
            # Atom: an entry without authors has its source's, or else (if it names no source,
            # so is not copied from elsewhere) the feed's.
            authors=person_names(entry.get("authors"))
            or person_names(source.get("authors"))
            or ([] if source else self.authors),
            published_text=nonblank_string(dict.get(entry, "published")) or "",
            updated_text=nonblank_string(dict.get(entry, "updated")) or "",
            published_parsed=dict.get(entry, "published_parsed"),
            updated_parsed=dict.get(entry, "updated_parsed"),
            language=record_language(entry) or self.language,
            tags=tag_names(entry.get("tags")),
            summary_html=summary,
            content_html=content,
            format=self.version,
        )


def _salvage_cut_entry(
    entries: list[dict[str, Any]], data: bytes, origin: str, notes: list[str]
) -> bool:
    """Keep what a feed cut off inside its last entry gives of it; False if it is left out."""
    if not nonblank_string(entries[-1].get("title")):
        entries.pop()  # cut before its title ended: nothing of it can be trusted
        notes.append("feed is cut off inside an entry before its title ended; it is left out")
        return False
    # The loose parser drops an element left open; with everything closed the text is kept.
    closed = _entries(_feedparser(close_open_elements(data), origin))
    if len(closed) == len(entries):
        entries[-1] = closed[-1]
    return True


def _feedparser(data: bytes, origin: str) -> dict[str, Any]:
    import feedparser  # slow to import; only feed runs need it

    try:
        # Bytes in a stream: a bare bytes argument would be tried as a file name. Only text is
        # kept from the HTML, so feedparser's sanitizer and URI rewriting are not needed; no
        # Content-Location either (it makes feedparser resolve every element's base, a third of
        # its time): entry links are resolved against the feed's link or origin afterwards.
        return feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except UnicodeError:
        # A character reference to a lone surrogate (&#xD800;) makes feedparser fail outright.
        if data == (cleaned := _SURROGATE_REFERENCE.sub(b"&#xFFFD;", data)):
            raise IngestError("feed text could not be decoded", origin) from None
        return _feedparser(cleaned, origin)
    except Exception as error:  # feedparser is meant to catch its own failures; a gap is not ours
        raise IngestError(f"feed could not be read: {_one_line(error)}", origin) from None


_SURROGATE_REFERENCE = re.compile(
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|55[3-9]\d\d|56\d{3}|57[0-2]\d\d"
    rb"|573[0-3]\d|5734[0-3]));"
)


def _bozo_text(result: dict[str, Any]) -> str | None:
    if not result.get("bozo"):
        return None
    error = result.get("bozo_exception")
    name = type(error).__name__
    if name in ("CharacterEncodingOverride", "CharacterEncodingUnknown"):
        return f"feed text encoding: {_one_line(error)}"
    return f"feed XML is malformed: {_one_line(error)}"


def _no_entries_reason(result: dict[str, Any], problem: str | None) -> str:
    if not result.get("version") and not (result.get("feed") or {}).get("title"):
        detail = f" ({problem})" if problem else ""
        return f"not an RSS, RDF or Atom feed: no feed root element or entries{detail}"
    if problem:
        return f"no entry could be read: {problem}"
    return "feed has no entries"


_CLOSED_ENTRY = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")


def _entries(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in result.get("entries") or [] if isinstance(e, dict)]


def _closed_entry_count(data: bytes) -> int:
    return len(_CLOSED_ENTRY.findall(data))


def _title_text(record: dict[str, Any]) -> str:
    title = nonblank_string(record.get("title")) or ""
    return plain_text(title) if _detail_type(record, "title") != "text/plain" else clean_text(title)


def _content_html(entry: dict[str, Any]) -> str:
    """The longest full-content element of an entry (content:encoded, Atom content), as HTML."""
    best = ""
    for item in entry.get("content") or []:
        if isinstance(item, dict) and isinstance(item.get("value"), str):
            value = as_html(item["value"], item.get("type"))
            best = value if len(value) > len(best) else best
    return best


def _detail_html(entry: dict[str, Any], key: str) -> str:
    value = nonblank_string(entry.get(key)) or ""
    return as_html(value, _detail_type(entry, key)) if value else ""


def _detail_type(record: dict[str, Any], key: str) -> str | None:
    detail = record.get(f"{key}_detail")
    return detail.get("type") if isinstance(detail, dict) else None


def _one_line(error: object) -> str:
    return squash_space(str(error)) or type(error).__name__
