"""The open stories as column arrays, so an article is scored against all of them at once."""

from __future__ import annotations

import numpy as np

from newsdesk.stories.state import StoryState


class OpenTable:
    """Column arrays over the open stories (ascending ids), so scoring is vectorised.

    Arrays grow by doubling; `unit`, `first`, `last` and `size` are views of the used rows.
    `first` and `last` are POSIX seconds, NaN for a story none of whose members is dated.
    """

    def __init__(self, dimension: int = 384) -> None:
        self.ids: list[int] = []
        self.row: dict[int, int] = {}
        self._unit = np.zeros((16, dimension), dtype=np.float32)  # unit embedding centroids
        self._cols = np.full((16, 3), np.nan)  # first, last, size

    @property
    def unit(self) -> np.ndarray:
        return self._unit[: len(self.ids)]

    @property
    def first(self) -> np.ndarray:
        return self._cols[: len(self.ids), 0]

    @property
    def last(self) -> np.ndarray:
        return self._cols[: len(self.ids), 1]

    @property
    def size(self) -> np.ndarray:
        return self._cols[: len(self.ids), 2]

    @property
    def dated(self) -> np.ndarray:
        """Which open stories have at least one dated member."""
        return ~np.isnan(self.first)

    def append(self, story_id: int) -> None:
        n = len(self.ids)
        if n == len(self._cols):
            self._unit = np.vstack([self._unit, np.zeros_like(self._unit)])
            self._cols = np.vstack([self._cols, np.full_like(self._cols, np.nan)])
        self.row[story_id] = n
        self.ids.append(story_id)
        self._unit[n] = 0.0
        self._cols[n] = (np.nan, np.nan, 0.0)

    def update(self, story: StoryState) -> None:
        """Copy the story's centroid direction, span and size into its row."""
        r = self.row[story.id]
        if story.emb_sum is not None:
            if story.emb_sum.shape[0] != self._unit.shape[1]:
                self._unit = np.zeros((len(self._unit), story.emb_sum.shape[0]), np.float32)
            norm = float(np.linalg.norm(story.emb_sum))
            self._unit[r] = story.emb_sum / norm if norm else 0.0
        self._cols[r, 0] = story.first.timestamp() if story.first else np.nan
        self._cols[r, 1] = story.last.timestamp() if story.last else np.nan
        self._cols[r, 2] = len(story.article_ids)

    def remove(self, story_ids: set[int]) -> None:
        keep = [r for r, i in enumerate(self.ids) if i not in story_ids]
        n = len(keep)
        self._unit[:n] = self._unit[keep]
        self._cols[:n] = self._cols[keep]
        self.ids = [self.ids[r] for r in keep]
        self.row = {i: r for r, i in enumerate(self.ids)}
