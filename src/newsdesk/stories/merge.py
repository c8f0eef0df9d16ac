"""Streaming merges: which open story a story should merge with, if any.

Two stories begun by the first reports of one event grow side by side: an article may join only
one, so each keeps its share and the event stays split. After every join the clusterer asks
`merge_partner` for the open story whose centroid is closest to the one just joined; when their
cosine reaches the threshold (`StoryParams.merge_threshold`, or `merge_lexical_threshold` on
TF-IDF centroids for a story without embeddings) the two become one. A centroid averages many
headlines, so two centroids that close say more than any one article could.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from newsdesk.model.stories import StoryParams
from newsdesk.stories.open_table import OpenTable
from newsdesk.stories.state import StoryState
from newsdesk.stories.text import dot


def merge_partner(
    story: StoryState,
    terms: Iterable[str],
    stories: dict[int, StoryState],
    table: OpenTable,
    postings: dict[str, set[int]],
    params: StoryParams,
    dated_stream: bool,
) -> int | None:
    """The open story `story` (open itself) should merge with, or None; `terms`: those of the
    article that just joined it.

    In a stream with dates an undated story merges with none, as an undated article joins none
    by score (`StoryClusterer._allowed`): it cannot be placed in time.
    """
    embedded = story.emb_sum is not None
    threshold = params.merge_threshold if embedded else params.merge_lexical_threshold
    if threshold is None or len(table.ids) < 2 or (dated_stream and story.first is None):
        return None
    r = table.row[story.id]
    if embedded:
        sims = table.unit @ table.unit[r]
    else:
        # TF-IDF weights are never negative: the joined article moved the centroid closer only
        # to stories sharing one of its terms, so only those can have come within the threshold.
        sims = np.zeros(len(table.ids))
        for other in set().union(*(postings.get(t, set()) for t in terms)):
            if other != story.id and story.lex_norm_sq:
                o = stories[other]
                sims[table.row[other]] = dot(story.lex_sum, o.lex_sum) / np.sqrt(
                    story.lex_norm_sq * o.lex_norm_sq
                )
    sims[r] = -np.inf
    sims[~_mergeable(r, story.section, stories, table, params)] = -np.inf
    k = int(np.argmax(sims))
    return table.ids[k] if sims[k] >= threshold else None


def _mergeable(
    r: int,
    section: str | None,
    stories: dict[int, StoryState],
    table: OpenTable,
    params: StoryParams,
) -> np.ndarray:
    """Open stories the story in row `r` may merge with: those an article of it could join.

    Same section when both have one; both undated, or both dated with the merged story within
    the time window (no gap over `max_gap_hours`, a span of at most `max_span_days`).
    """
    ok = np.ones(len(table.ids), dtype=bool)
    if params.use_sections and section:
        ok &= np.array([stories[i].section in (None, section) for i in table.ids])
    if np.isnan(table.first[r]):
        return ok & ~table.dated
    first, last = table.first[r], table.last[r]
    with np.errstate(invalid="ignore"):
        gap = np.maximum(table.first, first) - np.minimum(table.last, last)
        span = np.maximum(table.last, last) - np.minimum(table.first, first)
        near = (gap <= params.max_gap_hours * 3600) & (span <= params.max_span_days * 86400)
    return ok & table.dated & near
