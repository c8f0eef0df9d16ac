"""OPML import and export over real exports (tests/fixtures/opml/): Feedly's OPML 1.0, Miniflux's,
FreshRSS's (with its namespace and a scraping recipe), NewsBlur's nested folders, an old Latin-1
OPML 1.0, byte-order marks and lying declarations, damaged files, and hostile ones (XXE, billion
laughs, addresses no reader should follow), each asserted outline by outline."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsdesk.errors import IngestError
from newsdesk.live.opml import OpmlImport, Outline, parse_opml, write_opml
from tests.conftest import FIXTURES

OPML = FIXTURES / "opml"
PASSWD = Path("/etc/passwd")


def parse(name: str) -> OpmlImport:
    path = OPML / name
    return parse_opml(path.read_bytes(), str(path))


def refused(name: str) -> IngestError:
    with pytest.raises(IngestError) as caught:
        parse(name)
    assert caught.value.origin == str(OPML / name)
    return caught.value


# the exports of real readers ----------------------------------------------------------------


def test_feedly_opml_1_0_with_categories_and_a_feed_in_two_of_them() -> None:
    found = parse("feedly.opml")

    assert found.outlines == [
        Outline("https://www.nknews.org/feed/", "NK News", "https://www.nknews.org", "Korea"),
        Outline(
            "http://www.koreaherald.com/common/rss_xml.php?ct=102",
            "The Korea Herald",
            "http://www.koreaherald.com",
            "Korea",
        ),
        Outline(
            "https://en.yna.co.kr/RSS/news.xml",
            "Yonhap News Agency",
            "https://en.yna.co.kr/",
            "Korea",
        ),
        Outline(
            "https://feeds.arstechnica.com/arstechnica/index",
            "Ars Technica",
            "https://arstechnica.com",
            "Tech",
        ),
        Outline(
            "https://simonwillison.net/atom/everything/",
            "Simon Willison's Weblog",
            "https://simonwillison.net/",
            "Tech",
        ),
        Outline(
            "https://www.ft.com/world?format=rss",
            "Financial Times - World",
            "https://www.ft.com/world",
            "Economy",
        ),
    ]
    # NK News is in "Korea" and again in "Economy": the first is kept, the second noted.
    assert found.skipped == [("https://www.nknews.org/feed/", "listed twice: the first kept")]


def test_miniflux_export_without_type_and_with_an_empty_html_url() -> None:
    found = parse("miniflux.opml")

    assert [(o.title, o.category) for o in found.outlines] == [
        ("38 North", "All"),
        ("한겨레 전체기사", "All"),
        ("Reuters: World", "Wires"),
        ("AP Top News", "Wires"),
    ]
    reuters = found.outlines[2]
    assert reuters.url == (
        "https://www.reutersagency.com/feed/?best-topics=political-general&post_type=best"
    )
    assert reuters.site_url == "https://www.reuters.com/world/"
    assert found.outlines[3].site_url is None  # htmlUrl=""
    assert found.skipped == []


def test_freshrss_export_with_its_namespace_and_a_scraping_recipe() -> None:
    found = parse("freshrss.opml")

    assert found.outlines == [
        Outline(
            "https://github.com/FreshRSS/FreshRSS/releases.atom",
            "FreshRSS releases",
            "https://github.com/FreshRSS/FreshRSS/",
            "Uncategorized",
        ),
        Outline(
            "https://www.lemonde.fr/rss/une.xml",
            "Le Monde.fr - Actualités et Infos en France et dans le monde",
            "https://www.lemonde.fr/",
            "Politique & Société",
        ),
        Outline(
            "https://www.courrierinternational.com/feed/all/rss.xml",
            "Courrier international",
            "https://www.courrierinternational.com/",
            "Politique & Société",
        ),
    ]
    assert found.skipped == [
        (
            "https://koreajoongangdaily.joins.com/section/northKorea",
            "a FreshRSS web-scraping recipe (type=HTML+XPath), not a feed",
        )
    ]


def test_newsblur_nested_folders_become_a_path() -> None:
    found = parse("newsblur.opml")

    assert [(o.title, o.category) for o in found.outlines] == [
        ("World news | The Guardian", None),  # at the top: no folder
        ("The Diplomat", "Asia"),
        ("Daily NK English", "Asia/Korean peninsula"),
        ("NK News", "Asia/Korean peninsula"),
    ]
    assert found.outlines[3].url == "http://nknews.org/feed"
    assert found.skipped == [("Japan", "no xmlUrl: an empty folder or a note, not a feed")]


# encodings and versions ----------------------------------------------------------------------


def test_opml_1_0_in_latin_1_with_lower_case_attribute_names() -> None:
    found = parse("opml1_latin1.opml")

    assert found.outlines == [
        Outline(
            "https://services.lesechos.fr/rss/les-echos-economie.xml",
            "Les Échos - Économie",
            "https://www.lesechos.fr/economie-france",
            "Économie",
        ),
        Outline("http://scripting.com/rss.xml", "Scripting News", "http://scripting.com/", None),
    ]


@pytest.mark.parametrize(
    "name", ["bom_declared_windows1252.opml", "declared_windows1252_utf8_bytes.opml"]
)
def test_utf8_bytes_under_a_declaration_naming_windows_1252(name: str) -> None:
    assert (OPML / name).read_bytes().startswith(b"\xef\xbb\xbf") == name.startswith("bom")
    found = parse(name)

    assert [(o.title, o.category) for o in found.outlines] == [
        ("연합뉴스 최신기사", "한국 언론"),
        ("경향신문 – 전체뉴스", "한국 언론"),
    ]


def test_utf16_with_a_byte_order_mark() -> None:
    found = parse("utf16_bom.opml")

    assert found.outlines == [
        Outline(
            "https://asia.nikkei.com/rss/feed/nar",
            "Nikkei Asia — Japan",
            "https://asia.nikkei.com/",
            "RSS Feeds",
        )
    ]


# damaged documents ---------------------------------------------------------------------------


def test_a_truncated_export_keeps_what_came_before_the_cut_and_says_so() -> None:
    found = parse("truncated.opml")

    assert [o.title for o in found.outlines] == [
        "BBC News - World",
        "Al Jazeera English",
        "Deutsche Welle",  # its xmlUrl was whole; the cut fell in the next attribute
    ]
    [(what, why)] = found.skipped
    assert what == "the document"
    assert why.startswith("damaged XML") and "may be missing" in why


def test_bare_ampersands_are_read_as_ampersands() -> None:
    found = parse("bare_ampersand.opml")

    assert found.outlines == [
        Outline(
            "https://www.politico.eu/feed/",
            "Politico Europe",
            "https://www.politico.eu",
            "News & Politics",
        ),
        Outline(
            "https://news.example.net/digest.rss?a=1&b=2",
            "Reuters & AP digest",
            "https://news.example.net",
            "News & Politics",
        ),
    ]
    assert found.skipped == []


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ((OPML / "login_page.html").read_bytes(), "it is an HTML page"),
        ((FIXTURES / "feeds" / "atom.xml").read_bytes(), "it is an Atom feed"),
        ((FIXTURES / "feeds" / "rss2_teasers.xml").read_bytes(), "it is an RSS feed"),
        (b"", "empty"),
        (b"\xef\xbb\xbf  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not XML"),
        (b"url,title\nhttps://example.org/feed,Example\n", "not XML"),
    ],
)
def test_what_is_not_opml_at_all_is_refused_with_the_reason(data: bytes, says: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_opml(data, "upload.opml")
    assert says in caught.value.reason
    assert caught.value.origin == "upload.opml"


# hostile documents ---------------------------------------------------------------------------


def test_addresses_that_are_not_absolute_http_are_skipped_with_the_reason() -> None:
    found = parse("hostile_addresses.opml")

    # Its htmlUrl was a javascript: link: the feed is kept, the link is not.
    assert found.outlines == [Outline("https://example.org/feed.xml", "Kept", None, "Mixed")]
    never = "newsdesk never follows it"
    relative = "a relative address: an OPML list has no base to resolve it against"
    assert found.skipped == [
        ("file:///etc/passwd", f"not an http(s) address (file:): {never}"),
        (
            "javascript:alert(1)//https://example.org/feed",
            f"not an http(s) address (javascript:): {never}",
        ),  # noqa: E501
        ("ftp://ftp.example.org/pub/news.rss", f"not an http(s) address (ftp:): {never}"),
        (
            "data:application/rss+xml;base64,PHJzcz48L3Jzcz4=",
            f"not an http(s) address (data:): {never}",
        ),  # noqa: E501
        ("/feeds/all.atom.xml", relative),
        ("//cdn.example.org/rss", relative),
        ("Empty", "empty xmlUrl: no feed address"),
        ("Blank", "empty xmlUrl: no feed address"),
        ("https:///feed", "an http(s) address without a host"),
        ("https://example.org/feed.xml", "listed twice: the first kept"),
        (
            "http://www.example.org/feed.xml?utm_source=opml",
            "the same feed as https://example.org/feed.xml",
        ),
        ("Marked as a feed", "marked as a feed (type=rss) but without an xmlUrl"),
        ("Project page", "a link outline to https://example.org/about, not a feed"),
        ("A note to self", "no xmlUrl: an empty folder or a note, not a feed"),
    ]


def passwd_lines() -> list[str]:
    """Lines of the local /etc/passwd long enough not to occur by chance ("root:x:0:0:...")."""
    return [line for line in PASSWD.read_text().splitlines() if len(line) > 12]


@pytest.mark.parametrize("name", ["xxe_file.opml", "xxe_parameter.opml", "billion_laughs.opml"])
def test_documents_declaring_entities_are_refused_without_expanding_them(name: str) -> None:
    error = refused(name)

    assert "declares XML entities" in error.reason
    for line in passwd_lines():
        assert line not in str(error)
    assert "lollollol" not in str(error)


def test_an_external_dtd_is_never_loaded_from_a_file() -> None:
    found = parse("external_dtd.opml")

    assert found.outlines == [Outline("https://example.org/innocent.xml", "Innocent", None, None)]
    assert "root:" not in repr(found)


def test_an_external_dtd_is_never_fetched() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.setblocking(False)
        port = listener.getsockname()[1]
        data = (
            f'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "http://127.0.0.1:{port}/evil.dtd">'
            '<opml version="2.0"><body><outline type="rss" text="x" '
            'xmlUrl="https://example.org/x.xml"/></body></opml>'
        ).encode()

        found = parse_opml(data, "remote-dtd")

        with pytest.raises(BlockingIOError):  # nobody knocked
            listener.accept()
    assert [o.url for o in found.outlines] == ["https://example.org/x.xml"]


# writing -------------------------------------------------------------------------------------


def test_write_opml_groups_by_category_and_reads_back_the_same() -> None:
    outlines = [
        Outline("https://www.nknews.org/feed/", "NK News", "https://www.nknews.org", "Korea"),
        Outline("https://www.theguardian.com/world/rss", "The Guardian & Observer", None, None),
        Outline("https://www.dailynk.com/english/feed/", "Daily NK", None, "Asia/Korean peninsula"),
        Outline("https://en.yna.co.kr/RSS/news.xml", None, "https://en.yna.co.kr/", "Korea"),
        Outline("https://thediplomat.com/feed/", "<The Diplomat>", None, "Asia"),
    ]
    before = datetime.now(UTC).replace(microsecond=0)

    data = write_opml(outlines, title="Jane's desk")

    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(data)
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == "Jane's desk"
    created = parsedate_to_datetime(root.findtext("head/dateCreated") or "")
    assert before <= created <= datetime.now(UTC) + timedelta(seconds=1)
    body = root.find("body")
    assert body is not None
    assert [o.get("text") for o in body] == ["Korea", "The Guardian & Observer", "Asia"]
    assert [o.get("xmlUrl") for o in body[0]] == [
        "https://www.nknews.org/feed/",
        "https://en.yna.co.kr/RSS/news.xml",
    ]
    untitled = body[0][1]
    assert untitled.get("text") == "https://en.yna.co.kr/RSS/news.xml"  # OPML requires text
    assert untitled.get("title") is None and untitled.get("type") == "rss"
    assert [o.get("text") for o in body[2]] == ["Korean peninsula", "<The Diplomat>"]

    again = parse_opml(data, "written")
    assert sorted(again.outlines, key=lambda o: o.url) == sorted(outlines, key=lambda o: o.url)
    assert again.skipped == []


def test_every_fixture_survives_a_round_trip() -> None:
    for path in sorted(OPML.glob("*.opml")):
        try:
            first = parse_opml(path.read_bytes(), str(path)).outlines
        except IngestError:
            continue
        assert parse_opml(write_opml(first), "again").outlines == first, path.name


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
outline = st.builds(
    Outline,
    url=st.sampled_from(["https://a.example/feed", "http://b.example/rss?x=1&y=2"]).flatmap(
        lambda base: st.integers(0, 50).map(lambda n: f"{base}/{n}")
    ),
    title=st.none() | text,
    site_url=st.none() | st.just("https://a.example/"),
    category=st.none() | st.lists(text, min_size=1, max_size=3).map("/".join),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(outline, max_size=12), text)
def test_written_opml_always_parses(outlines: list[Outline], title: str) -> None:
    found = parse_opml(write_opml(outlines, title), "written")

    assert found.skipped == [s for s in found.skipped if s[1].startswith("listed twice")]
    assert {o.url for o in found.outlines} == {o.url for o in outlines}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_result_or_an_ingest_error(data: bytes) -> None:
    try:
        found = parse_opml(data, "fuzz")
    except IngestError:
        return
    assert all(o.url.startswith(("http://", "https://")) for o in found.outlines)
