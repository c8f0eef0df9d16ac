"""Claims: the sentences of a story's articles, grouped where several outlets say the same.

    claims = story_claims(store, story)
    claims.groups   # [[Cited, Cited, ...], ...]: one group per claim, two or more sources each
    claims.single   # sentences no other outlet carries

Sentences are tf-idf vectors over the story's own sentences; two sentences of different sources
are linked when their cosine reaches AGREE and they share every number either writes that the
other also has room for (a sentence saying 10,000 and one saying 12,000 do not agree on a
figure, though they share words). Linked sentences form a group (connected components). Copies
of one article (the dedupe stage's records) count as one source, not as agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsdesk.ai.cite import Cited, cite
from newsdesk.ai.keypoints import lexrank_scores
from newsdesk.ai.text import article_sentences, is_statement, numbers_in, terms, tfidf_matrix
from newsdesk.model import StoredArticle
from newsdesk.model.stories import Story
from newsdesk.store import Store

AGREE = 0.38  # set by hand on tests/fixtures/ai/kursk_story.json; no labelled pairs at hand
MAX_SENTENCES = 600  # a very large story is read from its newest articles


@dataclass
class StoryClaims:
    story: Story
    articles: list[StoredArticle]  # originals only, in time order
    sentences: list[Cited] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)  # LexRank over the whole story
    groups: list[list[int]] = field(default_factory=list)  # indexes into sentences
    single: list[int] = field(default_factory=list)

    def source_of(self, index: int) -> str:
        return self.sentences[index].citation.source or "Unknown source"


def originals(store: Store, story: Story) -> list[StoredArticle]:
    """The story's articles in time order, leaving out copies of another article of it."""
    members = store.get_articles(story.article_ids)
    found = []
    for article_id in story.article_ids:
        original, _ = store.copies(article_id)
        if article_id in members and (original == article_id or original not in members):
            found.append(members[article_id])
    return found


def story_claims(store: Store, story: Story) -> StoryClaims:
    articles = originals(store, story)
    result = StoryClaims(story, articles)
    for stored in reversed(articles):  # newest first until the cap, then put back in order
        found = [cite(stored, s) for s in article_sentences(stored.article) if is_statement(s.text)]
        if len(result.sentences) + len(found) > MAX_SENTENCES and result.sentences:
            break
        result.sentences = found + result.sentences
    if not result.sentences:
        return result
    documents = [terms(c.text) for c in result.sentences]
    matrix, _ = tfidf_matrix(documents)
    result.scores = [float(s) for s in lexrank_scores(documents, lead_weight=0.0)]
    similarity = matrix @ matrix.T
    numbers = [numbers_in(c.text) for c in result.sentences]
    parent = list(range(len(result.sentences)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(similarity >= AGREE, 1)), strict=True):
        if result.source_of(i) != result.source_of(j) and _same_numbers(numbers[i], numbers[j]):
            parent[root(int(i))] = root(int(j))
    components: dict[int, list[int]] = {}
    for index in range(len(result.sentences)):
        components.setdefault(root(index), []).append(index)
    for members in components.values():
        if len({result.source_of(i) for i in members}) > 1:
            result.groups.append(members)
        else:
            result.single += members
    result.groups.sort(key=lambda g: (-len({result.source_of(i) for i in g}), min(g)))
    return result


def _same_numbers(a: set[str], b: set[str]) -> bool:
    """Sentences agree on figures when neither writes a number the other contradicts: the
    numbers both write must be the same set (a sentence with none agrees with any)."""
    return not a or not b or a == b


def representative(claims: StoryClaims, group: list[int]) -> int:
    """The sentence of a group that scores highest in LexRank over the whole story (the one
    most like the rest of it; the earliest on a tie)."""
    return max(group, key=lambda i: (claims.scores[i] if claims.scores else 0.0, -i))
