"""Who may claim a figure: the linked actors of a text, state bodies described by their
state ("South Korea's spy agency": the NIS, "разведка Южной Кореи", "Ukraine's military
intelligence"), and in English a known body named in lower case before one of its people ("a
unification ministry official said": the Ministry of Unification, and "the official" after it),
read by the claimant and subject rules of the figures ledger."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.enrich.knowledge import Knowledge, load_knowledge
from newsdesk.enrich.ledger_rules import CueHit, LedgerRules, find_cues
from newsdesk.model.enrichment import ORG, Mention

ACTOR_TYPES = frozenset({"country", "org", "person"})
_CLAUSE_BREAK = re.compile(r"[.;:!?\"“”«»()\[\]，。；：]|\n|,")
# "a unification ministry official", "state department spokespeople": up to four lower-case
# words before a word for a body's people; "the official(s)" after one points back at it.
_PEOPLE = r"(?:officials?|spokes(?:person|man|woman|people)|sources?)"
_DESCRIBED = re.compile(rf"((?:\b[a-z][a-z'’-]*\s+){{1,4}}){_PEOPLE}\b")
_POINTER = re.compile(rf"\b[Tt]he\s+{_PEOPLE}\b")
_PEOPLE_AFTER = re.compile(rf"\s+{_PEOPLE}\b")


@dataclass(frozen=True)
class Actor:
    """A named country, organisation or person, or a spy agency described by its state."""

    start: int
    end: int
    entity_id: str
    type: str
    text: str


def actors(text: str, mentions: list[Mention], rules: LedgerRules) -> list[Actor]:
    """The linked actor mentions, with spy agencies described by their state added as actors
    (the state's mention beside the description folded into them)."""
    found = [
        Actor(m.start, m.end, m.entity_id, m.entity_id.split(":")[0], m.text)
        for m in mentions
        if m.entity_id and m.entity_id.split(":")[0] in ACTOR_TYPES
    ]
    agencies = _agencies(text, found, rules)
    kept = [a for a in found if not any(_covers(agency, a) for agency, _ in agencies)]
    described = []
    if rules.language == "en":
        knowledge = load_knowledge()
        described = _described_bodies(text, found, knowledge)
        described += _named_by_head(text, found, knowledge)
    added = [*(agency for agency, _ in agencies), *described]
    return sorted([*kept, *added], key=lambda a: a.start)


def _described_bodies(text: str, found: list[Actor], knowledge: Knowledge) -> list[Actor]:
    """ "a unification ministry official said": the known body whose name, in lower case,
    stands right before a word for its people (the longest such name of the words before
    it); "the official said" later in the text: the body of the last such description, or of
    the last linked body so written ("a Unification Ministry official").
    Names already linked (written with capitals) are left to the linker."""
    bodies: list[Actor] = []
    for match in _DESCRIBED.finditer(text):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            name = " ".join(words[-size:])
            ids = [i for i in knowledge.lookup(name) if knowledge.entities[i].type == ORG]
            if len(set(ids)) == 1:
                start = match.start(1) + match.group(1).rindex(name)
                if not any(a.start < match.end() and start < a.end for a in found):
                    bodies.append(Actor(start, match.end(), ids[0], ORG, text[start : match.end()]))
                break
    # "a Unification Ministry official", "a South Korean official": a linked body or state
    people_of = [
        a for a in found if a.type in (ORG, "country") and _PEOPLE_AFTER.match(text, a.end)
    ]
    heads = sorted([*bodies, *people_of], key=lambda a: a.end)
    pointers = []
    for match in _POINTER.finditer(text):
        before = [b for b in heads if b.end <= match.start()]
        if before:
            body = before[-1]
            pointers.append(
                Actor(match.start(), match.end(), body.entity_id, body.type, match.group())
            )
    return [*bodies, *pointers]


def _named_by_head(text: str, found: list[Actor], knowledge: Knowledge) -> list[Actor]:
    """ "the panel said" after "the UN Panel of Experts": a body named before, called back by
    the head noun of its name (the word before "of", else its last word), "the ministry said"
    after "The Ministry of Defense" too (where no such body was named, the lexicon's pointers
    back, "the ministry", "the agency", go to the last source)."""
    heads = {_head_of(actor, knowledge) for actor in found}
    pointers = []
    for match in re.finditer(r"\b[Tt]he\s+([a-z]+)\b", text):
        head = match.group(1)
        if head not in heads:
            continue
        named = [a for a in found if a.end <= match.start() and _head_of(a, knowledge) == head]
        if named:
            entity_id = named[-1].entity_id
            pointers.append(Actor(match.start(), match.end(), entity_id, ORG, match.group()))
    return pointers


def _head_of(actor: Actor, knowledge: Knowledge) -> str | None:
    entity = knowledge.entities.get(actor.entity_id)
    return _head_noun(entity.name) if actor.type == ORG and entity is not None else None


def _head_noun(name: str) -> str:
    """ "UN Panel of Experts" -> "panel", "Korean Central News Agency" -> "agency"."""
    words = name.lower().split(" of ")[0].split()
    return words[-1] if words else ""


def _covers(outer: Actor, inner: Actor) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _agencies(
    text: str, found: list[Actor], rules: LedgerRules
) -> list[tuple[Actor, Actor | None]]:
    """ "South Korea's spy agency" -> the NIS (with the country mention it absorbed, or None
    when no state stands beside it: then the agency of that kind the text named last, else the
    state of the last such body, else the first state named before it that has one)."""
    result = []
    default = None
    known = {agency for table in rules.agencies.values() for agency in table.values()}
    for hit in find_cues(text, rules.body_cues):
        around = next((a for a in found if a.type == "org" and a.start <= hit.start < a.end), None)
        state = _state_beside(text, hit, [a for a in found if a is not around], rules)
        if around is not None:
            if around.entity_id in known or state is None:
                continue  # a named body ("Main Intelligence Directorate")
            hit = CueHit(around.start, around.end, hit.cue)  # "Western intelligence agencies"
        # "..., sagte der Geheimdienst": a description speaking after the report it closes
        # takes no state from that report (what it speaks about, not whose body it is)
        reported = _inverted_speaker(text, hit, rules)
        until = _sentence_start(text, hit.start) if reported else hit.start
        default = default or _first_state_before(text, until, found, rules)
        country = state or default
        default = state or default  # "...разведке Южной Кореи. В разведке подтвердили": the same
        table = rules.agencies.get(hit.cue.value, {})
        agency = table.get(country.entity_id) if country else None
        if state is None:  # "the spy agency": the agency of its kind named last, if any
            agency = _named_before(hit.start, found, set(table.values())) or agency
        if agency is None:
            continue
        start = min(hit.start, state.start) if state else hit.start
        end = max(hit.end, state.end) if state else hit.end
        result.append((Actor(start, end, agency, "org", text[start:end]), state))
    return result


def _inverted_speaker(text: str, hit: CueHit, rules: LedgerRules) -> bool:
    """The description follows a comma or quote and a speech verb, with at most a determiner
    between ("..., sagte der Geheimdienst", "..., said the spy agency")."""
    clause = re.split(r"[,\"“”»]", text[max(0, hit.start - 40) : hit.start])
    if len(clause) < 2:
        return False
    words = clause[-1].split()
    if not words or not find_cues(" ".join(words), rules.claimant_either):
        return False
    rest = [w for w in words if not find_cues(w, rules.claimant_either)]
    return all(w.lower() in rules.determiners for w in rest) and len(rest) <= 1


def _sentence_start(text: str, char: int) -> int:
    ends = [m.end() for m in re.finditer(r"[.!?。]\s", text[:char])]
    return ends[-1] if ends else 0


def _named_before(char: int, found: list[Actor], agencies: set[str]) -> str | None:
    named = [a.entity_id for a in found if a.end <= char and a.entity_id in agencies]
    return named[-1] if named else None


def _first_state_before(
    text: str, char: int, found: list[Actor], rules: LedgerRules
) -> Actor | None:
    """The first state named before `char` that has such bodies ("South Korean MP Lee, citing
    intelligence data"): a state named only after the description is what it speaks about.
    None when a news outlet cites the description in its sentence ("... killed by Russia, The
    Times reported, citing Western intelligence sources"): the outlet's sources, of no state."""
    sentence = _sentence_start(text, char)
    if any(sentence <= a.start and a.end <= char and _outlet(a, rules) for a in found):
        return None
    return next(
        (a for a in found if a.type == "country" and a.end <= char and _has_agency(a, rules)),
        None,
    )


def _outlet(actor: Actor, rules: LedgerRules) -> bool:
    return actor.entity_id in rules.media or bool(find_cues(actor.text, rules.media_words))


def _has_agency(actor: Actor, rules: LedgerRules) -> bool:
    return any(actor.entity_id in table for table in rules.agencies.values())


def _state_beside(text: str, hit: CueHit, found: list[Actor], rules: LedgerRules) -> Actor | None:
    """The country named right before or after a body's description, with no other name
    between them ("South Korean MP Lee, citing intelligence data": not South Korea's) and no
    speech verb ("South Korean and Western intelligence agencies say Pyongyang sent": what
    they say is about Pyongyang, the agencies are South Korea's)."""
    best, best_gap = None, 30
    for actor in found:
        if actor.type != "country":
            continue
        if actor.end <= hit.start:
            gap = (actor.end, hit.start)
        elif actor.start >= hit.end:
            gap = (hit.end, actor.start)
        else:
            continue
        gap_text = text[gap[0] : gap[1]]
        if len(gap_text) >= best_gap or _CLAUSE_BREAK.search(gap_text):
            continue
        if find_cues(gap_text, rules.claimant_either) or find_cues(gap_text, rules.speaker_before):
            continue
        if not any(gap[0] <= a.start < gap[1] for a in found if a is not actor):
            best, best_gap = actor, len(gap_text)
    return best
