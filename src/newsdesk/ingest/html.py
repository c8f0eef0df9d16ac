"""Article pages (HTML as fetched from a publisher's site) to one clean article.

trafilatura finds the main text and reads the page's metadata (title, authors, canonical URL, site
name, description, tags; og:, meta and JSON-LD fields), htmldate finds the dates. This module
chooses their settings, decodes the bytes, turns trafilatura's body tree into named sections,
drops the promotional lines publishers put inside article bodies, and maps it all onto `Article`.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from newsdesk.errors import IngestError
from newsdesk.ingest.decode import decode_text, looks_binary
from newsdesk.ingest.fragments import group_blocks, squash_space
from newsdesk.model import Article, RawDocument, Section, Timestamp
from newsdesk.sources import source_for_url
from newsdesk.urls import canonical_url

# Less main text than this is no article (a login wall, a 404 page, a list of links). Counted in
# characters, not words, so that unspaced scripts (Chinese, Japanese) are measured fairly.
_MIN_BODY_CHARS = 100

# htmldate renders a time and zone only where the page gave them; a bare date comes back as
# midnight with no zone, which parses as a naive datetime.
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# Where pages declare their dates (meta names and properties, microdata, JSON-LD keys), lower-cased.
# fmt: off
_PUBLISHED_KEYS = frozenset({
    "datepublished", "article:published_time", "og:published_time", "article:published",
    "pubdate", "publishdate", "dc.date.issued",
})
_MODIFIED_KEYS = frozenset({
    "datemodified", "article:modified_time", "og:updated_time", "article:modified", "lastmod",
    "dc.date.modified", "dcterms.modified", "last-modified", "modified",
})

# In page source, any spelling of those keys has one of these in it: a page with none of them
# declares no modification date, and htmldate is spared the search.
_MODIFIED_MARKERS = ("odified", "updated_time", "lastmod")

# The WHATWG encoding standard reads these labels as their Windows supersets: pages labelled
# EUC-KR routinely hold CP949-only syllables, and "ISO-8859-1" pages hold cp1252 quotes.
_ENCODING_SUPERSETS = {
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "gb2312": "gb18030",
    "gbk": "gb18030", "shift_jis": "cp932", "x-sjis": "cp932", "tis-620": "cp874",
    # a label readable in ASCII cannot be true of a UTF-16 page
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}
# fmt: on
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_DATE_ELEMENTS = etree.XPath(
    "//meta[@content]|//*[@itemprop][@datetime or @content]|//time[@datetime]"
)
_SECTION_XPATH = '//head/meta[@property="article:section"]/@content'
_LANGUAGE_XPATH = (
    '//meta[translate(@http-equiv, "CONTENTLAGU", "contentlagu")="content-language"]/@content'
    '|//meta[@property="og:locale"]/@content'
)
# Lines publishers put inside article bodies that are not the article: lead-ins to other stories
# ("Read more: ..."), calls to follow or subscribe, share prompts, comment counters, copyright
# footers. Only short paragraphs are tested, so a real paragraph that merely starts alike stays.
_PROMO_LINE = re.compile(
    r"^(?:"
    r"(?:read more|related|see more|see also|also read|read also|more|don't miss|do not miss"
    r"|recommended|watch|listen|also|more from [^:]{1,40})\s*[:|>»]"
    r"|advertisements?$|sponsored(?: content)?$"
    r"|follow\b.{0,80}\bon (?:twitter|facebook|instagram|linkedin|youtube)\b"
    r"|(?:sign up|subscribe)\b.{0,80}\b(?:newsletters?|inbox|updates)\b"
    r"|(?:like|enjoy(?:ed)?) this (?:story|article|post)\?"
    r"|share (?:this|it)\b"
    r"|\d* ?comments?$"
    r"|filed under\s*:"
    r"|(?:©|copyright\b|\(c\)\s).{0,80}\b(?:19|20)\d\d\b"
    r"|you (?:may|might) also like"
    r"|\d+ min(?:ute)?s? read$"
    r")",
    re.IGNORECASE,
)
_PROMO_MAX_WORDS = 30
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")

# Both libraries log each page they give up on; newsdesk reports those as IngestError instead,
# and Python would print the log lines to stderr for every bad page of a batch.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def parse(raw: RawDocument) -> list[Article]:
    """The article of one HTML page, as a one-item list.

    Raises IngestError, and no other exception, when the bytes are not an HTML page or the page
    holds no article text.
    """
    text = decode_html(raw)
    try:
        article = _read_article(text, raw)
    except IngestError:
        raise
    except Exception as error:
        # lxml, trafilatura and htmldate fail in their own ways on odd markup
        reason = f"HTML page could not be read ({type(error).__name__})"
        raise IngestError(reason, raw.origin) from error
    if _looks_cut_off(raw, text):
        article.is_truncated = True
        article.notes.append("page stops mid-text without its closing tags: probably cut off")
    return [article]


def decode_html(raw: RawDocument) -> str:
    """The page's text: UTF-8 when it is UTF-8, else its declared charset, else a guess."""
    data = raw.content
    if not data.strip():
        raise IngestError("input is empty", raw.origin)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(raw)
    if looks_binary(data):
        raise IngestError("input is binary data, not an HTML page", raw.origin)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(data)
    if declared == "utf-8":
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") * 200 <= len(text):
            return text  # a few stray bytes in a UTF-8 page; more mean the label is wrong
    elif declared:
        try:
            return data.decode(declared)
        except (UnicodeError, LookupError):
            pass  # a wrong label, or a codec that is no text encoding ("base64"): guess
    return decode_text(raw)


def _declared_encoding(data: bytes) -> str | None:
    """The Python codec for the charset a page declares in its first 4 KB, if Python has it."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(_ENCODING_SUPERSETS.get(label, label)).name
    except LookupError:
        return None


def _read_article(text: str, raw: RawDocument) -> Article:
    url = raw.origin if raw.origin.startswith(("http://", "https://")) else None
    tree = load_html(text)
    if tree is None or len(tree) == 0:
        raise IngestError("input is not an HTML document (no element could be parsed)", raw.origin)
    # Comments are readers', not the article's; favor_precision because an article with teaser
    # and navigation lines in it is worse than one missing a line.
    document = bare_extraction(tree, url=url, include_comments=False, favor_precision=True)
    if document is None or document.body is None:
        raise IngestError("HTML page holds no article text (no main text found)", raw.origin)
    metadata = page_metadata(tree, url)
    sections = body_sections(document.body, metadata.title, metadata.description)
    if sum(len(p) for s in sections for p in s.paragraphs) < _MIN_BODY_CHARS:
        raise IngestError("HTML page holds no article text (too little main text)", raw.origin)
    return _article(text, tree, metadata, sections, url)


def page_metadata(tree: HtmlElement, url: str | None) -> Document:
    """What the page says about itself in its meta tags and JSON-LD (trafilatura's readers).

    Two of trafilatura's searches of the page's markup are left out for the speed budget (the
    adapter at 0.8x trafilatura's page rate or better): the byline search (on the benchmark pages
    it found an author for 30 of the 50 pages that declare none, but cost 17% of trafilatura's
    own extraction time on its own) and the scan of links for categories and tags (which also
    picks up navigation menus). Authors and tags are therefore those the page declares.
    """
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author and metadata.author.isascii():
        # trafilatura's rule (one Latin word is a handle or a site, not a byline), kept off names
        # in scripts written without spaces ("박지윤")
        metadata.author = None
    metadata = extract_meta_json(tree, metadata)
    metadata.title = metadata.title or extract_title(tree)
    # The canonical link is the page's own word on its address; og:url comes second
    if tree.find('.//head//link[@rel="canonical"]') is not None:
        metadata.url = extract_url(tree) or metadata.url
    metadata.url = metadata.url or url
    metadata.sitename = metadata.sitename or extract_sitename(tree)
    metadata.categories = metadata.categories or [str(v) for v in tree.xpath(_SECTION_XPATH)]
    metadata.date = find_date(
        tree,
        original_date=True,
        # The page's markup (meta, JSON-LD, <time>, URL, dated elements) only: scanning the
        # free text costs more than all other metadata together and changed 2 of the 123
        # benchmark pages' dates, one of them only by a time of day with no zone.
        extensive_search=False,
        outputformat=_DATE_FORMAT,
        url=metadata.url,
        deferred_url_extractor=True,  # a date in the URL has no time: the last resort
    )
    metadata.clean_and_trim()
    return metadata


def body_sections(body: etree._Element, *repeats: str | None) -> list[Section]:
    """trafilatura's body tree to sections: each <head> in it starts a named section.

    Headings at the top that repeat the title or the standfirst (`repeats`, kept in their own
    fields) are dropped, so the lead section has no heading. Text loose in the body is a
    paragraph of its own: trafilatura leaves some unwrapped, as tails of the heading before.
    """
    blocks: list[tuple[str, bool]] = [(text, False) for text in _loose(body.text)]
    for element in body:
        tail, element.tail = element.tail, None  # kept apart, or it would join the heading's text
        if element.tag == "head":
            blocks.append((_text(element), True))
        else:
            blocks.extend((text, False) for text in _paragraphs(element))
        blocks.extend((text, False) for text in _loose(tail))
    repeated = {_folded(text) for text in repeats if text}
    while blocks and blocks[0][1] and _folded(blocks[0][0]) in repeated:
        blocks = blocks[1:]
    return group_blocks(blocks)


def _loose(text: str | None) -> list[str]:
    text = squash_space(text or "")
    return [text] if text and not is_promo_line(text) else []


def _paragraphs(element: etree._Element) -> list[str]:
    """One paragraph per block; a list gives one per item, a table one per row."""
    if element.tag == "list":
        items = (_text(item) for item in element.iterchildren("item"))
        return [text for text in items if text and not is_promo_line(text)]
    if element.tag == "table":
        rows = ([_text(cell) for cell in row.iterchildren("cell")] for row in element.iter("row"))
        return [" | ".join(cell for cell in row if cell) for row in rows if any(row)]
    text = _text(element)
    return [text] if text and not is_promo_line(text) else []


def is_promo_line(text: str) -> bool:
    """Whether a paragraph is a publisher's promotional line rather than article text."""
    return len(text.split()) <= _PROMO_MAX_WORDS and _PROMO_LINE.match(text) is not None


def _text(element: etree._Element) -> str:
    if len(element) == 0:  # most paragraphs: plain text, nothing for trafilatura to render
        return squash_space(element.text or "")
    lines = (
        squash_space(line) for line in xmltotxt(element, include_formatting=False).splitlines()
    )
    return "\n".join(line for line in lines if line)


def _article(
    text: str,
    tree: HtmlElement,
    metadata: Document,
    sections: list[Section],
    origin_url: str | None,
) -> Article:
    url = metadata.url or origin_url
    source = _site_name(metadata.sitename) or source_for_url(url)
    published, date_text = _published(metadata.date, tree)
    article = Article(
        title=_headline(metadata.title, source),
        sections=sections,
        url=url,
        canonical_url=canonical_url(url),
        source=source,
        authors=_authors(metadata.author),
        published=published,
        updated=_updated(text, tree, published),
        date_text=date_text,
        language=page_language(tree),
        excerpt=squash_space(metadata.description or "") or None,
        tags=_tags(metadata.categories, metadata.tags),
    )
    if metadata.image:
        article.extra["image"] = metadata.image
    if not article.title:
        article.notes.append("page has no title")
    return article


def _updated(text: str, tree: HtmlElement, published: Timestamp | None) -> Timestamp | None:
    """The modification time the page declares, if later than its publication.

    Read from the page's meta tags, microdata and JSON-LD only: a page that declares none has
    none (the newest date htmldate would find in its text is as likely a related story's).
    """
    if not any(marker in text for marker in _MODIFIED_MARKERS):
        return None
    declared = _declared_times(tree, _MODIFIED_KEYS, False)
    # Pages that declare it twice sometimes disagree; like htmldate, the first one (meta before
    # JSON-LD) is taken, and one with a zone before one without.
    moment = next((t for t in declared if t.tzinfo is not None), declared[0] if declared else None)
    updated = _timestamp(moment) if moment else None
    if updated is None or (published is not None and updated.utc <= published.utc):
        return None
    return updated


def _published(text: str | None, tree: HtmlElement) -> tuple[Timestamp | None, str | None]:
    """(timestamp, date_text) from htmldate's date; a date without a zone is kept to the day.

    htmldate takes the first date it trusts, which may be a bare `dc.date` while the JSON-LD
    holds the full time: a declared time with a zone on the same day (or at the same wall-clock
    time) replaces it. date_text keeps a time of day whose zone is unknown, in words.
    """
    moment = _parse_datetime(text)
    if moment is None:
        return None, None
    if moment.tzinfo is None:
        declared = _declared_times(tree, _PUBLISHED_KEYS, True)
        zoned = (t for t in declared if t.tzinfo is not None and _same_moment(moment, t))
        moment = next(zoned, moment)
    has_time = moment.tzinfo is None and (moment.hour, moment.minute, moment.second) != (0, 0, 0)
    note = f"{moment:%Y-%m-%d %H:%M} (page time, zone unknown)" if has_time else None
    return _timestamp(moment), note


def _timestamp(moment: datetime) -> Timestamp:
    """A time with a zone to the second; without one, only its calendar day is certain."""
    if moment.tzinfo is None:
        day = moment.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=UTC)
        return Timestamp(utc=day, precision="day")
    offset = int(moment.utcoffset().total_seconds() // 60)
    # "Z" and "+00:00" read alike: both say the page gave UTC rather than a local zone
    return Timestamp(utc=moment, utc_offset_minutes=offset or None, precision="second")


def _same_moment(naive: datetime, zoned: datetime) -> bool:
    if (naive.hour, naive.minute, naive.second) == (0, 0, 0):
        return zoned.date() == naive.date()
    return zoned.replace(tzinfo=None, microsecond=0) == naive.replace(microsecond=0)


def _declared_times(tree: HtmlElement, keys: frozenset[str], time_elements: bool) -> list[datetime]:
    """The times the page's meta tags, microdata and JSON-LD give under these keys (and its
    <time> elements, if asked), with or without a zone."""
    values = list(_markup_values(tree, keys, time_elements))
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        values += _json_values(script.text, keys)
    # placeholders such as 0001-01-01 are no dates (and would not survive a change of zone)
    return [t for t in map(_parse_datetime, values) if t is not None and 1990 <= t.year <= 2100]


def _markup_values(tree: HtmlElement, keys: frozenset[str], time_elements: bool) -> Iterator[str]:
    for element in _DATE_ELEMENTS(tree):
        name = element.get("property") or element.get("name") or element.get("itemprop") or ""
        if name.lower() in keys or (time_elements and element.tag == "time"):
            yield element.get("content") or element.get("datetime") or ""


def _json_values(text: str | None, keys: frozenset[str]) -> Iterator[str]:
    """String values under the given keys anywhere in a JSON-LD block (broken JSON gives none)."""
    try:
        stack: list[Any] = [json.loads(text or "null", strict=False)]
    except ValueError:
        return
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and str(key).lower() in keys:
                    yield value
                elif isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def _parse_datetime(text: str | None) -> datetime | None:
    """An ISO 8601 time (htmldate's output, most pages' markup) or an RFC 2822 one."""
    if not text or not text.strip():
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _site_name(name: str | None) -> str | None:
    """The publisher's name, unless what the page gave is a handle ("@digg"), host or slug."""
    if not name or name.startswith("@") or "." in name or re.fullmatch(r"[a-z0-9_-]+", name):
        return None
    return name


def _headline(title: str | None, source: str | None) -> str:
    """The title without the " | Site Name" that many pages append to it."""
    title = squash_space(title or "")
    for separator in _TITLE_SEPARATORS if source else ():
        suffix = f"{separator}{source}"
        if title.casefold().endswith(suffix.casefold()) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


def _authors(text: str | None) -> list[str]:
    """trafilatura joins the authors it finds with "; "."""
    names = (squash_space(name) for name in (text or "").split(";"))
    return list(dict.fromkeys(name for name in names if name))


def _tags(categories: list[str] | None, tags: list[str] | None) -> list[str]:
    """Categories, then tags: keyword lists split at commas, repeats and CMS markers ("@river")
    dropped."""
    found: dict[str, str] = {}
    for entry in [*(categories or []), *(tags or [])]:
        for tag in (squash_space(t) for t in entry.split(",")):
            if tag and not tag.startswith("@"):
                found.setdefault(tag.casefold(), tag)
    return list(found.values())


def page_language(tree: HtmlElement) -> str | None:
    """The language the page declares (<html lang>, Content-Language, og:locale): "en", "ko"."""
    declared = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    declared += [str(value) for value in tree.xpath(_LANGUAGE_XPATH)]
    return next((code for code in map(normalise_language, declared) if code), None)


def normalise_language(tag: str | None) -> str | None:
    """ "ko-KR", "en_US", "EN" -> "ko", "en", "en"; None for what is not a language tag."""
    primary = re.split(r"[-_,;\s]", (tag or "").strip().lower(), maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _folded(text: str) -> str:
    return squash_space(text).casefold()


def _looks_cut_off(raw: RawDocument, text: str) -> bool:
    """Oversized input kept only in part, or a page that stops mid-text with no closing tags.

    HTML may leave out </body> and </html>, so their absence alone is no sign: the page must
    also end inside text or inside a tag.
    """
    if raw.size is not None and raw.size > len(raw.content):
        return True
    tail = text[-2048:].rstrip().lower()
    return "</html" not in tail and "</body" not in tail and not tail.endswith(">")
