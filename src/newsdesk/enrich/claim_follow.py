"""Follow-on sentences: when a sentence that names no source goes on with the source of the
sentence before it (the convention in benchmarks/data/beat_gold/README.md, rule 5).

Only when its words say so: it opens by pointing back at what was reported ("These losses
...", "The figure ...", "Of them, ..."), it adds to the account ("In addition, ...", "Trade also
fell ..."), it says it is reported without saying by whom ("reportedly", "are believed to"),
and only from the sentence right before it in its paragraph. Any other sentence (background,
history, the page's own arithmetic) is the publisher's. The words are the language's lexicon
lists `[ledger.claimant] follow_on` (openers), `follow_also` (words that add, near the start)
and `carry` (reported without a source, anywhere). In a language that marks its topic
("국정원은 밝혔다") the topic speaks instead (`topic_speaker`).
"""

from __future__ import annotations

import tomllib
from functools import cache

from newsdesk.enrich.claim_actors import Actor
from newsdesk.enrich.claim_phrases import unnamed_speaker_before
from newsdesk.enrich.ledger_rules import (
    Cue,
    CueHit,
    LedgerRules,
    compile_cues,
    find_cues,
    lexicon_dir,
)

_ALSO_WORDS = 7  # "The countries' total trade turnover also decreased": "also" near the subject


@cache
def follow_cues(language: str) -> tuple[tuple[Cue, ...], tuple[Cue, ...]]:
    """The language's openers and adding words (both empty when its file lists none)."""
    path = lexicon_dir() / f"{language}.toml"
    if not path.is_file():
        return (), ()
    claims = tomllib.loads(path.read_text(encoding="utf-8")).get("ledger", {}).get("claimant", {})
    return (
        compile_cues({"follow": claims.get("follow_on", [])}),
        compile_cues({"also": claims.get("follow_also", [])}),
    )


def same_paragraph(text: str, before_end: int, start: int) -> bool:
    """No line break between the sentence before (ending at `before_end`) and this one."""
    return "\n" not in text[before_end:start]


def follows_on(text: str, start: int, end: int, rules: LedgerRules) -> bool:
    """The sentence text[start:end] says it goes on with the source of the one before."""
    openers, adding = follow_cues(rules.language)
    lead = len(text[start:end]) - len(text[start:end].lstrip(" \"“'‘-–—"))
    if any(hit.start == start + lead for hit in find_cues(text, openers, start, end)):
        return True  # "These losses represent ...", "Of them, 24,746 are women."
    words = text[start:end].split()[:_ALSO_WORDS]
    if adding and find_cues(" ".join(words), adding):
        return True  # "Trade also decreased by 8.4 percent."
    return bool(find_cues(text, rules.carry_cues, start, end))  # "reportedly traveled"


def goes_on(
    text: str, start: int, end: int, rules: LedgerRules, hits: list[tuple[CueHit, str]]
) -> bool:
    """The sentence text[start:end], which names no source, goes on with the one before: it
    says so (`follows_on`), or its only speaker is unnamed people ("Officials described how
    ..."). `hits` are its claimant cues, with their kinds."""
    if not rules.carry_cues:
        return False  # a language without the lists: its sentences carry by `topic_speaker`
    if follows_on(text, start, end, rules):
        return True
    return any(
        kind in ("either", "speaker_before")
        and unnamed_speaker_before(text[start : hit.start].rstrip(), rules)
        for hit, kind in hits
    )


def topic_speaker(
    text: str, actors: list[Actor], rules: LedgerRules, start: int, end: int
) -> Actor | None:
    """In a language that marks its topic ("국정원은"), the actor so marked nearest before the
    sentence's last reporting verb ("...보냈다고 국정원은 밝혔다"): its speaker, when nothing
    else names one."""
    if not rules.topic_cues:
        return None
    verbs = find_cues(text, rules.topic_verbs, start, end)
    if not verbs:
        return None
    topics = [
        a for a in actors if start <= a.start < verbs[-1].start and _marked(text, a, end, rules)
    ]
    return topics[-1] if topics else None


def _marked(text: str, actor: Actor, end: int, rules: LedgerRules) -> bool:
    hits = find_cues(text, rules.topic_cues, actor.end, min(end, actor.end + 3))
    return bool(hits) and hits[0].start == actor.end
