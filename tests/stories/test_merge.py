"""Streaming merges (`newsdesk.stories.merge`) and the coverage feature, on hand-made inputs.

Embeddings are small unit vectors and the weights score the embedding cosine alone, so every
join and every merge below can be checked on paper: an article joins a story when its cosine to
the story's centroid reaches 0.9; two stories merge when their centroids' cosine reaches 0.8.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np

from newsdesk.stories import StoryClusterer, StoryInput, StoryParams, Weights
from newsdesk.stories.state import StoryState, params_from_dict, params_to_dict

T0 = datetime(2024, 6, 1, tzinfo=UTC)
BY_EMBEDDING = Weights(
    lexical=0.0, semantic=1.0, semantic_recent=0.0, log_size=0.0, same_source=0.0, threshold=0.9
)
PARAMS = StoryParams(weights=BY_EMBEDDING, merge_threshold=0.8)


def vec(*xs: float) -> np.ndarray:
    v = np.array(xs + (0.0,) * (4 - len(xs)), dtype=np.float64)
    return (v / np.linalg.norm(v)).astype(np.float32)


def art(aid: str, emb: np.ndarray | None, hours: float | None = 0.0, **kw) -> StoryInput:
    published = None if hours is None else T0 + timedelta(hours=hours)
    return StoryInput(aid, f"headline {aid}", published=published, embedding=emb, **kw)


def members(clusterer: StoryClusterer) -> dict[int, list[str]]:
    return {s.id: s.article_ids for s in clusterer.all_stories() if s.article_ids}


def two_then_bridge(params: StoryParams = PARAMS, **bridge) -> tuple[StoryClusterer, object]:
    """Story 0 along (1,0), story 1 along (1,1) (cosine 0.707: apart), then an article along
    (2,1): 0.894 to story 0, under the join threshold; 0.949 to story 1, which it joins. Story
    1's centroid turns to (0.811, 0.585): cosine 0.811 to story 0."""
    clusterer = StoryClusterer(params)
    clusterer.add(art("a", vec(1, 0)))
    clusterer.add(art("b", vec(1, 1)))
    return clusterer, clusterer.add(art("c", vec(2, 1), **bridge))


def test_a_story_whose_centroid_reaches_the_merge_threshold_absorbs_the_smaller_story():
    clusterer, placed = two_then_bridge()
    assert (placed.story_id, placed.is_new_story, placed.merged_story_ids) == (1, False, (0,))
    assert members(clusterer) == {1: ["b", "c", "a"]}
    gone = clusterer.stories[0]
    assert (gone.is_open, gone.merged_into, gone.article_ids) == (False, 1, [])


def test_centroids_under_the_merge_threshold_stay_apart():
    clusterer, placed = two_then_bridge(replace(PARAMS, merge_threshold=0.82))
    assert placed.merged_story_ids == ()
    assert members(clusterer) == {0: ["a"], 1: ["b", "c"]}


def test_no_merge_threshold_means_no_merging():
    clusterer, placed = two_then_bridge(replace(PARAMS, merge_threshold=None))
    assert members(clusterer) == {0: ["a"], 1: ["b", "c"]}


def test_of_two_stories_of_one_size_the_older_absorbs_the_newer():
    clusterer = StoryClusterer(PARAMS)
    clusterer.add(art("a", vec(1, 0)))
    placed = clusterer.add(art("b", vec(2, 1)))  # 0.894: no join, but a merge
    assert (placed.story_id, placed.is_new_story, placed.merged_story_ids) == (0, False, (1,))
    assert members(clusterer) == {0: ["a", "b"]}


def test_the_merged_story_scores_on_the_sum_of_both_centroids():
    clusterer, _ = two_then_bridge()
    both = vec(1, 0) + vec(1, 1) + vec(2, 1)
    story = clusterer.stories[1]
    assert np.allclose(story.emb_sum, both, atol=1e-6)
    row = clusterer._open.unit[clusterer._open.row[1]]
    assert np.allclose(row, both / np.linalg.norm(both), atol=1e-6)


def test_stories_of_different_sections_never_merge():
    clusterer = StoryClusterer(PARAMS)
    clusterer.add(art("a", vec(1, 0), section="business"))
    placed = clusterer.add(art("b", vec(2, 1), section="tech"))
    assert placed.is_new_story and placed.merged_story_ids == ()


def test_stories_whose_merged_span_would_pass_the_time_window_never_merge():
    clusterer = StoryClusterer(PARAMS)
    clusterer.add(art("a", vec(1, 0), hours=0))
    placed = clusterer.add(art("b", vec(2, 1), hours=72 + 1))  # a gap over 72 hours
    assert placed.merged_story_ids == ()
    clusterer = StoryClusterer(PARAMS)
    clusterer.add(art("a", vec(1, 0), hours=0))
    placed = clusterer.add(art("b", vec(2, 1), hours=72))
    assert placed.merged_story_ids == (1,)


def test_in_a_dated_stream_undated_stories_never_merge():
    clusterer = StoryClusterer(PARAMS)
    clusterer.add(art("dated", vec(0, 0, 1), hours=0))
    clusterer.add(art("a", vec(1, 0), hours=None))
    placed = clusterer.add(art("b", vec(2, 1), hours=None))
    assert placed.merged_story_ids == ()


def test_in_an_undated_stream_undated_stories_merge():
    clusterer = StoryClusterer(PARAMS)
    clusterer.add(art("a", vec(1, 0), hours=None))
    placed = clusterer.add(art("b", vec(2, 1), hours=None))
    assert placed.merged_story_ids == (1,)


def test_without_embeddings_stories_merge_on_their_tf_idf_centroids_at_the_lexical_threshold():
    never_join = Weights(0.0, 0.0, 0.0, 0.0, 0.0, threshold=99.0)
    params = StoryParams(lexical_only_weights=never_join, merge_lexical_threshold=None)
    apart = StoryClusterer(params)
    for aid, title in (("a", "ferry sinks off coast"), ("b", "ferry sinks in storm")):
        apart.add(StoryInput(aid, title))
    s0, s1 = apart.stories[0], apart.stories[1]
    cosine = sum(x * s1.lex_sum.get(t, 0.0) for t, x in s0.lex_sum.items()) / np.sqrt(
        s0.lex_norm_sq * s1.lex_norm_sq
    )
    assert 0 < cosine < 1
    for threshold, merged in ((cosine + 1e-9, ()), (cosine - 1e-9, (1,))):
        clusterer = StoryClusterer(replace(params, merge_lexical_threshold=threshold))
        clusterer.add(StoryInput("a", "ferry sinks off coast"))
        assert clusterer.add(StoryInput("b", "ferry sinks in storm")).merged_story_ids == merged


def test_a_copy_placed_into_an_absorbed_story_joins_the_story_that_absorbed_it():
    clusterer, _ = two_then_bridge()
    copy = clusterer.place(clusterer.prepare(art("copy-of-a", vec(1, 0))), 0)
    assert copy.story_id == 1 and "copy-of-a" in clusterer.stories[1].article_ids


def test_a_merge_survives_a_restart_and_the_resumed_stream_scores_the_same():
    clusterer, _ = two_then_bridge()
    state = json.loads(json.dumps(clusterer.to_state()))
    resumed = StoryClusterer.from_state(state)
    assert resumed.stories[0].merged_into == 1
    assert resumed.to_state() == clusterer.to_state()
    later = art("d", vec(3, 2), hours=1)
    assert resumed.add(later) == clusterer.add(later)


def test_a_state_saved_before_merges_and_coverage_loads_with_both_defaults():
    clusterer, _ = two_then_bridge(replace(PARAMS, merge_threshold=None))
    state = json.loads(json.dumps(clusterer.to_state()))
    for key in ("merge_threshold", "merge_lexical_threshold"):
        del state["params"][key]
    del state["params"]["weights"]["coverage"]
    for story in state["stories"]:
        del story["merged_into"]
    resumed = StoryClusterer.from_state(state)
    assert resumed.params.weights.coverage == 0.0
    assert resumed.params.merge_threshold == StoryParams().merge_threshold
    assert all(s.merged_into is None for s in resumed.stories.values())


def test_coverage_is_the_share_of_the_articles_squared_weight_on_terms_the_story_has():
    story = StoryState(id=0, storyline_id=0, lex_sum={"ferry": 0.1, "coast": 2.0})
    assert story.coverage({"ferry": 0.6, "storm": 0.8}) == 0.6 * 0.6
    assert story.coverage({"storm": 1.0}) == 0.0


def test_the_coverage_feature_is_scored_with_its_weight():
    only_coverage = Weights(0.0, 0.0, 0.0, 0.0, 0.0, threshold=0.5, coverage=1.0)
    params = StoryParams(lexical_only_weights=only_coverage, merge_lexical_threshold=None)
    clusterer = StoryClusterer(params)
    clusterer.add(StoryInput("a", "ferry sinks off coast"))
    # Every word of the second headline is in the story: coverage 1, a join at score 1.
    placed = clusterer.add(StoryInput("b", "ferry sinks"))
    assert placed.story_id == 0 and abs(placed.score - 1.0) < 1e-9
    # None is: coverage 0, a new story.
    assert clusterer.add(StoryInput("c", "storm warning issued")).is_new_story


def test_params_with_merge_thresholds_round_trip():
    params = replace(PARAMS, merge_lexical_threshold=0.25)
    assert params_from_dict(json.loads(json.dumps(params_to_dict(params)))) == params
