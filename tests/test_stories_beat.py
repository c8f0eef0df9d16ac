"""Stories and storylines on real published articles (benchmarks/data/beat_stories).

40 articles of 13 events from 36 sites, each labelled with its story and storyline, split by
storyline before anything was tuned (the set's README). The product's default parameters cluster
the whole stream in date order, as `benchmarks/story_clustering.py` does; the floors below sit just
under what that benchmark measured, on the test split nothing was chosen on.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from newsdesk.stories import MiniLMEmbedder, StoryClusterer, StoryInput, StoryParams
from tests.conftest import ROOT

BEAT = ROOT / "benchmarks" / "data" / "beat_stories" / "articles.jsonl"
ROWS = sorted(
    (json.loads(line) for line in BEAT.read_text(encoding="utf-8").splitlines()),
    key=lambda r: (r["published"], r["id"]),
)
BY_ID = {r["id"]: r for r in ROWS}


def items() -> list[StoryInput]:
    return [
        StoryInput(
            article_id=r["id"],
            title=r["title"],
            lead=r["text"],
            url=r["url"],
            source=r["site"],
            published=datetime.fromisoformat(r["published"]).replace(hour=12, tzinfo=UTC),
        )
        for r in ROWS
    ]


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    assert MiniLMEmbedder.available(), "MiniLM model or tokenizer not installed (see pyproject)"
    return MiniLMEmbedder()


@pytest.fixture(scope="module", params=["words", "minilm"])
def clustered(request) -> tuple[str, dict[str, int], dict[str, int]]:
    """(path, story of each article, storyline of each article) after the whole stream."""
    embedder = None if request.param == "words" else request.getfixturevalue("minilm")
    clusterer = StoryClusterer(embedder=embedder)
    story = {i.article_id: clusterer.add(i).story_id for i in items()}
    line = {a: clusterer.stories[s].storyline_id for a, s in story.items()}
    return request.param, story, line


def pairwise_f1(pred: list[int], gold: list[str]) -> float:
    def pairs(labels: list) -> int:
        return sum(n * (n - 1) // 2 for n in Counter(labels).values())

    tp, pp, gp = pairs(list(zip(pred, gold, strict=True))), pairs(pred), pairs(gold)
    p, r = tp / pp if pp else 1.0, tp / gp if gp else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed_f1(pred: list[int], gold: list[str]) -> float:
    joint = Counter(zip(pred, gold, strict=True))
    pc, gc = Counter(pred), Counter(gold)
    p = sum(joint[(a, b)] / pc[a] for a, b in zip(pred, gold, strict=True)) / len(pred)
    r = sum(joint[(a, b)] / gc[b] for a, b in zip(pred, gold, strict=True)) / len(pred)
    return 2 * p * r / (p + r)


def split_scores(assigned: dict[str, int], field: str, split: str) -> tuple[float, float]:
    keep = [r for r in ROWS if r["split"] == split]
    pred, gold = [assigned[r["id"]] for r in keep], [r[field] for r in keep]
    return pairwise_f1(pred, gold), bcubed_f1(pred, gold)


def test_the_scores_count_pairs_and_members_as_the_literature_does():
    # Gold {a,b,c} {d}; predicted {a,b} {c,d}: 1 of 3 gold pairs found (R 1/3), 1 of 2
    # predicted pairs right (P 1/2): F1 0.4.
    assert pairwise_f1([1, 1, 2, 2], ["x", "x", "x", "y"]) == pytest.approx(0.4)
    # BCubed P (1 + 1 + 1/2 + 1/2) / 4 = 3/4, R (2/3 + 2/3 + 1/3 + 1) / 4 = 2/3: F1 12/17.
    assert bcubed_f1([1, 1, 2, 2], ["x", "x", "x", "y"]) == pytest.approx(12 / 17)
    assert pairwise_f1([1, 2, 3], ["x", "y", "z"]) == 1.0  # no pairs anywhere: nothing missed


def test_the_set_is_what_its_readme_says():
    assert len(ROWS) == 40 and len({r["site"] for r in ROWS}) == 36
    assert len({r["story"] for r in ROWS}) == 13
    assert Counter(r["split"] for r in ROWS) == {"test": 24, "dev": 16}
    for r in ROWS:  # quotations only, and a split that follows the storyline
        assert len(r["text"].split()) <= 120
        assert r["split"] == ("dev" if r["storyline"] in DEV_LINES else "test")


DEV_LINES = {"yoon-martial-law", "inter-korean-balloons"}
# Test split, (pairwise F1, BCubed F1), as benchmarks/story_clustering.py --beat-only measured
# them with the defaults: stories words 0.800 / 0.908, MiniLM 0.842 / 0.933; storylines words
# 0.640 / 0.741 (no wrong link; the Russia-North Korea thread in parts), MiniLM 1.000 / 1.000.
# With storylines scored against their centroids (thresholds 0.28 / 0.12) storylines were words
# 0.688 / 0.773 and MiniLM 0.757 / 0.769, the MiniLM figure from one storyline holding all 40
# articles of both splits. Before this set existed (UCI-tuned bar for every article, storylines
# by first article at 0.45 / 0.22): 0.80 / 0.91, 0.64 / 0.86, 0.36 / 0.47 and 0.37 / 0.48.
STORY_FLOORS = {"words": (0.79, 0.90), "minilm": (0.83, 0.92)}
LINE_FLOORS = {"words": (0.63, 0.73), "minilm": (0.99, 0.99)}


def test_test_split_stories_reach_their_floor(clustered):
    path, story, _ = clustered
    pair, b3 = split_scores(story, "story", "test")
    assert pair >= STORY_FLOORS[path][0] and b3 >= STORY_FLOORS[path][1], (pair, b3)


def test_test_split_storylines_reach_their_floor(clustered):
    path, _, line = clustered
    pair, b3 = split_scores(line, "storyline", "test")
    assert pair >= LINE_FLOORS[path][0] and b3 >= LINE_FLOORS[path][1], (pair, b3)


@pytest.mark.parametrize(
    "event", ["vostochny-summit", "pyongyang-treaty", "shoigu-builders-jun17", "srbm-launch-jan14"]
)
def test_one_event_from_three_outlets_is_one_story(clustered, event, request):
    path, story, _ = clustered
    if path == "words" and event == "vostochny-summit":
        request.applymarker(
            pytest.mark.xfail(strict=True, reason="words alone split the summit's reports")
        )
    members = [r["id"] for r in ROWS if r["story"] == event]
    assert len({BY_ID[m]["site"] for m in members}) == 3
    assert len({story[m] for m in members}) == 1, members


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("shoigu-visit-jun4", "shoigu-builders-jun17"),  # Shoigu in Pyongyang twice, 13 days apart
        ("hypersonic-launch-jan6", "srbm-launch-jan14"),  # two launches, 8 days apart
        ("martial-law-declared", "impeachment-vote-fails"),  # 3 days: inside the window
        ("impeachment-vote-fails", "impeachment-passed"),  # the same vote a week later
        ("trash-balloons-may", "loudspeakers-resumed"),
    ],
)
def test_two_events_of_the_same_actors_stay_two_stories(clustered, first, second):
    _, story, _ = clustered
    ids = {e: {story[r["id"]] for r in ROWS if r["story"] == e} for e in (first, second)}
    assert not ids[first] & ids[second]


@pytest.mark.xfail(
    strict=True,
    reason="the first casualty report (Dunya, 13 Jan) joins the captured-soldiers story of two "
    "days before on both paths (its MiniLM score is well above the lead threshold)",
)
def test_the_next_days_other_event_of_the_same_actors_stays_apart(clustered):
    # Zelenskyy's two captured soldiers (11-12 Jan) and the NIS casualty count (13-14 Jan), whose
    # reports mention the captives: two days apart, so only what they say keeps them apart.
    _, story, _ = clustered
    pows = {story[a] for a in ("pows-wion", "pows-cbs", "pows-newsbytes")}
    casualties = {story[a] for a in ("casualties-urdupoint", "casualties-dunya", "casualties-kbs")}
    assert not pows & casualties


def test_without_a_lead_threshold_the_failed_vote_joins_the_martial_law_story(minilm):
    # The control for the lead threshold: with the headline-only bar for every article, the
    # first report of the failed vote (three days after martial law was lifted) joins it.
    defaults = StoryParams()
    no_lead_bar = replace(defaults, weights=replace(defaults.weights, lead_threshold=None))
    headline_only = StoryClusterer(no_lead_bar, minilm)
    story = {i.article_id: headline_only.add(i).story_id for i in items()}
    assert story["vote1-joongang"] == story["martial-republic"]


def test_a_story_first_told_without_its_thread_joins_it_from_its_next_reports():
    # The first report of the failed impeachment vote (JoongAng Daily: the PPP's walkout) never
    # names martial law; the next two do. Placed by its first article alone the vote story would
    # start a storyline of its own; placed again from its first three articles, it joins.
    def vote_and_martial_law_lines(settle: int) -> tuple[int, int]:
        clusterer = StoryClusterer(StoryParams(storyline_settle_articles=settle))
        story = {i.article_id: clusterer.add(i).story_id for i in items()}
        line = {a: clusterer.stories[s].storyline_id for a, s in story.items()}
        return line["vote1-joongang"], line["martial-npr"]

    vote, martial = vote_and_martial_law_lines(settle=3)
    assert vote == martial
    vote, martial = vote_and_martial_law_lines(settle=1)  # first article only: no settling
    assert vote != martial
