"""The runner: every stage over what is pending, a failing article isolated in each stage, the
late-copy case from both doors (CLI and API), and retry once the cause is gone."""

from __future__ import annotations

import json
import re
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsdesk import pipeline
from newsdesk.app import create_app
from newsdesk.cli import main
from newsdesk.model import StoredArticle
from newsdesk.pipeline import stages as stages_module
from newsdesk.pipeline.stages import BatchFunction, Stage, StageOptions
from newsdesk.store import Store, open_store
from tests.conftest import TEXTPAGE_SEED, WORDPRESS_SEED, WRITER
from tests.search_support import BEAT_POSTS, slug_ids

WORDPRESS_TITLE = "South Korea faces limited options to respond to Russia-North Korea cooperation"


def late_copy(folder: Path) -> Path:
    """Seed 000 republished under another post id, slug and title (the issue's sed line)."""
    text = WORDPRESS_SEED.read_text(encoding="utf-8")
    text = text.replace("South Korea faces limited options", "Variant 1 of limited options")
    text = text.replace("2202283", "991")
    text = text.replace("south-korea-faces-limited", "variant-1-limited")
    path = folder / "late-copy.txt"
    path.write_text(text, encoding="utf-8")
    return path


def poisoned(stage: Stage, poison: str) -> Stage:
    """`stage`, except that a batch holding article `poison` fails after doing its real work
    (so its writes, and the stage's in-memory state, must be undone)."""

    def start(store: Store, options: StageOptions) -> BatchFunction:
        process = stage.start(store, options)

        def run(store: Store, batch: list[StoredArticle]) -> None:
            process(store, batch)
            if any(s.id == poison for s in batch):
                raise ValueError(f"poisoned article {poison}")

        return run

    return Stage(stage.name, stage.label, start, stage.batch_size)


def ingest_beat(store: Store) -> dict[str, str]:
    """The beat posts stored, no stage run yet; {slug: article id}."""
    assert not pipeline.ingest_paths(store, [str(BEAT_POSTS)], 50 * 2**20).failed
    return slug_ids(store)


def stage_done(store: Store, stage: str) -> set[str]:
    """Articles the stage has processed: neither pending nor failed."""
    every = {s.id for s in store.list_articles(limit=1000)}
    failed = {f.article_id for f in store.stage_failures(stage)}
    return every - {s.id for s in store.pending(stage, limit=1000)} - failed


@pytest.mark.parametrize("failing", pipeline.STAGE_NAMES)
def test_an_article_failing_in_a_stage_is_recorded_and_the_stage_finishes_the_rest(
    store: Store, failing: str
) -> None:
    ids = ingest_beat(store)
    poison = ids[sorted(ids)[3]]
    stages = tuple(poisoned(s, poison) if s.name == failing else s for s in pipeline.STAGES)

    reports = {r.stage: r for r in pipeline.advance(store, stages=stages)}

    report = reports[failing]
    assert [f.article_id for f in report.failed] == [poison]
    assert "poisoned article" in report.failed[0].error
    assert report.done == len(set(ids.values())) - 1
    assert stage_done(store, failing) == set(ids.values()) - {poison}
    [failure] = store.stage_failures()
    assert (failure.stage, failure.article_id, failure.attempts) == (failing, poison, 1)
    assert store.pending(failing) == []  # skipped, not retried forever
    for name, other in reports.items():
        assert other.failed == [] or name == failing
    if failing == "stories":
        # The clusterer's saved state holds exactly the articles the store says it placed.
        state = store.stage_state("stories")
        in_state = {a for story in state["stories"] for a in story["article_ids"]}
        placed = {i for i in ids.values() if store.story_of(i) is not None}
        assert in_state == placed == set(ids.values()) - {poison}

    # Once the cause is gone, retry runs it, and only it.
    assert pipeline.retry(store) == 1
    again = {r.stage: r for r in pipeline.advance(store)}
    assert again[failing].done == 1 and again[failing].failed == []
    assert store.stage_failures() == []
    assert stage_done(store, failing) == set(ids.values())


def test_a_failure_that_happens_again_counts_its_attempts(store: Store) -> None:
    ids = ingest_beat(store)
    poison = ids[sorted(ids)[0]]
    stages = (poisoned(pipeline.INDEX, poison),)
    pipeline.advance(store, stages=stages)
    pipeline.retry(store, "index")
    pipeline.advance(store, stages=stages)
    [failure] = store.stage_failures()
    assert failure.attempts == 2 and not failure.retry


def test_a_late_copy_of_an_article_whose_story_closed_joins_that_story(store: Store, tmp_path):  # type: ignore[no-untyped-def]
    limit = 50 * 2**20
    pipeline.ingest_paths(store, [str(WORDPRESS_SEED), str(TEXTPAGE_SEED)], limit)
    assert all(r.failed == [] for r in pipeline.advance(store))
    pipeline.ingest_paths(store, [str(late_copy(tmp_path))], limit)
    reports = pipeline.advance(store)

    assert all(r.failed == [] for r in reports), reports
    [original] = [s for s in store.list_articles() if s.article.title == WORDPRESS_TITLE]
    [copy] = [s for s in store.list_articles() if s.article.title.startswith("Variant 1")]
    assert store.copies(copy.id)[0] == original.id
    story_id = store.story_of(original.id)
    assert store.story_of(copy.id) == story_id
    story = store.get_story(story_id)
    assert story.article_ids == [original.id, copy.id]
    assert not story.is_open  # the late copy did not reopen a 2023 story
    # Re-clustering from scratch reaches the same place.
    pipeline.recluster(store)
    assert store.story_of(copy.id) == store.story_of(original.id)


def _cli(args: list[str]):  # type: ignore[no-untyped-def]
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, args)


def test_the_late_copy_case_from_the_cli(store_url: str, tmp_path: Path) -> None:
    first = _cli(["ingest", "--db", store_url, str(WORDPRESS_SEED), str(TEXTPAGE_SEED)])
    assert first.exit_code == 0, first.output
    copy = _cli(["ingest", str(late_copy(tmp_path)), "--db", store_url])  # --db after too
    assert copy.exit_code == 0, copy.output
    assert "Traceback" not in copy.output and "failed" not in copy.stderr
    again = _cli(["--db", store_url, "process"])
    assert again.exit_code == 0, again.output
    exported = _cli(["--db", store_url, "export"])
    records = {r["title"]: r for r in map(json.loads, exported.stdout.splitlines())}
    original = records[WORDPRESS_TITLE]
    [late] = [r for t, r in records.items() if t.startswith("Variant 1")]
    assert late["original_id"] == original["id"]
    assert late["story_id"] == original["story_id"] is not None
    assert {e["id"] for e in original["entities"]} >= {"country:russia"}


def test_the_late_copy_case_through_the_api(store_url: str, tmp_path: Path) -> None:
    with TestClient(create_app(store_url, run_stages=False), headers=WRITER) as client:
        for path in (WORDPRESS_SEED, TEXTPAGE_SEED, late_copy(tmp_path)):
            response = client.post(
                "/api/ingest?wait=true", files={"file": (path.name, path.read_bytes())}
            )
            assert response.status_code == 201, response.text
            assert response.json()["stages"] == "done"
            assert response.json()["stage_errors"] == []
        [late] = response.json()["articles"]
        story = client.get(f"/api/stories/{late['story_id']}").json()
        titles = [a["title"] for a in story["article_list"]]
        assert titles == [
            WORDPRESS_TITLE,
            "Variant 1 of limited options to respond to Russia-North Korea cooperation",
        ]


def test_an_upload_gets_its_entities_and_story_without_any_other_command(store_url: str) -> None:
    with TestClient(
        create_app(store_url), headers=WRITER
    ) as client:  # the background stages are on
        response = client.post(
            "/api/ingest", files={"file": (WORDPRESS_SEED.name, WORDPRESS_SEED.read_bytes())}
        )
        assert response.status_code == 201 and response.json()["stages"] == "queued"
        [article] = response.json()["articles"]
        client.app.state.stages.wait()  # type: ignore[attr-defined]
        record = client.get(f"/api/articles/{article['id']}").json()
        assert record["title"] == WORDPRESS_TITLE
        stories = client.get("/api/stories").json()["items"]
        assert [s["title"] for s in stories] == [WORDPRESS_TITLE]
        entity = client.get("/api/entities/country:russia").json()
        assert entity["name"] and entity["timeline"]
        assert client.get("/api/health").json()["pending"] == {n: 0 for n in pipeline.STAGE_NAMES}


def test_failures_and_retry_commands_list_and_rerun_a_stage_failure(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real: Callable = stages_module.enrich_articles

    def failing(items, options):  # type: ignore[no-untyped-def]
        items = list(items)
        if any("Herald" in (a.source or "") and a.relation.value == "main" for _, a in items):
            raise RuntimeError("knowledge file is broken")
        return real(items, options)

    monkeypatch.setattr(stages_module, "enrich_articles", failing)
    result = _cli(["--db", store_url, "ingest", str(WORDPRESS_SEED), str(TEXTPAGE_SEED)])
    assert result.exit_code == 1  # the inputs were read; one article failed a stage
    assert re.search(r"enrich failed.* on article \w+: RuntimeError: knowledge file", result.stderr)
    listed = _cli(["--db", store_url, "failures"])
    assert "stage enrich article" in listed.stdout and "1 attempt(s)" in listed.stdout
    assert "0 failed inputs, 1 stage failures" in listed.stdout

    monkeypatch.setattr(stages_module, "enrich_articles", real)  # the cause is fixed
    retried = _cli(["--db", store_url, "retry"])
    assert retried.exit_code == 0, retried.output
    assert "retried 1 stage failures; 0 failed again" in retried.stdout
    assert "0 failed inputs, 0 stage failures" in _cli(["--db", store_url, "failures"]).stdout


def test_two_workers_on_one_stage_reach_what_one_worker_reaches(store_url: str) -> None:
    small = Stage("stories", "clustering", pipeline.STORIES.start, lambda options: 3)
    alone = open_store(f"sqlite:///{Path(tempfile.mkdtemp()) / 'alone.db'}")
    ingest_beat(alone)
    pipeline.run_stage(alone, pipeline.INDEX)
    pipeline.run_stage(alone, pipeline.ENRICH)
    pipeline.run_stage(alone, small)
    expected = {s.article.title: alone.story_of(s.id) for s in alone.list_articles(limit=100)}

    setup = open_store(store_url)
    ids = ingest_beat(setup)
    pipeline.run_stage(setup, pipeline.INDEX)
    pipeline.run_stage(setup, pipeline.ENRICH)
    reports: list[pipeline.StageReport] = []

    def work() -> None:
        worker_store = open_store(store_url)  # its own engine, as another process would have
        try:
            reports.append(pipeline.run_stage(worker_store, small))
        finally:
            worker_store.close()

    workers = [threading.Thread(target=work) for _ in range(2)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(120)
    assert sum(r.done for r in reports) == len(set(ids.values()))
    assert all(r.failed == [] for r in reports)
    state = setup.stage_state("stories")
    placed = [a for story in state["stories"] for a in story["article_ids"]]
    assert sorted(placed) == sorted(set(ids.values()))  # each article placed once
    got = {s.article.title: setup.story_of(s.id) for s in setup.list_articles(limit=100)}
    assert got == expected  # the same stories as one worker alone
    setup.close()
    alone.close()
