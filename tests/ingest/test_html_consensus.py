"""The vote between trafilatura and readability-lxml on a page's main text (html_consensus.py).

The rule is pinned on hand-written blocks, where what each extractor "found" is stated outright,
and then on a hand-written page (tests/ingest/fixtures/consensus/) through the whole adapter.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from trafilatura.utils import load_html

from newsdesk.ingest import html, html_body
from newsdesk.ingest.html_consensus import Block, Rule, TextIndex, readable_blocks, vote, words
from newsdesk.model import RawDocument

PAGES = Path(__file__).parent / "fixtures" / "consensus"

# Article paragraphs both extractors find.
LEAD = Block("North Korea sent a second shipment of artillery shells across the border on Monday.")
MIDDLE = Block("Officials in Seoul said the containers held about a million rounds in total.")
CLOSE = Block("The defence ministry declined to say how the estimate had been reached.")
# Around the article: what trafilatura keeps and readability does not.
TEASER = Block("Most read: ten things to know before markets open today")
NEWSLETTER = Block("Get the morning briefing delivered to your inbox every weekday")
# A short line of the article itself, between agreed paragraphs.
DATELINE = Block("SEOUL, Korea")
# readability-only: a long paragraph trafilatura cut off, and a photo caption.
LONG_EXTRA = Block(
    "Analysts at the institute in Washington said that satellite images taken over the port of "
    "Rajin in the same week showed the containers being loaded onto a Russian cargo ship."
)
CAPTION = Block("A photo taken on Monday shows containers stacked at the port of Rajin in winter.")


def test_blocks_both_find_are_kept_and_trafilaturas_own_are_kept_only_between_them() -> None:
    main = [TEASER, LEAD, DATELINE, MIDDLE, CLOSE, NEWSLETTER]
    other = [LEAD, MIDDLE, CLOSE]
    verdict = vote(main, other)
    # teaser before the first agreed block and newsletter box after the last go; the dateline
    # between two agreed paragraphs stays though readability lacks it
    assert verdict.keep == [False, True, True, True, True, False]
    assert verdict.before == [] and verdict.after == []


def test_a_heading_trafilatura_alone_has_is_kept_between_agreed_blocks_only() -> None:
    inside = Block("What comes next", is_heading=True)
    outside = Block("Related stories", is_heading=True)
    verdict = vote([LEAD, inside, MIDDLE, outside, TEASER], [LEAD, MIDDLE])
    assert verdict.keep == [True, True, True, False, False]


def test_long_readability_blocks_extend_the_agreed_run_at_either_end() -> None:
    verdict = vote([MIDDLE, CLOSE], [LONG_EXTRA, MIDDLE, CLOSE, LONG_EXTRA])
    assert verdict.keep == [True, True]
    assert verdict.before == [LONG_EXTRA]
    assert verdict.after == [LONG_EXTRA]


def test_readability_blocks_inside_the_run_short_or_mostly_links_are_not_added() -> None:
    linked = Block(LONG_EXTRA.text, link_share=0.8)  # a teaser: the same words, all a link
    short = Block("Reporting by Kim Min-ji; editing by Jane Doe.")
    verdict = vote([LEAD, MIDDLE, CLOSE], [short, LEAD, CAPTION, MIDDLE, CLOSE, linked])
    assert verdict.keep == [True, True, True]
    assert verdict.before == [] and verdict.after == []


def test_readability_blocks_beyond_a_heading_are_not_the_articles_close() -> None:
    related = Block("More on this story", is_heading=True)
    verdict = vote([LEAD, MIDDLE], [LEAD, MIDDLE, related, LONG_EXTRA])
    assert verdict.after == []
    verdict = vote([LEAD, MIDDLE], [LEAD, MIDDLE, LONG_EXTRA, related, CAPTION])
    assert verdict.after == [LONG_EXTRA]


def test_adding_is_off_without_a_word_floor() -> None:
    verdict = vote([MIDDLE], [LONG_EXTRA, MIDDLE], Rule(min_added_words=None))
    assert verdict.before == []
    # and the floor is counted in words: LONG_EXTRA has 30
    assert vote([MIDDLE], [LONG_EXTRA, MIDDLE], Rule(min_added_words=30)).before == [LONG_EXTRA]
    assert vote([MIDDLE], [LONG_EXTRA, MIDDLE], Rule(min_added_words=31)).before == []


def test_when_the_two_barely_agree_trafilaturas_text_stands_alone() -> None:
    main = [TEASER, LEAD, MIDDLE, CLOSE]
    # readability found nothing: nothing to vote with
    assert vote(main, []).keep == [True, True, True, True]
    # readability found another text that shares one paragraph: 12 of 49 words agree, under half
    assert vote(main, [CLOSE, CAPTION]).keep == [True, True, True, True]
    # ... and under a quarter (12.25 words) too
    assert vote(main, [CLOSE, CAPTION], Rule(min_agreed_share=0.25)).keep == [True] * 4
    # with the bar at a fifth (9.8 words) the vote prunes
    assert vote(main, [CLOSE, CAPTION], Rule(min_agreed_share=0.2)).keep == [
        False,
        False,
        False,
        True,
    ]


def test_agreement_reads_words_not_markup_case_or_punctuation() -> None:
    index = TextIndex([words("Officials in SEOUL said -- the containers held about a million.")])
    assert index.share_of(words("officials in Seoul said the containers held about a million")) == 1
    # 5 shingles: "said the containers held" and "the containers held about" are there, "containers
    # held about two", "held about two million" and "about two million rounds" are not
    assert index.share_of(words("said the containers held about two million rounds")) == 0.4
    # under 4 words the words must occur together, in order
    assert index.share_of(words("in Seoul")) == 1.0
    assert index.share_of(words("Seoul in")) == 0.0
    assert index.share_of([]) == 0.0


def test_readable_blocks_marks_headings_links_and_table_rows() -> None:
    page = """<html><body><div id="nav"><a href="/">Home</a></div>
    <article><h2>Border shipments</h2>
    <p>North Korea sent a second shipment of artillery shells across the border on Monday, the
    ministry said, and officials expect more shipments before the end of the winter.</p>
    <p>See <a href="/a">earlier report on the shipments</a> for the first shipment details.</p>
    <table><tr><th>What was sent</th><th>How many, by the ministry's count</th></tr>
    <tr><td>Artillery shells of 152 mm calibre</td><td>About 1,000,000, in 5,000 containers</td>
    </tr></table>
    <p>The defence ministry declined to say how the estimate of the shipment had been reached,
    citing the need to protect its sources inside the country and along the border.</p>
    </article></body></html>"""
    blocks = readable_blocks(page)
    assert [b.text for b in blocks if b.is_heading] == ["Border shipments"]
    texts = [b.text for b in blocks]
    # a row is one block, its cells apart
    assert "What was sent | How many, by the ministry's count" in texts
    assert "Artillery shells of 152 mm calibre | About 1,000,000, in 5,000 containers" in texts
    linked = next(b for b in blocks if b.text.startswith("See earlier report"))
    # "earlier report on the shipments" is 27 of the 57 characters other than spaces
    assert linked.link_share == 27 / 57
    assert next(b for b in blocks if b.text.startswith("North Korea")).link_share == 0.0


def test_readable_blocks_reads_a_parsed_page_as_its_html_and_leaves_it_alone() -> None:
    page = (PAGES / "shipment_with_boxes.html").read_text("utf-8")
    tree = load_html(page)
    before = etree.tostring(tree)
    blocks = readable_blocks(tree)
    assert blocks == readable_blocks(page)
    assert etree.tostring(tree) == before
    # the four story paragraphs; the "Most read" box and the navigation are not readability's
    assert len(blocks) == 4
    assert blocks[0].text.startswith("North Korea sent a second shipment")


def test_readable_blocks_of_no_page_is_no_vote() -> None:
    assert readable_blocks("") == []


def trafilatura_like_body() -> etree._Element:
    """A body as trafilatura builds it: paragraphs, a list of items, text loose as a tail."""
    return etree.fromstring(
        "<body><p>Most read: ten things to know before markets open today</p>"
        f"<p>{LEAD.text}</p><head>What comes next</head>{MIDDLE.text}"
        f"<list><item>{CLOSE.text}</item><item>Share this story on social media</item></list>"
        "<list><item>Related: the first shipment</item></list></body>"
    )


def test_agreed_body_prunes_trafilaturas_tree_item_by_item() -> None:
    body = html_body.agreed_body(trafilatura_like_body(), [LEAD, MIDDLE, CLOSE])
    sections = html_body.body_sections(body)
    # the teaser before and the share line and related list after the run are gone; the loose
    # tail (MIDDLE) is a paragraph of its own under the heading; the emptied list is removed
    assert [(s.heading, s.paragraphs) for s in sections] == [
        (None, [LEAD.text]),
        ("What comes next", [MIDDLE.text, CLOSE.text]),
    ]
    assert [element.tag for element in body] == ["p", "head", "p", "list"]


def test_agreed_body_puts_readabilitys_additions_at_either_end() -> None:
    other = [LONG_EXTRA, LEAD, MIDDLE, CLOSE, LONG_EXTRA]
    body = html_body.agreed_body(trafilatura_like_body(), other)
    paragraphs = [p for s in html_body.body_sections(body) for p in s.paragraphs]
    assert paragraphs == [LONG_EXTRA.text, LEAD.text, MIDDLE.text, CLOSE.text, LONG_EXTRA.text]


def test_agreed_body_leaves_trafilaturas_tree_whole_when_the_two_barely_agree() -> None:
    # LEAD and MIDDLE agree: 27 of trafilatura's 62 words, under half
    body = html_body.agreed_body(trafilatura_like_body(), [LEAD, MIDDLE, LONG_EXTRA])
    paragraphs = [p for s in html_body.body_sections(body, drop_promo=False) for p in s.paragraphs]
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("Most read") and paragraphs[-1] == "Related: the first shipment"


# --- a hand-written page, through html.parse ------------------------------------------------------


def test_page_keeps_the_article_and_drops_the_box_after_it() -> None:
    raw = RawDocument(content=(PAGES / "shipment_with_boxes.html").read_bytes(), origin="x.html")
    article = html.parse(raw)[0]
    assert [s.heading for s in article.sections] == [None]
    paragraphs = article.sections[0].paragraphs
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("North Korea sent a second shipment of artillery shells")
    assert paragraphs[-1].endswith("said it would share more in the coming weeks.")
    # trafilatura alone keeps the "Most read" box after the story; readability does not, so
    # the vote drops it
    alone = html_body.main_text_body(load_html(html.decode_html(raw)), None, rule=None)
    sections = html_body.body_sections(alone, article.title)
    assert [s.heading for s in sections] == [None, "Most read"]
    assert sections[1].paragraphs == [
        "Markets slide as investors weigh the outlook for interest rates",
        "Rates on hold for a fifth month as the central bank waits",
    ]
