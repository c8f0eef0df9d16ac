"""Storyline placement rules (newsdesk.stories.storylines), on hand-made word vectors.

Words only (no embeddings), so each score is a cosine of the vectors below plus the entity term,
and every expected value can be checked by hand.
"""

from __future__ import annotations

import json
import math

from newsdesk.stories.storylines import StorylineIndex


def index(threshold: float = 0.7, entity_weight: float = 0.0) -> StorylineIndex:
    return StorylineIndex(threshold, threshold, entity_weight)


def add_story(
    lines: StorylineIndex, story_id: int, vector: dict[str, float], entities: list[str] = ()
) -> int:
    """Place a one-article story and feed its article, as StoryClusterer.place does."""
    line_id, _ = lines.place(story_id, vector, None, list(entities))
    lines.feed(line_id, story_id, vector, None, list(entities))
    return line_id


def test_a_story_joins_the_storyline_holding_a_story_it_is_like():
    # Three unrelated stories on one storyline (each alone would start its own at 0.7, so they
    # are put on one by a threshold of 0 first). A new story equal to the first scores 1.0
    # against it: it joins, although its cosine to the storyline's centroid, 1/sqrt(3) = 0.58,
    # is under the threshold of 0.7.
    lines = index(threshold=0.0)
    for story_id, term in enumerate(["summit", "treaty", "troops"]):
        assert add_story(lines, story_id, {term: 1.0}) == 0
    lines.threshold = lines.lexical_threshold = 0.7
    assert lines.score(lines.lines[0], {"summit": 1.0}, None, set()) == 1.0
    assert add_story(lines, 3, {"summit": 1.0}) == 0
    assert add_story(lines, 4, {"missile": 1.0}) == 4  # like none of them: a storyline of its own


def test_a_story_like_no_story_of_a_storyline_starts_its_own():
    lines = index(threshold=0.7)
    assert add_story(lines, 0, {"summit": 1.0}) == 0
    # cos({summit: 0.6, launch: 0.8}, {summit: 1}) = 0.6 < 0.7
    assert add_story(lines, 1, {"summit": 0.6, "launch": 0.8}) == 1
    assert sorted(lines.lines) == [0, 1]


def test_an_entity_every_story_names_counts_less_than_a_rare_shared_one():
    # Entities only (empty vectors: topic 0), entity weight 1, threshold high enough that no
    # story joins another. After three stories all naming north-korea and one also russia:
    # story_count 3, north-korea in 3 stories (IDF ln(4 / 3.5)), russia in 1 (ln(4 / 1.5)).
    lines = index(threshold=2.0, entity_weight=1.0)
    add_story(lines, 0, {}, ["north-korea", "russia"])
    add_story(lines, 1, {}, ["north-korea"])
    add_story(lines, 2, {}, ["north-korea"])
    common, rare = math.log(4 / 3.5), math.log(4 / 1.5)
    only_common = lines.score(lines.lines[0], {}, None, {"north-korea"})
    only_rare = lines.score(lines.lines[0], {}, None, {"russia"})
    assert math.isclose(only_common, common / (common + rare))
    assert math.isclose(only_rare, rare / (common + rare))
    assert only_common < 0.15 < 0.85 < only_rare


def test_a_story_that_passes_two_storylines_links_them_into_the_oldest():
    lines = index(threshold=0.5)
    assert add_story(lines, 0, {"treaty": 1.0}) == 0
    assert add_story(lines, 1, {"troops": 1.0}) == 1
    # cos = 0.707 to each: it shows the treaty and the troops are one thread.
    line_id, linked = lines.place(2, {"treaty": 0.5**0.5, "troops": 0.5**0.5}, None, [])
    assert (line_id, linked) == (0, [1])
    assert sorted(lines.lines) == [0]
    assert lines.lines[0].story_ids == [0, 1, 2]
    assert lines.merged_into == {1: 0}


def test_a_story_profile_keeps_its_heaviest_terms_only():
    lines = index()
    vector = {f"w{k:03d}": 1.0 + k / 1000 for k in range(100)}
    add_story(lines, 0, vector)
    kept = lines.lines[0].profiles[0].lex_sum
    assert len(kept) == 64
    assert min(kept) == "w036"  # the 64 heaviest: w036 .. w099


def test_the_storyline_state_round_trips_through_json():
    lines = index(threshold=0.5, entity_weight=0.2)
    add_story(lines, 0, {"treaty": 1.0}, ["russia"])
    add_story(lines, 1, {"troops": 1.0}, ["north-korea"])
    saved = json.dumps(lines.to_dict(), sort_keys=True)
    restored = index(threshold=0.5, entity_weight=0.2)
    restored.load(json.loads(saved))
    assert json.dumps(restored.to_dict(), sort_keys=True) == saved
    probe = ({"treaty": 0.6, "troops": 0.8}, None, {"russia"})
    assert restored.score(restored.lines[0], *probe) == lines.score(lines.lines[0], *probe)


def test_a_state_saved_with_one_centroid_per_storyline_still_loads():
    # The shape StorylineIndex.to_dict wrote before stories kept profiles: the centroid becomes
    # the profile of the storyline's first story, and the counts come from the lines' entities.
    old = {
        "lines": [
            {
                "id": 0,
                "story_ids": [0, 2],
                "lex_sum": {"treaty": 2.0},
                "lex_norm_sq": 4.0,
                "emb_sum": None,
                "entities": {"russia": 2},
            }
        ],
        "merged_into": {"1": 0},
    }
    lines = index(threshold=0.5)
    lines.load(old)
    assert list(lines.lines[0].profiles) == [0]
    assert lines.score(lines.lines[0], {"treaty": 1.0}, None, set()) == 1.0
    assert (lines.story_count, dict(lines.entity_stories)) == (2, {"russia": 2})
    assert add_story(lines, 3, {"treaty": 1.0}) == 0


def test_an_old_state_counts_an_entity_once_per_story_not_per_article():
    # One story of five articles, each naming "kim": the old state counts 5 articles, but only
    # one story names kim, so its weight is ln((1 + 1) / (1 + 0.5)) > 0, never negative.
    old = {
        "lines": [
            {
                "id": 0,
                "story_ids": [0],
                "lex_sum": {"launch": 5.0},
                "lex_norm_sq": 25.0,
                "emb_sum": None,
                "entities": {"kim": 5},
            }
        ],
        "merged_into": {},
    }
    lines = index(threshold=0.5, entity_weight=1.0)
    lines.load(old)
    assert (lines.story_count, dict(lines.entity_stories)) == (1, {"kim": 1})
