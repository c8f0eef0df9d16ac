"""One JSON shape per result, for the API and `--json` on the command line."""

from __future__ import annotations

from typing import Any

from newsdesk.ai.ask import Answer
from newsdesk.ai.brief import StoryBrief
from newsdesk.ai.cite import Cited, cited_json
from newsdesk.ai.context import WhyItMatters
from newsdesk.ai.figures import CitedFigure
from newsdesk.ai.perspectives import Perspectives
from newsdesk.ai.wrapup import Wrapup


def _cited(items: list[Cited]) -> list[dict[str, Any]]:
    return [cited_json(c) for c in items]


def figure_json(figure: CitedFigure) -> dict[str, Any]:
    return {
        "text": figure.text,
        "value": figure.value,
        "measure": figure.measure,
        "subject": figure.subject,
        "sentence": cited_json(figure.cited),
    }


def key_points_json(article_id: str, points: list[Cited]) -> dict[str, Any]:
    return {"article_id": article_id, "method": "lexrank", "key_points": _cited(points)}


def why_json(why: WhyItMatters) -> dict[str, Any]:
    return {
        "article_id": why.article_id,
        "own_section": {"heading": why.heading, "sentences": _cited(why.own)} if why.own else None,
        "storyline": {"id": why.storyline_id, "title": why.storyline_title}
        if why.storyline_id is not None
        else None,
        "earlier_stories": [
            {
                "story_id": e.story_id,
                "title": e.title,
                "first_published": e.first_published.isoformat() if e.first_published else None,
                "sources": e.sources,
                "lead": cited_json(e.lead) if e.lead else None,
            }
            for e in why.earlier
        ],
        "figures_changed": [
            {"measure": c.measure, "before": figure_json(c.before), "now": figure_json(c.now)}
            for c in why.changes
        ],
    }


def brief_json(brief: StoryBrief) -> dict[str, Any]:
    return {
        "story_id": brief.story.id,
        "title": brief.story.title,
        "articles": brief.article_count,
        "sources": brief.source_count,
        "agreed": [
            {"sentence": cited_json(a.sentence), "sources": a.sources, "also": _cited(a.also)}
            for a in brief.agreed
        ],
        "only_one_source": [
            {"source": source, "sentences": _cited(items)} for source, items in brief.only_one
        ],
        "changed": {
            "since": brief.since.isoformat() if brief.since else None,
            "reason": brief.since_reason,
            "sentences": _cited(brief.changed),
        },
    }


def perspectives_json(found: Perspectives) -> dict[str, Any]:
    return {
        "story_id": found.story.id,
        "claims": [
            {
                "sentence": cited_json(row.sentence),
                "by_source": {s: cited_json(c) for s, c in row.by_source.items()},
            }
            for row in found.claims
        ],
        "outlets": [
            {
                "source": o.source,
                "side": o.side,
                "says": _cited(o.says),
                "figures": [figure_json(f) for f in o.figures],
            }
            for o in found.outlets
        ],
        "figures_disagree": [
            {"measure": d.measure, "figures": [figure_json(f) for f in d.figures]}
            for d in found.disagreements
        ],
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "question": answer.question,
        "kind": answer.kind,
        "stated": answer.stated,
        "answer": answer.span if answer.stated else None,
        "text": answer.text,
        "sentences": _cited(answer.sentences),
        "score": round(answer.score, 4),
        "articles_read": answer.searched,
    }


def wrapup_json(wrapup: Wrapup) -> dict[str, Any]:
    return {
        "date": wrapup.day.isoformat(),
        "scope": wrapup.scope,
        "articles": wrapup.article_count,
        "stories": [
            {
                "story_id": s.story_id,
                "title": s.title,
                "href": s.href,
                "sources": s.sources,
                "article_ids": s.article_ids,
                "sentences": _cited(s.sentences),
            }
            for s in wrapup.stories
        ],
    }
