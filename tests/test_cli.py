"""The `newsdesk` command run for real (CliRunner and a subprocess) against real stores."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsdesk.cli import main
from tests.conftest import FIXTURES, SAMPLES, TEXTPAGE_SEED, WORDPRESS_SEED

BAD = FIXTURES / "bad"
SHORTCODE_PAGE = FIXTURES / "text" / "caption_shortcode.txt"
WORDPRESS_TITLE = "South Korea faces limited options to respond to Russia-North Korea cooperation"
SEED_TITLES = [
    WORDPRESS_TITLE,
    "Seoul should bolster diplomatic ties with Moscow to deter N. Korean threats: think tank",
    "US steel tariffs on home appliances spark concerns for Samsung, LG",
    "North Korea ramps up anti-US indoctrination for students with new tactics",
    "President Lee calls on business circles to restore public trust",
]
UNREACHABLE_DB = "postgresql://127.0.0.1:1/nope"


def _runner() -> CliRunner:
    try:  # click before 8.2 mixes stderr into stdout unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def run(args: list[str], env: dict[str, str] | None = None, stdin: bytes | None = None) -> Result:
    """Invoke the CLI; an exception other than a deliberate exit is a crash and fails the test."""
    result = _runner().invoke(main, args, env=env, input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"newsdesk {' '.join(args)} crashed") from result.exception
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
    return result


def export(db: str) -> list[dict]:
    result = run(["--db", db, "export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def ingested(db: str, *paths: str) -> Result:
    result = run(["--db", db, "ingest", *paths])
    assert result.exit_code == 0, result.output
    return result


# ingest -----------------------------------------------------------------------------------


def test_ingest_the_samples_folder_prints_a_table_of_its_five_articles(store_url: str) -> None:
    result = run(["--db", store_url, "ingest", str(SAMPLES)])

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for title in SEED_TITLES:
        assert any(title in line for line in lines), f"{title!r} is not on one line of the table"
    assert "2 inputs: 2 parsed, 0 failed" in result.stdout
    assert "5 new" in result.stdout
    assert result.stderr == ""


def test_ingest_with_a_bad_input_exits_1_with_one_line_per_failure(store_url: str) -> None:
    photo, json_file = str(BAD / "photo.txt"), str(BAD / "not_wordpress.json")
    result = run(["--db", store_url, "ingest", str(SAMPLES), photo, json_file])

    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed ")]
    assert failures == [
        f"failed {photo}: input is binary data, not text",
        f"failed {json_file}: JSON input is neither a WordPress REST post nor a JSON Feed "
        "(no 'date_gmt'/'rendered' fields, no jsonfeed.org version)",
    ]
    assert WORDPRESS_TITLE in result.stdout  # the good inputs were still ingested
    assert "4 inputs: 2 parsed, 2 failed" in result.stdout
    assert len(export(store_url)) == 5


def test_a_failure_line_prints_the_path_as_it_is(store_url: str, tmp_path: Path) -> None:
    odd = tmp_path / "[draft] photo.txt"
    shutil.copy(BAD / "photo.txt", odd)
    result = run(["--db", store_url, "ingest", str(odd)])
    assert result.exit_code == 1
    assert f"failed {odd}: input is binary data, not text" in result.stderr.splitlines()


def test_ingesting_again_reports_already_ingested_and_exits_0(store_url: str) -> None:
    ingested(store_url, str(SAMPLES))
    result = ingested(store_url, str(SAMPLES))
    assert "2 inputs: 0 parsed, 0 failed, 2 already ingested" in result.stdout
    assert "0 new, 0 updated, 0 unchanged" in result.stdout
    assert len(export(store_url)) == 5


def test_dash_reads_standard_input(store_url: str) -> None:
    result = run(["--db", store_url, "ingest", "-"], stdin=WORDPRESS_SEED.read_bytes())
    assert result.exit_code == 0, result.output
    assert WORDPRESS_TITLE in result.stdout
    [record] = export(store_url)
    assert record["title"] == WORDPRESS_TITLE
    assert record["provenance"][0]["origin"] == "<stdin>"


def test_crawled_at_dates_the_related_articles(store_url: str) -> None:
    ingested(store_url, "--crawled-at", "2025-06-14T10:30:00", str(TEXTPAGE_SEED))
    related = [r for r in export(store_url) if r["relation"] == "related"]
    assert len(related) == 3
    for record in related:
        assert record["published"] == {
            "utc": "2025-06-12T00:00:00Z",
            "utc_offset_minutes": None,
            "precision": "day",
        }
        assert record["date_text"] == "2 days ago"


def test_without_crawled_at_related_articles_keep_their_words(store_url: str) -> None:
    ingested(store_url, str(TEXTPAGE_SEED))
    related = [r for r in export(store_url) if r["relation"] == "related"]
    assert [r["published"] for r in related] == [None, None, None]
    assert {r["date_text"] for r in related} == {"2 days ago"}


def test_format_forces_an_adapter(store_url: str) -> None:
    result = run(["--db", store_url, "ingest", "--format", "text", str(WORDPRESS_SEED)])
    assert result.exit_code == 0, result.output
    [record] = export(store_url)
    assert record["provenance"][0]["format"] == "text"
    assert record["title"].startswith('{"id":2202283')


# articles, show, failures -----------------------------------------------------------------


def test_articles_lists_every_article(store_url: str) -> None:
    ingested(store_url, str(SAMPLES))
    result = run(["--db", store_url, "articles"])
    assert result.exit_code == 0, result.output
    assert "5 of 5 articles" in result.stdout
    for title in SEED_TITLES:
        assert any(title in line for line in result.stdout.splitlines()), title


def test_articles_filters_by_source(store_url: str) -> None:
    ingested(store_url, str(SAMPLES))
    result = run(["--db", store_url, "articles", "--source", "korea pro"])
    assert result.exit_code == 0, result.output
    assert "1 of 5 articles" in result.stdout
    assert WORDPRESS_TITLE in result.stdout


def test_articles_json_is_one_object_a_line(store_url: str) -> None:
    ingested(store_url, str(SAMPLES))
    result = run(["--db", store_url, "articles", "--json"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 5, result.stdout[:500]
    assert {json.loads(line)["title"] for line in lines} == set(SEED_TITLES)


def test_show_by_id_prefix_prints_title_sections_and_provenance(store_url: str) -> None:
    ingested(store_url, str(SAMPLES))
    [record] = [r for r in export(store_url) if r["title"] == WORDPRESS_TITLE]

    result = run(["--db", store_url, "show", record["id"][:8]])

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == WORDPRESS_TITLE
    assert "Why It Matters" in lines
    assert any(str(WORDPRESS_SEED) in line for line in lines)
    assert any("(source's zone UTC+09:00)" in line for line in lines)
    assert "Provenance" in lines


def test_show_json_has_the_whole_record(store_url: str) -> None:
    ingested(store_url, str(WORDPRESS_SEED))
    [record] = export(store_url)
    result = run(["--db", store_url, "show", "--json", record["id"]])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown == {k: v for k, v in record.items() if k in shown}
    # Export adds what the later stages found; show --json is the article and its provenance.
    later_stages = {"entities", "figures", "keywords", "story_id", "original_id"}
    assert set(record) - set(shown) == later_stages


def test_show_prints_text_that_looks_like_markup_as_it_is(store_url: str) -> None:
    # A WordPress caption shortcode left in a scraped page; the console must not read it as markup.
    ingested(store_url, str(SHORTCODE_PAGE))
    [record] = export(store_url)
    result = run(["--db", store_url, "show", record["id"]])
    assert result.exit_code == 0, result.output
    assert "Photo: KCNA[/caption]" in result.stdout
    assert '[caption id="attachment_2202290"' in result.stdout


def test_show_an_unknown_id_exits_1(store_url: str) -> None:
    ingested(store_url, str(WORDPRESS_SEED))
    result = run(["--db", store_url, "show", "ffffffffff"])
    assert result.exit_code == 1
    assert "no article with id 'ffffffffff'" in result.stderr


def test_failures_lists_failed_inputs_with_reasons(store_url: str) -> None:
    run(["--db", store_url, "ingest", str(BAD / "photo.txt"), str(WORDPRESS_SEED)])
    result = run(["--db", store_url, "failures"])
    assert result.exit_code == 0, result.output
    assert f"{BAD / 'photo.txt'}: input is binary data, not text" in result.stdout
    assert "1 failed inputs" in result.stdout


# export -----------------------------------------------------------------------------------


def test_export_jsonl_writes_one_object_a_line_with_provenance(store_url: str) -> None:
    ingested(store_url, str(WORDPRESS_SEED), str(TEXTPAGE_SEED))
    result = run(["--db", store_url, "export", "--format", "jsonl"])

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    records = [json.loads(line) for line in lines]
    assert {r["title"] for r in records} == set(SEED_TITLES)
    [wordpress] = [r for r in records if r["title"] == WORDPRESS_TITLE]
    assert wordpress["provenance"][0]["origin"] == str(WORDPRESS_SEED)
    assert wordpress["provenance"][0]["format"] == "wordpress"
    assert wordpress["published"]["utc"] == "2023-09-17T23:00:40Z"
    assert wordpress["published"]["utc_offset_minutes"] == 540
    assert [s["heading"] for s in wordpress["sections"]] == [None, "Why It Matters"]
    for record in records:
        if record["title"] != WORDPRESS_TITLE:
            assert record["provenance"][0]["origin"] == str(TEXTPAGE_SEED)
    assert "exported 5 articles" in result.stderr


def test_export_to_a_file_keeps_korean_as_utf8(store_url: str, tmp_path: Path) -> None:
    ingested(store_url, str(FIXTURES / "text" / "korean_cp949.txt"))
    target = tmp_path / "out.jsonl"
    result = run(["--db", store_url, "export", "-o", str(target)])
    assert result.exit_code == 0, result.output
    [line] = target.read_text("utf-8").splitlines()
    assert json.loads(line)["title"] == "한국은행, 기준금리 연 3.50%로 동결"
    assert "한국은행" in line  # written as UTF-8, not \\u escapes


# choosing the store -----------------------------------------------------------------------


def test_an_unreachable_db_exits_2_with_a_clear_message() -> None:
    result = run(["--db", UNREACHABLE_DB, "articles"])
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert f"newsdesk: cannot open store '{UNREACHABLE_DB}'" in message
    assert "Connection refused" in message


def test_an_unknown_kind_of_db_url_exits_2() -> None:
    result = run(["--db", "mysql+nodriver://127.0.0.1/news", "articles"])
    assert result.exit_code == 2
    assert "cannot open store" in " ".join(result.stderr.split())


def test_the_newsdesk_db_environment_variable_is_honoured(store_url: str) -> None:
    result = run(["ingest", str(WORDPRESS_SEED)], env={"NEWSDESK_DB": store_url})
    assert result.exit_code == 0, result.output
    listed = run(["articles"], env={"NEWSDESK_DB": store_url})
    assert "1 of 1 articles" in listed.stdout
    assert WORDPRESS_TITLE in listed.stdout
    assert len(export(store_url)) == 1  # the same store, named by --db this time


def test_db_flag_wins_over_the_environment(store_url: str) -> None:
    result = run(
        ["--db", store_url, "ingest", str(WORDPRESS_SEED)], env={"NEWSDESK_DB": UNREACHABLE_DB}
    )
    assert result.exit_code == 0, result.output


def test_a_bare_path_is_a_sqlite_store(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "desk.db"
    ingested(str(path), str(WORDPRESS_SEED))
    assert path.exists()
    assert len(export(f"sqlite:///{path}")) == 1


# the installed command, as a user runs it --------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["--db", UNREACHABLE_DB, "articles"], 2, "cannot open store"),
        (["ingest", str(BAD / "malformed.json")], 1, "malformed JSON"),
    ],
)
def test_the_real_command_exits_cleanly(
    tmp_path: Path, args: list[str], code: int, expected: str
) -> None:
    env = {
        "NEWSDESK_DB": f"sqlite:///{tmp_path / 'desk.db'}",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == code, done.stderr
    assert expected in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr + done.stdout


def test_search_by_entity_keeps_only_its_articles_and_refuses_unknown_ones(store_url: str) -> None:
    ingested(store_url, str(SAMPLES))  # runs the later stages: entities are stored
    found = run(
        [
            "--db",
            store_url,
            "search",
            "korea",
            "--mode",
            "fulltext",
            "--json",
            "--entity",
            "Park Yong-han",
        ]
    )
    titles = [json.loads(line)["article"]["title"] for line in found.stdout.splitlines()]
    assert titles == [
        "Seoul should bolster diplomatic ties with Moscow to deter N. Korean threats: think tank"
    ]
    refused = run(["--db", store_url, "search", "korea", "--entity", "nobody at all"])
    assert refused.exit_code == 2
    assert "no entity called 'nobody at all'" in refused.stderr
