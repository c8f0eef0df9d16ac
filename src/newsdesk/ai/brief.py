"""A story brief: what its sources agree on, what only one says, and what changed since the
reader last looked. Every sentence is a sentence a source printed, cited.

    story_brief(store, story_id, user_id=None)  ->  StoryBrief

"Since the reader last looked" is the `last_looked_at` of the signed-in reader's follow of the
story; without one it is the start of the story's latest day, so what changed is what that
day's articles say that no earlier article of the story said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from newsdesk.ai.cite import Cited
from newsdesk.ai.claims import AGREE, StoryClaims, representative, story_claims
from newsdesk.ai.text import terms, tfidf_matrix
from newsdesk.errors import NotFound
from newsdesk.model.accounts import FollowKind
from newsdesk.model.stories import Story
from newsdesk.store import Store

AGREED_SHOWN = 5
SINGLE_PER_SOURCE = 2
CHANGED_SHOWN = 5


@dataclass
class Agreed:
    """One claim several outlets carry: the sentence shown, and each outlet's own sentence."""

    sentence: Cited
    sources: list[str]
    also: list[Cited]  # the other outlets' sentences (one each)


@dataclass
class StoryBrief:
    story: Story
    agreed: list[Agreed] = field(default_factory=list)
    only_one: list[tuple[str, list[Cited]]] = field(default_factory=list)  # (source, sentences)
    changed: list[Cited] = field(default_factory=list)
    since: datetime | None = None
    since_reason: str = ""  # "since you last looked" or "since the story's previous day"
    article_count: int = 0
    source_count: int = 0


def story_brief(
    store: Store, story_id: int, user_id: int | None = None, since: datetime | None = None
) -> StoryBrief:
    """The brief of one story (NotFound if there is none). `since` overrides the reader's
    follow."""
    story = find_story(store, story_id)
    claims = story_claims(store, story)
    brief = StoryBrief(story, article_count=len(claims.articles))
    brief.source_count = len({c.citation.source for c in claims.sentences})
    brief.agreed = _agreed(claims)[:AGREED_SHOWN]
    brief.only_one = _only_one(claims)
    brief.since, brief.since_reason = _since(store, story, user_id, since)
    if brief.since is not None:
        brief.changed = _changed(claims, brief.since)
    return brief


def find_story(store: Store, story_id: int) -> Story:
    story = store.get_story(story_id)
    if story is None:
        raise NotFound(f"no story with id {story_id}")
    return story


def _agreed(claims: StoryClaims) -> list[Agreed]:
    found = []
    for group in claims.groups:
        shown = representative(claims, group)
        by_source: dict[str, Cited] = {}
        for index in sorted(group, key=lambda i: -claims.scores[i]):
            by_source.setdefault(claims.source_of(index), claims.sentences[index])
        sources = sorted(by_source)
        also = [c for s, c in sorted(by_source.items()) if c != claims.sentences[shown]]
        found.append(Agreed(claims.sentences[shown], sources, also))
    return found


def _only_one(claims: StoryClaims) -> list[tuple[str, list[Cited]]]:
    """Per source, its best sentences no other outlet carries (LexRank over the story)."""
    if len({claims.source_of(i) for i in range(len(claims.sentences))}) < 2:
        return []  # with one source, everything is "only one"; the key points say it
    by_source: dict[str, list[int]] = {}
    for index in claims.single:
        by_source.setdefault(claims.source_of(index), []).append(index)
    result = []
    for source, indexes in by_source.items():
        best = sorted(indexes, key=lambda i: -claims.scores[i])[:SINGLE_PER_SOURCE]
        result.append((source, [claims.sentences[i] for i in sorted(best)]))
    return sorted(result, key=lambda item: item[0])


def _since(
    store: Store, story: Story, user_id: int | None, given: datetime | None
) -> tuple[datetime | None, str]:
    if given is not None:
        return given, f"since {given:%-d %b %Y, %H:%M} UTC"
    if user_id is not None:
        for follow in store.follows_of(user_id):
            if follow.kind == FollowKind.STORY and follow.target == str(story.id):
                return follow.last_looked_at, "since you last looked"
    if story.last_published is None:
        return None, ""
    start = datetime.combine(story.last_published.date(), time(), tzinfo=UTC)
    if story.first_published is not None and story.first_published >= start:
        return None, ""  # a story of one day has no earlier day to differ from
    return start, "since the story's previous day"


def _changed(claims: StoryClaims, since: datetime) -> list[Cited]:
    """Sentences of articles published after `since` that no earlier article of the story
    carries (cosine under AGREE to every earlier sentence), best first."""
    new = [i for i, c in enumerate(claims.sentences) if _after(c, since)]
    old = [i for i, c in enumerate(claims.sentences) if not _after(c, since)]
    if not new:
        return []
    matrix, _ = tfidf_matrix([terms(c.text) for c in claims.sentences])
    fresh = []
    for index in new:
        if not old or max(float(matrix[index] @ matrix[j]) for j in old) < AGREE:
            fresh.append(index)
    best = sorted(fresh, key=lambda i: -claims.scores[i])[:CHANGED_SHOWN]
    return [claims.sentences[i] for i in sorted(best)]


def _after(cited: Cited, since: datetime) -> bool:
    published = cited.citation.published
    return published is not None and published > since
