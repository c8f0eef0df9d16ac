"""An article page's main text: found by trafilatura, checked against readability-lxml, turned into
named sections.

trafilatura's paragraphs are kept or dropped, and readability's added at either end, by the two
extractors' agreement (html_consensus.py), a rule that does not depend on particular pages.
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
from newsdesk.ingest.html_consensus import RULE, Block, Rule, readable_blocks, vote
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


# trafilatura's own precision setting, which cross-validation picks on every fold (with the vote
# it adds 0.001 F1 on the development pages; without the vote, 0.005).
FAVOR_PRECISION = True


def main_text_body(
    tree: HtmlElement, url: str | None, rule: Rule | None = RULE
) -> etree._Element | None:
    """The page's main text as trafilatura's tree, pruned and extended by the vote with
    readability's (`rule`; None: trafilatura's alone), or None when trafilatura finds none."""
    body = trafilatura_body(tree, url)
    if body is None or rule is None:
        return body
    return agreed_body(body, readable_blocks(tree), rule)


def trafilatura_body(
    tree: HtmlElement, url: str | None, favor_precision: bool = FAVOR_PRECISION
) -> etree._Element | None:
    """trafilatura's tree of the page's main text, or None when it finds none."""
    # Comments are readers', not the article's.
    document = bare_extraction(
        tree, url=url, include_comments=False, favor_precision=favor_precision
    )
    return None if document is None else document.body


def agreed_body(body: etree._Element, other: list[Block], rule: Rule = RULE) -> etree._Element:
    """trafilatura's body, changed in place by the vote against another extractor's blocks."""
    _wrap_loose_text(body)
    units = _units(body)
    verdict = vote([_block(unit) for unit in units], other, rule)
    for unit, keep in zip(units, verdict.keep, strict=True):
        if not keep:
            parent = unit.getparent()
            parent.remove(unit)
            if parent is not body and len(parent) == 0:
                body.remove(parent)  # a list whose items all went
    for position, block in enumerate(verdict.before):
        body.insert(position, _paragraph(block.text))
    for block in verdict.after:
        body.append(_paragraph(block.text))
    return body


def _wrap_loose_text(body: etree._Element) -> None:
    """Text loose in the body (trafilatura leaves some, as tails) into paragraphs of its own, so
    that every block is an element the vote can keep or drop."""
    if body.text and body.text.strip():
        body.insert(0, _paragraph(body.text))
    body.text = None
    for element in list(body):
        if element.tail and element.tail.strip():
            element.addnext(_paragraph(element.tail))
        element.tail = None


def _units(body: etree._Element) -> list[etree._Element]:
    """The blocks the vote judges: the body's elements, a list's items in the list's stead."""
    units: list[etree._Element] = []
    for element in body:
        if element.tag == "list" and element.find("item") is not None:
            units.extend(element.iterchildren("item"))
        else:
            units.append(element)
    return units


def _block(unit: etree._Element) -> Block:
    return Block(_text(unit), is_heading=unit.tag == "head")


def _paragraph(text: str) -> etree._Element:
    paragraph = etree.Element("p")
    paragraph.text = text
    return paragraph


def body_sections(
    body: etree._Element, *repeats: str | None, drop_promo: bool = True
) -> list[Section]:
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
    if drop_promo:
        blocks = [(text, heading) for text, heading in blocks if heading or not is_promo_line(text)]
    repeated = {_folded(text) for text in repeats if text}
    while blocks and blocks[0][1] and _folded(blocks[0][0]) in repeated:
        blocks = blocks[1:]
    return group_blocks(blocks)


def is_promo_line(text: str) -> bool:
    """Whether a paragraph is a publisher's promotional line rather than article text."""
    return len(text.split()) <= _PROMO_MAX_WORDS and _PROMO_LINE.match(text) is not None


def _loose(text: str | None) -> list[str]:
    text = squash_space(text or "")
    return [text] if text else []


def _paragraphs(element: etree._Element) -> list[str]:
    """One paragraph per block; a list gives one per item, a table one per row."""
    if element.tag == "list":
        items = (_text(item) for item in element.iterchildren("item"))
        return [text for text in items if text]
    if element.tag == "table":
        rows = ([_text(cell) for cell in row.iterchildren("cell")] for row in element.iter("row"))
        return [" | ".join(cell for cell in row if cell) for row in rows if any(row)]
    text = _text(element)
    return [text] if text else []


def _text(element: etree._Element) -> str:
    if len(element) == 0:  # most paragraphs: plain text, nothing for trafilatura to render
        return squash_space(element.text or "")
    lines = (
        squash_space(line) for line in xmltotxt(element, include_formatting=False).splitlines()
    )
    return "\n".join(line for line in lines if line)


def _folded(text: str) -> str:
    return squash_space(text).casefold()
