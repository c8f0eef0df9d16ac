"""An article page's main text: found by trafilatura, turned into named sections.

Headings that only repeat the title or standfirst are dropped, and so are the promotional lines
publishers put inside article bodies ("Read more: ...", "Follow us on ...", copyright footers).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.xml import xmltotxt

from newsdesk.ingest.fragments import group_blocks, squash_space
from newsdesk.model import Section

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


def main_text_body(tree: HtmlElement, url: str | None) -> etree._Element | None:
    """trafilatura's tree of the page's main text, or None when it finds none."""
    # Comments are readers', not the article's; favor_precision because an article with teaser
    # and navigation lines in it is worse than one missing a line.
    document = bare_extraction(tree, url=url, include_comments=False, favor_precision=True)
    return None if document is None else document.body


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


def is_promo_line(text: str) -> bool:
    """Whether a paragraph is a publisher's promotional line rather than article text."""
    return len(text.split()) <= _PROMO_MAX_WORDS and _PROMO_LINE.match(text) is not None


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


def _text(element: etree._Element) -> str:
    if len(element) == 0:  # most paragraphs: plain text, nothing for trafilatura to render
        return squash_space(element.text or "")
    lines = (
        squash_space(line) for line in xmltotxt(element, include_formatting=False).splitlines()
    )
    return "\n".join(line for line in lines if line)


def _folded(text: str) -> str:
    return squash_space(text).casefold()
