"""Format detection reads the content; a file's name is only a last hint.

Markup (feeds, HTML) is told apart by `newsdesk.ingest.feeds.looks_like_feed`.
"""

from __future__ import annotations

import codecs

import pytest

from newsdesk.errors import IngestError
from newsdesk.ingest.detect import detect_format
from newsdesk.model import RawDocument
from tests.conftest import FIXTURES, TEXTPAGE_SEED, WORDPRESS_SEED

BAD = FIXTURES / "bad"

HTML_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Seoul bolsters ties</title></head>
<body><article><h1>Seoul bolsters ties</h1>
<p>South Korea needs to bolster relations.</p></article></body>
</html>
"""
RSS_FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Korea Herald</title><link>https://www.koreaherald.com/</link>
<item><title>Seoul bolsters ties</title><link>https://www.koreaherald.com/view.php?ud=1</link>
<description>&lt;p&gt;South Korea needs to bolster relations.&lt;/p&gt;</description></item>
</channel></rss>
"""
ATOM_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Korea Pro</title><id>urn:kp</id>
<updated>2023-09-17T23:00:40Z</updated>
<entry><title>South Korea faces limited options</title><id>https://koreapro.org/?p=2202283</id>
<updated>2023-09-17T23:00:40Z</updated>
<content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>
</feed>
"""
JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "Korea Pro",
 "items": [{"id": "1", "url": "https://koreapro.org/a", "title": "A",
            "content_html": "<p>Body</p>"}]}
"""


def detect(content: bytes, origin: str = "input") -> str:
    return detect_format(RawDocument(content=content, origin=origin))


def refusal(content: bytes, origin: str = "input") -> str:
    with pytest.raises(IngestError) as caught:
        detect(content, origin)
    assert caught.value.origin == origin
    assert "\n" not in caught.value.reason
    return caught.value.reason


# By content, whatever the name ------------------------------------------------------------


def test_the_wordpress_seed_is_wordpress_although_it_is_a_txt() -> None:
    assert WORDPRESS_SEED.suffix == ".txt"
    assert detect(WORDPRESS_SEED.read_bytes(), str(WORDPRESS_SEED)) == "wordpress"


@pytest.mark.parametrize("name", ["post.html", "post.xml", "post", "post.json"])
def test_wordpress_is_wordpress_under_any_name(name: str) -> None:
    assert detect(WORDPRESS_SEED.read_bytes(), name) == "wordpress"


def test_a_list_of_wordpress_posts_is_wordpress() -> None:
    content = b"  \n[" + WORDPRESS_SEED.read_bytes()
    assert detect(content, "posts") == "wordpress"


@pytest.mark.parametrize("name", [str(TEXTPAGE_SEED), "page.json", "page.html", "page.xml"])
def test_the_text_scrape_is_text_under_any_name(name: str) -> None:
    assert detect(TEXTPAGE_SEED.read_bytes(), name) == "text"


def test_a_json_feed_is_a_json_feed() -> None:
    assert detect(JSON_FEED, "feed.txt") == "jsonfeed"


def test_an_html_page_named_txt_is_html() -> None:
    assert detect(HTML_PAGE, "saved/page.txt") == "html"


def test_an_html_fragment_is_html() -> None:
    assert (
        detect(b"<div class='story'><p>South Korea needs to bolster relations.</p></div>", "x.txt")
        == "html"
    )


@pytest.mark.parametrize("feed", [RSS_FEED, ATOM_FEED], ids=["rss", "atom"])
@pytest.mark.parametrize("name", ["feed.html", "feed.txt", "feed"])
def test_a_feed_under_any_name_is_a_feed(feed: bytes, name: str) -> None:
    assert detect(feed, name) == "feed"


def test_markup_without_html_markers_falls_back_on_an_html_name() -> None:
    content = b"<custom-root><headline>Seoul bolsters ties</headline></custom-root>"
    assert detect(content, "saved.html") == "html"
    assert "neither an RSS/Atom feed nor an HTML page" in refusal(content, "saved.xml")


# Byte-order marks and UTF-16 -------------------------------------------------------------


def test_a_utf8_bom_does_not_hide_the_format() -> None:
    assert detect(codecs.BOM_UTF8 + WORDPRESS_SEED.read_bytes(), "post.txt") == "wordpress"
    assert detect(codecs.BOM_UTF8 + TEXTPAGE_SEED.read_bytes(), "page.txt") == "text"


def test_a_utf8_bom_before_html_is_html() -> None:
    assert detect(codecs.BOM_UTF8 + HTML_PAGE, "page.txt") == "html"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read_not_refused_as_binary(encoding: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[
        encoding
    ]
    wordpress = bom + WORDPRESS_SEED.read_text("utf-8").encode(encoding)
    textpage = bom + TEXTPAGE_SEED.read_text("utf-8").encode(encoding)
    assert detect(wordpress, "post.txt") == "wordpress"
    assert detect(textpage, "page.txt") == "text"


def test_utf16_html_is_html() -> None:
    assert detect(HTML_PAGE.decode().encode("utf-16"), "page.txt") == "html"


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be"])
def test_utf32_with_a_bom_is_detected_like_utf8(encoding: str) -> None:
    # decode.py reads UTF-32 byte-order marks, so detection must see through them too.
    bom = codecs.BOM_UTF32_BE if encoding == "utf-32-be" else b""
    content = bom + WORDPRESS_SEED.read_text("utf-8").encode(encoding)
    assert detect(content, "post.txt") == "wordpress"


# What is not news -----------------------------------------------------------------------


def test_binary_junk_named_txt_is_refused_as_binary() -> None:
    junk = BAD / "photo.txt"
    assert junk.read_bytes().startswith(b"\x89PNG")
    assert refusal(junk.read_bytes(), str(junk)) == "input is binary data, not text"


@pytest.mark.parametrize(
    "content", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n"]
)
def test_empty_input_is_refused_as_empty(content: bytes) -> None:
    assert refusal(content, "empty.txt") == "input is empty"


def test_json_that_is_not_wordpress_is_refused_naming_what_was_expected() -> None:
    path = BAD / "not_wordpress.json"
    reason = refusal(path.read_bytes(), str(path))
    assert "neither a WordPress REST post nor a JSON Feed" in reason


def test_xml_that_is_neither_feed_nor_html_is_refused() -> None:
    path = BAD / "places.xml"
    assert (
        refusal(path.read_bytes(), str(path))
        == "markup input is neither an RSS/Atom feed nor an HTML page"
    )
