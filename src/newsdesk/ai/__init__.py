"""Offline "AI" features that never invent: every sentence shown is one a source printed, with
its citation (article, paragraph, source, date).

- key points of an article (keypoints.py: LexRank over tf-idf, leads favoured)
- why it matters (context.py: the source's own section, the storyline before, figures changed)
- a story's brief and perspectives (claims.py, brief.py, perspectives.py)
- questions answered with cited sentences, or "not stated in the stored news" (ask.py)
- the daily wrap-up, as data, plain text and an Atom feed (wrapup.py, feed.py)
- the grounding check any generated text must pass (grounding.py)

Everything is computed on the fly from stored records (milliseconds; benchmarks/ai_speed.py).
"""

from newsdesk.ai.ask import NOT_STATED, Answer, ask
from newsdesk.ai.brief import StoryBrief, find_story, story_brief
from newsdesk.ai.cite import Citation, Cited, citation_json, cite, cited_json
from newsdesk.ai.context import WhyItMatters, why_it_matters
from newsdesk.ai.feed import wrapup_feed, wrapup_html
from newsdesk.ai.keypoints import centroid_points, key_points
from newsdesk.ai.perspectives import Perspectives, story_perspectives
from newsdesk.ai.wrapup import Wrapup, daily_wrapup, wrapup_text

__all__ = [
    "NOT_STATED",
    "Answer",
    "Citation",
    "Cited",
    "Perspectives",
    "StoryBrief",
    "WhyItMatters",
    "Wrapup",
    "ask",
    "centroid_points",
    "cite",
    "citation_json",
    "cited_json",
    "daily_wrapup",
    "find_story",
    "key_points",
    "story_brief",
    "story_perspectives",
    "why_it_matters",
    "wrapup_feed",
    "wrapup_html",
    "wrapup_text",
]
