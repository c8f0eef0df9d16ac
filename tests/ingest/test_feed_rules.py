"""The rules of the feed readers, one test each, so that breaking a rule fails a test.

Found by mutation testing (benchmarks/mutation_score.py): these are the rules the tests in
test_feeds.py let a deliberate small bug through on. The sniffing tests re-encode the Korea
Herald fixture (tests/fixtures/feeds/rss2_content_encoded.xml); the other feeds are small and
hand-made, each written to show one rule.
"""

from __future__ import annotations

import codecs
import json
from datetime import UTC, datetime

import pytest

from newsdesk.errors import IngestError
from newsdesk.ingest import feeds
from newsdesk.model import Article, RawDocument
from tests.conftest import FIXTURES

HERALD = (FIXTURES / "feeds" / "rss2_content_encoded.xml").read_text(encoding="utf-8")
ORIGIN = "https://example.com/feeds/nk.xml"


def rss(items: str, channel: str = "<title>NK Wire</title>", head: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{head}<rss version="2.0"><channel>{channel}'
        f"{items}</channel></rss>"
    ).encode()


def atom(entries: str, feed: str = "<title>NK Atom</title>") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"{feed}{entries}</feed>"
    ).encode()


def read(data: bytes, origin: str = ORIGIN) -> list[Article]:
    return feeds.parse(RawDocument(content=data, origin=origin))


def read_json(feed: dict, origin: str = ORIGIN) -> list[Article]:
    return feeds.parse(RawDocument(content=json.dumps(feed).encode(), origin=origin))


def refused(data: bytes, origin: str = ORIGIN) -> IngestError:
    with pytest.raises(IngestError) as caught:
        feeds.parse(RawDocument(content=data, origin=origin))
    assert caught.value.origin == origin
    return caught.value


# Sniffing: the kind of feed from the first bytes, in any encoding ---------------------------


@pytest.mark.parametrize(
    "head",
    [
        codecs.BOM_UTF8 + b"\n\n  " + HERALD.encode("utf-8"),  # BOM and blank lines first
        codecs.BOM_UTF16_LE + HERALD.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + HERALD.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + HERALD.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + HERALD.encode("utf-32-be"),
        HERALD.encode("utf-16-le"),  # UTF-16 without a byte-order mark, either way round
        HERALD.encode("utf-16-be"),
        HERALD.encode("utf-16-le")[:4095],  # cut inside a character
        codecs.BOM_UTF32_LE + HERALD.encode("utf-32-le")[:4090],
    ],
)
def test_an_rss_head_is_recognised_in_every_encoding(head: bytes) -> None:
    assert feeds.looks_like_feed(head) == "rss"


@pytest.mark.parametrize(
    "head",
    [
        codecs.BOM_UTF16_LE + "<rss>".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le"),
        "<rss>".encode("utf-16-be") + b"\xdc\x00" + "x".encode("utf-16-be"),
    ],
)
def test_a_lone_surrogate_in_a_utf16_head_does_not_stop_the_sniffing(head: bytes) -> None:
    assert feeds.looks_like_feed(head) == "rss"


def test_rss_0_90_is_rdf_by_its_netscape_namespace() -> None:
    head = (
        b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>T</title></channel>'
    )
    assert feeds.looks_like_feed(head) == "rdf"
    assert feeds.looks_like_feed(head.replace(b"my.netscape.com/rdf/simple/0.9", b"x.org")) is None


def test_a_json_feed_head_after_blank_lines_is_a_json_feed() -> None:
    head = b'\n  {"version": "https://jsonfeed.org/version/1.1", "items": ['
    assert feeds.looks_like_feed(head) == "jsonfeed"


def test_a_json_feed_after_blank_lines_is_read_as_json() -> None:
    feed = {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "A"}]}
    (article,) = feeds.parse(RawDocument(content=b"\n\n  " + json.dumps(feed).encode(), origin="o"))
    assert article.extra == {"feed_format": "jsonfeed 1.1"}


# JSON Feed ---------------------------------------------------------------------------------

VERSION = "https://jsonfeed.org/version/1.1"


def test_json_escapes_of_surrogates_keep_pairs_and_replace_lone_ones() -> None:
    text = (
        '{"version": "https://jsonfeed.org/version/1.1", "items": ['
        '{"id": "1", "title": "Launch \\ud83d\\ude80 seen"},'
        '{"id": "2", "title": "Broken \\ud800 escape"},'
        '{"id": "3", "title": "Broken \\uDC00 too"}]}'
    )
    articles = feeds.parse(RawDocument(content=text.encode(), origin="o"))
    assert [a.title for a in articles] == [
        "Launch \U0001f680 seen",
        "Broken \ufffd escape",
        "Broken \ufffd too",
    ]


@pytest.mark.parametrize(
    ("feed", "reason"),
    [
        ({"title": "not a feed"}, "not a JSON Feed: no top-level object with an 'items' list"),
        ({"version": VERSION, "items": []}, "feed has no entries"),
        (
            {"version": VERSION, "items": [{"id": "1"}, {"id": "2", "url": "https://e.com/2"}]},
            "none of the feed's 2 entries has a title or text",
        ),
    ],
)
def test_json_feeds_without_articles_are_refused_with_the_reason(feed: dict, reason: str) -> None:
    error = refused(json.dumps(feed).encode())
    assert error.reason == reason


def test_a_cut_off_json_feed_says_where_with_the_origin() -> None:
    error = refused(b'{"version": "https://jsonfeed.org/version/1.1", "items": [}')
    assert error.reason.startswith("malformed JSON at line 1 column ")


def test_the_version_note_only_when_the_feed_names_no_jsonfeed_version() -> None:
    note = "JSON Feed has no jsonfeed.org version; read as version 1.1"
    item = {"id": "1", "title": "A", "content_text": "Text."}
    (versioned,) = read_json({"version": VERSION, "items": [item]})
    assert note not in versioned.notes and versioned.extra == {"feed_format": "jsonfeed 1.1"}
    (bare,) = read_json({"items": [item]})
    assert note in bare.notes and bare.extra == {"feed_format": "jsonfeed"}
    (other,) = read_json({"version": "1.1", "items": [item]})
    assert note in other.notes


def test_a_whole_json_feed_has_no_truncated_item() -> None:
    items = [{"id": str(i), "title": f"Item {i}", "content_text": "Text."} for i in range(2)]
    assert [a.is_truncated for a in read_json({"version": VERSION, "items": items})] == [
        False,
        False,
    ]


def test_a_json_feed_cut_between_items_marks_no_whole_item_as_cut() -> None:
    items = [{"id": str(i), "title": f"Item {i}", "content_text": "Text."} for i in range(2)]
    whole = json.dumps({"version": VERSION, "items": items})
    cut_between = whole[: whole.index('{"id": "1"')]  # ends with '}, ' after the first item
    (first,) = feeds.parse(RawDocument(content=cut_between.encode(), origin=ORIGIN))
    assert first.title == "Item 0" and not first.is_truncated
    assert "the feed was cut there, any items after it are missing" in " ".join(first.notes)
    cut_inside = whole[: whole.index('"Item 1"') + 6]  # inside the second item's title
    articles = feeds.parse(RawDocument(content=cut_inside.encode(), origin=ORIGIN))
    assert [a.is_truncated for a in articles] == [False, True]


@pytest.mark.parametrize(
    ("feed", "expected"),
    [
        ({"home_page_url": "https://www.38north.org/"}, "https://www.38north.org/2025/04/a/"),
        ({"feed_url": "https://www.38north.org/feed.json"}, "https://www.38north.org/2025/04/a/"),
        ({}, "/2025/04/a/"),  # nothing to resolve against: as given
    ],
)
def test_relative_item_urls_resolve_against_the_home_page_then_the_feed_url(
    feed: dict, expected: str
) -> None:
    item = {"id": "1", "title": "A", "url": "/2025/04/a/"}
    (article,) = read_json({"version": VERSION, **feed, "items": [item]}, origin="o")
    assert article.url == expected


def test_json_item_fields_read_by_the_spec() -> None:
    item = {
        "id": True,  # neither a string nor a number: no guid
        "title": "Yongbyon update",
        "url": "https://www.38north.org/2025/04/yongbyon/",
        "summary": "Imagery shows <b>new</b> construction.\n\nMore below.",
        "content_text": "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.",
        "language": "EN-us",
        "authors": [{"name": "jenny@38north.org"}, {"name": "By Jenny Town"}],
        "tags": ["Yongbyon", "yongbyon", 7, "Nuclear"],
    }
    (article,) = read_json({"version": VERSION, "items": [item]})
    assert article.guid is None
    assert article.source == "38 North"  # no feed title: named after the link's site
    # A summary is plain text: its angle brackets are text, its blank line parts paragraphs.
    assert article.excerpt == "Imagery shows <b>new</b> construction. More below."
    assert article.language == "en"
    assert article.authors == ["Jenny Town"]  # an e-mail address is no name
    assert article.tags == ["Yongbyon", "Nuclear"]
    assert article.published is None and article.date_text is None and article.notes == []


# RSS, RDF and Atom -------------------------------------------------------------------------


def test_relative_links_resolve_against_a_web_origin_only() -> None:
    data = rss("<item><title>A</title><description>x</description><link>/2024/06/a</link></item>")
    (from_web,) = read(data, origin="https://example.com/feeds/nk.xml")
    assert from_web.url == "https://example.com/2024/06/a"
    (from_file,) = read(data, origin="/var/feeds/nk.xml")
    assert from_file.url == "/2024/06/a"
    channel = "<title>NK Wire</title><link>/news/</link>"
    (article,) = read(
        rss("<item><title>A</title><description>x</description><link>a</link></item>", channel),
        origin="https://example.com/feeds/nk.xml",
    )
    assert article.url == "https://example.com/news/a"  # the channel link, itself resolved
    relative = rss("<item><title>A</title><description>x</description><link>a</link></item>")
    assert read(relative, origin="/var/feeds/nk.xml")[0].url == "a"  # no web address to join


def test_an_rss_channel_editor_is_not_the_author_of_its_items() -> None:
    channel = "<title>NK Wire</title><managingEditor>desk@example.com (Desk)</managingEditor>"
    (article,) = read(rss("<item><title>A</title><description>x</description></item>", channel))
    assert article.authors == []


def test_an_atom_entry_copied_from_a_source_takes_the_source_authors() -> None:
    entry = (
        "<entry><title>Copied</title><id>tag:1</id><content>Text.</content>"
        "<source><title>Yonhap</title><author><name>Kim Arin</name></author></source></entry>"
    )
    feed = "<title>NK Atom</title><author><name>Feed Editor</name></author>"
    (article,) = read(atom(entry, feed))
    assert article.authors == ["Kim Arin"]
    assert (article.source, article.site) == ("Yonhap", "NK Atom")


def test_dates_only_feedparser_reads_fall_back_to_its_utc_reading() -> None:
    # Perforce-style dates: not ISO, RFC 822 or Korean; feedparser reads them.
    entry = (
        "<entry><title>A</title><id>tag:1</id><content>Text.</content>"
        "<published>Wed, 2024/06/19 13:15:00 GMT</published>"
        "<updated>Thu, 2024/06/20 08:00:00 GMT</updated></entry>"
    )
    (article,) = read(atom(entry))
    assert article.published.utc == datetime(2024, 6, 19, 13, 15, tzinfo=UTC)
    assert article.updated.utc == datetime(2024, 6, 20, 8, 0, tzinfo=UTC)


def test_an_entry_cut_before_its_title_ended_is_left_out_with_a_note() -> None:
    data = (
        rss("<item><title>Whole</title><description>First.</description></item>")[
            : -len("</channel></rss>")
        ]
        + b"<item><title>Cut in the ti"
    )
    (article,) = read(data)
    assert article.title == "Whole" and not article.is_truncated
    assert "feed is cut off inside an entry before its title ended; it is left out" in (
        article.notes
    )


def test_lone_surrogate_references_become_replacement_characters() -> None:
    items = (
        "<item><title>Broken &#xD800; and &#55296; refs</title><description>x</description></item>"
    )
    (article,) = read(rss(items))
    assert article.title == "Broken \ufffd and \ufffd refs"


def test_a_wrong_declared_encoding_is_noted() -> None:
    data = rss("<item><title>Cafe</title><description>x</description></item>")
    data = data.replace(b"Cafe", "Caf\xe9".encode("latin-1"))  # declared utf-8
    (article,) = read(data)
    assert article.notes[0].startswith("feed text encoding: document declared as utf-8")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><body><p>Not a feed</p></body></html>", "not an RSS, RDF or Atom feed"),
        (rss("", "<title>Empty wire</title>"), "feed has no entries"),
        (
            rss("<item><link>https://e.com/1</link></item><item><guid>2</guid></item>"),
            "none of the feed's 2 entries has a title or text",
        ),
        (
            rss("<item><link>https://e.com/1</link></item>")[:-6] + b"<item><link>x",
            "no entry could be read: feed XML is malformed",
        ),
    ],
)
def test_feeds_without_articles_are_refused_with_the_reason(data: bytes, reason: str) -> None:
    assert refused(data).reason.startswith(reason)


@pytest.mark.parametrize(
    "data",
    [
        b'<rss version="2.0"><channel></channel></rss>',  # a version, no title
        b"<channel><title>Wire</title></channel>",  # a title, no version
    ],
)
def test_a_version_or_a_title_makes_an_empty_feed_not_a_non_feed(data: bytes) -> None:
    assert refused(data).reason == "feed has no entries"


def test_a_channel_without_a_version_or_title_is_no_feed_and_says_why() -> None:
    reason = refused(b"<html><body><p>Not a feed").reason
    assert reason.startswith("not an RSS, RDF or Atom feed: no feed root element or entries (")
    assert refused(b"<html><body><p>Not a feed</p></body></html>").reason == (
        "not an RSS, RDF or Atom feed: no feed root element or entries"
    )


def test_plain_text_titles_and_summaries_keep_their_angle_brackets() -> None:
    entry = (
        '<entry><title type="text">Missiles &lt;b&gt;not&lt;/b&gt; tested</title><id>tag:1</id>'
        '<summary type="text">Less &lt;i&gt;than&lt;/i&gt; expected.</summary>'
        '<content type="text">First part.\n\nSecond part.</content></entry>'
    )
    (article,) = read(atom(entry))
    assert article.title == "Missiles <b>not</b> tested"
    assert article.excerpt == "Less <i>than</i> expected."
    assert article.paragraphs == ["First part.", "Second part."]


def test_an_atom_title_language_is_the_entry_language() -> None:
    entry = '<entry><title xml:lang="KO">북한</title><id>tag:1</id><content>Text.</content></entry>'
    (article,) = read(atom(entry))
    assert article.language == "ko"


# Body, teaser and title ----------------------------------------------------------------------


def test_a_title_alone_is_a_pointer_to_the_link() -> None:
    (article,) = read(rss("<item><title>Only a title</title><link>https://e.com/1</link></item>"))
    assert article.is_teaser and article.paragraphs == []
    assert article.notes == ["feed gives only a title; the text is at the link"]


CONTENT_NS = b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'


def with_content(item: str) -> bytes:
    return rss(item).replace(b'<rss version="2.0">', CONTENT_NS)


def test_the_post_appeared_first_trailer_is_dropped_without_making_a_teaser() -> None:
    # Full content, short: a trailer that only credits the site says nothing was cut.
    body = "<p>A short but whole report.</p><p>The post Ferry resumes appeared first on NK Pro.</p>"
    item = f"<item><title>A</title><content:encoded>{_cdata(body)}</content:encoded></item>"
    (article,) = read(with_content(item))
    assert article.paragraphs == ["A short but whole report."]
    assert not article.is_teaser
    cut = body.replace("appeared first", "was cut")  # not the trailer: a paragraph of text
    (kept,) = read(with_content(item.replace(body, cut)))
    assert len(kept.paragraphs) == 2


@pytest.mark.parametrize(
    "ending",
    ["<p>Read more</p>", "<p>Continue reading \u2192</p>", "<p>The end of it\u2026</p>"],
)
def test_read_more_and_a_cut_mark_make_a_short_text_a_teaser(ending: str) -> None:
    body = f"<p>Kim met Putin in Vostochny.</p>{ending}"
    (article,) = read(
        rss(f"<item><title>A</title><description>{_cdata(body)}</description></item>")
    )
    assert article.is_teaser


def test_read_more_inside_a_sentence_is_text() -> None:
    body = "<p>The ministry wants people to read more</p>"
    (article,) = read(
        rss(f"<item><title>A</title><description>{_cdata(body)}</description></item>")
    )
    assert article.paragraphs == ["The ministry wants people to read more"]


@pytest.mark.parametrize(
    ("paragraphs", "teaser"),
    [
        (["a" * 300, "b" * 300], True),  # two paragraphs of 600 characters: a teaser
        (["a" * 300, "b" * 301], False),  # 601: the whole text, given in the description
        (["a" * 100, "b" * 100, "c" * 100], False),  # three paragraphs: the whole text
    ],
)
def test_a_teaser_is_at_most_two_paragraphs_and_600_characters(
    paragraphs: list[str], teaser: bool
) -> None:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    (article,) = read(
        rss(f"<item><title>A</title><description>{_cdata(body)}</description></item>")
    )
    assert article.is_teaser is teaser


def test_full_content_stays_the_body_and_the_summary_the_excerpt() -> None:
    content = "<p>Full text, first paragraph.</p><p>Second.</p><p>Third.</p>"
    summary = "<p>Summary one.</p><p>Summary two.</p>"
    item = (
        f"<item><title>A</title><description>{_cdata(summary)}</description>"
        f"<content:encoded>{_cdata(content)}</content:encoded></item>"
    )
    (article,) = read(with_content(item))
    assert article.paragraphs == ["Full text, first paragraph.", "Second.", "Third."]
    assert not article.is_teaser and article.excerpt == "Summary one. Summary two."


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("x" * 120 + ". Second sentence.", "x" * 120 + "\u2026"),  # 121 characters: cut
        ("y" * 119 + ". Second sentence.", "y" * 119 + "."),  # 120: whole
        ("word " * 30 + "end. Next.", ("word " * 24).strip() + "\u2026"),  # cut at a word
    ],
)
def test_an_untitled_entry_takes_its_first_sentence_up_to_120_characters(
    sentence: str, title: str
) -> None:
    (article,) = read(rss(f"<item><description>{sentence}</description></item>"))
    assert article.title == title


def _cdata(html: str) -> str:
    return f"<![CDATA[{html}]]>"


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        ("<p>Kim met Putin.</p><p>Read more</p>", ["Kim met Putin."]),
        ("<p>Kim met Putin. Read more</p>", ["Kim met Putin."]),
        ("<p>Kim met Putin in\u2026</p>", ["Kim met Putin in\u2026"]),
    ],
)
def test_short_full_content_that_says_it_was_cut_is_a_teaser_of_its_own_text(
    body: str, paragraphs: list[str]
) -> None:
    item = (
        "<item><title>A</title><description>Another summary.</description>"
        f"<content:encoded>{_cdata(body)}</content:encoded></item>"
    )
    (article,) = read(with_content(item))
    assert article.is_teaser and article.paragraphs == paragraphs


def test_a_blank_description_is_no_text() -> None:
    item = "<item><title>Only a title</title><description>&#160; </description></item>"
    (article,) = read(rss(item))
    assert article.paragraphs == [] and article.is_teaser


def test_of_two_content_elements_the_longer_is_the_body() -> None:
    long = "<p>The full report, with every paragraph of it.</p><p>And a second one.</p>"
    item = (
        f"<item><title>A</title><content:encoded>{_cdata(long)}</content:encoded>"
        f"<content:encoded>{_cdata('<p>Short.</p>')}</content:encoded></item>"
    )
    (article,) = read(with_content(item))
    assert article.paragraphs == [
        "The full report, with every paragraph of it.",
        "And a second one.",
    ]


# Dates in other written forms --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "utc_iso", "offset", "precision"),
    [
        # feedparser read the first three as 2024-12-01 and dropped the time of the fourth
        ("2024/06/19 13:15:00 +0000", "2024-06-19T13:15:00+00:00", None, "second"),
        ("2024-W25-3", "2024-06-19T00:00:00+00:00", None, "day"),  # ISO week 25, Wednesday
        ("2024/06/19", "2024-06-19T00:00:00+00:00", None, "day"),
        ("20240619T131500Z", "2024-06-19T13:15:00+00:00", None, "second"),
        ("2024.06.19 13:15 +0300", "2024-06-19T10:15:00+00:00", 180, "second"),
        ("19.06.2024 13:15 +0200", "2024-06-19T11:15:00+00:00", 120, "second"),  # day first
        ("June 19, 2024 1:15 PM EDT", "2024-06-19T17:15:00+00:00", -240, "second"),  # was 01:15
        ("19 June 2024, 13:15 GMT+9", "2024-06-19T04:15:00+00:00", 540, "second"),  # not -09:00
        ("13/06/2024 10:00 +0000", "2024-06-13T10:00:00+00:00", None, "second"),
        # Greek month names: feedparser's own reader, kept as the last resort
        ("Τετ, 19 Ιούν 2024 13:15:00 +0300", "2024-06-19T10:15:00+00:00", 180, "second"),
    ],
)
def test_other_written_dates_are_read_with_their_zone(
    written: str, utc_iso: str, offset: int | None, precision: str
) -> None:
    (article,) = read(rss(f"<item><title>T</title><pubDate>{written}</pubDate></item>"))
    assert article.published.utc.isoformat() == utc_iso
    assert article.published.utc_offset_minutes == offset
    assert article.published.precision == precision


@pytest.mark.parametrize(
    "written",
    # the last: feedparser's Hungarian reader gives 2024-12-01, a day the text does not hold
    ["06/07/2024", "June 2024", "12", "2024-06", "2024-június-19T13:15+02:00"],
)
def test_a_date_with_a_part_missing_or_day_and_month_ambiguous_stays_unknown(
    written: str,
) -> None:
    (article,) = read(rss(f"<item><title>T</title><pubDate>{written}</pubDate></item>"))
    assert article.published is None  # never a guessed day
    assert article.date_text == written  # the source's words are kept
