"""Claimant cues the ledger rules do not carry, read from the language's lexicon
(`[ledger.claimant]`), for `claimants.py`:
- `survey_by` after `survey_nouns`: the author of a survey named after its description ("a
  survey of 1,000 adults from the 16th to the 18th by Gallup Korea");
- an outlet named only as a kind ("according to reports in the US press", "North Korean state
  media reported"): a state followed by a media word is no claimant (beat_gold/README.md,
  rule 4), the publisher speaks; a state's own media (`state_media`) speak for it.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from newsdesk.enrich.claim_actors import Actor
from newsdesk.enrich.ledger_rules import (
    Cue,
    CueHit,
    LedgerRules,
    compile_cues,
    find_cues,
    lexicon_dir,
)

_SURVEY_WORDS = 20  # "a survey of 1,000 men and women aged 18 or older ... by Gallup Korea"
_PARTICIPLE = "ed"  # English: "commissioned by", "conducted by"
_KIND_WORDS = 3  # "the US press", "North Korean state media": the words after the state
_CLAUSE_END = re.compile(r"[;:!?()\"“”\n]|[.,](?!\d)")  # not inside "1,000" or "2.5"


@cache
def claimant_cues(language: str, key: str) -> tuple[Cue, ...]:
    """The list `key` of the language's `[ledger.claimant]` table (empty when it has none)."""
    path = lexicon_dir() / f"{language}.toml"
    if not path.is_file():
        return ()
    claims = tomllib.loads(path.read_text(encoding="utf-8")).get("ledger", {}).get("claimant", {})
    return compile_cues({key: claims.get(key, [])})


def survey_by(text: str, start: int, end: int, language: str) -> list[CueHit]:
    """ "by" cues in text[start:end] that name a survey's author: a survey noun stands before
    them in their clause, within a few words."""
    nouns = claimant_cues(language, "survey_nouns")
    hits = []
    for hit in find_cues(text, claimant_cues(language, "survey_by"), start, end):
        clause = _CLAUSE_END.split(text[start : hit.start])[-1].split()
        if clause and clause[-1].lower().endswith(_PARTICIPLE):
            continue  # "was commissioned by": the verb's list (`after`) says who that names
        if find_cues(" ".join(clause[-_SURVEY_WORDS:]), nouns):
            hits.append(hit)
    return hits


def outlet_kind(text: str, actor: Actor, rules: LedgerRules) -> bool:
    """ "reports in the US press", "North Korean state media": a state whose next few words,
    in its clause, name a kind of news outlet; the state is not the source."""
    if actor.type != "country":
        return False
    after = _CLAUSE_END.split(text[actor.end : actor.end + 40])[0]
    words = " ".join(after.split()[:_KIND_WORDS])
    if find_cues(words, claimant_cues(rules.language, "state_media")):
        return False  # "North Korean state media reported": the state's own voice
    return bool(find_cues(words, rules.media_words))
