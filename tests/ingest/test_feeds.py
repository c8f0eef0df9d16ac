"""Feeds: each fixture in tests/fixtures/feeds field by field, then random and damaged bytes.

Expected values were read off the fixture files by hand (times converted to UTC by hand).
"""

from __future__ import annotations

import codecs
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import IngestError
from newsdesk.ingest import feeds, parse_raw
from newsdesk.model import Article, RawDocument, Section
from tests.conftest import FIXTURES

FEEDS = FIXTURES / "feeds"


def read(name: str) -> list[Article]:
    path = FEEDS / name
    return feeds.parse(RawDocument(content=path.read_bytes(), origin=str(path)))


def rss(items: str, channel: str = "<title>Test Desk</title>") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"{channel}{items}</channel></rss>"
    ).encode()


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# ---- RSS 2.0 with content:encoded


def test_rss2_full_content_item_field_by_field() -> None:
    first, second = read("rss2_content_encoded.xml")
    assert first.title == (
        "Seoul should bolster diplomatic ties with Moscow to deter N. Korean threats: think tank"
    )
    assert (
        first.url == "https://www.koreaherald.com/article/10467012?utm_source=rss&utm_medium=feed"
    )
    assert first.canonical_url == "https://koreaherald.com/article/10467012"
    assert first.guid == "koreaherald-10467012"
    assert first.source == "The Korea Herald"
    assert first.site is None
    assert first.authors == ["Son Ji-hyoung"]
    assert first.language == "en"
    assert first.tags == ["North Korea", "Defense"]
    # pubDate Wed, 16 Apr 2025 14:32:10 +0900
    assert first.published.utc == utc(2025, 4, 16, 5, 32, 10)
    assert first.published.utc_offset_minutes == 540
    assert first.published.precision == "second"
    assert first.updated is None
    assert first.excerpt == (
        "South Korea needs to bolster relations with Russia to deter North Korean threats, "
        "a think tank said Wednesday."
    )
    assert first.is_teaser is False and first.is_truncated is False
    assert first.notes == []


def test_rss2_sections_keep_the_subheading_and_drop_scripts() -> None:
    first, _ = read("rss2_content_encoded.xml")
    assert [s.heading for s in first.sections] == [None, "Why it matters"]
    assert first.sections[0].paragraphs[1] == (
        "A report by the Korea Institute for Defense Analyses noted that Moscow has been "
        "advancing its ties with Pyongyang since February 2022."
    )
    assert first.sections[1].paragraphs == [
        "The war has created 28.7 trillion won worth of revenue for North Korea, the report "
        "added \u2014 money that could fund its weapons programs.",
        "The report was written by senior KIDA researcher Park Yong-han.",
    ]


def test_rss2_escaped_markup_title_relative_link_gmt_and_email_author() -> None:
    _, second = read("rss2_content_encoded.xml")
    # <title>...&lt;b&gt;civilian&lt;/b&gt; contact approvals &amp;amp; aid talks</title>
    assert second.title == "Unification ministry to resume civilian contact approvals & aid talks"
    assert second.url == "https://www.koreaherald.com/article/10467155"  # "/article/10467155"
    assert second.guid == "https://www.koreaherald.com/article/10467155"
    assert second.authors == ["Kim Arin"]  # "desk@heraldcorp.com (Kim Arin)"
    assert second.published.utc == utc(2025, 4, 16, 9, 5)
    assert second.published.utc_offset_minutes is None  # GMT: the feed gave only UTC
    assert second.excerpt is None  # no description: nothing separate from the body
    assert second.paragraphs == [
        "The Unification Ministry said Wednesday it will resume approving civilian contacts "
        "with North Koreans, reversing a freeze imposed last year.",
        "The ministry said it would review applications from aid groups case by case.",
    ]


# ---- teasers


def test_teaser_ending_in_ellipsis() -> None:
    articles = read("rss2_teasers.xml")
    first = articles[0]
    assert first.title == "N. Korea fires ballistic missile into East Sea: JCS"
    assert first.source == "Yonhap News Agency - North Korea"
    assert first.authors == ["Yi Wonju"]
    assert first.published.utc == utc(2025, 5, 7, 23, 41)  # Thu, 08 May 2025 08:41:00 +0900
    assert first.published.utc_offset_minutes == 540
    assert first.is_teaser is True
    assert first.paragraphs == [first.excerpt]
    assert first.excerpt.endswith("in what would be the first such launch in two months…")
    assert "feed gives only a teaser; the full text is at the link" in first.notes


def test_teaser_with_bracketed_ellipsis_and_read_more_link() -> None:
    _, kaesong, leaflets, *_ = read("rss2_teasers.xml")
    assert kaesong.is_teaser is True
    assert kaesong.paragraphs[-1].endswith(
        "urged the government on Wednesday to open compensation talks […]"
    )
    assert leaflets.is_teaser is True
    assert leaflets.paragraphs == [  # the "Read more" link paragraph is not article text
        "A North Korean defector group said it launched balloons carrying anti-Pyongyang "
        "leaflets across the border overnight."
    ]


def test_full_text_in_description_is_not_a_teaser() -> None:
    articles = read("rss2_teasers.xml")
    address = articles[3]
    assert address.title == "Full text: Unification minister's address on inter-Korean dialogue"
    assert address.is_teaser is False
    assert len(address.paragraphs) == 6
    assert address.paragraphs[-1] == "Thank you."
    assert address.excerpt is None  # the description is the body, not a summary of it


def test_entry_without_title_or_text_is_skipped_with_a_note() -> None:
    articles = read("rss2_teasers.xml")
    assert len(articles) == 4  # the fifth item has an empty title and description
    assert "1 other feed entry was skipped: neither title nor text" in articles[0].notes


# ---- RSS 0.91 and RSS 1.0


def test_rss091_items_without_dates_or_guids() -> None:
    yongbyon, sinpo = read("rss091.xml")
    assert yongbyon.title == (
        "Yongbyon Update: New Construction Near the Experimental Light Water Reactor"
    )
    assert yongbyon.url == "https://www.38north.org/2025/04/yongbyon-update-new-construction/"
    assert yongbyon.source == "38 North"
    assert yongbyon.language == "en"
    assert yongbyon.guid is None
    assert yongbyon.published is None and yongbyon.updated is None and yongbyon.date_text is None
    assert yongbyon.authors == []
    assert yongbyon.is_teaser is True  # one short description paragraph
    assert yongbyon.extra == {"feed_format": "rss091n"}
    assert sinpo.title == "Sinpéo Shipyard: Submarine Activity Continues"  # ISO-8859-1, &#233;


def test_rdf_dc_date_and_several_dc_creators() -> None:
    rice, guards, crackdown = read("rss1_rdf.xml")
    assert rice.title == "Rice prices jump in Pyongyang markets after flood damage"
    assert rice.guid == "https://www.dailynk.com/english/rice-prices-jump-in-pyongyang/"
    assert rice.source == "Daily NK"
    assert rice.authors == ["Jeong Tae Joo", "Mun Dong Hui"]
    assert rice.tags == ["Economy"]
    assert rice.language == "en"
    # dc:date 2025-04-14T16:05:00+09:00
    assert rice.published.utc == utc(2025, 4, 14, 7, 5)
    assert rice.published.utc_offset_minutes == 540
    assert rice.is_teaser is False
    assert rice.paragraphs[1] == (
        "A kilogram of rice sold for 7,800 won at Tongil market on April 12, up from 6,500 won "
        "at the start of the month."
    )
    assert rice.excerpt == (
        "The price of rice in Pyongyang's markets rose by nearly a fifth in two weeks, "
        "sources told Daily NK."
    )
    # dc:date 2025-04-11: a bare date, no time invented
    assert guards.published.utc == utc(2025, 4, 11)
    assert guards.published.precision == "day"
    assert guards.published.utc_offset_minutes is None
    assert guards.authors == ["Seulkee Jang"]
    # dc:date "early April 2025" cannot be read: kept as the source wrote it
    assert crackdown.published is None
    assert crackdown.date_text == "early April 2025"


# ---- Atom


def test_atom_entry_with_offsets_and_two_authors() -> None:
    destroyer, marathon, kcna = read("atom.xml")
    assert destroyer.title == "Kim Jong Un inspects new destroyer Choe Hyon ahead of sea trials"
    # href="2025/04/kim-jong-un-inspects-new-destroyer/" against xml:base
    assert destroyer.url == "https://www.nknews.org/2025/04/kim-jong-un-inspects-new-destroyer/"
    assert (
        destroyer.canonical_url == "https://nknews.org/2025/04/kim-jong-un-inspects-new-destroyer"
    )
    assert destroyer.guid == "tag:nknews.org,2025:post-351204"
    assert destroyer.source == "NK News"
    assert destroyer.authors == ["Colin Zwirko", "Jeongmin Kim"]
    assert destroyer.language == "en"  # xml:lang="en-GB" on the feed
    assert destroyer.tags == ["Military", "navy"]  # label when given, else term
    # published 2025-04-16T07:15:00+09:00, updated 2025-04-16T18:02:31+09:00
    assert destroyer.published.utc == utc(2025, 4, 15, 22, 15)
    assert destroyer.published.utc_offset_minutes == 540
    assert destroyer.updated.utc == utc(2025, 4, 16, 9, 2, 31)
    assert destroyer.updated.utc_offset_minutes == 540
    assert destroyer.excerpt == (
        "Leader observes weapons systems aboard the 5,000-ton warship at Nampho shipyard."
    )
    assert destroyer.sections == [
        Section(
            heading=None,
            paragraphs=[
                "North Korean leader Kim Jong Un inspected the country\u2019s new 5,000-ton "
                "destroyer at the Nampho shipyard, state media reported Wednesday."
            ],
        ),
        Section(
            heading="Weapons systems",
            paragraphs=[
                "Kim observed vertical launch cells said to be capable of firing cruise and "
                "ballistic missiles.",
                "Analysts said sea trials could begin within weeks.",
            ],
        ),
    ]
    assert destroyer.is_teaser is False


def test_atom_entry_with_only_updated_and_xhtml_content_inherits_feed_author() -> None:
    _, marathon, _ = read("atom.xml")
    assert marathon.authors == ["NK News Desk"]  # the feed's author, by the Atom spec
    assert marathon.published.utc == utc(2025, 4, 6, 12)  # only <updated>, written with Z
    assert marathon.published.utc_offset_minutes is None
    assert marathon.updated == marathon.published
    assert len(marathon.paragraphs) == 2
    assert marathon.excerpt is None


def test_atom_entry_with_its_own_source_and_a_read_more_summary() -> None:
    *_, kcna = read("atom.xml")
    assert kcna.source == "KCNA Watch"
    assert kcna.site == "NK News"
    assert kcna.authors == []  # copied from KCNA Watch: the feed's own desk did not write it
    # 2025-04-15T21:30:00-04:00
    assert kcna.published.utc == utc(2025, 4, 16, 1, 30)
    assert kcna.published.utc_offset_minutes == -240
    assert kcna.is_teaser is True
    assert kcna.paragraphs == [
        "An enlarged plenary meeting of the Workers\u2019 Party Central Committee will review "
        "implementation of the five-year plan, KCNA said."
    ]


# ---- JSON Feed


def read_json(name: str) -> list[Article]:
    path = FEEDS / name
    return feeds.parse_json_feed(RawDocument(content=path.read_bytes(), origin=str(path)))


def test_json_feed_item_with_content_html_and_authors() -> None:
    missile, warning, yongbyon = read_json("jsonfeed11.json")
    assert missile.title == 'North Korea says it tested new "strategic" cruise missile'
    assert missile.canonical_url == "https://koreatimes.co.kr/www/nation/2025/04/103_395921.html"
    assert missile.guid == "kt-2025-04-16-0001"
    assert missile.source == "The Korea Times - North Korea"
    assert missile.authors == ["Jung Min-ho", "Lee Hae-rin"]
    assert missile.tags == ["North Korea", "Missiles"]
    assert missile.language == "en"
    assert missile.published.utc == utc(2025, 4, 16, 1, 20)  # 2025-04-16T10:20:00+09:00
    assert missile.published.utc_offset_minutes == 540
    assert missile.updated.utc == utc(2025, 4, 16, 2, 5, 30)
    assert missile.excerpt == "Pyongyang says new cruise missile flew 1,500 km."
    assert [s.heading for s in missile.sections] == [None, "Seoul's response"]
    assert missile.extra == {"feed_format": "jsonfeed 1.1"}
    assert "2 other feed entries were skipped: neither title nor text" in missile.notes


def test_json_feed_content_text_numeric_id_and_feed_authors() -> None:
    _, warning, yongbyon = read_json("jsonfeed11.json")
    assert warning.guid == "395880"
    assert warning.authors == ["Korea Times staff"]  # the feed's authors, by the spec
    assert warning.published.utc == utc(2025, 4, 15, 8)
    assert warning.published.utc_offset_minutes is None
    assert warning.paragraphs == [
        "South Korea and Japan agreed Tuesday to share North Korean missile warning data in "
        "real time.",
        "The arrangement builds on a trilateral system launched with the United States in 2023.",
    ]
    assert warning.language == "en"  # the feed's en-US
    # summary only, ending in "...": a teaser pointing at its external_url
    assert yongbyon.url == "https://www.38north.org/2025/04/yongbyon-update-new-construction/"
    assert yongbyon.is_teaser is True
    assert yongbyon.published.precision == "day"


def test_parse_hands_json_feeds_to_the_json_reader() -> None:
    articles = read("jsonfeed11.json")
    assert [a.guid for a in articles] == ["kt-2025-04-16-0001", "395880", "kt-2025-04-14-0007"]


def test_json_feed_version_1_0_single_author_and_a_cut_off_end() -> None:
    data = (
        b'{"version": "https://jsonfeed.org/version/1", "title": "38 North",'
        b' "author": {"name": "Jenny Town"}, "items": ['
        b'{"id": "1", "title": "Yongbyon reactor restarts", "content_text": "Imagery shows'
    )
    (article,) = feeds.parse_json_feed(RawDocument(content=data, origin="t.json"))
    assert article.authors == ["Jenny Town"]
    assert article.paragraphs == ["Imagery shows"]
    assert article.is_truncated is True
    assert any("cut off" in note for note in article.notes)


# ---- encodings


def test_euc_kr_feed_declared_in_the_prolog() -> None:
    missile, kaesong = read("rss2_euckr.xml")
    assert missile.title == '북한, 동해상으로 탄도미사일 발사…합참 "추가 발사 대비"'
    assert missile.source == "연합뉴스 - 북한"
    assert missile.authors == ["김지연"]  # "김지연 기자" (reporter)
    assert missile.tags == ["북한"]
    assert missile.language == "ko"
    assert missile.published.utc == utc(2025, 5, 7, 23, 47, 12)  # 08 May 2025 08:47:12 +0900
    assert missile.published.utc_offset_minutes == 540
    assert missile.is_teaser is False  # four paragraphs in the description
    assert (
        missile.paragraphs[0]
        == "북한이 8일 오전 동해상으로 단거리 탄도미사일을 발사했다고 합동참모본부가 밝혔다."
    )
    assert kaesong.title == '통일부 "개성공단 기업인 피해 지원 방안 검토"'
    assert kaesong.is_teaser is True  # one sentence ending in "..."


def test_cp949_feed_declared_as_euc_kr_and_a_korean_date() -> None:
    (article,) = read("rss2_cp949_declared_euckr.xml")
    # 똠 and 뙇 are in CP949 only: strict EUC-KR fails, feedparser alone garbles the text
    assert article.title == '평양 옥류관에 "똠얌꿍" 메뉴 등장…북한 매체 "외국 요리 인기"'
    assert article.source == "한겨레 - 한반도"
    assert article.authors == ["박뙇순"]  # "By 박뙇순 기자"
    assert article.language == "ko"
    # "2025년 04월 17일 14:05:00": no zone written; a Korean date is Korean time
    assert article.published.utc == utc(2025, 4, 17, 5, 5)
    assert article.published.utc_offset_minutes == 540
    assert article.notes[0] == "feed declared euc-kr but its text is CP949 (Korean); read as CP949"
    assert any("read as Korean time" in note for note in article.notes)


def test_utf16_feed_with_byte_order_mark() -> None:
    data = codecs.BOM_UTF16_LE + rss(
        "<item><title>평양 날씨</title><description>맑음</description></item>"
    ).decode().replace("UTF-8", "UTF-16").encode("utf-16-le")
    (article,) = feeds.parse(RawDocument(content=data, origin="t.xml"))
    assert article.title == "평양 날씨"
    assert feeds.looks_like_feed(data[:4096]) == "rss"


# ---- damaged and empty inputs


def test_malformed_xml_with_a_bare_ampersand_is_salvaged_with_a_note() -> None:
    samsung, won = read("malformed_ampersand.xml")
    assert samsung.title == "Samsung & SK hynix shares slide after North Korean missile launch"
    assert samsung.published.utc == utc(2025, 5, 8, 6, 45)
    assert won.title == "Won weakens past 1,400 per dollar"
    for article in (samsung, won):
        assert article.notes[0].startswith("feed XML is malformed: ")
        assert "not well-formed" in article.notes[0]
        assert article.is_truncated is False


def test_feed_cut_off_inside_the_last_item_keeps_its_partial_text() -> None:
    complete, cut = read("truncated.xml")
    assert complete.is_truncated is False
    assert complete.paragraphs[-1] == (
        "The families delivered a petition to the Unification Ministry in Seoul."
    )
    assert cut.title == "Seoul weighs resuming loudspeaker broadcasts along the border"
    assert cut.published.utc == utc(2025, 4, 15, 0, 40)
    assert cut.is_truncated is True
    assert cut.paragraphs[-1] == "Military officials said the broadcasts could res"
    assert "feed is cut off inside this entry: its text is partial" in cut.notes


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.xml", "feed is empty"),
        ("no_items.xml", "feed has no entries"),
        ("truncated_in_first_entry.xml", "no entry could be read: feed XML is malformed"),
    ],
)
def test_inputs_without_any_usable_entry_raise_ingest_error(name: str, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        read(name)
    assert caught.value.reason.startswith(reason)
    assert caught.value.origin == str(FEEDS / name)


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><head><title>Korea Herald</title></head><body><p>Hi</p></body>",
        b"just some words about Pyongyang",
        b'{"title": "not a feed"}',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": []}',
        b"\x00\x01\x02binary",
    ],
)
def test_what_is_not_a_feed_raises_ingest_error(data: bytes) -> None:
    with pytest.raises(IngestError):
        feeds.parse(RawDocument(content=data, origin="x"))


# ---- dates the feed wrote in other ways


@pytest.mark.parametrize(
    ("written", "expected_utc", "offset", "precision"),
    [
        ("Thu, 08 May 2025 08:47:12 KST", utc(2025, 5, 7, 23, 47, 12), 540, "second"),
        ("Thu, 08 May 2025 08:47:12 EDT", utc(2025, 5, 8, 12, 47, 12), -240, "second"),
        ("8 May 2025 08:47 +0900", utc(2025, 5, 7, 23, 47), 540, "second"),
        ("Thu, 08 May 2025 08:47:12 +0000", utc(2025, 5, 8, 8, 47, 12), None, "second"),
        ("Thu, 08 May 2025", utc(2025, 5, 8), None, "day"),
        ("2025-05-08T08:47:12.250+05:30", utc(2025, 5, 8, 3, 17, 12, 250000), 330, "second"),
        ("2025-05-08 오후 3:47", utc(2025, 5, 8, 6, 47), 540, "second"),
        ("2025. 5. 8. 오전 12:05", utc(2025, 5, 7, 15, 5), 540, "second"),
    ],
)
def test_date_forms(
    written: str, expected_utc: datetime, offset: int | None, precision: str
) -> None:
    (article,) = feeds.parse(
        RawDocument(
            content=rss(f"<item><title>T</title><pubDate>{written}</pubDate></item>"), origin="t"
        )
    )
    assert article.published.utc == expected_utc
    assert article.published.utc_offset_minutes == offset
    assert article.published.precision == precision


def test_date_without_zone_is_read_as_utc_with_a_note() -> None:
    item = "<item><title>T</title><pubDate>2025-05-08 08:47:12</pubDate></item>"
    (article,) = feeds.parse(RawDocument(content=rss(item), origin="t"))
    assert article.published.utc == utc(2025, 5, 8, 8, 47, 12)
    assert article.published.utc_offset_minutes is None
    assert "date '2025-05-08 08:47:12' gives no time zone; read as UTC" in article.notes


@pytest.mark.parametrize(
    "written", ["Thu, 31 Feb 2025 08:47:12 +0900", "9999-12-31T23:59:59-14:00"]
)
def test_impossible_dates_stay_unresolved_as_written(written: str) -> None:
    item = f"<item><title>T</title><pubDate>{written}</pubDate></item>"
    (article,) = feeds.parse(RawDocument(content=rss(item), origin="t"))
    assert article.published is None
    assert article.date_text == written


def test_entry_with_text_but_no_title_takes_its_first_sentence() -> None:
    item = "<item><description>Seoul and Tokyo held talks. More later today.</description></item>"
    (article,) = feeds.parse(RawDocument(content=rss(item), origin="t"))
    assert article.title == "Seoul and Tokyo held talks."
    assert "feed entry has no title; the title is its first sentence" in article.notes


# ---- sniffing


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("rss2_content_encoded.xml", "rss"),
        ("rss091.xml", "rss"),  # after a DOCTYPE
        ("rss1_rdf.xml", "rdf"),
        ("atom.xml", "atom"),
        ("jsonfeed11.json", "jsonfeed"),
        ("rss2_euckr.xml", "rss"),
        ("truncated.xml", "rss"),
        ("empty.xml", None),
    ],
)
def test_looks_like_feed(name: str, kind: str | None) -> None:
    assert feeds.looks_like_feed((FEEDS / name).read_bytes()[:4096]) == kind


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><html><body><rss>not really</rss></body></html>",
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
        b'{"id": 1, "title": {"rendered": "WordPress"}}',
        b"<!-- an unclosed comment",
    ],
)
def test_looks_like_feed_refuses_other_markup(head: bytes) -> None:
    assert feeds.looks_like_feed(head) is None


def test_looks_like_feed_skips_comments_and_stylesheets_before_the_root() -> None:
    head = (
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<?xml-stylesheet href="/rss.xsl"?>\n'
        b"<!-- generated 2025-05-08 --><atom:feed xmlns:atom='http://www.w3.org/2005/Atom'>"
    )
    assert feeds.looks_like_feed(head) == "atom"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("atom.xml", "feed"), ("rss1_rdf.xml", "feed"), ("jsonfeed11.json", "jsonfeed")],
)
def test_detected_and_read_through_parse_raw(name: str, fmt: str) -> None:
    path = FEEDS / name
    detected, articles = parse_raw(RawDocument(content=path.read_bytes(), origin=str(path)))
    assert detected == fmt
    assert articles


# ---- properties: any bytes, damaged fixtures


FIXTURE_BYTES = [p.read_bytes() for p in sorted(FEEDS.iterdir()) if p.stat().st_size]
PROPERTY_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def damaged_fixture(draw: st.DrawFn) -> bytes:
    """A fixture cut, spliced with junk or markup, or with bytes flipped or deleted."""
    data = bytearray(draw(st.sampled_from(FIXTURE_BYTES)))
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["cut", "insert", "markup", "flip", "delete"]))
        at = draw(st.integers(0, len(data)))
        if operation == "cut":
            data = data[:at]
        elif operation == "insert":
            data[at:at] = draw(st.binary(max_size=40))
        elif operation == "markup":
            data[at:at] = draw(
                st.sampled_from(
                    [b"<", b"&", b"]]>", b"<![CDATA[", b"</item>", b"<entry>", b'"', b"{"]
                )
            )
        elif operation == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif operation == "delete":
            data[at : at + draw(st.integers(1, 200))] = b""
    return bytes(data)


any_input = st.one_of(
    st.binary(max_size=2000), damaged_fixture(), st.text(max_size=1000).map(str.encode)
)


def only_ingest_errors(parse, data: bytes) -> None:  # noqa: ANN001
    try:
        articles = parse(RawDocument(content=data, origin="property-test"))
    except IngestError as error:
        assert error.reason and "\n" not in error.reason
        return
    assert articles
    for article in articles:
        assert isinstance(article.title, str) and (article.title or article.paragraphs)
        assert all(p and p.strip() == p for p in article.paragraphs)
        assert article.published is None or article.published.utc.tzinfo is not None


@PROPERTY_SETTINGS
@given(any_input)
def test_parse_raises_only_ingest_errors(data: bytes) -> None:
    only_ingest_errors(feeds.parse, data)


@PROPERTY_SETTINGS
@given(any_input)
def test_parse_json_feed_raises_only_ingest_errors(data: bytes) -> None:
    only_ingest_errors(feeds.parse_json_feed, data)


@PROPERTY_SETTINGS
@given(st.one_of(st.binary(max_size=600), damaged_fixture()))
def test_looks_like_feed_never_raises(data: bytes) -> None:
    assert feeds.looks_like_feed(data[:4096]) in (None, "rss", "atom", "rdf", "jsonfeed")
