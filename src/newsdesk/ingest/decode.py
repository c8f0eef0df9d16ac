"""Bytes to text: encodings, byte-order marks, and refusing what is not text at all."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from newsdesk.errors import IngestError
from newsdesk.model import RawDocument

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def decode_text(raw: RawDocument) -> str:
    """The text of a raw document; IngestError if it is empty, binary, or in no known encoding."""
    data = raw.content
    if not data.strip():
        raise IngestError("input is empty", raw.origin)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, raw)
    if looks_binary(data):
        raise IngestError("input is binary data, not text", raw.origin)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise IngestError(
            "input is not UTF-8 and its text encoding could not be recognised", raw.origin
        )
    return _decode(data, best.encoding, raw)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first block mean this is not a text file."""
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) * 0.05


def _decode(data: bytes, encoding: str, raw: RawDocument) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise IngestError(
            f"input could not be decoded as {encoding}: {error}", raw.origin
        ) from None
