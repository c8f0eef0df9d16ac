"""Google Reader's names for things: item ids in their long and short forms, stream ids, and the
continuation points of a stream.

A newsdesk article id is 16 hex digits: 64 bits. Google Reader's long item id carries the same
digits (`tag:google.com,2005:reader/item/0123456789abcdef`); its short id is the same 64 bits
read as a signed decimal integer (`81985529216486895`; ids with the top bit set are negative),
which is what Java clients parse it as. Clients send either form back, some without the zero
padding, some the bare 16 hex digits: every form maps back to the one article id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

ITEM_PREFIX = "tag:google.com,2005:reader/item/"
STATE = "user/-/state/com.google/"
READING_LIST = STATE + "reading-list"
STARRED = STATE + "starred"
READ = STATE + "read"
LABEL = "user/-/label/"
# Folders: the followed sources, the publishers of everything else, and the reader's follows.
SOURCES, PUBLISHERS, FOLLOWING = "Sources", "Publishers", "Following"
FOLLOW_KINDS = ("entity", "story", "storyline")

_BITS = 1 << 64
_HEX = re.compile(r"-?[0-9a-fA-F]{1,16}")
_DECIMAL = re.compile(r"-?[0-9]{1,20}")
_STATE = re.compile(r"user/[^/]*/state/com\.google/(.+)")
_LABEL = re.compile(r"user/[^/]*/label/(.+)")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def long_item_id(article_id: str) -> str:
    return ITEM_PREFIX + article_id


def short_item_id(article_id: str) -> str:
    value = int(article_id, 16)
    return str(value - _BITS if value >= _BITS >> 1 else value)


def article_ids_for(item_id: str) -> list[str]:
    """The article ids an item id may stand for: one, none for a malformed id, or two for 16
    decimal digits, which read as the bare hex form too (the store says which one exists)."""
    text = item_id.strip()
    if text.startswith(ITEM_PREFIX):
        digits = text[len(ITEM_PREFIX) :]
        return [_bits(int(digits, 16))] if _HEX.fullmatch(digits) else []
    found = [text.lower()] if len(text) == 16 and _HEX.fullmatch(text) else []
    if _DECIMAL.fullmatch(text) and -(_BITS >> 1) <= int(text) < _BITS:
        found.append(_bits(int(text)))
    return list(dict.fromkeys(found))


def _bits(value: int) -> str:
    return format(value % _BITS, "016x")


def usec(moment: datetime) -> int:
    """Microseconds since 1970, exactly (no float on the way)."""
    return (moment - _EPOCH) // timedelta(microseconds=1)


def from_usec(value: int) -> datetime:
    return _EPOCH + timedelta(microseconds=value)


def continuation(moment: datetime, article_id: str) -> str:
    """Where the next page starts: after this article, at this stream time."""
    return f"{usec(moment)}_{article_id}"


def continued_after(token: str) -> tuple[datetime, str] | None:
    """The point a continuation token names; None when it is not one of ours."""
    moment, _, article_id = token.strip().rpartition("_")
    if not re.fullmatch(r"-?[0-9]{1,19}", moment) or not re.fullmatch(r"[0-9a-f]{16}", article_id):
        return None
    try:
        return from_usec(int(moment)), article_id
    except OverflowError:
        return None


@dataclass(frozen=True)
class Stream:
    """A parsed stream id. `kind`: a state ("reading-list", "starred", "read", "kept-unread",
    ...), "label", "source" (key: id), "publisher" (key: name), a follow kind ("entity",
    "story", "storyline"; key: its id), or "url" (a feed address, to subscribe to)."""

    kind: str
    key: str = ""


def parse_stream(stream_id: str) -> Stream | None:
    text = stream_id.strip()
    if state := _STATE.fullmatch(text):
        return Stream(state[1])
    if label := _LABEL.fullmatch(text):
        return Stream("label", label[1])
    if not text.startswith("feed/"):
        return None
    rest = text[len("feed/") :]
    if rest.isdigit():
        return Stream("source", rest)
    kind, colon, key = rest.partition(":")
    if colon and kind in (*FOLLOW_KINDS, "publisher"):
        return Stream(kind, key)
    if rest.startswith(("http://", "https://")):
        return Stream("url", rest)
    return None


def source_stream(source_id: int) -> str:
    return f"feed/{source_id}"


def publisher_stream(name: str) -> str:
    return f"feed/publisher:{name}"


def follow_stream(kind: str, target: str) -> str:
    return f"feed/{kind}:{target}"


def label_stream(name: str) -> str:
    return LABEL + name
