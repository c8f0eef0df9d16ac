"""Entity spans as spaCy found them, cleaned before linking.

spaCy's spans need repair before they can be linked: they start with "the", carry titles
("Chair Chung Euisun", "LG Chair"), stop at a hyphen ("Yoon Suk" for Yoon Suk-yeol), wrap stance
words ("anti-US") and miss "the North" when it stands for North Korea. `candidate_spans` returns
clean spans with the title found before each name, in text order, and for people the whole
title phrase before or after the name ("deputy foreign minister", "Kim Jong Un, a vice foreign
minister,"): the role `roles.py` compares with what the knowledge files say the person held.
It also repairs what spaCy cuts or joins: "Ministry of Defense of the" + "Republic of Korea",
"Prosecutor General's" + "Office of Ukraine", "U.S.-South Korea" (two states), "South Korean
National Intelligence Service" (a state and a known body), and ties "(GAC)" to the name before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import ENT_IOB, IS_ALPHA, IS_TITLE, IS_UPPER
from spacy.tokens import Doc, Span

from newsdesk.enrich.knowledge import Knowledge, name_key
from newsdesk.enrich.lexicon import Lexicon, longest_title
from newsdesk.enrich.role_phrases import role_near

# Labels that name an entity; numbers, dates, events and laws are left to other parts.
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@dataclass
class Candidate:
    """One cleaned span: tokens [first, last) of the doc and what is known about it."""

    first: int
    last: int
    text: str
    start: int  # character offsets into the doc text
    end: int
    label: str
    hint_id: str | None  # the id the entity ruler attached, if any
    title: str | None  # the title right before the name, lower case ("president")
    contextual: bool = False  # found only as an after-mention alias ("the North")
    role: str | None = None  # (people) the whole title phrase next to the name, lower case
    acronym_of: int | None = None  # "(GAC)" after a name: the start of the name it abbreviates


def candidate_spans(doc: Doc, knowledge: Knowledge, lexicon: Lexicon) -> list[Candidate]:
    """Clean entity spans from `doc.ents`, plus after-mention aliases spaCy did not tag."""
    found = [c for ent in doc.ents if ent.label_ in ENTITY_LABELS if (c := _clean(ent, lexicon))]
    found += _known_names_mislabelled(doc, knowledge, lexicon)
    found = [_country_before_title(c, doc, knowledge, lexicon) for c in found]
    found = [part for c in found for part in _known_parts(c, doc, knowledge)]
    found = [part for c in found for part in _state_and_body(c, doc, knowledge)]
    free = free_capitalised(doc)
    found += _contextual_aliases(doc, knowledge, free)
    found += _known_place_gaps(doc, knowledge, free)
    found += _site_names(doc, knowledge)
    shared = _shared_head_names(doc, knowledge)
    found = [c for c in found if not any(c.first < s.last and s.first < c.last for s in shared)]
    found = _without_overlaps(sorted([*found, *shared], key=lambda c: (c.start, -c.end)))
    found = _whole_institution_names(doc, found, knowledge, lexicon)
    return _parenthesised_acronyms(doc, found)


_OPEN_ENDINGS = frozenset({"of", "the", "for"})


def _whole_institution_names(
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
            if _institution_words(doc, previous.first, _open_end(doc, previous), lexicon):
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
    if i < 1 or doc[i].text not in _POSSESSIVES:
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


def _parenthesised_acronyms(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
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


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a span a repaired neighbour absorbed ("Han" once "Park Yong" became "Park Yong Han")."""
    kept: list[Candidate] = []
    for c in candidates:
        if kept and c.first < kept[-1].last:
            continue
        kept.append(c)
    return kept


def free_capitalised(doc: Doc) -> list[int]:
    """Indices of capitalised or upper-case words outside every spaCy entity.

    Read from the doc's arrays: looping over Token objects costs more than the linking itself.
    """
    if len(doc) == 0:
        return []
    table = doc.to_array([ENT_IOB, IS_TITLE, IS_UPPER, IS_ALPHA])
    outside = (table[:, 0] != 1) & (table[:, 0] != 3)  # 1 = inside, 3 = begins an entity
    cased = (table[:, 1] == 1) | (table[:, 2] == 1)
    return numpy.flatnonzero(outside & cased & (table[:, 3] == 1)).tolist()


def _clean(ent: Span, lexicon: Lexicon) -> Candidate | None:
    first, last, inner_title = _trim(ent, lexicon)
    doc = ent.doc
    if first >= last or not _looks_like_a_name(doc, first, last, lexicon):
        return None
    span = doc[first:last]
    person = ent.label_ == "PERSON"
    return Candidate(
        first=first,
        last=last,
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        label=ent.label_,
        hint_id=ent.ent_id_ or None,
        title=inner_title or title_before(doc, first, lexicon),
        role=role_near(doc, first, last, lexicon, inner_title) if person else None,
    )


def _trim(ent: Span, lexicon: Lexicon) -> tuple[int, int, str | None]:
    """Token bounds of the name inside a spaCy span, and a title found inside it."""
    doc, first, last = ent.doc, ent.start, ent.end
    first = _skip_stance_prefix(doc, first, last, lexicon)
    while first < last and doc[first].text in lexicon.leading_words:
        first += 1
    while last > first and (
        doc[last - 1].text in _POSSESSIVES or doc[last - 1].is_punct or doc[last - 1].is_space
    ):
        last -= 1
    if ent.label_ == "PERSON" or not _institution_words(doc, first + 1, last, lexicon):
        first, inner_title = _strip_leading_title(doc, first, last, lexicon)
        last = _strip_trailing_title(doc, first, last, lexicon)
    else:
        # "General Administration of Customs", "Office of the Prosecutor General": the title
        # words belong to the institution's name
        inner_title = None
    last = _strip_title_start(doc, first, last, lexicon)
    if ent.label_ == "PERSON" and first < last:
        last = _extend_hyphenated_name(doc, last)
        last = _complete_korean_name(doc, first, last, lexicon)
    return first, last, inner_title


# Labels spaCy gives names it mistakes for things: "Kursk" (the region) is a submarine to it.
_THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART"})


def _known_names_mislabelled(doc: Doc, knowledge: Knowledge, lexicon: Lexicon) -> list[Candidate]:
    """Spans spaCy labelled as things whose whole text the knowledge files know as a name."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in _THING_LABELS:
            continue
        ids = knowledge.lookup(ent.text)
        if len(ids) == 1:
            label = knowledge.ruler_label(ids[0])
            renamed = Span(doc, ent.start, ent.end, label=label, span_id=ids[0])
            if c := _clean(renamed, lexicon):
                found.append(c)
    return found


_DASHES = re.compile(r"\s*[-–—]\s*")
_PLACE_TYPES = ("country:", "place:", "group:")


def _known_parts(c: Candidate, doc: Doc, knowledge: Knowledge) -> list[Candidate]:
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


def _state_and_body(c: Candidate, doc: Doc, knowledge: Knowledge) -> list[Candidate]:
    """ "South Korean National Intelligence Service" as one name nobody knows: the state and
    its known body ("South Korean" + "National Intelligence Service"), each linked on its own
    as when the press writes "South Korea's National Intelligence Service"."""
    if c.label not in ("ORG", "FAC", "GPE") or c.hint_id or knowledge.lookup(c.text):
        return [c]
    for size in (1, 2, 3):
        head_end = c.first + size
        body_start = head_end + (
            1 if head_end < c.last and doc[head_end].text in _POSSESSIVES else 0
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


def _country_before_title(
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


def _shared_head_names(doc: Doc, knowledge: Knowledge) -> list[Candidate]:
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


def _looks_like_a_name(doc: Doc, first: int, last: int, lexicon: Lexicon) -> bool:
    text = doc[first:last].text
    if not any(ch.isalpha() for ch in text):
        return False
    if text == text.lower() and text != text.upper():
        return False  # "west coast": names are capitalised (scripts without case pass)
    if doc[first].is_lower and first + 1 < last and doc[first + 1].text == "-":
        return False  # "inter-Korean": an adjective, not a name
    if doc[last - 1].text in lexicon.event_heads:
        return False  # "the Great Fatherland Liberation War": an event
    if _ends_a_title(doc, first, last, lexicon):
        return False  # "State" in "Secretary of State Antony Blinken"
    # the "anti" of "anti-US", when the ruler already took "US"
    return not (last - first == 1 and doc[first].lower_ in lexicon.stance_prefixes)


def _ends_a_title(doc: Doc, first: int, last: int, lexicon: Lexicon) -> bool:
    """The words before the span and the span make one title of the lexicon."""
    for size in (2, 3):
        start = first - size
        if start >= 0 and " ".join(t.lower_ for t in doc[start:last]) in lexicon.titles:
            return True
    return False


def _skip_stance_prefix(doc: Doc, first: int, last: int, lexicon: Lexicon) -> int:
    """'anti-US' names the United States: drop 'anti' and the hyphen."""
    if (
        last - first >= 3
        and doc[first].lower_ in lexicon.stance_prefixes
        and doc[first + 1].text == "-"
    ):
        return first + 2
    return first


_CONNECTORS = frozenset({"of", "for", "and", "on"})


def _institution_words(doc: Doc, first: int, last: int, lexicon: Lexicon) -> bool:
    """Tokens [first, last) read as an institution's name, not a person's: a lower-case
    connector ("Administration of Customs") or an organisation's head word ("Staff Office")."""
    return any(t.text in _CONNECTORS or t.text in lexicon.org_heads for t in doc[first:last])


def _strip_leading_title(
    doc: Doc, first: int, last: int, lexicon: Lexicon
) -> tuple[int, str | None]:
    """'Chair Chung Euisun' -> 'Chung Euisun', title 'chair'. Keeps at least one word."""
    words = [t.lower_ for t in doc[first : last - 1]]
    title = longest_title(words, lexicon.titles, at_start=True)
    return (first + len(title.split()), title) if title else (first, None)


def _strip_trailing_title(doc: Doc, first: int, last: int, lexicon: Lexicon) -> int:
    """'LG Chair' -> 'LG', 'Samsung Electronics Executive' -> 'Samsung Electronics'."""
    if last - first >= 2 and doc[last - 1].is_title and doc[last - 1].lower_ in lexicon.titles:
        return last - 1
    return last


def _strip_title_start(doc: Doc, first: int, last: int, lexicon: Lexicon) -> int:
    """'Defense' in 'Defense Minister Andrei Belousov' starts a title, not an organisation."""
    if last < len(doc) and f"{doc[last - 1].lower_} {doc[last].lower_}" in lexicon.titles:
        return last - 1
    return last


def _extend_hyphenated_name(doc: Doc, last: int) -> int:
    """'Yoon Suk' + '-yeol' -> 'Yoon Suk-yeol': spaCy cuts names at a hyphen."""
    if (
        last + 1 < len(doc)
        and doc[last].text == "-"
        and not doc[last - 1].whitespace_
        and not doc[last].whitespace_
        and doc[last + 1].is_alpha
        and not doc[last + 1].ent_type_
    ):
        return last + 2
    return last


def _complete_korean_name(doc: Doc, first: int, last: int, lexicon: Lexicon) -> int:
    """'Park Yong' + 'Han' -> 'Park Yong Han': spaCy drops the last syllable of some names.

    Only a two-word span starting with a Korean surname, followed by one short capitalised
    word that is not followed by another capitalised word and is no entity of its own, or a
    one-word one spaCy split off ("Han" tagged NORP).
    """
    if last - first != 2 or doc[first].text not in lexicon.korean_surnames or last >= len(doc):
        return last
    following = doc[last]
    after = doc[last + 1] if last + 1 < len(doc) else None
    if (
        following.is_title
        and following.is_alpha
        and len(following) <= 5
        and (not following.ent_type_ or _lone_entity_word(doc, last))
        and doc[last - 1].whitespace_
        and (after is None or not after.is_title)
    ):
        return last + 1
    return last


def _lone_entity_word(doc: Doc, i: int) -> bool:
    return doc[i].ent_iob_ == "B" and (i + 1 >= len(doc) or doc[i + 1].ent_iob_ != "I")


def title_before(doc: Doc, first: int, lexicon: Lexicon) -> str | None:
    """The title written right before token `first` ("President" in "President Lee"), lower case."""
    before = [t.lower_ for t in doc[max(0, first - 4) : first]]
    return longest_title(before, lexicon.titles, at_start=False)


def _contextual_aliases(doc: Doc, knowledge: Knowledge, free: list[int]) -> list[Candidate]:
    """'the North' / 'the South' where spaCy tagged nothing.

    Only a capitalised word after 'the' and not followed by another capitalised word, so that
    'the North Korean military' stays with spaCy's 'North Korean'.
    """
    found = []
    for i in free:
        token = doc[i]
        if i == 0 or not (token.is_title and doc[i - 1].lower_ == "the"):
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and (following.is_title or following.text == "-"):
            continue
        if knowledge.lookup_after_mention(token.text):
            found.append(
                Candidate(
                    first=token.i,
                    last=token.i + 1,
                    text=token.text,
                    start=token.idx,
                    end=token.idx + len(token.text),
                    label="GPE",
                    hint_id=None,
                    title=None,
                    contextual=True,
                )
            )
    return found


def _known_place_gaps(doc: Doc, knowledge: Knowledge, free: list[int]) -> list[Candidate]:
    """One-word country, capital and demonym names spaCy left untagged.

    They are kept out of the entity ruler (see `Knowledge.ruler_patterns`), so NER misses such
    as "Pyongyang" in "Moscow-Pyongyang ties" are filled here, outside every spaCy entity.
    """
    found = []
    for i in free:
        token = doc[i]
        if _after_word_prefix(doc, i):
            continue  # "inter-Korean" is no mention of a people
        label = knowledge.single_word_place_label(token.text)
        if label:
            found.append(
                Candidate(
                    token.i,
                    token.i + 1,
                    token.text,
                    token.idx,
                    token.idx + len(token.text),
                    label,
                    None,
                    None,
                )
            )
    return found


# A news site named by its address: "News.az", "Gazeta.Ru", "Censor.net", "Yonhap.co.kr".
_SITE_NAME = re.compile(
    r"(?<![\w./@-])[A-Z][\w-]*(?:\.[A-Za-z][\w-]*)*"
    r"\.(?i:com|net|org|info|news|ru|ua|az|kr|jp|cn|uk|de|fr|io)(?![\w/-])(?!\.\w)"
)


def _site_names(doc: Doc, knowledge: Knowledge) -> list[Candidate]:
    """Capitalised site addresses outside every spaCy entity: organisations."""
    found = []
    for match in _SITE_NAME.finditer(doc.text):
        span = doc.char_span(match.start(), match.end())
        if span is None or any(t.ent_iob_ != "O" for t in span):
            continue
        ids = knowledge.lookup(span.text)
        found.append(
            Candidate(
                span.start,
                span.end,
                span.text,
                span.start_char,
                span.end_char,
                "ORG",
                ids[0] if ids else None,
                None,
            )
        )
    return found


def _after_word_prefix(doc: Doc, i: int) -> bool:
    """Glued to a lower-case word by a hyphen: "inter-Korean", "pan-Asian"."""
    return (
        i >= 2
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].is_lower
    )


def is_short_form(candidate: Candidate) -> bool:
    """One word naming a person: a surname to resolve against full names in the same text."""
    return candidate.label == "PERSON" and candidate.last - candidate.first == 1


def is_acronym(candidate: Candidate) -> bool:
    text = candidate.text.replace(".", "")
    return 2 <= len(text) <= 7 and text.isupper() and text.isalpha()


def initials(name: str) -> str:
    """'Korea Institute for Defense Analyses' -> 'KIDA' (capitalised words only)."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)
