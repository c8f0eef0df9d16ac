"""Repairs to an XML feed's bytes that feedparser does not make itself.

Korean feeds whose bytes are CP949 under another name (or none) are re-encoded as UTF-8, and a
document cut off at the end gets its open elements closed, so the loose parser keeps their text.
"""

from __future__ import annotations

import codecs
import re

_BYTE_ORDER_MARKS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_KOREAN_NAMES = {"euc_kr", "cp949", "x-windows-949", "windows-949"}
_HANGUL = re.compile("[\uac00-\ud7a3]")


_MARKUP = re.compile(
    rb"<!\[CDATA\[.*?(?:\]\]>|$)|<!--.*?(?:-->|$)|<[?!][^>]*>|<(/?)([A-Za-z_][\w:.-]*)[^>]*?(/?)>",
    re.S,
)


def close_open_elements(data: bytes) -> bytes:
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


def korean_as_utf8(data: bytes) -> tuple[bytes, str | None]:
    """Korean feeds whose bytes are CP949 whatever they declare, as UTF-8; others untouched.

    Returns the bytes and, when they were re-encoded, a note saying so.

    Korean sites often serve CP949 (EUC-KR's extension) under the EUC-KR name, or under none:
    strict decoding then fails and feedparser falls back to windows-1252, garbling every title.
    """
    if data.startswith(_BYTE_ORDER_MARKS):
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
