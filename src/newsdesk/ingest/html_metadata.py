"""What an article page says about itself: title, authors, site, canonical URL, tags, language
and dates, from its meta tags, microdata and JSON-LD.

trafilatura reads most fields and htmldate finds the publication date; this module chooses their
settings, reads the declared modification time itself, and tidies each field for `Article`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document

from newsdesk.ingest.fragments import squash_space
from newsdesk.model import Timestamp

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
# fmt: on

# In page source, any spelling of those keys has one of these in it: a page with none of them
# declares no modification date, and htmldate is spared the search.
_MODIFIED_MARKERS = ("odified", "updated_time", "lastmod")

_DATE_ELEMENTS = etree.XPath(
    "//meta[@content]|//*[@itemprop][@datetime or @content]|//time[@datetime]"
)
_SECTION_XPATH = '//head/meta[@property="article:section"]/@content'
_LANGUAGE_XPATH = (
    '//meta[translate(@http-equiv, "CONTENTLAGU", "contentlagu")="content-language"]/@content'
    '|//meta[@property="og:locale"]/@content'
)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


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


# ---- dates


def published_timestamp(text: str | None, tree: HtmlElement) -> tuple[Timestamp | None, str | None]:
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


def updated_timestamp(
    text: str, tree: HtmlElement, published: Timestamp | None
) -> Timestamp | None:
    """The modification time the page (its source `text`, parsed as `tree`) declares, if later
    than its publication.

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


# ---- names, title, tags, language


def publisher_name(name: str | None) -> str | None:
    """The publisher's name, unless what the page gave is a handle ("@digg"), host or slug."""
    if not name or name.startswith("@") or "." in name or re.fullmatch(r"[a-z0-9_-]+", name):
        return None
    return name


def headline(title: str | None, source: str | None) -> str:
    """The title without the " | Site Name" that many pages append to it."""
    title = squash_space(title or "")
    for separator in _TITLE_SEPARATORS if source else ():
        suffix = f"{separator}{source}"
        if title.casefold().endswith(suffix.casefold()) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


def author_names(text: str | None) -> list[str]:
    """The names in trafilatura's author field (it joins the authors it finds with "; ")."""
    names = (squash_space(name) for name in (text or "").split(";"))
    return list(dict.fromkeys(name for name in names if name))


def page_tags(categories: list[str] | None, tags: list[str] | None) -> list[str]:
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
