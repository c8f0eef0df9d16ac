"""`newsdesk stories`, `story`, `timeline` and `recluster` run for real, on SQLite and PostgreSQL,
over the 22 beat posts (tests/fixtures/web/beat_posts.json, one file a post, in date order as a
crawler saves them) and over an original and its copies (tests/fixtures/stories/duplicates.jsonl
as one JSON Feed per outlet)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import UNREACHABLE_DB, export, ok, run, table_rows, write_posts_by_date
from tests.search_support import BEAT_POSTS
from tests.test_api_stories import write_copy_feeds

KIM_TRAIN = "Kim Jong Un arrives in Russia's Far East by armoured train"
KIM_SUMMIT = "Kim Jong Un and Vladimir Putin meet at Vostochny cosmodrome"
TREATY = "Putin signs law ratifying strategic partnership treaty with North Korea"
KURSK = "North Korean soldiers engaged in combat in Russia's Kursk region, Seoul confirms"
# The thread of North Korea's help with Russia's war, as the beat posts tell it, oldest first.
TROOPS_THREAD = [
    (
        "2023-09-17",
        "South Korea faces limited options to respond to Russia-North Korea cooperation",
    ),
    ("2024-11-05", KURSK),
    (
        "2025-01-14",
        "Hundreds of Pyongyang's soldiers killed or wounded on the Ukrainian front, lawmakers told",
    ),
    (
        "2025-04-16",
        "Seoul should bolster diplomatic ties with Moscow to deter N. Korean threats: think tank",
    ),
]
# duplicates.jsonl: the Bank of Korea rate cut by the Korea Herald, an identical copy published
# ten minutes earlier (so the group's original), four more copies, and another outlet's report.
RATE_CUT_BY_TIME = [
    ("2024-10-11 01:20 UTC", "Early Syndication"),
    ("2024-10-11 01:30 UTC", "Korea Herald"),
    ("2024-10-11 02:05 UTC", "Wire Service"),
    ("2024-10-11 02:40 UTC", "Portal Digest"),
    ("2024-10-11 03:02 UTC", "NewsAggregator"),
    ("2024-10-11 04:00 UTC", "Regional Wire"),
    ("2024-10-11 05:15 UTC", "Asia Markets Daily"),
]
NOT_COPIES = {"Early Syndication", "Wire Service"}


@pytest.fixture(scope="module")
def beat(fresh_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store holding the beat posts, every stage run; shared by tests that only read it."""
    folder = tmp_path_factory.mktemp("posts")
    write_posts_by_date(BEAT_POSTS, folder)
    ok(fresh_url, "ingest", "--quiet", str(folder))
    yield fresh_url


def stories_by_title(db: str) -> dict[str, dict[str, str]]:
    return {row["title"]: row for row in table_rows(ok(db, "stories", "--limit", "100"))}


def assignment(db: str) -> dict[str, int]:
    return {record["id"]: record["story_id"] for record in export(db)}


# stories -----------------------------------------------------------------------------------


def test_stories_lists_one_story_per_event_latest_first(beat: str) -> None:
    output = ok(beat, "stories", "--limit", "100")
    rows = table_rows(output)

    # 22 posts, 21 events: Kim's arrival by train (Reuters, 12 Sep 2023) and his summit with
    # Putin the next day (NK News) are one trip. The Hankyoreh's Korean report of the spy
    # satellite shares no word with Yonhap's English one, and stays a story of its own.
    assert output.splitlines()[0].strip() == "21 of 21 stories"
    assert len(rows) == 21
    [kim] = [row for row in rows if row["articles"] != "1"]
    assert (kim["title"], kim["articles"], kim["sources"], kim["last"]) == (
        KIM_SUMMIT,
        "2",
        "2",
        "2023-09-13",
    )
    assert rows[0]["title"] == "US steel levies on household appliances weigh on Samsung and LG"
    assert rows[0]["last"] == "2025-06-20"
    days = [row["last"] for row in rows]
    assert days == sorted(days, reverse=True)
    assert "북한 정찰위성 발사 성공 주장…러시아 기술 지원 의혹" in {row["title"] for row in rows}


def test_stories_limit(beat: str) -> None:
    output = ok(beat, "stories", "--limit", "5")
    assert output.splitlines()[0].strip() == "5 of 21 stories"
    assert len(table_rows(output)) == 5


def test_one_file_of_posts_makes_the_same_stories_as_one_file_a_post(tmp_path: Path) -> None:
    # SQLite only: the order comes from the stage, not from the backend.
    db = f"sqlite:///{tmp_path / 'store.db'}"
    ok(db, "ingest", "--quiet", str(BEAT_POSTS))
    assert ok(db, "stories", "--limit", "100").splitlines()[0].strip() == "21 of 21 stories"


# story -------------------------------------------------------------------------------------


def test_story_prints_its_articles_in_time_order_with_their_original(
    store_url: str, tmp_path: Path
) -> None:
    # The feeds are read by outlet name: Asia Markets Daily's copy (05:15) arrives first.
    write_copy_feeds(tmp_path / "copies")
    ok(store_url, "ingest", "--quiet", str(tmp_path / "copies"))
    original = next(r for r in export(store_url) if r["source"] == "Early Syndication")
    story_id = original["story_id"]

    lines = ok(store_url, "story", str(story_id)).splitlines()

    assert lines[0] == "Bank of Korea cuts key rate for first time in over three years"
    assert re.fullmatch(rf"story {story_id}, storyline \d+, 2024-10-11 to 2024-10-11", lines[1])
    assert set(lines[2].removeprefix("sources ").split(", ")) >= {s for _, s in RATE_CUT_BY_TIME}
    assert "Bank of Korea" in lines[3].removeprefix("entities ").split(", ")
    rows = table_rows("\n".join(lines))
    published = [row["published"] for row in rows]
    assert published == sorted(published)
    rate_cut = [row for row in rows if "rate" in row["title"]]
    assert [(row["published"], row["source"]) for row in rate_cut] == RATE_CUT_BY_TIME
    for row in rate_cut:
        expected = "" if row["source"] in NOT_COPIES else original["id"][:10]
        assert row["copy of"] == expected, row["source"]
    assert "  3.25 percent benchmark interest rate (Korea Herald)" in lines


@pytest.mark.xfail(
    strict=True,
    reason="the Korea Herald's household-loans article (kind same-outlet-other-story) joins "
    "its rate-cut story",
)
def test_another_story_of_the_same_outlet_and_day_is_not_in_the_rate_cut_story(
    tmp_path: Path,
) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"  # SQLite only: clustering is not the backend's
    write_copy_feeds(tmp_path / "copies")
    ok(db, "ingest", "--quiet", str(tmp_path / "copies"))
    story_of = {record["title"]: record["story_id"] for record in export(db)}
    household = story_of["Household loans rise at slower pace in September"]
    assert household != story_of["Bank of Korea cuts key rate"]  # Early Syndication's copy


def test_an_unknown_story_exits_1_with_a_hint(beat: str) -> None:
    result = run(["--db", beat, "story", "99999"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "newsdesk: no story 99999; `newsdesk stories` lists them"
    not_a_number = run(["--db", beat, "story", "abc"])
    assert not_a_number.exit_code == 2
    assert "'abc' is not a valid integer" in not_a_number.stderr


# timeline ----------------------------------------------------------------------------------


def test_timeline_of_a_person_lists_the_articles_naming_him(beat: str) -> None:
    lines = ok(beat, "timeline", "Vladimir Putin").splitlines()

    assert lines[0] == "Vladimir Putin over time"
    story_of = {title: row["id"] for title, row in stories_by_title(beat).items()}
    # Newest first, with how often each names him (counted by hand in the posts).
    assert [" ".join(line.split()) for line in lines[1:]] == [
        f"2024-11-09 12:00 UTC 2x {TREATY} (TASS; story {story_of[TREATY]})",
        f"2023-09-13 06:30 UTC 3x {KIM_SUMMIT} (NK News; story {story_of[KIM_SUMMIT]})",
        f"2023-09-12 03:00 UTC 1x {KIM_TRAIN} (Reuters; story {story_of[KIM_SUMMIT]})",
    ]


def test_timeline_of_a_storyline_lists_its_stories_oldest_first(beat: str) -> None:
    line_id = stories_by_title(beat)[KURSK]["storyline"]

    lines = ok(beat, "timeline", line_id).splitlines()

    assert lines[0].startswith(f"Storyline {line_id}: ")
    listed = [line.split(maxsplit=5) for line in lines[1:]]
    # day, "story", id, count, "articles", title
    days_titles = [(day, title) for day, _, _, _, _, title in listed]
    assert days_titles == sorted(days_titles)  # oldest first
    # The troops thread is one storyline (tests/fixtures/stories/README.md): all four there.
    assert set(TROOPS_THREAD) <= set(days_titles)


def test_the_troops_storyline_keeps_out_other_north_korea_threads(beat: str) -> None:
    line_id = stories_by_title(beat)[KURSK]["storyline"]
    titles = {line.split(maxsplit=5)[-1] for line in ok(beat, "timeline", line_id).splitlines()[1:]}
    assert "Number of North Korean escapees reaching the South stays low" not in titles
    assert "Imagery shows maintenance at North Korea's nuclear test site" not in titles


def test_timeline_of_something_unknown_exits_1(beat: str) -> None:
    # Digits that are no storyline are read as a name.
    result = run(["--db", beat, "timeline", "99999"])
    assert result.exit_code == 1
    assert "no entity called '99999'" in result.stderr


# recluster ---------------------------------------------------------------------------------


def test_recluster_gives_the_stories_the_stream_gave(store_url: str, tmp_path: Path) -> None:
    posts = write_posts_by_date(BEAT_POSTS, tmp_path / "posts")
    ok(store_url, "ingest", "--quiet", *map(str, posts[:11]))  # two runs: the second resumes
    ok(store_url, "ingest", "--quiet", *map(str, posts[11:]))
    streamed, listed = assignment(store_url), ok(store_url, "stories", "--limit", "100")

    assert ok(store_url, "recluster").strip() == "clustered 22 articles into 21 stories"
    assert assignment(store_url) == streamed
    assert ok(store_url, "stories", "--limit", "100") == listed


# the store named after the command ---------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["stories"], ["story", "0"], ["timeline", "Vladimir Putin"], ["recluster"]],
    ids=lambda args: args[0],
)
def test_db_is_accepted_after_the_command_name(beat: str, args: list[str]) -> None:
    # The environment names a store that cannot be opened: only the --db given after the
    # command's name can make this work. (recluster gives the same stories again.)
    after = run([*args, "--db", beat], env={"NEWSDESK_DB": UNREACHABLE_DB})
    assert after.exit_code == 0, after.output
    assert after.stdout == run(["--db", beat, *args]).stdout
