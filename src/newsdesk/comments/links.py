"""Web addresses in a comment's text: counted by moderation, made links by the reader."""

from __future__ import annotations

import re

# http(s):// or www. up to a space or a character that cannot end an address in running text.
_ADDRESS = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"'`]+")
_TRAILING = ".,;:!?)]}>'\"…。、"


def find_links(text: str) -> list[tuple[int, int]]:
    """(start, end) of every web address in the text, sentence punctuation after it left out."""
    found = []
    for match in _ADDRESS.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        # A closing bracket that closes one inside the address stays (Wikipedia's titles).
        if end < match.end() and text[end] == ")" and text.count("(", start, end) > 0:
            end += 1
        found.append((start, end))
    return found


def link_target(address: str) -> str:
    """Where an address goes: `www.` ones get their scheme."""
    return address if "://" in address else "https://" + address
