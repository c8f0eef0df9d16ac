"""Stories and storylines: streaming clustering of articles about the same event.

Use: `clusterer = StoryClusterer(embedder=MiniLMEmbedder())` (or `embedder=None`: words only),
then `clusterer.add(StoryInput.from_article(article, entities=[...]))` for each article in time
order; persist `clusterer.to_state()` and resume with `StoryClusterer.from_state(state)`.
"""

from newsdesk.model.stories import (
    DEFAULT_WEIGHTS,
    FEATURES,
    LEXICAL_ONLY_WEIGHTS,
    Story,
    StoryAssignment,
    StoryInput,
    Storyline,
    StoryParams,
    Weights,
)
from newsdesk.stories.cluster import StoryClusterer
from newsdesk.stories.embed import EmbeddingUnavailable, MiniLMEmbedder

__all__ = [
    "DEFAULT_WEIGHTS",
    "FEATURES",
    "LEXICAL_ONLY_WEIGHTS",
    "EmbeddingUnavailable",
    "MiniLMEmbedder",
    "Story",
    "StoryAssignment",
    "StoryClusterer",
    "StoryInput",
    "Storyline",
    "StoryParams",
    "Weights",
]
