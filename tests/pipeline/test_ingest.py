"""The pipeline over real inputs on both backends: good and bad inputs mixed, versions, limits."""

from __future__ import annotations

import hashlib
import shutil
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk import pipeline
from newsdesk.model import RawStatus, Relation, Timestamp
from newsdesk.store import Store, open_store
from tests.conftest import FIXTURES, TEXTPAGE_SEED, WORDPRESS_SEED

BAD = FIXTURES / "bad"
KOREAN_CP949 = FIXTURES / "text" / "korean_cp949.txt"
MAX = 10 * 1024 * 1024

WORDPRESS_TITLE = "South Korea faces limited options to respond to Russia-North Korea cooperation"
MAIN_TITLE = (
    "Seoul should bolster diplomatic ties with Moscow to deter N. Korean threats: think tank"
)
RELATED_TITLES = [
    "US steel tariffs on home appliances spark concerns for Samsung, LG",
    "North Korea ramps up anti-US indoctrination for students with new tactics",
    "President Lee calls on business circles to restore public trust",
]
SEED_TITLES = {WORDPRESS_TITLE, MAIN_TITLE, *RELATED_TITLES}

# Each bad input, and words its one-line reason must contain.
BAD_REASONS = {
    "empty.txt": "input is empty",
    "photo.txt": "binary data",
    "not_wordpress.json": "neither a WordPress REST post nor a JSON Feed",
    "malformed.json": "malformed JSON",
    "boilerplate_only.txt": "holds no article",
    "places.xml": "neither an RSS/Atom feed nor an HTML page",
}


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A folder mixing the two seeds with every bad input, as a user's download folder would."""
    folder = tmp_path / "inbox"
    (folder / "bad").mkdir(parents=True)
    shutil.copy(WORDPRESS_SEED, folder / WORDPRESS_SEED.name)
    shutil.copy(TEXTPAGE_SEED, folder / TEXTPAGE_SEED.name)
    for name in BAD_REASONS:
        shutil.copy(BAD / name, folder / "bad" / name)
    return folder


def titles(store: Store) -> set[str]:
    return {s.article.title for s in store.iter_articles()}


def edited_wordpress_post(folder: Path) -> Path:
    """The WordPress seed as the site served it after an edit: same link and guid, new text."""
    content = WORDPRESS_SEED.read_bytes()
    original = b"two crucial trade partners."
    assert content.count(original) == 1
    path = folder / "000_edited.txt"
    path.write_bytes(
        content.replace(original, b"two crucial trade partners, officials said on Monday.")
    )
    return path


# Good and bad inputs mixed ----------------------------------------------------------------


def test_a_mixed_folder_keeps_every_input_and_fails_only_the_bad_ones(
    store: Store, inbox: Path
) -> None:
    report = pipeline.ingest_paths(store, [str(inbox)], MAX)

    assert len(report.outcomes) == 2 + len(BAD_REASONS)
    assert titles(store) == SEED_TITLES
    assert report.count("parsed") == 2
    assert report.changes("new") == 5
    assert {Path(o.origin).name for o in report.failed} == set(BAD_REASONS)
    for outcome in report.failed:
        assert outcome.error and "\n" not in outcome.error
        assert outcome.raw_id is not None

    raws = store.raw_documents()
    assert len(raws) == 2 + len(BAD_REASONS)
    by_name = {Path(r.origin).name: r for r in raws}
    for name in BAD_REASONS:
        kept = by_name[name]
        assert kept.status is RawStatus.FAILED
        assert kept.content == (BAD / name).read_bytes()
        assert kept.content_sha256 == hashlib.sha256((BAD / name).read_bytes()).hexdigest()
        assert kept.error and "\n" not in kept.error
    assert by_name[WORDPRESS_SEED.name].status is RawStatus.PARSED
    assert by_name[WORDPRESS_SEED.name].detected_format == "wordpress"
    assert by_name[TEXTPAGE_SEED.name].status is RawStatus.PARSED
    assert by_name[TEXTPAGE_SEED.name].detected_format == "text"
    assert by_name[TEXTPAGE_SEED.name].content == TEXTPAGE_SEED.read_bytes()


@pytest.mark.parametrize("name", sorted(BAD_REASONS))
def test_each_bad_input_fails_with_a_reason_naming_its_problem(store: Store, name: str) -> None:
    path = str(BAD / name)
    report = pipeline.ingest_paths(store, [path], MAX)

    [outcome] = report.failed
    assert outcome.origin == path
    assert BAD_REASONS[name] in outcome.error
    assert "internal error" not in outcome.error
    kept = store.get_raw(outcome.raw_id)
    assert (kept.status, kept.error, kept.origin) == (RawStatus.FAILED, outcome.error, path)
    assert kept.content == (BAD / name).read_bytes()
    assert store.count_articles() == 0


def test_ingesting_the_same_folder_again_changes_nothing(store: Store, inbox: Path) -> None:
    first = pipeline.ingest_paths(store, [str(inbox)], MAX)
    ids = sorted(s.id for s in store.iter_articles())
    raw_count = len(store.raw_documents())

    failed_before = {o.origin: o.error for o in first.failed}

    again = pipeline.ingest_paths(store, [str(inbox)], MAX)

    # Inputs that failed are read again (an adapter may have been fixed) and fail the same way;
    # everything else is recognised as already ingested.
    assert {o.origin: o.error for o in again.failed} == failed_before
    assert {o.status for o in again.outcomes if o.origin not in failed_before} == {"seen"}
    assert len(store.raw_documents()) == raw_count
    assert sorted(s.id for s in store.iter_articles()) == ids
    assert all(s.version == 1 for s in store.iter_articles())
    for article_id in ids:
        assert len(store.article_versions(article_id)) == 1
        assert len(store.provenance(article_id)) == 1


def test_a_copy_of_a_seed_under_another_name_is_not_ingested_twice(
    store: Store, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.json"
    shutil.copy(WORDPRESS_SEED, copy)
    first = pipeline.ingest_paths(store, [str(WORDPRESS_SEED)], MAX)
    second = pipeline.ingest_paths(store, [str(copy)], MAX)
    assert second.outcomes[0].status == "seen"
    assert second.outcomes[0].raw_id == first.outcomes[0].raw_id
    assert store.count_articles() == 1


def test_the_same_bytes_twice_in_one_run_are_stored_once(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(WORDPRESS_SEED, folder / "a.txt")
    shutil.copy(WORDPRESS_SEED, folder / "b.txt")
    report = pipeline.ingest_paths(store, [str(folder)], MAX)
    assert [o.status for o in report.outcomes] == ["parsed", "seen"]
    assert report.outcomes[0].raw_id == report.outcomes[1].raw_id
    assert len(store.raw_documents()) == 1
    assert store.count_articles() == 1


# Versions ---------------------------------------------------------------------------------


def test_an_edited_wordpress_post_becomes_version_2_not_a_duplicate(
    store: Store, tmp_path: Path
) -> None:
    first = pipeline.ingest_paths(store, [str(WORDPRESS_SEED)], MAX)
    [saved] = first.outcomes[0].saved
    edited = edited_wordpress_post(tmp_path)

    second = pipeline.ingest_paths(store, [str(edited)], MAX)

    [outcome] = second.outcomes[0].saved
    assert (outcome.article_id, outcome.change, outcome.version) == (saved.article_id, "updated", 2)
    assert store.count_articles() == 1
    stored = store.get_article(saved.article_id)
    assert stored.version == 2
    assert stored.article.title == WORDPRESS_TITLE
    assert "officials said on Monday" in stored.article.body_text
    versions = store.article_versions(saved.article_id)
    assert [v for v, _, _ in versions] == [1, 2]
    assert "officials said on Monday" not in versions[0][2].body_text
    assert "two crucial trade partners." in versions[0][2].body_text
    assert [(Path(s.origin).name, s.version) for s in store.provenance(saved.article_id)] == [
        (WORDPRESS_SEED.name, 1),
        (edited.name, 2),
    ]


def test_the_same_article_in_new_bytes_is_a_sighting_not_a_version(
    store: Store, tmp_path: Path
) -> None:
    # The same post with a trailing newline: other bytes (a new raw document), same article.
    resaved = tmp_path / "resaved.txt"
    resaved.write_bytes(WORDPRESS_SEED.read_bytes() + b"\n")
    pipeline.ingest_paths(store, [str(WORDPRESS_SEED)], MAX)
    report = pipeline.ingest_paths(store, [str(resaved)], MAX)

    [outcome] = report.outcomes[0].saved
    assert (outcome.change, outcome.version) == ("unchanged", 1)
    assert [s.origin for s in store.provenance(outcome.article_id)] == [
        str(WORDPRESS_SEED),
        str(resaved),
    ]


def test_article_ids_are_the_same_in_two_stores(store: Store, tmp_path: Path) -> None:
    other = open_store(f"sqlite:///{tmp_path / 'elsewhere.db'}")
    try:
        pipeline.ingest_paths(store, [str(WORDPRESS_SEED), str(TEXTPAGE_SEED)], MAX)
        pipeline.ingest_paths(other, [str(TEXTPAGE_SEED), str(WORDPRESS_SEED)], MAX)
        here = {s.article.title: s.id for s in store.iter_articles()}
        there = {s.article.title: s.id for s in other.iter_articles()}
    finally:
        other.close()
    assert here == there
    assert len(set(here.values())) == 5


def test_related_articles_point_at_the_page_they_were_found_on(store: Store) -> None:
    pipeline.ingest_paths(store, [str(TEXTPAGE_SEED)], MAX)
    [main] = store.list_articles(relation=Relation.MAIN)
    related = store.list_articles(relation=Relation.RELATED)
    assert main.article.title == MAIN_TITLE
    assert sorted(s.article.title for s in related) == sorted(RELATED_TITLES)
    assert {s.article.found_on for s in related} == {main.id}


# Limits and unreadable inputs -------------------------------------------------------------


def test_an_input_over_the_limit_is_failed_with_its_size_and_hash_but_no_content(
    store: Store, tmp_path: Path
) -> None:
    big = tmp_path / "huge.txt"
    big.write_bytes(TEXTPAGE_SEED.read_bytes() * 140)  # about 1.5 MB
    size = big.stat().st_size
    limit = 1024 * 1024

    report = pipeline.ingest_paths(store, [str(big), str(WORDPRESS_SEED)], limit)

    [outcome] = report.failed
    assert outcome.origin == str(big)
    assert "1.5 MB" in outcome.error and "1.0 MB limit" in outcome.error
    kept = store.get_raw(outcome.raw_id)
    assert kept.status is RawStatus.FAILED
    assert kept.size == size
    assert kept.content_sha256 == hashlib.sha256(big.read_bytes()).hexdigest()
    assert kept.content == b""
    assert titles(store) == {WORDPRESS_TITLE}  # the batch went on


def test_a_missing_file_is_reported_failed(store: Store, tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    report = pipeline.ingest_paths(store, [missing, str(WORDPRESS_SEED)], MAX)
    [outcome] = report.failed
    assert outcome.origin == missing
    assert outcome.error.startswith("cannot read input")
    assert "No such file" in outcome.error
    assert titles(store) == {WORDPRESS_TITLE}


def test_list_inputs_walks_folders_sorted_and_skips_hidden_files(tmp_path: Path) -> None:
    for relative in ("b.txt", "a/z.json", "a/c.txt", ".hidden.txt", ".git/config", "a/.DS_Store"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x")
    found = pipeline.list_inputs([str(tmp_path), "-", "named.txt"])
    root = str(tmp_path)
    assert found == [f"{root}/b.txt", f"{root}/a/c.txt", f"{root}/a/z.json", "-", "named.txt"]


# Dates and encodings ----------------------------------------------------------------------


def test_crawled_at_resolves_the_related_articles_relative_dates(store: Store) -> None:
    crawled = datetime(2025, 6, 14, 10, 30, tzinfo=UTC)
    report = pipeline.ingest_paths(store, [str(TEXTPAGE_SEED)], MAX, crawled_at=crawled)

    related = store.list_articles(relation=Relation.RELATED)
    assert len(related) == 3
    for stored in related:
        assert stored.article.published == Timestamp(
            datetime(2025, 6, 12, tzinfo=UTC), utc_offset_minutes=None, precision="day"
        )
        assert stored.article.date_text == "2 days ago"
    [main] = store.list_articles(relation=Relation.MAIN)
    assert main.article.published.utc == datetime(2025, 4, 16, tzinfo=UTC)  # its own byline
    assert store.get_raw(report.outcomes[0].raw_id).crawled_at == crawled


def test_without_crawled_at_relative_dates_stay_words(store: Store) -> None:
    pipeline.ingest_paths(store, [str(TEXTPAGE_SEED)], MAX)
    related = store.list_articles(relation=Relation.RELATED)
    assert len(related) == 3
    for stored in related:
        assert stored.article.published is None
        assert stored.article.date_text == "2 days ago"


def test_the_wordpress_seed_keeps_its_utc_time_and_site_offset(store: Store) -> None:
    pipeline.ingest_paths(store, [str(WORDPRESS_SEED)], MAX)
    [stored] = store.list_articles()
    published = stored.article.published
    assert published.utc == datetime(2023, 9, 17, 23, 0, 40, tzinfo=UTC)
    assert published.utc_offset_minutes == 540
    assert stored.article.guid == "https://koreapro.org/?p=2202283"
    assert stored.article.canonical_url == (
        "https://koreapro.org/2023/09/south-korea-faces-limited-options-to-respond-to-russia-north-korea-cooperation"
    )


def test_a_cp949_korean_text_page_is_read_in_korean(store: Store) -> None:
    report = pipeline.ingest_paths(store, [str(KOREAN_CP949)], MAX)
    assert report.outcomes[0].status == "parsed"
    assert report.outcomes[0].format == "text"
    [stored] = store.list_articles()
    assert stored.article.title == "한국은행, 기준금리 연 3.50%로 동결"
    assert stored.article.paragraphs[0].startswith("한국은행 금융통화위원회는 13일")
    assert store.get_raw(report.outcomes[0].raw_id).content == KOREAN_CP949.read_bytes()


def test_a_nul_character_in_a_post_does_not_stop_the_batch(store: Store, tmp_path: Path) -> None:
    # JSON may escape a NUL ("\u0000"); PostgreSQL text cannot hold one. Whatever the store does
    # with such a post, the other inputs of the batch must keep their articles.
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a_nul.json").write_text(
        '{"date_gmt": "2023-09-17T23:00:40", "date": "2023-09-18T08:00:40", '
        '"link": "https://koreapro.org/2023/09/nul/", '
        '"guid": {"rendered": "https://koreapro.org/?p=9"}, '
        '"title": {"rendered": "A title with a \\u0000 in it"}, '
        '"content": {"rendered": "<p>Body text with a \\u0000 in it.</p>"}}'
    )
    shutil.copy(TEXTPAGE_SEED, folder / "b_page.txt")

    report = pipeline.ingest_paths(store, [str(folder)], MAX)

    assert len(report.outcomes) == 2
    assert {MAIN_TITLE, *RELATED_TITLES} <= titles(store)
    assert len(store.raw_documents()) == 2
    nul_outcome = report.outcomes[0]
    assert nul_outcome.status in ("parsed", "failed")
    if nul_outcome.status == "failed":
        assert nul_outcome.error and "\n" not in nul_outcome.error


def test_a_list_holding_one_post_twice_stores_it_once(store: Store, tmp_path: Path) -> None:
    # Real feeds and API pages sometimes repeat an item; the repeat is the same article.
    post = (
        '{"id": 7, "date_gmt": "2023-09-17T23:00:40", "date": "2023-09-18T08:00:40", '
        '"link": "https://koreapro.org/2023/09/repeated/", "title": {"rendered": "Repeated post"}, '
        '"content": {"rendered": "<p>The same post, listed twice in one response.</p>"}}'
    )
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a_posts.json").write_text(f"[{post}, {post}]")
    shutil.copy(WORDPRESS_SEED, folder / "b_post.txt")

    report = pipeline.ingest_paths(store, [str(folder)], MAX)

    assert [o.status for o in report.outcomes] == ["parsed", "parsed"]
    assert titles(store) == {"Repeated post", WORDPRESS_TITLE}
    [repeated] = [s for s in store.iter_articles() if s.article.title == "Repeated post"]
    assert repeated.version == 1
    assert len(store.article_versions(repeated.id)) == 1


# Streaming --------------------------------------------------------------------------------


def _peak_bytes(store: Store, folder: Path) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        report = pipeline.ingest_paths(store, [str(folder)], MAX)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.count("parsed") == len(report.outcomes)
    return peak


def _generated_pages(folder: Path, count: int) -> Path:
    folder.mkdir()
    filler = " ".join(f"word{n}" for n in range(500))  # about 4 kB a page
    for n in range(count):
        (folder / f"page{n:04d}.txt").write_text(f"Generated story number {n}\n\n{filler} {n}\n")
    return folder


def test_ingest_paths_streams_inputs_instead_of_holding_them(tmp_path: Path) -> None:
    # If every input stayed in memory, three times the inputs would take about three times the
    # memory (900 pages are 3.6 MB of bytes, several times that as text and articles). Streaming
    # (one input, or one bounded batch, at a time) keeps the peak nearly flat; only the report's
    # small per-input outcomes grow.
    warm = open_store(f"sqlite:///{tmp_path / 'warm.db'}")
    small = open_store(f"sqlite:///{tmp_path / 'small.db'}")
    large = open_store(f"sqlite:///{tmp_path / 'large.db'}")
    try:
        pipeline.ingest_paths(warm, [str(_generated_pages(tmp_path / "warm", 20))], MAX)
        small_peak = _peak_bytes(small, _generated_pages(tmp_path / "small", 300))
        large_peak = _peak_bytes(large, _generated_pages(tmp_path / "large", 900))
        assert large.count_articles() == 900
    finally:
        for store in (warm, small, large):
            store.close()
    assert large_peak < 1.6 * small_peak, (small_peak, large_peak)


def test_received_at_is_the_time_of_ingestion(store: Store) -> None:
    before = datetime.now(UTC)
    report = pipeline.ingest_paths(store, [str(WORDPRESS_SEED)], MAX)
    after = datetime.now(UTC)
    kept = store.get_raw(report.outcomes[0].raw_id)
    assert before - timedelta(seconds=1) <= kept.received_at <= after + timedelta(seconds=1)
    assert kept.origin == str(WORDPRESS_SEED)
