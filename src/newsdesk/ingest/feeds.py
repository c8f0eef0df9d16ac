"""News feeds: which kind an input is, and the reader for it.

RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom are read through feedparser (rss.py), JSON Feed 1.0/1.1
as JSON (jsonfeed.py); both hand their entries to feed_entry.py, which makes one article of each.
"""

from __future__ import annotations

import codecs
import re

from newsdesk.errors import IngestError
from newsdesk.ingest import jsonfeed, rss
from newsdesk.model import Article, RawDocument

_SNIFF_BYTES = 4096

# The JSON Feed reader, under the name callers use (ingest/__init__, tests, benchmarks).
parse_json_feed = jsonfeed.parse


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
    """Articles from an RSS, RDF or Atom feed (a JSON Feed is handed to `jsonfeed.parse`).

    IngestError when the input is empty, is not a feed, or no entry with a title or text can be
    read from it. A malformed feed that still gives entries is salvaged, with a note on each.
    """
    if not raw.content.strip():
        raise IngestError("feed is empty", raw.origin)
    if _ascii_view(raw.content[:1024]).lstrip().startswith("{"):
        return jsonfeed.parse(raw)
    return rss.parse(raw)


# ---- sniffing: the head of the bytes as searchable text


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
