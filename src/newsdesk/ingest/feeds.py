"""News feeds: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom through feedparser; JSON Feed 1.0/1.1.

Every entry becomes one article. Both readers first gather an entry's fields into `_Entry`; one
builder then decides what is body and what is only a teaser, reads dates with the offset the
feed wrote, and records what it noticed in `Article.notes`. Damaged feeds are salvaged (a
truncated last entry is kept and marked); an input with no usable entry raises IngestError.
"""

from __future__ import annotations

import codecs
import html
import io
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from newsdesk.errors import IngestError
from newsdesk.ingest.dates import parse_timestamp
from newsdesk.ingest.decode import decode_text
from newsdesk.ingest.fragments import clean_text, fragment_sections, plain_text, squash_space
from newsdesk.ingest.wordpress import load_json_salvaging
from newsdesk.model import Article, RawDocument, Section
from newsdesk.sources import source_for_url
from newsdesk.urls import canonical_url

_SNIFF_BYTES = 4096
# A teaser is at most two paragraphs and this many characters, unless it says it was cut.
_TEASER_MAX_CHARS = 600
_TEASER_MAX_PARAGRAPHS = 2
_TITLE_FROM_TEXT_CHARS = 120


def looks_like_feed(head: bytes) -> str | None:
    """The kind of feed ("rss", "atom", "rdf", "jsonfeed") an input's first KB shows, or None."""
    text = _ascii_view(head[:_SNIFF_BYTES]).lstrip()
    if text.startswith("{"):
        return "jsonfeed" if "jsonfeed.org/version" in text else None
    root = _root_element(text)
    if root is None:
        return None
    local = root.rsplit(":", 1)[-1].lower()
    if local == "rss":
        return "rss"
    if local == "feed":
        return "atom"
    if local == "rdf" and ("purl.org/rss/1.0" in text or "netscape.com/rdf/simple/0.9" in text):
        return "rdf"
    return None


def parse(raw: RawDocument) -> list[Article]:
    """Articles from an RSS, RDF or Atom feed (a JSON Feed is handed to `parse_json_feed`).

    IngestError when the input is empty, is not a feed, or no entry with a title or text can be
    read from it. A malformed feed that still gives entries is salvaged, with a note on each.
    """
    if not raw.content.strip():
        raise IngestError("feed is empty", raw.origin)
    if _ascii_view(raw.content[:1024]).lstrip().startswith("{"):
        return parse_json_feed(raw)
    data, encoding_note = _korean_as_utf8(raw.content)
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
    return _articles(gathered, notes, raw.origin, problem)


def parse_json_feed(raw: RawDocument) -> list[Article]:
    """Articles from a JSON Feed (version 1.0 or 1.1); a feed cut off at the end is salvaged.

    IngestError when the input is not JSON, has no `items` list, or no item has a title or text.
    """
    text = decode_text(raw)
    if "\\u" in text:
        text = _LONE_SURROGATE.sub(_keep_surrogate_pairs, text)
    try:
        data, cut_note = load_json_salvaging(text, raw.origin)
    except RecursionError:
        raise IngestError("JSON is nested too deeply to be a feed", raw.origin) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise IngestError("not a JSON Feed: no top-level object with an 'items' list", raw.origin)
    notes = []
    version = _string(data.get("version"))
    if not version or "jsonfeed.org/version/" not in version:
        notes.append("JSON Feed has no jsonfeed.org version; read as version 1.1")
    items = data["items"]
    if not items:
        raise IngestError("feed has no entries", raw.origin)
    gathered = [_json_entry(item, data) for item in items]
    if cut_note and gathered[-1] is not None:
        gathered[-1].truncated = True
        gathered[-1].truncation = cut_note
    return _articles(gathered, notes, raw.origin)


# ---- what one entry says, whichever form it came in


@dataclass
class _Entry:
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


def _articles(
    entries: list[_Entry | None], feed_notes: list[str], origin: str, problem: str | None = None
) -> list[Article]:
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


def _article(entry: _Entry) -> Article | None:
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


def _body(entry: _Entry) -> tuple[list[Section], bool, str | None]:
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


# ---- RSS, RDF and Atom through feedparser


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
        version = _string(result.get("version")) or ""
        base = origin if re.match(r"https?://", origin) else None
        link = _absolute(_string(feed.get("link")), base)
        # Atom feed authors are, by the spec, the authors of every entry that names none.
        authors = _names(feed.get("authors")) if version.startswith("atom") else []
        return cls(_title_text(feed), link or base, _language(feed), authors, version)

    def entry(self, entry: dict[str, Any]) -> _Entry:
        source = entry.get("source") if isinstance(entry.get("source"), dict) else {}
        own_source = _title_text(source)
        content = _content_html(entry)
        # feedparser copies the content into an absent summary, without a summary_detail.
        summary = _detail_html(entry, "summary") if "summary_detail" in entry else ""
        return _Entry(
            title=_title_text(entry),
            link=_absolute(_string(entry.get("link")), self.link),
            guid=_string(entry.get("id")),
            source=own_source or self.title or None,
            site=self.title if own_source and own_source != self.title else None,
            # Atom: an entry without authors has its source's, or else (if it names no source,
            # so is not copied from elsewhere) the feed's.
            authors=_names(entry.get("authors"))
            or _names(source.get("authors"))
            or ([] if source else self.authors),
            published_text=_string(dict.get(entry, "published")) or "",
            updated_text=_string(dict.get(entry, "updated")) or "",
            published_parsed=dict.get(entry, "published_parsed"),
            updated_parsed=dict.get(entry, "updated_parsed"),
            language=_language(entry) or self.language,
            tags=_tags(entry.get("tags")),
            summary_html=summary,
            content_html=content,
            format=self.version,
        )


def _salvage_cut_entry(
    entries: list[dict[str, Any]], data: bytes, origin: str, notes: list[str]
) -> bool:
    """Keep what a feed cut off inside its last entry gives of it; False if it is left out."""
    if not _string(entries[-1].get("title")):
        entries.pop()  # cut before its title ended: nothing of it can be trusted
        notes.append("feed is cut off inside an entry before its title ended; it is left out")
        return False
    # The loose parser drops an element left open; with everything closed the text is kept.
    closed = _entries(_feedparser(_close_open_elements(data), origin))
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
    title = _string(record.get("title")) or ""
    return plain_text(title) if _detail_type(record, "title") != "text/plain" else clean_text(title)


def _content_html(entry: dict[str, Any]) -> str:
    """The longest full-content element of an entry (content:encoded, Atom content), as HTML."""
    best = ""
    for item in entry.get("content") or []:
        if isinstance(item, dict) and isinstance(item.get("value"), str):
            value = _as_html(item["value"], item.get("type"))
            best = value if len(value) > len(best) else best
    return best


def _detail_html(entry: dict[str, Any], key: str) -> str:
    value = _string(entry.get(key)) or ""
    return _as_html(value, _detail_type(entry, key)) if value else ""


def _detail_type(record: dict[str, Any], key: str) -> str | None:
    detail = record.get(f"{key}_detail")
    return detail.get("type") if isinstance(detail, dict) else None


def _as_html(value: str, content_type: Any) -> str:
    """Plain text as HTML: blank lines part paragraphs; one paragraph stays tag-free (fast path)."""
    if content_type != "text/plain":
        return value
    paragraphs = [p for p in re.split(r"\n\s*\n", value) if p.strip()]
    if len(paragraphs) == 1:
        return html.escape(paragraphs[0])
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def _names(people: Any) -> list[str]:
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


def _tags(tags: Any) -> list[str]:
    names: list[str] = []
    for tag in tags if isinstance(tags, list) else []:
        if isinstance(tag, dict):
            tag = tag.get("label") or tag.get("term")
        name = plain_text(tag) if isinstance(tag, str) else ""
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return names


def _language(record: dict[str, Any]) -> str | None:
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


# ---- JSON Feed (https://www.jsonfeed.org/version/1.1/)


_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)


def _keep_surrogate_pairs(match: re.Match[str]) -> str:
    """JSON escapes of a surrogate pair stay; a lone one (no text can hold it) becomes U+FFFD."""
    return match.group() if len(match.group()) == 12 else "\\ufffd"


def _json_entry(item: Any, feed: dict[str, Any]) -> _Entry | None:
    if not isinstance(item, dict):
        return None
    base = _string(feed.get("home_page_url")) or _string(feed.get("feed_url"))
    link = _absolute(_string(item.get("url")) or _string(item.get("external_url")), base)
    feed_title = clean_text(_string(feed.get("title")) or "")
    content = _string(item.get("content_html")) or _as_html(
        _string(item.get("content_text")) or "", "text/plain"
    )
    guid = item.get("id")  # a string by the spec; numbers occur in version 1.0 feeds
    if isinstance(guid, int) and not isinstance(guid, bool):
        guid = str(guid)
    return _Entry(
        title=clean_text(_string(item.get("title")) or ""),
        link=link,
        guid=_string(guid),
        source=feed_title or None,
        authors=_json_authors(item) or _json_authors(feed),
        published_text=_string(item.get("date_published")) or "",
        updated_text=_string(item.get("date_modified")) or "",
        language=_language(item) or _language(feed),
        tags=_tags(item.get("tags")),
        summary_html=_as_html(_string(item.get("summary")) or "", "text/plain"),
        content_html=content,
        format=f"jsonfeed {(_string(feed.get('version')) or '').rsplit('/', 1)[-1]}".strip(),
    )


def _json_authors(record: dict[str, Any]) -> list[str]:
    """Version 1.1 `authors` list, or version 1.0's single `author`."""
    people = record.get("authors")
    if not isinstance(people, list):
        people = [record.get("author")]
    return _names(people)


# ---- bytes: sniffing and the repairs feedparser does not make


_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SKIPPABLE = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.S | re.I)
_ELEMENT = re.compile(r"<([A-Za-z_][\w.:-]*)")


def _ascii_view(head: bytes) -> str:
    """The head as text in which markup can be searched, whatever its (ASCII-based) encoding."""
    for bom, encoding in _BOM_CODECS:
        if head.startswith(bom):
            cut = len(head) - (len(head) - len(bom)) % (4 if encoding == "utf-32" else 2)
            return head[:cut].decode(encoding, errors="ignore").lstrip("\ufeff")
    if head.startswith((b"<\x00", b"\x00<")):  # UTF-16 without a byte-order mark
        encoding = "utf-16-le" if head[0] == 0x3C else "utf-16-be"
        return head[: len(head) // 2 * 2].decode(encoding, errors="ignore")
    return head.decode("latin-1")


def _root_element(text: str) -> str | None:
    position = 0
    while True:
        skipped = _SKIPPABLE.match(text, position)
        if not skipped or skipped.end() == position:
            break
        position = skipped.end()
    element = _ELEMENT.match(text, position)
    return element.group(1) if element else None


_DECLARED = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_KOREAN_NAMES = {"euc_kr", "cp949", "x-windows-949", "windows-949"}
_HANGUL = re.compile("[\uac00-\ud7a3]")


_MARKUP = re.compile(
    rb"<!\[CDATA\[.*?(?:\]\]>|$)|<!--.*?(?:-->|$)|<[?!][^>]*>|<(/?)([A-Za-z_][\w:.-]*)[^>]*?(/?)>",
    re.S,
)


def _close_open_elements(data: bytes) -> bytes:
    """A document cut off at the end, with its last partial tag dropped and open elements closed."""
    data = re.sub(rb"<[^>]*$|&[#\w]*$", b"", data)
    open_names: list[bytes] = []
    tail = b""
    for token in _MARKUP.finditer(data):
        if token.group(0).startswith(b"<![CDATA[") and not token.group(0).endswith(b"]]>"):
            tail = b"]]>"
        elif token.group(2) and not token.group(3):
            if not token.group(1):
                open_names.append(token.group(2))
            elif token.group(2) in open_names:
                del open_names[len(open_names) - 1 - open_names[::-1].index(token.group(2)) :]
    return data + tail + b"".join(b"</" + name + b">" for name in reversed(open_names))


def _korean_as_utf8(data: bytes) -> tuple[bytes, str | None]:
    """Korean feeds whose bytes are CP949 whatever they declare, as UTF-8; others untouched.

    Korean sites often serve CP949 (EUC-KR's extension) under the EUC-KR name, or under none:
    strict decoding then fails and feedparser falls back to windows-1252, garbling every title.
    """
    if data.startswith(tuple(bom for bom, _ in _BOM_CODECS)):
        return data, None
    match = _DECLARED.match(data[:512])
    declared = match.group(1).decode("ascii") if match else None
    codec = _codec_name(declared or "utf-8")
    if codec:
        try:
            data.decode(codec)
            return data, None
        except UnicodeDecodeError:
            pass
    if codec not in _KOREAN_NAMES and not (codec == "utf-8" and _mostly_not_utf8(data)):
        return data, None
    text = data.decode("cp949", errors="replace")
    if not _HANGUL.search(text):
        return data, None
    if match:
        text = text.replace(declared, "utf-8", 1)
    said = f"declared {declared}" if declared else "declared no encoding"
    return text.encode("utf-8"), f"feed {said} but its text is CP949 (Korean); read as CP949"


def _codec_name(name: str) -> str:
    if name.lower() in _KOREAN_NAMES:
        return name.lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _mostly_not_utf8(data: bytes) -> bool:
    """Bytes that fail as UTF-8 throughout, not at one damaged spot or a cut-off character."""
    text = data.decode("utf-8", errors="replace")
    return text.count("\ufffd") > max(3, len(_HANGUL.findall(text)))


# ---- small helpers


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link or not base or re.match(r"[A-Za-z][\w+.-]*:", link):
        return link
    try:
        return urljoin(base, link)
    except ValueError:
        return link


def _one_line(error: object) -> str:
    return squash_space(str(error)) or type(error).__name__
