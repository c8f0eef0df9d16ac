"""HTML fragments (a post's or feed entry's content) to clean paragraphs and named sections.

Publisher APIs and feeds hand over HTML fragments rather than pages, so there is no boilerplate
to strip, only structure to keep: paragraphs, and sub-headings such as "Why It Matters" that start
a named section. Damaged fragments whose opening tags were stripped (closing tags left behind)
are read by their closing tags.
"""

from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

from newsdesk.model import Section

_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "hr",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_TAGS = {"script", "style", "noscript", "iframe", "form", "button", "svg", "template", "head"}
_BOLD_TAGS = {"b", "strong"}
_MAX_HEADING_WORDS = 12

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def fragment_sections(fragment: str) -> list[Section]:
    """Split an HTML fragment into sections of paragraphs, keeping sub-headings as section names."""
    if not fragment or not fragment.strip():
        return []
    if _opening_tags_stripped(fragment):
        blocks = _blocks_from_closing_tags(fragment)
    else:
        blocks = _blocks_from_tree(fragment)
    return group_blocks(blocks)


def plain_text(fragment: str | None) -> str:
    """Text of a small fragment (a title, an excerpt) with entities decoded and spaces collapsed."""
    if not fragment:
        return ""
    return clean_text(_TAG.sub(" ", fragment))


def clean_text(text: str) -> str:
    """Decode entities left in raw markup and collapse whitespace."""
    return squash_space(html.unescape(text))


def squash_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def group_blocks(blocks: list[tuple[str, bool]]) -> list[Section]:
    """(text, is_heading) blocks to sections; text before any heading forms the lead section."""
    sections: list[Section] = []
    for text, is_heading in blocks:
        if is_heading:
            sections.append(Section(heading=text, paragraphs=[]))
        elif sections:
            sections[-1].paragraphs.append(text)
        else:
            sections.append(Section(heading=None, paragraphs=[text]))
    # A heading with nothing under it (a trailing "Related" label) carries no content.
    return [s for s in sections if s.paragraphs]


def _opening_tags_stripped(fragment: str) -> bool:
    closing = len(re.findall(r"</(?:p|span|a|b|strong|h\d)>", fragment, re.I))
    opening = len(re.findall(r"<(?:p|span|a|b|strong|h\d)[\s>]", fragment, re.I))
    return closing >= 2 and opening * 4 < closing


def _blocks_from_closing_tags(fragment: str) -> list[tuple[str, bool]]:
    blocks = []
    for chunk in re.split(r"</(?:p|h\d|li|div|blockquote)>", fragment, flags=re.I):
        text = clean_text(_TAG.sub("", chunk))
        if not text:
            continue
        ends_bold = re.search(r"</(?:b|strong|h\d)>\s*$", chunk.strip(), re.I) is not None
        blocks.append((text, ends_bold and _reads_as_heading(text)))
    return blocks


def _blocks_from_tree(fragment: str) -> list[tuple[str, bool]]:
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _blocks_from_closing_tags(fragment)
    blocks: list[tuple[str, bool]] = []
    buffer: list[str] = []
    _walk(root, buffer, blocks)
    _flush(buffer, blocks, heading=False)
    if not blocks and _TAG.sub("", fragment).strip():
        # lxml gives up on very deep nesting and returns nothing: keep the text regardless.
        return _blocks_from_closing_tags(fragment)
    return blocks


def _walk(element: etree._Element, buffer: list[str], blocks: list[tuple[str, bool]]) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in _SKIP_TAGS or not isinstance(element.tag, str):
        return
    is_block = tag in _BLOCK_TAGS
    if is_block:
        _flush(buffer, blocks, heading=False)
    if element.text:
        buffer.append(element.text)
    for child in element:
        _walk(child, buffer, blocks)
        if child.tail:
            buffer.append(child.tail)
    if is_block:
        _flush(buffer, blocks, heading=tag in _HEADING_TAGS or _is_bold_only(element))


def _flush(buffer: list[str], blocks: list[tuple[str, bool]], heading: bool) -> None:
    text = squash_space("".join(buffer))  # lxml has decoded entities already
    buffer.clear()
    if text:
        blocks.append((text, heading and _reads_as_heading(text)))


def _is_bold_only(element: etree._Element) -> bool:
    """A paragraph whose whole text is bold reads as a sub-heading ("Why It Matters")."""
    if element.tag.lower() != "p":
        return False
    total = squash_space(element.text_content())
    bold = " ".join(squash_space(b.text_content()) for b in element.iter(*_BOLD_TAGS))
    return bool(total) and squash_space(bold) == total


def _reads_as_heading(text: str) -> bool:
    return len(text.split()) <= _MAX_HEADING_WORDS and not text.endswith((".", ",", ";"))
