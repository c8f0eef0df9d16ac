"""Two extractors' votes on a page's main text: what both find is the article, the rest by position.

trafilatura leans to recall: around the article it keeps teasers, "related" lists, newsletter
boxes and author blurbs. readability-lxml takes one content container: it misses text outside it
(a lead paragraph set apart, the second half of a split article) and keeps what sits inside it
(photo captions). Their mistakes differ, so a paragraph both find is article text, and the rest is
decided by where it stands relative to the agreed paragraphs, never by what page it is on:
- trafilatura's paragraphs that readability lacks are kept between agreed ones (the article's own
  short lines, lists and quotes) and dropped before the first or after the last (where the
  boilerplate sits);
- readability's paragraphs that trafilatura lacks are added only where they extend the agreed run
  at its start or its end, and only when long and not mostly links (a lead paragraph, closing
  paragraphs in a container trafilatura cut off); inside the run they are captions, and stay out.
When the two barely agree, they found different texts and trafilatura's stands alone.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from lxml_html_clean import Cleaner
from readability import Document
from readability.htmls import build_doc
from readability.readability import REGEXES

# readability logs every page it cannot score; a page it cannot read just gets no vote.
logging.getLogger("readability").setLevel(logging.CRITICAL)
logging.getLogger("readability.readability").setLevel(logging.CRITICAL)

_WORD = re.compile(r"\w+", re.UNICODE)
_SHINGLE = 4
_BLOCK_TAGS = {"p", "li", "blockquote", "pre", "tr", "dd", "dt", "figcaption", "div", "section"}
_BLOCK_TAGS |= {"article", "ul", "ol", "table", "dl", "figure", "header", "footer", "main", "br"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "button", "form", "svg"}


@dataclass(frozen=True)
class Block:
    """One paragraph, heading, list item or table row of an extractor's output."""

    text: str
    is_heading: bool = False
    link_share: float = 0.0  # share of the text's characters inside links


@dataclass(frozen=True)
class Rule:
    """The few numbers of the vote. min_added_words is fitted by cross-validation (25 on 4 of 5
    folds, benchmarks/extraction_quality.py --cv); the others are set by reason, and moving them
    (agree_share 0.3-0.8, max_link_share 0.1-1, min_agreed_share 0-0.5) moves the development
    score by under 0.001."""

    # A block agrees when this share of its 4-word shingles (a short block: its whole word run)
    # occurs in the other extractor's text. Half: a paragraph both saw, tokenized a bit apart.
    agree_share: float = 0.5
    # readability-only blocks at the run's ends are added from this many words; None: never.
    min_added_words: int | None = 25
    # ... and only when at most this share of their text is links (teasers are all links).
    max_link_share: float = 0.3
    # Below this share of trafilatura's words agreed, the two found different texts.
    min_agreed_share: float = 0.5


RULE = Rule()


@dataclass
class Verdict:
    """What to keep of trafilatura's blocks, and readability's blocks to add at either end."""

    keep: list[bool]
    before: list[Block] = field(default_factory=list)
    after: list[Block] = field(default_factory=list)


def words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


class TextIndex:
    """An extractor's whole text (its blocks' words), to ask whether a block occurs in it."""

    def __init__(self, block_words: Sequence[list[str]]) -> None:
        tokens = [word for block in block_words for word in block]
        self.word_count = len(tokens)
        self._shingles = {tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens))}
        self._joined = f" {' '.join(tokens)} "

    def share_of(self, tokens: list[str]) -> float:
        """Share of a block's shingles found here; a block under 4 words must occur whole."""
        if not tokens:
            return 0.0
        if len(tokens) < _SHINGLE:
            return 1.0 if f" {' '.join(tokens)} " in self._joined else 0.0
        spans = [tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1)]
        return sum(span in self._shingles for span in spans) / len(spans)


def vote(main: Sequence[Block], other: Sequence[Block], rule: Rule = RULE) -> Verdict:
    """trafilatura's blocks (`main`) judged against readability's (`other`)."""
    main_words, other_words = [words(b.text) for b in main], [words(b.text) for b in other]
    main_index, other_index = TextIndex(main_words), TextIndex(other_words)
    agreed = [other_index.share_of(tokens) >= rule.agree_share for tokens in main_words]
    agreed_count = sum(len(tokens) for tokens, ok in zip(main_words, agreed, strict=True) if ok)
    if not any(agreed) or agreed_count < rule.min_agreed_share * main_index.word_count:
        return Verdict(keep=[True] * len(main))
    first, last = _run(agreed)
    keep = [first <= i <= last for i in range(len(main))]
    other_agreed = [main_index.share_of(tokens) >= rule.agree_share for tokens in other_words]
    before, after = _run_ends(other, other_agreed)
    return Verdict(
        keep=keep,
        before=[b for b in before if _worth_adding(b, rule)],
        after=[b for b in after if _worth_adding(b, rule)],
    )


def _run_ends(blocks: Sequence[Block], agreed: list[bool]) -> tuple[list[Block], list[Block]]:
    """The blocks next to the agreed run, up to the nearest heading on either side.

    A heading marks a new part of the page (a "Related" box, the comments), and what lies
    beyond it is no longer the article's lead or close.
    """
    if not any(agreed):
        return [], []
    first, last = _run(agreed)
    before: list[Block] = []
    for block in reversed(blocks[:first]):
        if block.is_heading:
            break
        before.insert(0, block)
    after: list[Block] = []
    for block in blocks[last + 1 :]:
        if block.is_heading:
            break
        after.append(block)
    return before, after


def _run(agreed: list[bool]) -> tuple[int, int]:
    """The positions of the first and the last agreed block (there is one)."""
    return agreed.index(True), len(agreed) - 1 - agreed[::-1].index(True)


def _worth_adding(block: Block, rule: Rule) -> bool:
    return (
        rule.min_added_words is not None
        and len(words(block.text)) >= rule.min_added_words
        and block.link_share <= rule.max_link_share
    )


class _Readable(Document):
    """readability-lxml's Document, reading a parsed page and cleaning it more lightly.

    readability 0.9 parses the page again, copies it twice, and cleans it of javascript: links,
    which together take over a third of its time for nothing the vote reads. This is its `_parse`
    (the version is pinned in pyproject.toml) on a copy of the page the adapter has parsed,
    without those steps; retries start again from that page, as they do from its text.
    """

    _CLEANER = Cleaner(
        scripts=True,
        javascript=False,
        comments=True,
        style=True,
        links=True,
        meta=False,
        add_nofollow=False,
        page_structure=False,
        processing_instructions=True,
        embedded=False,
        frames=False,
        forms=False,
        annoying_tags=False,
        remove_tags=None,
        remove_unknown_tags=False,
        safe_attrs_only=False,
    )

    def _parse(self, input: HtmlElement | str) -> HtmlElement:  # the parent's signature
        doc = copy.deepcopy(input) if isinstance(input, HtmlElement) else build_doc(input)[0]
        self.encoding = "utf-8"
        for element in doc.xpath("//*[@hidden]"):
            element.drop_tree()
        for element in doc.xpath("//*[@style]"):
            if REGEXES["displayNoneRe"].search(element.get("style")):
                element.drop_tree()
        self._CLEANER(doc)  # in place: the copy is this Document's own
        return doc


def readable_blocks(page: HtmlElement | str) -> list[Block]:
    """readability-lxml's article text of a page (parsed, or its HTML) as blocks; none when it
    cannot read the page. A parsed page is left as it is."""
    try:
        summary = _Readable(page).summary(html_partial=True)
        root = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability and lxml fail in their own ways on odd markup
        return []
    blocks: list[Block] = []
    _walk(root, _Buffer(), blocks)
    return blocks


@dataclass
class _Buffer:
    """Text gathered for the block being read, and how much of it sits inside links."""

    parts: list[str] = field(default_factory=list)
    link_chars: int = 0

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.link_chars += _visible_length(text)

    def flush(self, blocks: list[Block], heading: bool) -> None:
        text = " ".join("".join(self.parts).split())
        if text:
            share = min(1.0, self.link_chars / max(1, _visible_length(text)))
            blocks.append(Block(text, heading, share))
        self.parts.clear()
        self.link_chars = 0


def _visible_length(text: str) -> int:
    """Characters other than white space: a link's share should not depend on the markup's."""
    return len("".join(text.split()))


def _walk(element: etree._Element, buffer: _Buffer, blocks: list[Block], in_link=False) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if not tag or tag in _SKIP_TAGS:
        return
    is_block = tag in _BLOCK_TAGS or tag in _HEADING_TAGS
    if is_block:
        buffer.flush(blocks, heading=False)
    in_link = in_link or tag == "a"
    buffer.add(element.text, in_link)
    for position, child in enumerate(element):
        if tag == "tr" and position:
            buffer.add(" | ", False)  # a row is one block, its cells apart as trafilatura has them
        _walk(child, buffer, blocks, in_link)
        buffer.add(child.tail, in_link)
    if is_block:
        buffer.flush(blocks, heading=tag in _HEADING_TAGS)
