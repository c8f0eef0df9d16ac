"""The reader's story and storyline pages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse

from newsdesk.model.stories import Story
from newsdesk.store import Store
from newsdesk.views import entities_by_id, find_story, find_storyline, story_figures
from newsdesk.web.pages import StoreDep, page

router = APIRouter(include_in_schema=False)
ItemId = Annotated[int, Path(ge=0, le=2_147_483_647)]


def story_view(store: Store, story: Story) -> dict[str, Any]:
    return {"story": story, "entities": entities_by_id(store, story.main_entities)}


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(store: StoreDep, story_id: ItemId) -> HTMLResponse:
    found = find_story(store, story_id)
    stored = store.get_articles(found.article_ids)
    line = store.get_storyline(found.storyline_id)
    return page(
        "story.html",
        story=found,
        articles=[stored[i] for i in found.article_ids if i in stored],
        entities=entities_by_id(store, found.main_entities),
        figures=story_figures(store, found),
        storyline=line if line and len(line.story_ids) > 1 else None,
    )


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline(store: StoreDep, storyline_id: ItemId) -> HTMLResponse:
    line = find_storyline(store, storyline_id)
    stories = [s for s in (store.get_story(i) for i in line.story_ids) if s is not None]
    stories.sort(key=lambda s: (s.first_published is None, s.first_published or 0, s.id))
    return page(
        "storyline.html",
        line=line,
        stories=[story_view(store, s) for s in stories],
        entities=entities_by_id(store, line.main_entities),
    )
