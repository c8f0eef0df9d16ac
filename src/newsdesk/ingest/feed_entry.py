"""One feed entry to one article, whichever form of feed it came in.

The readers (rss.py, jsonfeed.py) gather an entry's fields into a `FeedEntry`; `feed_articles`
then decides what is body and what is only a teaser, reads dates with the offset the feed wrote,
and records what it noticed in `Article.notes`. The small field readers both readers share live
here too.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from newsdesk.errors import IngestError
from newsdesk.ingest.dates import parse_timestamp
from newsdesk.ingest.fragments import clean_text, fragment_sections, plain_text
from newsdesk.model import Article, Section
from newsdesk.sources import source_for_url
from newsdesk.urls import canonical_url

# A teaser is at most two paragraphs and this many characters, unless it says it was cut.
_TEASER_MAX_CHARS = 600
_TEASER_MAX_PARAGRAPHS = 2
_TITLE_FROM_TEXT_CHARS = 120


@dataclass
class FeedEntry:
    """What one entry says, whichever form it came in."""

    title: str = ""
    link: str | None = None
    guid: str | None = None
    source: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    published_text: str = ""
    updated_text: str = ""
    published_parsed: Any = None  # feedparser's UTC reading, for formats we do not read ourselves
    updated_parsed: Any = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)
    summary_html: str = ""  # a separate summary or description, as HTML
    content_html: str = ""  # the full content, as HTML
    format: str = ""
    truncated: bool = False
    truncation: str = "feed is cut off inside this entry: its text is partial"


def feed_articles(
    entries: list[FeedEntry | None], feed_notes: list[str], origin: str, problem: str | None = None
) -> list[Article]:
    """The articles of a feed's entries (None: an entry that was no record), each noted with
    `feed_notes`; entries with neither title nor text are skipped and counted in a note.

    IngestError when no entry gives an article (saying `problem`, the feed's damage, if any).
    """
    articles: list[Article] = []
    skipped = 0
    for entry in entries:
        article = _article(entry) if entry is not None else None
        if article is None:
            skipped += 1
            continue
        article.notes[:0] = feed_notes
        articles.append(article)
    if not articles and problem:
        raise IngestError(f"no entry could be read: {problem}", origin)
    if not articles:
        raise IngestError(f"none of the feed's {len(entries)} entries has a title or text", origin)
    if skipped:
        entries_were = "entry was" if skipped == 1 else "entries were"
        articles[0].notes.append(
            f"{skipped} other feed {entries_were} skipped: neither title nor text"
        )
    return articles


def _article(entry: FeedEntry) -> Article | None:
    """The article one entry gives, or None when it has neither title nor text."""
    sections, is_teaser, excerpt = _body(entry)
    if not entry.title and not sections:
        return None
    notes: list[str] = []
    title = entry.title or _title_from_text(sections)
    if not entry.title:
        notes.append("feed entry has no title; the title is its first sentence")
    published, published_note = parse_timestamp(entry.published_text, entry.published_parsed)
    updated, updated_note = parse_timestamp(entry.updated_text, entry.updated_parsed)
    article = Article(
        title=title,
        sections=sections,
        url=entry.link,
        canonical_url=canonical_url(entry.link),
        guid=entry.guid,
        source=entry.source or source_for_url(entry.link),
        site=entry.site,
        authors=entry.authors,
        published=published or updated,
        updated=updated,
        language=entry.language,
        excerpt=excerpt,
        tags=entry.tags,
        is_truncated=entry.truncated,
        is_teaser=is_teaser,
        notes=notes,
        extra={"feed_format": entry.format} if entry.format else {},
    )
    unread = [
        t
        for t, s in ((entry.published_text, published), (entry.updated_text, updated))
        if t and not s
    ]
    if unread:
        article.date_text = unread[0]
    notes.extend(n for n in dict.fromkeys((published_note, updated_note)) if n)
    if entry.truncated:
        notes.append(entry.truncation)
    if is_teaser:
        notes.append(
            "feed gives only a teaser; the full text is at the link"
            if sections
            else "feed gives only a title; the text is at the link"
        )
    return article


def _body(entry: FeedEntry) -> tuple[list[Section], bool, str | None]:
    """(sections, is_teaser, excerpt): full content when the feed has it, else the summary."""
    content, content_cut = _trimmed_sections(entry.content_html)
    summary, summary_cut = _trimmed_sections(entry.summary_html)
    excerpt = " ".join(p for s in summary for p in s.paragraphs) or None
    if content and not (content_cut and _is_short(content)):
        return content, False, excerpt
    teaser, cut = (content, content_cut) if content else (summary, summary_cut)
    if teaser and not cut and not _is_short(teaser):
        # A long description without any "read more" is the full text delivered there.
        return teaser, False, None if teaser is summary else excerpt
    return teaser, True, excerpt


_TRAILER = re.compile(
    r"^(?:read more|read the (?:full|rest of the) (?:story|article)|continue reading\b.*"
    r"|the post .{1,300} appeared first on .{1,100})[\s.»›→…]*$",
    re.I,
)
# "Read more" ending a paragraph after a full stop (not "...wants people to read more").
_READ_MORE_TAIL = re.compile(
    r"(?:^|(?<=[.!?…)\]»]))\s*(?:read more|continue reading)[\s.:»›→…]*$", re.I
)
_CUT_MARK = re.compile(r"(?:…|\.\.\.|\[(?:…|\.\.\.)\])\s*$")


def _trimmed_sections(fragment: str) -> tuple[list[Section], bool]:
    """Sections of a fragment without "Read more" trailers, and whether the text says it was cut."""
    if not fragment:
        return [], False
    if "<" in fragment:
        sections = fragment_sections(fragment)
    else:  # plain text (most summaries): no tree to build
        text = clean_text(fragment)
        sections = [Section(heading=None, paragraphs=[text])] if text else []
    cut = False
    while sections:
        paragraphs = sections[-1].paragraphs
        last = paragraphs[-1]
        if _TRAILER.match(last):
            cut = cut or not last.lower().startswith("the post ")
            paragraphs.pop()
        elif _READ_MORE_TAIL.search(last):
            paragraphs[-1] = _READ_MORE_TAIL.sub("", last)
            cut = True
            if not paragraphs[-1]:
                paragraphs.pop()
        else:
            cut = cut or bool(_CUT_MARK.search(last))
            break
        if not paragraphs:
            sections.pop()
    return sections, cut


def _is_short(sections: list[Section]) -> bool:
    paragraphs = [p for s in sections for p in s.paragraphs]
    chars = sum(len(p) for p in paragraphs)
    return len(paragraphs) <= _TEASER_MAX_PARAGRAPHS and chars <= _TEASER_MAX_CHARS


def _title_from_text(sections: list[Section]) -> str:
    first = sections[0].paragraphs[0]
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(sentence) <= _TITLE_FROM_TEXT_CHARS:
        return sentence
    return sentence[:_TITLE_FROM_TEXT_CHARS].rsplit(" ", 1)[0] + "…"


# ---- field readers both feed forms share


def nonblank_string(value: Any) -> str | None:
    """A string value without its outer space; None for a blank string or any other type."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def absolute_link(link: str | None, base: str | None) -> str | None:
    """A link resolved against the feed's base; absolute, unparsable or unbased links as given."""
    if not link or not base or re.match(r"[A-Za-z][\w+.-]*:", link):
        return link
    try:
        return urljoin(base, link)
    except ValueError:
        return link


def as_html(value: str, content_type: Any) -> str:
    """Plain text as HTML: blank lines part paragraphs; one paragraph stays tag-free (fast path).

    Any content type other than "text/plain" is taken to be HTML already and returned as given.
    """
    if content_type != "text/plain":
        return value
    paragraphs = [p for p in re.split(r"\n\s*\n", value) if p.strip()]
    if len(paragraphs) == 1:
        return html.escape(paragraphs[0])
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def person_names(people: Any) -> list[str]:
    """The names in a list of person records ({"name": ...}), bylines bared, repeats dropped."""
    names: list[str] = []
    for person in people if isinstance(people, list) else []:
        name = _person_name(person.get("name") if isinstance(person, dict) else None)
        if name and name not in names:
            names.append(name)
    return names


def _person_name(value: Any) -> str | None:
    """A byline as a name: "By Kim Arin" and "김지연 기자" (reporter) give the bare name."""
    if not isinstance(value, str):
        return None
    name = re.sub(r"^by\s+", "", plain_text(value), flags=re.I)
    name = re.sub(r"\s*(?:기자|특파원)$", "", name)
    return name if name and "@" not in name else None


def tag_names(tags: Any) -> list[str]:
    """Tag names from a list of strings or of {"label"/"term": ...} records, case-blind unique."""
    names: list[str] = []
    for tag in tags if isinstance(tags, list) else []:
        if isinstance(tag, dict):
            tag = tag.get("label") or tag.get("term")
        name = plain_text(tag) if isinstance(tag, str) else ""
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return names


def record_language(record: dict[str, Any]) -> str | None:
    """Two-letter language of a record: its own, or the xml:lang feedparser passed down to it."""
    detail = record.get("title_detail")
    candidates = [
        record.get("language"),
        detail.get("language") if isinstance(detail, dict) else None,
    ]
    for value in candidates:
        match = re.match(r"\s*([A-Za-z]{2})(?![A-Za-z])", value) if isinstance(value, str) else None
        if match:
            return match.group(1).lower()
    return None
