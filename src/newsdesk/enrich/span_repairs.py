"""Repairs of the spans spaCy cuts or joins wrongly, applied by `spans.candidate_spans`:
"Ministry of Defense of the" + "Republic of Korea" and "Prosecutor General's" + "Office of
Ukraine" made whole, "U.S.-South Korea" split into two states, "South Korean National
Intelligence Service" into a state and its known body, "Ukrainian Prosecutor" cut to the state,
"North" in "North and South Korea" read as North Korea, and "(GAC)" tied to the name before."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsdesk.enrich.candidates import POSSESSIVES, Candidate, institution_words
from newsdesk.enrich.knowledge import Knowledge
from newsdesk.enrich.lexicon import Lexicon

_OPEN_ENDINGS = frozenset({"of", "the", "for"})


def whole_institution_names(
    doc: Doc, candidates: list[Candidate], knowledge: Knowledge, lexicon: Lexicon
) -> list[Candidate]:
    """Institution names spaCy cut in two, made whole again:
    - "Ministry of Defense of the" + "Republic of Korea": a name left open on "of"/"the" takes
      the name right after it;
    - "Prosecutor General's" + "Office of Ukraine": a name starting with an organisation's head
      word takes the capitalised words and possessive right before it."""
    joined: list[Candidate] = []
    for c in candidates:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.label in ("ORG", "FAC")
            and doc[previous.last - 1].lower_ in _OPEN_ENDINGS
            and c.first == previous.last
        ):
            if institution_words(doc, previous.first, _open_end(doc, previous), lexicon):
                joined[-1] = _institution(doc, previous.first, c.last, knowledge)
            else:  # "Government of the" + "Republic of Korea": the state itself is named
                joined[-1] = c
            continue
        first = _possessive_owner_start(doc, c, lexicon)
        if first is not None and not (previous and previous.last > first):
            c = _institution(doc, first, c.last, knowledge)
        joined.append(c)
    return joined


def _open_end(doc: Doc, c: Candidate) -> int:
    """Where the words "of the" leaving a name open start."""
    end = c.last
    while end > c.first and doc[end - 1].lower_ in _OPEN_ENDINGS:
        end -= 1
    return end


def _possessive_owner_start(doc: Doc, c: Candidate, lexicon: Lexicon) -> int | None:
    """Where "Prosecutor General's" starts, before "Office of Ukraine"; None if nothing so."""
    if c.label not in ("ORG", "FAC") or doc[c.first].text not in lexicon.org_heads:
        return None
    i = c.first - 1
    if i < 1 or doc[i].text not in POSSESSIVES:
        return None
    start = i
    while start > 0 and doc[start - 1].is_title and not doc[start].is_sent_start:
        start -= 1
    return start if start < i else None


def _institution(doc: Doc, first: int, last: int, knowledge: Knowledge) -> Candidate:
    span = doc[first:last]
    ids = knowledge.lookup(span.text)
    return Candidate(
        first, last, span.text, span.start_char, span.end_char, "ORG", ids[0] if ids else None, None
    )


_ABBREVIATED_LABELS = frozenset({"ORG", "FAC", "GPE", "LOC"})


def parenthesised_acronyms(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """ "General Administration of Customs (GAC)": an acronym in brackets right after a name
    defines it for this article, whatever spaCy or the knowledge files took it for."""
    by_first = {c.first: c for c in candidates}
    added = []
    for c in candidates:
        i = c.last
        if c.label not in _ABBREVIATED_LABELS or i + 2 >= len(doc) or doc[i].text != "(":
            continue
        word, closing = doc[i + 1], doc[i + 2]
        if closing.text != ")" or not _acronym_word(word.text) or word.text == c.text:
            continue
        inner = by_first.get(word.i)
        if inner is not None and inner.last == word.i + 1:
            inner.acronym_of = c.start
            inner.label = c.label
        elif inner is None:
            added.append(
                Candidate(
                    word.i,
                    word.i + 1,
                    word.text,
                    word.idx,
                    word.idx + len(word.text),
                    c.label,
                    None,
                    None,
                    acronym_of=c.start,
                )
            )
    return sorted([*candidates, *added], key=lambda c: c.start)


def _acronym_word(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


_DASHES = re.compile(r"\s*[-–—]\s*")
_PLACE_TYPES = ("country:", "place:", "group:")


def known_parts(c: Candidate, doc: Doc, knowledge: Knowledge) -> list[Candidate]:
    """ "U.S.-South Korea", "Japan-U.S.-South Korea": names of states joined by dashes, which
    spaCy reads as one name, split into one candidate per state. A dashed name whose parts are
    not all known states, places or peoples ("Komsomolsk-on-Amur") stays whole."""
    if c.label not in ("GPE", "NORP", "ORG", "LOC") or not _DASHES.search(c.text):
        return [c]
    parts, cursor = [], 0
    for piece in _DASHES.split(c.text):
        offset = c.text.index(piece, cursor)
        cursor = offset + len(piece)
        name = re.sub(r"^(?:the|The)\s+", "", piece)
        ids = [i for i in knowledge.lookup(name) if i.startswith(_PLACE_TYPES)] if name else []
        if not ids:
            return [c]
        start = c.start + offset + (len(piece) - len(name))
        parts.append((start, start + len(name), ids[0]))
    if len(parts) < 2:
        return [c]
    found: list[Candidate] = []
    for start, end, entity_id in parts:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return [c]
        # "U.S.-South" may be one token: parts keep apart in tokens as they do in characters
        first = max(span.start, found[-1].last) if found else span.start
        last = max(span.end, first + 1)
        label = "NORP" if knowledge.is_demonym(entity_id, doc.text[start:end]) else "GPE"
        found.append(
            Candidate(first, last, doc.text[start:end], start, end, label, entity_id, None)
        )
    return found


def state_and_body(c: Candidate, doc: Doc, knowledge: Knowledge) -> list[Candidate]:
    """ "South Korean National Intelligence Service" as one name nobody knows: the state and
    its known body ("South Korean" + "National Intelligence Service"), each linked on its own
    as when the press writes "South Korea's National Intelligence Service"."""
    if c.label not in ("ORG", "FAC", "GPE") or c.hint_id or knowledge.lookup(c.text):
        return [c]
    for size in (1, 2, 3):
        head_end = c.first + size
        body_start = head_end + (
            1 if head_end < c.last and doc[head_end].text in POSSESSIVES else 0
        )
        if body_start >= c.last:
            break
        head, body = doc[c.first : head_end], doc[body_start : c.last]
        states = [i for i in knowledge.lookup(head.text) if i.startswith("country:")]
        if len(states) != 1:
            continue
        label = "NORP" if knowledge.is_demonym(states[0], head.text) else "GPE"
        state = Candidate(
            c.first, head_end, head.text, head.start_char, head.end_char, label, states[0], None
        )
        bodies = [i for i in knowledge.lookup(body.text) if i.startswith("org:")]
        if bodies:
            return [
                state,
                Candidate(
                    body_start,
                    c.last,
                    body.text,
                    body.start_char,
                    body.end_char,
                    "ORG",
                    bodies[0],
                    None,
                ),
            ]
        if all(t.lower_ in _GENERIC_BODY_WORDS for t in body):
            return [state]  # "the Ukrainian Navy": the state's, and no name of its own
    return [c]


# Words of a state's bodies that make no name of their own after the state's ("the Russian
# Navy", "the North Korean Embassy", "the Ukrainian Air Force").
_GENERIC_BODY_WORDS = frozenset(
    {
        "navy",
        "army",
        "air",
        "force",
        "forces",
        "armed",
        "ground",
        "special",
        "marines",
        "marine",
        "corps",
        "military",
        "embassy",
        "consulate",
        "government",
        "troops",
        "coast",
        "guard",
        "guards",
        "border",
        "operations",
        "cabinet",
        "parliament",
    }
)


# Words of a title after a country's name in one span spaCy took for an organisation
# ("Ukrainian Prosecutor" of "Ukrainian Prosecutor General Andriy Kostin").
_TITLE_EXTRA_WORDS = frozenset({"prosecutor", "attorney", "general", "deputy", "vice", "first"})


def country_before_title(
    c: Candidate, doc: Doc, knowledge: Knowledge, lexicon: Lexicon
) -> Candidate:
    """ "Ukrainian Prosecutor" -> "Ukrainian": a country or demonym followed only by title words
    is the country, the title belongs to the person named next."""
    if c.label not in ("ORG", "FAC", "PERSON") or c.last - c.first < 2:
        return c
    title_words = _title_vocabulary(lexicon)
    for size in range(1, c.last - c.first):
        head = doc[c.first : c.first + size]
        rest = doc[c.first + size : c.last]
        if not all(t.lower_ in title_words for t in rest):
            continue
        ids = [i for i in knowledge.lookup(head.text) if i.startswith("country:")]
        if len(ids) == 1:
            label = "NORP" if knowledge.is_demonym(ids[0], head.text) else "GPE"
            return Candidate(
                head.start, head.end, head.text, head.start_char, head.end_char, label, ids[0], None
            )
    return c


_TITLE_VOCABULARIES: dict[int, frozenset[str]] = {}


def _title_vocabulary(lexicon: Lexicon) -> frozenset[str]:
    words = _TITLE_VOCABULARIES.get(id(lexicon))
    if words is None:
        words = frozenset(w for t in lexicon.titles for w in t.split()) | _TITLE_EXTRA_WORDS
        _TITLE_VOCABULARIES[id(lexicon)] = words
    return words


def shared_head_names(doc: Doc, knowledge: Knowledge) -> list[Candidate]:
    """ "North" in "North and South Korea": a word before "and" whose name shares the head of
    the known name after it ("North Korea"), when that whole name is known too."""
    found = []
    for token in doc[1:-2]:
        if token.lower_ not in ("and", "or"):
            continue
        word = doc[token.i - 1]
        if not word.is_title or word.ent_iob_ == "I":
            continue  # "... Republic of Korea or DPRK": the word ends a longer name
        for size in (2, 3):
            after = doc[token.i + 1 : token.i + 1 + size]
            if len(after) < size or not all(t.is_alpha or t.text.endswith(".") for t in after):
                continue
            if not knowledge.lookup(after.text):
                continue
            ids = knowledge.lookup(" ".join([word.text, *(t.text for t in after[1:])]))
            if len(ids) == 1 and ids != knowledge.lookup(after.text):
                label = knowledge.ruler_label(ids[0])
                found.append(
                    Candidate(
                        word.i,
                        word.i + 1,
                        word.text,
                        word.idx,
                        word.idx + len(word),
                        label,
                        ids[0],
                        None,
                    )
                )
                break
    return found


# Time zones written after a clock time ("4 a.m. ET", "09:00 GMT"): spaCy takes some for names.
_TIME_ZONES = frozenset(
    {"ET", "EST", "EDT", "CT", "CST", "CDT", "PT", "PST", "PDT", "GMT", "UTC", "BST", "CET"}
    | {"CEST", "KST", "JST", "MSK"}
)


def is_time_zone(doc: Doc, first: int, last: int) -> bool:
    """A time zone abbreviation right after a clock time: a time, not an organisation."""
    if last - first != 1 or doc[first].text not in _TIME_ZONES or first == 0:
        return False
    before = doc[first - 1]
    return before.ent_type_ == "TIME" or before.like_num or before.lower_ in ("a.m.", "p.m.")
