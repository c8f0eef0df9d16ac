"""The words around a claimant cue, read for `claimants.py`: what tells a speaker from what was
reported ("..., said the newspaper", "were believed", "Estimates of ... vary"), a source
passing on another's words ("X, citing Y"), the author of a survey ("a survey conducted by
X"), a name set off by commas before its verb ("El líder norcoreano, Kim Jong Un, ha
confirmado") and a source heading a sentence ("Japanese Ministry of Defense: The missile flew
..."). Each reads the text, the linked actors and the language's rules (`ledger_rules.py`)
alone."""

from __future__ import annotations

import re

from newsdesk.enrich.claim_actors import Actor
from newsdesk.enrich.ledger_rules import CueHit, LedgerRules, find_cues

_RELAY_CHARS = 3  # "X, citing Y": the gap between a source and the citing cue after it
_AUTHOR_WORDS = 3  # "the survey was conducted by": a data noun this near before its cue
_AUTHOR_CHARS = 6  # the same, in characters, where words have no spaces ("のデータで")
_HEAD_TYPES = frozenset({"person", "org"})
_BARE_WORDS = 3  # "said military officials": the words of an unnamed speaker after its verb
# "Servicio Nacional de Inteligencia (NIS) de Corea del Sur": words joining a body to its state
_STATE_LINKS = frozenset({"of", "de", "del", "du", "des", "di", "da", "do", "der", "of the"})


def relays(text: str, source: Actor, hit: CueHit) -> bool:
    """ "un legislador de Corea del Sur, citando ... la agencia de inteligencia": a source
    whose phrase a citing cue follows right after passes on what the cited one said."""
    gap = text[source.end : hit.start]
    return 0 < hit.start - source.end <= _RELAY_CHARS and gap.strip() in (",", "")


def inside_a_word(text: str, hit: CueHit, words: tuple[str, ...]) -> bool:
    """The cue at `hit` is part of one of `words` written around it: "数据" (data) around "据"
    (according to), "per year" around "per"."""
    for word in words:
        begin = max(0, hit.end - len(word))
        around = text[begin : hit.start + len(word)].lower()
        at = around.find(word)
        while at >= 0:
            if begin + at <= hit.start and hit.end <= begin + at + len(word):
                return True
            at = around.find(word, at + 1)
    return False


def without_citing_aside(gap: str, rules: LedgerRules) -> str:
    """The words between a speaker and its verb less a closing aside that cites unnamed
    sources (" news agency, citing anonymous military sources, "): " news agency"."""
    parts = gap.split(",")
    if len(parts) < 3 or parts[-1].strip():
        return gap
    aside = parts[-2].strip().lower()
    if any(h.start == 0 for h in find_cues(aside, rules.claimant_after)):
        return ",".join(parts[:-2])
    return gap


def authors_data(text: str, start: int, cue_start: int, rules: LedgerRules) -> bool:
    """ "According to a survey conducted by Gallup Korea", "The survey was conducted by X": the
    source named by the cue at `cue_start` (in the sentence from `start`) is the author of a
    survey or data (a data noun among the few words before the cue), and goes on speaking for
    the sentences after it that name no source. In a script without spaces the data noun may
    stand in the cue itself ("統一省のデータで": by the ministry's data)."""
    if not rules.word_boundaries:
        near = text[max(start, cue_start - _AUTHOR_CHARS) : cue_start + _AUTHOR_CHARS]
        return any(noun in near for noun in rules.data_nouns)
    words = re.findall(r"\w+", text[start:cue_start].lower())[-_AUTHOR_WORDS:]
    return any(w in rules.data_nouns for w in words)


def headline_source(text: str, actors: list[Actor], start: int, end: int) -> Actor | None:
    """ "Japanese Ministry of Defense: The missile flew ...", "Selenskyj: 3000 ...": a person
    or body opening the sentence text[start:end], then a colon, states what follows."""
    first = next((a for a in actors if start <= a.start < end), None)
    if first is None or first.type not in _HEAD_TYPES or text[start : first.start].strip():
        return None
    return first if text[first.end : first.end + 2].strip().startswith(":") else None


def closes_apposition(text: str, actors: list[Actor], before_cue: str, start: int) -> bool:
    """ "El líder norcoreano, Kim Jong Un, ha confirmado": the comma before the verb closes a
    name set off by commas, which is the verb's subject, not what was reported. `before_cue`
    is the sentence from `start` up to the verb."""
    close = start + len(before_cue) - 1
    named = [a for a in actors if start <= a.start and a.end <= close]
    if not named or text[named[-1].end : close].strip():
        return False
    return text[start : named[-1].start].rstrip().endswith(",")


def noun_of(text: str, char: int, end: int, rules: LedgerRules) -> bool:
    """ "Estimates of North Korean weapons vary": the cue is a noun, and what follows it is
    its topic, not its speaker."""
    words = text[char:end].split()
    return bool(words) and words[0].lower() in rules.topic_after


def no_speaker_after(text: str, char: int, end: int, before_cue: str, rules: LedgerRules) -> bool:
    """The actor after a speech verb is not its speaker: the verb is a noun ("Estimates of
    ..."), or an unnamed speaker stands before it ("Officials said ...")."""
    return noun_of(text, char, end, rules) or unnamed_speaker_before(before_cue, rules)


def data_speaks(hit: CueHit, rules: LedgerRules) -> bool:
    """ "..., data showed Monday": the cue names its own unlinked speaker."""
    return hit.cue.phrase.split()[0] in rules.data_nouns


def unnamed_speaker_after(text: str, char: int, end: int, rules: LedgerRules) -> bool:
    """A noun phrase opens right after the verb: a determiner or a capitalised word that is
    not a day or a month ("reports The Times", "said the newspaper")."""
    words = text[char:end].split()
    if not words:
        return False
    word = words[0].strip(",.;:")
    lowered = word.lower()
    if lowered in rules.determiners or _bare_plural(text[char:end], rules):
        return True
    dated = lowered in rules.months or lowered.endswith("day")
    return word[:1].isupper() and not dated


def unnamed_speaker_before(before_cue: str, rules: LedgerRules) -> bool:
    """ "Officials said ...", "Western analysts say ...": the clause before the verb is only a
    plain plural noun (with at most two words before it): an unnamed speaker, so the first
    name after the verb is what was said, not who said it."""
    clause = re.split(r"[.;:!?,\n\"“”]", before_cue)[-1]
    words = clause.split()
    if not 1 <= len(words) <= _BARE_WORDS or not all(w.isalpha() for w in words):
        return False
    if not all(w.islower() for w in words[1:]) or not words[0][1:].islower():
        return False
    barred = rules.topic_after | rules.content_words | rules.passive_markers | rules.pronouns
    last = words[-1].lower()
    plural = len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))
    return plural and not any(w.lower() in barred for w in words)


def _bare_plural(after: str, rules: LedgerRules) -> bool:
    """ "..., said officials.", "..., said military officials": the clause ends on a plain
    plural noun, no preposition or content word before it: an unnamed speaker."""
    stop = re.search(r"[.;:!?,\n]", after)
    words = (after[: stop.start()] if stop else after).split()
    if not 1 <= len(words) <= _BARE_WORDS or not all(w.isalpha() and w.islower() for w in words):
        return False
    barred = rules.topic_after | rules.content_words | rules.passive_markers
    last = words[-1]
    plural = len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))
    return plural and not any(w in barred for w in words)


def passive(before_cue: str, rules: LedgerRules) -> bool:
    """ "were believed", "were already believed": no speaker stands before the verb."""
    words = before_cue.lower().split()[-2:]
    return any(w in rules.passive_markers for w in words)


def owner_of_state(text: str, near: list[Actor]) -> Actor | None:
    """ "El Servicio Nacional de Inteligencia (NIS) de Corea del Sur estimó": when the last
    actor before a verb is a state joined by "de"/"of" to a body named just before it, the
    body speaks; `near` are the actors before the verb, in order."""
    if len(near) < 2 or near[-1].type != "country" or near[-2].type not in _HEAD_TYPES:
        return None
    gap = text[near[-2].end : near[-1].start].strip(" )").lower()
    return near[-2] if gap in _STATE_LINKS else None


_PAIR_JOINS = frozenset({"and", ",", "und", "et", "y", "e", "и", "і", "와", "과", "と", "和"})


def first_of_pair(text: str, near: list[Actor]) -> Actor:
    """ "South Korean and Japanese defense officials reported": of states (or bodies) joined by
    "and" before a verb, the first named speaks for the pair; else the last actor of `near`.
    A comma joins only inside such a list ("Japan, South Korea and the US said"): in "troops
    to Russia, South Korea said" it closes the clause before the speaker."""
    actor = near[-1]
    in_list = False
    for before in reversed(near[:-1]):
        join = text[before.end : actor.start].strip().lower()
        joined = join in _PAIR_JOINS and (join != "," or in_list)
        if not joined or before.type != actor.type:
            break
        in_list = in_list or join != ","
        actor = before
    return actor


def apposition(text: str, near: list[Actor], char: int, rules: LedgerRules) -> Actor | None:
    """ "X, head of Y, said": X, when a person opens the commas closing before the verb at
    `char`; "X, which monitors North Korea, said": X, whatever it is, before a relative
    clause. `near` are the actors before the verb, in order."""
    if not text[:char].rstrip().endswith(","):
        return None
    for actor in reversed(near[:-1]):
        between = text[actor.end : char].strip()
        if not between.startswith(",") or between.count(",") != 2:
            continue
        opening = between[1:].split()[:1]
        relative = bool(opening) and opening[0].lower() in rules.relative_words
        if actor.type == "person" or relative:
            return actor
    return None


_OF_A_BODY = re.compile(r"\s+(?:of|at|from)\s+(?:the\s+)?", re.I)


def person_of_a_body(text: str, near: list[Actor]) -> Actor | None:
    """ "Cho Tae-yong of the NIS said": the person speaks, not the body that describes them
    (rule 3). `near` are the actors before the verb, in order; the last is the body."""
    if len(near) < 2 or near[-1].type == "person" or near[-2].type != "person":
        return None
    person, body = near[-2], near[-1]
    return person if _OF_A_BODY.fullmatch(text[person.end : body.start]) else None
