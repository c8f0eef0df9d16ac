"""The daily wrap-up: the day's top stories, one or two cited sentences each.

    daily_wrapup(store, date(2024, 12, 16))            the beat: every article of the day
    daily_wrapup(store, date(2024, 12, 16), user_id)   a reader's follows only
    wrapup_text(wrapup)                                 plain text, for the e-mail digest

A story's place is set by the day's coverage: how many sources, then how many articles, carried
it that day. Its sentences are the key sentences (LexRank, leads first) of that day's articles
of the story; an article in no story stands as a story of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from newsdesk.ai.cite import Cited, cite
from newsdesk.ai.keypoints import choose
from newsdesk.ai.text import Sentence, article_sentences
from newsdesk.model import StoredArticle
from newsdesk.model.accounts import Follow, FollowKind
from newsdesk.search import SearchError, search
from newsdesk.store import Store

TOP_STORIES = 8
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)  # days a wrap-up may be asked for
SENTENCES = 2
MAX_DAY_ARTICLES = 5000
LEAD_SENTENCES = 4  # per article: a wrap-up sentence comes from an article's opening


@dataclass
class WrapupStory:
    story_id: int | None  # None: an article in no story yet
    title: str
    article_ids: list[str]  # that day's articles of the story
    sources: list[str]
    sentences: list[Cited]

    @property
    def href(self) -> str:
        if self.story_id is not None:
            return f"/stories/{self.story_id}"
        return f"/articles/{self.article_ids[0]}"


@dataclass
class Wrapup:
    day: date
    scope: str  # "the beat" or "your follows"
    stories: list[WrapupStory] = field(default_factory=list)
    article_count: int = 0  # articles of the day in scope


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), tzinfo=UTC)
    return start, start + timedelta(days=1)


def daily_wrapup(
    store: Store, day: date, user_id: int | None = None, limit: int = TOP_STORIES
) -> Wrapup:
    """The wrap-up of one UTC day: of the beat, or (with `user_id`) of what the reader follows
    (a reader who follows nothing gets the beat)."""
    since, until = day_bounds(day)
    articles = store.list_articles(MAX_DAY_ARTICLES, since=since, until=until)
    follows = store.follows_of(user_id) if user_id is not None else []
    scope = "the beat"
    if follows:
        articles = followed(store, articles, follows, since, until)
        scope = "your follows"
    result = Wrapup(day, scope, article_count=len(articles))
    groups: dict[int | str, list[StoredArticle]] = {}
    for stored in articles:
        story_id = store.story_of(stored.id)
        groups.setdefault(story_id if story_id is not None else stored.id, []).append(stored)
    ranked = sorted(groups.items(), key=lambda item: _rank(item[1]))
    for key, members in ranked[:limit]:
        result.stories.append(_story(store, key, members))
    return result


def _rank(members: list[StoredArticle]) -> tuple[int, int, str]:
    sources = {s.article.source or s.article.site or "" for s in members}
    return (-len(sources), -len(members), members[0].id)


def _story(store: Store, key: int | str, members: list[StoredArticle]) -> WrapupStory:
    members = sorted(
        members,
        key=lambda s: (s.article.published.utc if s.article.published else s.first_seen_at, s.id),
    )
    story = store.get_story(key) if isinstance(key, int) else None
    title = story.title if story is not None else members[0].article.title
    # Leads first: every article's first sentence, then every article's second, ...
    pool: list[tuple[StoredArticle, Sentence]] = []
    per_article = [article_sentences(s.article)[:LEAD_SENTENCES] for s in members]
    for position in range(LEAD_SENTENCES):
        for stored, sentences in zip(members, per_article, strict=True):
            if position < len(sentences):
                pool.append((stored, sentences[position]))
    flat = [Sentence(s.text, s.paragraph, i) for i, (_, s) in enumerate(pool)]
    chosen = choose(flat, SENTENCES)
    sentences = [cite(pool[s.position][0], pool[s.position][1]) for s in chosen]
    sources = list(dict.fromkeys(s.article.source or s.article.site or "?" for s in members))
    return WrapupStory(
        story.id if story is not None else None,
        title,
        [s.id for s in members],
        sources,
        sentences,
    )


def followed(
    store: Store,
    articles: list[StoredArticle],
    follows: list[Follow],
    since: datetime,
    until: datetime,
) -> list[StoredArticle]:
    """The articles a reader's follows select: a story, storyline, entity, source or search."""
    kinds: dict[FollowKind, set[str]] = {}
    for follow in follows:
        kinds.setdefault(follow.kind, set()).add(follow.target)
    chosen: set[str] = set()
    ids = [s.id for s in articles]
    stories = {i: store.story_of(i) for i in ids}
    lines = {
        sid: story.storyline_id
        for sid in set(stories.values())
        if sid is not None and (story := store.get_story(sid)) is not None
    }
    for article_id, story_id in stories.items():
        if story_id is None:
            continue
        if str(story_id) in kinds.get(FollowKind.STORY, set()):
            chosen.add(article_id)
        if str(lines.get(story_id)) in kinds.get(FollowKind.STORYLINE, set()):
            chosen.add(article_id)
    for entity_id in kinds.get(FollowKind.ENTITY, set()):
        named = {i for i, _ in store.entity_articles(entity_id, limit=MAX_DAY_ARTICLES)}
        chosen |= named & set(ids)
    names = set()
    for source_id in kinds.get(FollowKind.SOURCE, set()):
        if source_id.isdigit():
            source = next((s for s in store.list_sources() if s.id == int(source_id)), None)
            if source is not None and source.name:
                names.add(source.name.casefold())
    chosen |= {s.id for s in articles if (s.article.source or "").casefold() in names}
    for query in kinds.get(FollowKind.SEARCH, set()):
        try:
            page = search(store, query, "fulltext", since=since, until=until, limit=100)
        except SearchError:
            continue
        chosen |= {hit.article.id for hit in page.hits}
    return [s for s in articles if s.id in chosen]


def wrapup_text(wrapup: Wrapup, base_url: str = "") -> str:
    """The wrap-up as plain text (for mail): each story, its sentences, each with its source."""
    lines = [f"newsdesk wrap-up of {wrapup.scope}, {wrapup.day:%-d %B %Y}", ""]
    if not wrapup.stories:
        lines.append("Nothing was published that day.")
    for number, story in enumerate(wrapup.stories, 1):
        lines.append(f"{number}. {story.title} ({', '.join(story.sources)})")
        for sentence in story.sentences:
            lines.append(f"   {sentence.text}")
            lines.append(f"   [{sentence.citation.label}] {base_url}{sentence.citation.href}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def latest_day(store: Store) -> date:
    """The day of the newest dated article (today when there is none): the wrap-up readers
    want when they name no date."""
    for stored in store.list_articles(20):
        if stored.article.published is not None:
            return stored.article.published.utc.date()
    return datetime.now(UTC).date()
