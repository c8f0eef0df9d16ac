"""Which adapter reads an input: decided by its content, with the file name as a last hint."""

from __future__ import annotations

import codecs
import re

from newsdesk.errors import IngestError
from newsdesk.ingest.decode import looks_binary
from newsdesk.model import RawDocument

_HEAD_BYTES = 16384
_HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<meta\s|<div[\s>]|<p[\s>]",
    re.I,
)
_WORDPRESS_KEYS = (b'"date_gmt"', b'"rendered"', b'"slug"', b'"modified_gmt"')


def detect_format(raw: RawDocument) -> str:
    """One of "wordpress", "feed", "jsonfeed", "html", "text"; IngestError when none fits."""
    head = _head(raw)
    if not head.strip():
        raise IngestError("input is empty", raw.origin)
    if looks_binary(head):
        raise IngestError("input is binary data, not text", raw.origin)
    text = head.lstrip()
    if text[:1] in (b"{", b"["):
        return _json_kind(head, raw)
    if text[:1] == b"<":
        return _markup_kind(head, raw)
    return "text"


_WIDE_BOMS = (  # UTF-32 first: its little-endian mark begins like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _head(raw: RawDocument) -> bytes:
    """The first bytes as UTF-8-compatible bytes, so markers can be searched the same way."""
    head = raw.content[:_HEAD_BYTES]
    if head.startswith(codecs.BOM_UTF8):
        return head[len(codecs.BOM_UTF8) :]
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            cut = len(head) - len(head) % (4 if encoding == "utf-32" else 2)
            return head[:cut].decode(encoding, errors="ignore").encode("utf-8")
    return head


def _json_kind(head: bytes, raw: RawDocument) -> str:
    if b"jsonfeed.org/version" in head:
        return "jsonfeed"
    if sum(key in head for key in _WORDPRESS_KEYS) >= 2:
        return "wordpress"
    raise IngestError(
        "JSON input is neither a WordPress REST post nor a JSON Feed (no 'date_gmt'/'rendered' "
        "fields, no jsonfeed.org version)",
        raw.origin,
    )


def _markup_kind(head: bytes, raw: RawDocument) -> str:
    from newsdesk.ingest.feeds import looks_like_feed

    if looks_like_feed(head):
        return "feed"
    if _HTML_MARKERS.search(head):
        return "html"
    if raw.origin.lower().endswith((".html", ".htm", ".xhtml")):
        return "html"
    raise IngestError("markup input is neither an RSS/Atom feed nor an HTML page", raw.origin)
