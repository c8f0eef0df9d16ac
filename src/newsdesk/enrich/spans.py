"""Entity spans as spaCy found them, cleaned before linking.

spaCy's spans need repair before they can be linked: they start with "the", carry titles
("Chair Chung Euisun", "LG Chair"), stop at a hyphen ("Yoon Suk" for Yoon Suk-yeol), wrap stance
words ("anti-US") and miss "the North" when it stands for North Korea. `candidate_spans` returns
clean spans with the title found before each name, in text order, and for people the whole
title phrase before or after the name ("deputy foreign minister", "Kim Jong Un, a vice foreign
minister,"): the role `roles.py` compares with what the knowledge files say the person held.
It also repairs what spaCy cuts or joins (`span_repairs.py`): "Ministry of Defense of the" +
"Republic of Korea", "Prosecutor General's" + "Office of Ukraine", "U.S.-South Korea" (two
states), "South Korean National Intelligence Service" (a state and a known body), and ties
"(GAC)" to the name before.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import ENT_IOB, IS_ALPHA, IS_TITLE, IS_UPPER
from spacy.tokens import Doc, Span

from newsdesk.enrich.candidates import (
    POSSESSIVES,
    Candidate,
    initials,
    institution_words,
    is_acronym,
    is_short_form,
    same_name,
)
from newsdesk.enrich.knowledge import Knowledge
from newsdesk.enrich.lexicon import Lexicon, longest_title
from newsdesk.enrich.role_phrases import role_near
from newsdesk.enrich.span_repairs import (
    country_before_title,
    is_time_zone,
    known_parts,
    parenthesised_acronyms,
    shared_head_names,
    state_and_body,
    whole_institution_names,
)

# Re-exported: linking imports the candidates and their helpers from here.
__all__ = ["ENTITY_LABELS", "Candidate", "candidate_spans", "free_capitalised", "initials"]
__all__ += ["is_acronym", "is_short_form", "role_near", "same_name", "title_before"]
__all__ += ["token_candidate"]

# Labels that name an entity; numbers, dates, events and laws are left to other parts.
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"})


def candidate_spans(doc: Doc, knowledge: Knowledge, lexicon: Lexicon) -> list[Candidate]:
    """Clean entity spans from `doc.ents`, plus after-mention aliases spaCy did not tag."""
    found = [c for ent in doc.ents if ent.label_ in ENTITY_LABELS if (c := _clean(ent, lexicon))]
    found += _known_names_mislabelled(doc, knowledge, lexicon)
    found = [country_before_title(c, doc, knowledge, lexicon) for c in found]
    found = [part for c in found for part in known_parts(c, doc, knowledge)]
    found = [part for c in found for part in state_and_body(c, doc, knowledge)]
    free = free_capitalised(doc)
    found += _contextual_aliases(doc, knowledge, free)
    found += _known_place_gaps(doc, knowledge, free)
    # a site's address and a shared head name take the place of spaCy's pieces of them
    whole = [*_site_names(doc, knowledge), *shared_head_names(doc, knowledge)]
    found = [c for c in found if not any(c.first < s.last and s.first < c.last for s in whole)]
    found = _without_overlaps(sorted([*found, *whole], key=lambda c: (c.start, -c.end)))
    found = whole_institution_names(doc, found, knowledge, lexicon)
    return parenthesised_acronyms(doc, found)


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
    if first >= last or is_time_zone(doc, first, last):  # "(4 a.m. ET)": a time
        return None
    if not _looks_like_a_name(doc, first, last, lexicon, known=bool(ent.ent_id_)):
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
    last = _before_open_bracket(doc, first, last)
    first = _skip_stance_prefix(doc, first, last, lexicon)
    while first < last and doc[first].text in lexicon.leading_words:
        first += 1
    while last > first and (
        doc[last - 1].text in POSSESSIVES or doc[last - 1].is_punct or doc[last - 1].is_space
    ):
        last -= 1
    if ent.label_ == "PERSON" or not institution_words(doc, first + 1, last, lexicon):
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


def _looks_like_a_name(doc: Doc, first: int, last: int, lexicon: Lexicon, known: bool) -> bool:
    text = doc[first:last].text
    if not any(ch.isalpha() for ch in text):
        return False
    if text == text.lower() and text != text.upper() and not known:
        return False  # "west coast": names are capitalised, unless the ruler's (listed so)
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


def _before_open_bracket(doc: Doc, first: int, last: int) -> int:
    """ "Office of Foreign Assets Control (OFAC": a bracket the span opens but does not close
    ends the name; what follows it is the acronym `parenthesised_acronyms` ties to it."""
    for i in range(first + 1, last):
        if doc[i].text == "(" and not any(t.text == ")" for t in doc[i + 1 : last]):
            return i
    return last


def _skip_stance_prefix(doc: Doc, first: int, last: int, lexicon: Lexicon) -> int:
    """'anti-US' names the United States: drop 'anti' and the hyphen."""
    if (
        last - first >= 3
        and doc[first].lower_ in lexicon.stance_prefixes
        and doc[first + 1].text == "-"
    ):
        return first + 2
    return first


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


def token_candidate(doc: Doc, token, lexicon: Lexicon) -> Candidate:
    """One word as a person's name ("Yoon" that NER left untagged), with the title before it."""
    return Candidate(
        token.i,
        token.i + 1,
        token.text,
        token.idx,
        token.idx + len(token.text),
        "PERSON",
        None,
        title_before(doc, token.i, lexicon),
        role=role_near(doc, token.i, token.i + 1, lexicon),
    )


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
    """Capitalised site addresses: organisations, whole even where spaCy tagged a piece of one
    ("Caliber" of "Caliber.Az"), unless they stand inside a longer entity of spaCy's."""
    found = []
    for match in _SITE_NAME.finditer(doc.text):
        span = doc.char_span(match.start(), match.end())
        if span is None or span[0].ent_iob_ == "I":
            continue
        if span.end < len(doc) and doc[span.end].ent_iob_ == "I":
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
