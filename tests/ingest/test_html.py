"""The HTML article-page adapter, on hand-written pages in tests/fixtures/html, field by field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import IngestError
from newsdesk.ingest import html, html_body, html_metadata
from newsdesk.model import Article, RawDocument, Section, Timestamp
from tests.conftest import FIXTURES

PAGES = FIXTURES / "html"
KOREA_HERALD_URL = "https://www.koreaherald.com/article/10467321"
FIXTURE_NAMES = sorted(p.name for p in PAGES.glob("*.html"))


def parse_page(name: str, origin: str | None = None) -> Article:
    raw = RawDocument(content=(PAGES / name).read_bytes(), origin=origin or f"pages/{name}")
    articles = html.parse(raw)
    assert len(articles) == 1
    return articles[0]


def refusal(content: bytes, origin: str = "page.html") -> str:
    with pytest.raises(IngestError) as caught:
        html.parse(RawDocument(content=content, origin=origin))
    assert caught.value.origin == origin
    return caught.value.reason


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# --- a Korea Herald-style page: JSON-LD, og: meta, an in-body sub-heading ------------------------


def test_korea_herald_page_metadata() -> None:
    article = parse_page("koreaherald_jsonld.html", origin=KOREA_HERALD_URL)
    assert article.title == "Seoul widens chip subsidies as US tariff deadline nears"
    assert article.url == KOREA_HERALD_URL  # the canonical link, its utm_ tail cut by trafilatura
    assert article.canonical_url == "https://koreaherald.com/article/10467321"
    assert article.source == "The Korea Herald"
    assert article.site is None
    assert article.authors == ["Kim Da-sol", "Lee Jung-joo"]
    assert article.language == "en"
    assert article.excerpt == (
        "Government adds 4 trillion won to semiconductor support package, targets equipment "
        "makers and packaging firms"
    )
    assert article.tags == ["Business", "semiconductors", "trade"]
    assert article.extra == {
        "image": "https://res.heraldm.com/content/image/2025/04/16/20250416050123_0.jpg"
    }
    assert not article.is_truncated
    assert article.notes == []


def test_korea_herald_dates_keep_the_kst_offset() -> None:
    article = parse_page("koreaherald_jsonld.html")
    assert article.published == Timestamp(utc(2025, 4, 16, 0, 30), 540, "second")
    assert article.updated == Timestamp(utc(2025, 4, 16, 2, 5), 540, "second")
    assert article.date_text is None


def test_korea_herald_subheadings_start_named_sections() -> None:
    article = parse_page("koreaherald_jsonld.html")
    assert [s.heading for s in article.sections] == [None, "Why It Matters", "What Comes Next"]
    lead, why, _ = article.sections
    assert lead.paragraphs[0].startswith("South Korea will add 4 trillion won ($2.8 billion)")
    assert lead.paragraphs[-1].endswith('"This money is meant to keep the supply chain intact."')
    assert len(lead.paragraphs) == 3
    assert why == Section(
        heading="Why It Matters",
        paragraphs=[
            "Chips accounted for about a fifth of South Korea's exports last year, and the United "
            "States is the fastest-growing market for the high-bandwidth memory used in artificial "
            "intelligence servers.",
            "Analysts say a 25 percent levy on Korean chips would cut export earnings by as much "
            "as 7 billion dollars a year unless producers move more assembly to American plants.",
        ],
    )
    assert article.word_count == 220  # the seven <p> of the source, counted apart


def test_korea_herald_body_leaves_out_page_furniture() -> None:
    body = parse_page("koreaherald_jsonld.html").body_text
    for furniture in (
        "Government adds 4 trillion won",  # the standfirst: it is the excerpt, not the body
        "Read more: Samsung",  # a teaser for another story inside the body
        "Most Popular",
        "BTS' Jin",
        "Herald Corporation",
        "All rights reserved",
        "Copy link",
        "Yonhap",  # the photo caption
    ):
        assert furniture not in body


# --- dates ---------------------------------------------------------------------------------------


def test_a_bare_date_is_kept_to_the_day() -> None:
    article = parse_page("date_only.html")
    assert article.published == Timestamp(utc(2024, 11, 5), None, "day")
    assert article.updated is None
    assert article.date_text is None
    assert article.title == "Harbour ferry timetable changes from Monday"
    assert article.authors == ["Priya Raman"]
    assert article.tags == ["ferries", "transport", "harbour"]
    assert article.url is None  # no canonical link, and the origin is a file path
    assert article.canonical_url is None
    assert article.source is None
    assert [len(s.paragraphs) for s in article.sections] == [3]


def test_a_time_without_a_zone_is_kept_in_words() -> None:
    page = (
        (PAGES / "date_only.html")
        .read_bytes()
        .replace(
            b'<meta name="date" content="2024-11-05">',
            b'<meta property="article:published_time" content="2024-11-05T16:40:00">',
        )
    )
    article = html.parse(RawDocument(content=page, origin="ferry.html"))[0]
    assert article.published == Timestamp(utc(2024, 11, 5), None, "day")
    assert article.date_text == "2024-11-05 16:40 (page time, zone unknown)"


def test_without_a_canonical_link_the_origin_url_is_the_url() -> None:
    origin = "https://www.coastline.example/news/ferry-times/?utm_source=newsletter&id=7"
    article = parse_page("date_only.html", origin=origin)
    assert article.url == origin
    assert article.canonical_url == "https://coastline.example/news/ferry-times?id=7"
    assert article.source == "coastline.example"  # no site name on the page: the host


def test_a_time_element_with_a_zone_beats_a_bare_dc_date() -> None:
    article = parse_page("time_element.html")
    assert article.published == Timestamp(utc(2025, 3, 2, 19, 5), -300, "second")
    assert article.source == "Riverside Gazette"
    # The byline is only in the markup (a span), and the markup byline search is off: see
    # html_metadata.page_metadata on the speed budget.
    assert article.authors == []
    assert article.url == (
        "https://news.riverside-gazette.example/local/2025/03/02/council-transit-budget/"
    )
    assert article.canonical_url == (
        "https://news.riverside-gazette.example/local/2025/03/02/council-transit-budget"
    )
    assert article.language == "en"


def test_a_utc_time_has_no_local_offset() -> None:
    article = parse_page("malformed.html")
    assert article.published == Timestamp(utc(2025, 1, 9, 6, 0), None, "second")


# --- encodings -----------------------------------------------------------------------------------


def test_cp949_page_labelled_euc_kr() -> None:
    content = (PAGES / "cp949_korean.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        content.decode("euc_kr")  # 똠 exists only in CP949: a strict EUC-KR reading fails
    article = parse_page("cp949_korean.html")
    assert article.title == "똠방각하 뮤지컬, 20년 만에 다시 무대에 오른다"
    assert article.source == "한빛일보"
    assert article.authors == ["박지윤 기자"]
    assert article.language == "ko"
    assert article.published == Timestamp(utc(2025, 2, 11, 9, 20), 540, "second")
    assert article.paragraphs[0] == (
        "1980년대 인기 드라마 ‘똠방각하’를 원작으로 한 뮤지컬이 20년 만에 다시 관객을 만난다. "
        "제작사는 다음 달 14일부터 서울 대학로 예술극장에서 공연을 시작한다고 11일 밝혔다."
    )
    assert len(article.paragraphs) == 3


def test_a_one_word_korean_byline_is_a_name() -> None:
    page = (PAGES / "cp949_korean.html").read_bytes()
    page = page.replace("박지윤 기자".encode("cp949"), "박지윤".encode("cp949"))
    article = html.parse(RawDocument(content=page, origin="cp949.html"))[0]
    assert article.authors == ["박지윤"]


def test_iso_8859_1_page_with_windows_quotes() -> None:
    content = (PAGES / "latin1_french.html").read_bytes()
    assert b"\x92" in content  # a cp1252 apostrophe, which ISO-8859-1 proper lacks
    article = parse_page("latin1_french.html")
    assert article.title == "Grève des contrôleurs aériens : près d’un vol sur deux annulé à Orly"
    assert article.source == "Le Courrier de l’Ouest"
    assert article.language == "fr"
    assert article.published == Timestamp(utc(2024, 10, 17, 5, 45), 120, "second")
    assert article.paragraphs[1].startswith("À Roissy-Charles-de-Gaulle, la réduction demandée")
    assert article.paragraphs[2].startswith("« Nous regrettons la gêne occasionnée »")


def test_utf8_page_with_a_stray_byte_stays_utf8() -> None:
    page = (PAGES / "koreaherald_jsonld.html").read_bytes()
    damaged = page.replace(b"Trade Minister", b"Trade \xff Minister")
    article = html.parse(RawDocument(content=damaged, origin="damaged.html"))[0]
    assert article.title == "Seoul widens chip subsidies as US tariff deadline nears"
    assert "Trade \ufffd Minister Ahn Duk-geun" in article.body_text


@pytest.mark.parametrize("label", ["utf-8", "utf-16", "rot13", "base64", "x-no-such-charset"])
def test_a_wrong_charset_label_falls_back_to_a_guess(label: str) -> None:
    page = (PAGES / "latin1_french.html").read_bytes()
    page = page.replace(b"charset=iso-8859-1", b"charset=" + label.encode())
    article = html.parse(RawDocument(content=page, origin="relabelled.html"))[0]
    assert article.title.startswith("Grève des contrôleurs aériens")


# --- damaged pages -------------------------------------------------------------------------------


def test_truncated_page_keeps_what_came_and_says_so() -> None:
    article = parse_page("truncated.html")
    assert article.is_truncated
    assert article.notes == ["page stops mid-text without its closing tags: probably cut off"]
    assert [s.heading for s in article.sections] == [None, "Why It Matters"]
    assert article.paragraphs[-1] == "Analysts say a 25 percent levy on Korean chips would cut exp"
    assert article.published == Timestamp(utc(2025, 4, 16, 0, 30), 540, "second")


def test_malformed_markup_is_read_paragraph_by_paragraph() -> None:
    article = parse_page("malformed.html")
    assert article.title == "Flood warnings lifted across the valley"
    assert not article.is_truncated  # no closing tags, but the page ends on a tag
    assert article.paragraphs == [
        "Flood warnings for the lower valley were lifted early on Thursday after the river fell "
        "below its danger level overnight, the environment agency said.",
        "Residents of the 40 homes evacuated on Monday can return from noon, but the agency "
        "warned that fields and minor roads would stay under water for several days.",
        "Volunteers will hand out cleaning kits at the village hall from 10 a.m. on Friday.",
        "The council said it would review the flood defences at the old mill bridge, where water "
        "came within 20 centimetres of the top of the barrier.",
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "input is empty"),
        (b"  \n\t ", "input is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "input is binary data"),
        ((PAGES / "no_article.html").read_bytes(), "no article text"),
        ((PAGES / "script_only.html").read_bytes(), "no article text"),
        (b"<html><body><p>Too short to be news.</p></body></html>", "no article text"),
    ],
)
def test_pages_without_an_article_are_refused(content: bytes, reason: str) -> None:
    assert reason in refusal(content)


# --- helpers with rules of their own -------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "code"),
    [("ko-KR", "ko"), ("en_US", "en"), ("EN", "en"), ("fil", "fil"), ("", None), ("x", None)],
)
def test_language_tags_are_cut_to_the_language(tag: str, code: str | None) -> None:
    assert html_metadata.normalise_language(tag) == code


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Samsung, SK hynix brace for weaker second quarter",
        "RELATED: Seoul apartment prices rise for 10th straight week",
        "Follow The New York Times Opinion section on Facebook, Twitter and Instagram.",
        "Sign up for our morning newsletter to get the day's top stories in your inbox.",
        "Like this story? Share it with a friend!",
        "Copyright 2025 Metro Daily. All rights reserved.",
        "12 comments",
        "Advertisement",
    ],
)
def test_promotional_lines_are_recognised(line: str) -> None:
    assert html_body.is_promo_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "More than 300 people were evacuated on Monday.",
        "Related companies in the supply chain also said they would raise prices.",
        "Follow-up inspections found no further damage, officials said.",
        "Read more about the ruling in the court's 40-page decision, which was published on "
        "Tuesday and runs through each of the plaintiffs' claims in turn, said the lawyer.",
    ],
)
def test_article_sentences_are_not_promotional(line: str) -> None:
    assert not html_body.is_promo_line(line)


# --- any bytes at all: IngestError or articles, nothing else -------------------------------------


def _parse_or_refuse(content: bytes) -> None:
    try:
        articles = html.parse(RawDocument(content=content, origin="fuzz.html"))
    except IngestError as error:
        assert error.reason
        return
    assert len(articles) == 1
    assert isinstance(articles[0].title, str)
    assert articles[0].paragraphs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_give_articles_or_ingest_error(content: bytes) -> None:
    _parse_or_refuse(content)


@st.composite
def mutated_fixture(draw: st.DrawFn) -> bytes:
    """A fixture page cut, spliced with random bytes, or with bytes flipped."""
    page = (PAGES / draw(st.sampled_from(FIXTURE_NAMES))).read_bytes()
    start = draw(st.integers(0, len(page)))
    end = draw(st.integers(start, min(len(page), start + 2048)))
    action = draw(st.sampled_from(["cut", "splice", "flip", "drop"]))
    if action == "cut":
        return page[:start]
    if action == "splice":
        return page[:start] + draw(st.binary(min_size=1, max_size=256)) + page[end:]
    if action == "drop":
        return page[:start] + page[end:]
    flipped = bytearray(page)
    for index in range(start, end, 7):
        flipped[index] ^= 0xFF
    return bytes(flipped)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_fixture())
def test_mutated_pages_give_articles_or_ingest_error(content: bytes) -> None:
    _parse_or_refuse(content)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_markup_text_gives_articles_or_ingest_error(text: str) -> None:
    _parse_or_refuse(f"<html><body><article><p>{text}</p></article></body></html>".encode())
