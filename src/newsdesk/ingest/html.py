"""Article pages (HTML as fetched from a publisher's site) to one clean article.

This module decodes the page's bytes, has trafilatura parse them, and maps what the page holds
onto `Article`: its main text as sections (html_body.py) and what it says about itself, its
title, authors, site, dates and language (html_metadata.py).
"""

from __future__ import annotations

import codecs
import logging
import re

from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

from newsdesk.errors import IngestError
from newsdesk.ingest.decode import decode_text, looks_binary
from newsdesk.ingest.fragments import squash_space
from newsdesk.ingest.html_body import body_sections, main_text_body
from newsdesk.ingest.html_metadata import (
    author_names,
    headline,
    page_language,
    page_metadata,
    page_tags,
    published_timestamp,
    publisher_name,
    updated_timestamp,
)
from newsdesk.model import Article, RawDocument, Section
from newsdesk.sources import source_for_url
from newsdesk.urls import canonical_url

# Less main text than this is no article (a login wall, a 404 page, a list of links). Counted in
# characters, not words, so that unspaced scripts (Chinese, Japanese) are measured fairly.
_MIN_BODY_CHARS = 100

# The WHATWG encoding standard reads these labels as their Windows supersets: pages labelled
# EUC-KR routinely hold CP949-only syllables, and "ISO-8859-1" pages hold cp1252 quotes.
# fmt: off
_ENCODING_SUPERSETS = {
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "gb2312": "gb18030",
    "gbk": "gb18030", "shift_jis": "cp932", "x-sjis": "cp932", "tis-620": "cp874",
    # a label readable in ASCII cannot be true of a UTF-16 page
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}
# fmt: on
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)

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
    body = main_text_body(tree, url)
    if body is None:
        raise IngestError("HTML page holds no article text (no main text found)", raw.origin)
    metadata = page_metadata(tree, url)
    sections = body_sections(body, metadata.title, metadata.description)
    if sum(len(p) for s in sections for p in s.paragraphs) < _MIN_BODY_CHARS:
        raise IngestError("HTML page holds no article text (too little main text)", raw.origin)
    return _article(text, tree, metadata, sections, url)


def _article(
    text: str,
    tree: HtmlElement,
    metadata: Document,
    sections: list[Section],
    origin_url: str | None,
) -> Article:
    url = metadata.url or origin_url
    source = publisher_name(metadata.sitename) or source_for_url(url)
    published, date_text = published_timestamp(metadata.date, tree)
    article = Article(
        title=headline(metadata.title, source),
        sections=sections,
        url=url,
        canonical_url=canonical_url(url),
        source=source,
        authors=author_names(metadata.author),
        published=published,
        updated=updated_timestamp(text, tree, published),
        date_text=date_text,
        language=page_language(tree),
        excerpt=squash_space(metadata.description or "") or None,
        tags=page_tags(metadata.categories, metadata.tags),
    )
    if metadata.image:
        article.extra["image"] = metadata.image
    if not article.title:
        article.notes.append("page has no title")
    return article


def _looks_cut_off(raw: RawDocument, text: str) -> bool:
    """Oversized input kept only in part, or a page that stops mid-text with no closing tags.

    HTML may leave out </body> and </html>, so their absence alone is no sign: the page must
    also end inside text or inside a tag.
    """
    if raw.size is not None and raw.size > len(raw.content):
        return True
    tail = text[-2048:].rstrip().lower()
    return "</html" not in tail and "</body" not in tail and not tail.endswith(">")
