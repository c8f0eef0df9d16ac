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
_PHRASE_WORDS = 3  # "젤렌스키 우크라이나 대통령은": words of a name's phrase before its marker


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
    else names one. The marker may close the actor's noun phrase ("젤렌스키 우크라이나
    대통령은", "쇼이구 러시아 국가안보회의 서기가"): the phrase's first name is the speaker,
    a person before the body or state that describes them. The subject marker ("가", "이")
    names a speaker only right after a quote ("...했다고 쇼이구 서기가 밝혔다"): elsewhere it
    marks who acted."""
    if not rules.topic_cues:
        return None
    verbs = find_cues(text, rules.topic_verbs, start, end)
    if not verbs:
        return None
    marked = [
        phrase
        for phrase in _marked_phrases(text, actors, start, verbs[-1].start, rules)
        if phrase[1] or _after_a_quote(text, min(a.start for a in phrase[0]), start, rules)
    ]
    return marked[-1][0][0] if marked else None


def _marked_phrases(
    text: str, actors: list[Actor], start: int, verb: int, rules: LedgerRules
) -> list[tuple[list[Actor], bool]]:
    """Runs of actors before `verb` whose noun phrase ends in a marker a few words on, each
    with whether the marker is a topic one (else a subject one), the person first."""
    phrases: list[tuple[list[Actor], bool]] = []
    for actor in (a for a in actors if start <= a.start < verb):
        marker = _marker_after(text, actor, verb, rules)
        if marker is None:
            continue
        at, topic = marker
        if (
            phrases
            and phrases[-1][0][-1].end <= at
            and _marker_after(text, phrases[-1][0][0], verb, rules) == (at, topic)
        ):
            phrases[-1][0].append(actor)
            continue
        phrases.append(([actor], topic))
    return [
        (sorted(run, key=lambda a: (a.type != "person", a.start)), topic) for run, topic in phrases
    ]


def _marker_after(
    text: str, actor: Actor, verb: int, rules: LedgerRules
) -> tuple[int, bool] | None:
    """Where the marker closing the actor's noun phrase stands, and whether it is a topic
    marker: right after the actor ("국정원은"), or after a title at most `_PHRASE_WORDS`
    words on with no punctuation between ("젤렌스키 우크라이나 대통령은")."""
    for cues, topic in ((rules.topic_cues, True), (rules.subject_cues, False)):
        hits = find_cues(text, cues, actor.end, min(verb, actor.end + 3))
        if hits and hits[0].start == actor.end:
            return actor.end, topic
    if not rules.speaker_titles:
        return None
    words = text[actor.end : min(verb, actor.end + 40)].split(" ")
    reach = len(words[0]) + 1
    for word in words[1 : _PHRASE_WORDS + 1]:
        if any(c in word for c in ',.;:!?"“”()\n'):
            return None
        for cues, topic in ((rules.topic_cues, True), (rules.subject_cues, False)):
            hits = find_cues(word, cues)
            titled = hits and word[: hits[-1].start].endswith(rules.speaker_titles)
            if titled and hits[-1].end == len(word):
                return actor.end + reach + hits[-1].start, topic
        reach += len(word) + 1
    return None


def _after_a_quote(text: str, char: int, start: int, rules: LedgerRules) -> bool:
    """A quote closes right before `char` ("...했다고 쇼이구"), or a word before it (a given
    name outside the link: "...했다고 세르게이 쇼이구"): what follows is its speaker."""
    words = text[start:char].split()
    return any(w.endswith(tuple(rules.quote_ends)) for w in words[-2:])
