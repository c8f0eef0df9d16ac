"""Why it matters: the source's own words first, then what came before, from stored records.

    why_it_matters(store, article_id)  ->  WhyItMatters(own=[...], earlier=[...], changes=[...])

Nothing here is written by newsdesk. `own` is the article's own "Why It Matters" (or
"Background", "Context", ...) section, sentence by sentence. `earlier` lists the earlier stories
of the article's storyline, newest first, each with its date, sources and the key sentence of
its first article. `changes` pairs a figure of this article with the latest earlier figure of
the storyline that measures the same thing with another value ("roughly 11,000" troops now,
"about 10,000" before), both sentences cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from newsdesk.ai.cite import Cited, cite
from newsdesk.ai.figures import CitedFigure, cited_figures, differ
from newsdesk.ai.keypoints import key_points
from newsdesk.ai.text import Sentence, split_sentences
from newsdesk.model import StoredArticle
from newsdesk.model.stories import Story
from newsdesk.store import Store

OWN_HEADINGS = re.compile(
    r"^\s*(why (it|this) matters|why it's important|the big(ger)? picture|background|context|"
    r"what it means|what's next|the takeaway)\s*:?\s*$",
    re.IGNORECASE,
)
EARLIER_STORIES = 5
STORIES_SCANNED = 12  # earlier stories whose figures are compared (the newest ones)


@dataclass
class EarlierStory:
    story_id: int
    title: str
    first_published: datetime | None
    sources: list[str]
    lead: Cited | None  # the key sentence of its first article


@dataclass
class FigureChange:
    measure: str
    before: CitedFigure
    now: CitedFigure


@dataclass
class WhyItMatters:
    article_id: str
    heading: str | None = None  # the source's own section heading, when it has one
    own: list[Cited] = field(default_factory=list)
    storyline_id: int | None = None
    storyline_title: str | None = None
    earlier: list[EarlierStory] = field(default_factory=list)
    changes: list[FigureChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.own or self.earlier or self.changes)


def own_section(stored: StoredArticle) -> tuple[str | None, list[Cited]]:
    """The article's own "why it matters" section, sentence by sentence, with paragraphs."""
    index = 0
    for section in stored.article.sections:
        if section.heading and OWN_HEADINGS.match(section.heading):
            found = []
            for offset, paragraph in enumerate(section.paragraphs):
                for text in split_sentences(paragraph):
                    found.append(cite(stored, Sentence(text, index + offset, len(found))))
            return section.heading, found
        index += len(section.paragraphs)
    return None, []


def why_it_matters(store: Store, article_id: str) -> WhyItMatters:
    """The context of one article (NotFound if there is no such article)."""
    stored = store.get_article(article_id)
    heading, own = own_section(stored)
    result = WhyItMatters(stored.id, heading, own)
    story_id = store.story_of(stored.id)
    story = store.get_story(story_id) if story_id is not None else None
    if story is None:
        return result
    line = store.get_storyline(story.storyline_id)
    if line is None or len(line.story_ids) < 2:
        return result
    result.storyline_id, result.storyline_title = line.id, line.title
    before = _earlier_stories(store, story, line.story_ids)
    result.earlier = [_earlier(store, s) for s in before[:EARLIER_STORIES]]
    result.changes = _changes(store, stored, before[:STORIES_SCANNED])
    return result


def _start(story: Story) -> datetime | None:
    return story.first_published or story.last_published


def _earlier_stories(store: Store, story: Story, story_ids: list[int]) -> list[Story]:
    """The storyline's stories that began before this one, newest first (undated ones are
    left out: nothing says they came before)."""
    start = _start(story)
    if start is None:
        return []
    found = [s for s in (store.get_story(i) for i in story_ids if i != story.id) if s]
    dated = [s for s in found if (when := _start(s)) is not None and when < start]
    # One piece stored twice (an aggregator's copy the story stage kept apart) is one story.
    seen, unique = {_fold(story.title)}, []
    for earlier in sorted(dated, key=lambda s: (_start(s), s.id), reverse=True):
        if _fold(earlier.title) not in seen:
            seen.add(_fold(earlier.title))
            unique.append(earlier)
    return unique


def _fold(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold()))


def _earlier(store: Store, story: Story) -> EarlierStory:
    first = store.get_articles(story.article_ids[:1]).get(story.article_ids[0])
    points = key_points(first, 1) if first else []
    return EarlierStory(
        story.id, story.title, _start(story), list(story.sources), points[0] if points else None
    )


def _changes(store: Store, stored: StoredArticle, before: list[Story]) -> list[FigureChange]:
    mine = cited_figures(store, stored)
    if not mine:
        return []
    ids = [i for story in before for i in story.article_ids]
    members = store.get_articles(ids)
    earlier: list[CitedFigure] = []
    for article_id in ids:  # newest story first, its articles in time order
        if article_id in members:
            earlier += cited_figures(store, members[article_id])
    changes, seen = [], set()
    for now in mine:
        # A storyline is one thread already: its figures of one measure are compared whatever
        # subject the figures ledger guessed (it often takes the sentence's speaker).
        previous = next((f for f in earlier if differ(f, now, subjects=False)), None)
        if previous is not None and now.measure not in seen:
            seen.add(now.measure)
            changes.append(FigureChange(now.measure, previous, now))
    return changes
