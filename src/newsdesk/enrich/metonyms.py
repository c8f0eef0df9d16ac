"""Is this capital the city, or the state acting through it?

"Seoul must ...", "Moscow has been advancing its ties", "Pyongyang-Moscow ties" are the states;
"in southern Seoul", "schools in Pyongyang" are the cities. News about states uses the capital
for the state far more often than for the city, so the state is the default and only clear place
cues (a locative preposition, a place noun, "the mayor of") make it the city. The cue words live
in `data/knowledge/lexicon/en.toml`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsdesk.enrich.lexicon import Lexicon

_POSSESSIVES = frozenset({"'s", "’s"})


def names_the_place(doc: Doc, first: int, last: int, lexicon: Lexicon, depth: int = 0) -> bool:
    """True when tokens [first, last) name the city or building, False when the state acts."""
    if _is_dateline(doc, first, last):
        return True  # "SEOUL, May 8 (Yonhap) --"
    if _in_compound_pair(doc, first, last):
        return False  # "Pyongyang-Moscow ties": two states
    if _place_noun_follows(doc, last, lexicon):
        return True
    if (
        depth < 2
        and first >= 2
        and doc[first - 1].lower_ in ("and", "or")
        and doc[first - 2].is_title
    ):
        # "concern in Seoul and Washington": the second name is read like the first
        return names_the_place(doc, first - 2, first - 1, lexicon, depth + 1)
    return _place_cue_before(doc, first, lexicon)


def _is_dateline(doc: Doc, first: int, last: int) -> bool:
    """An all-capitals city opening a paragraph, followed by a comma."""
    opens = first == 0 or (doc[first - 1].is_space and "\n" in doc[first - 1].text)
    upper = all(t.is_upper for t in doc[first:last] if t.is_alpha)
    return opens and upper and last < len(doc) and doc[last].text == ","


def _in_compound_pair(doc: Doc, first: int, last: int) -> bool:
    after = last + 1 < len(doc) and doc[last].text in "-–" and doc[last + 1].is_title
    before = first >= 2 and doc[first - 1].text in "-–" and doc[first - 2].is_title
    attached = (after and not doc[last - 1].whitespace_) or (
        before and not doc[first - 1].whitespace_
    )
    return attached


def _place_noun_follows(doc: Doc, last: int, lexicon: Lexicon) -> bool:
    """ "Seoul residents", "Pyongyang's streets", "Seoul-based"."""
    i = last
    if i < len(doc) and doc[i].text in _POSSESSIVES:
        i += 1
    if i < len(doc) and doc[i].text == "-" and i + 1 < len(doc):
        return "-" + doc[i + 1].lower_ in lexicon.place_nouns_after
    return i < len(doc) and doc[i].lower_ in lexicon.place_nouns_after


def _place_cue_before(doc: Doc, first: int, lexicon: Lexicon) -> bool:
    """ "in southern Seoul", "the capital Pyongyang", "a trip to Moscow", "the mayor of Seoul"."""
    i = first - 1
    skipped = []
    while i >= 0 and (doc[i].lower_ in lexicon.area_words or doc[i].text == ","):
        skipped.append(doc[i].lower_)
        i -= 1
    if "capital" in skipped or "city" in skipped:
        return True
    if i < 0:
        return False
    word = doc[i].lower_
    if word in lexicon.locative_prepositions or (word in lexicon.movement_words and not skipped):
        return True
    if word in ("to", "from", "toward", "towards"):
        return _previous_word(doc, i) in lexicon.movement_words
    if word == "of":
        return _previous_word(doc, i) in lexicon.place_nouns_before_of
    return False


def _previous_word(doc: Doc, i: int) -> str:
    """The word before token i, skipping one adjective-like filler ("trip" in "recent trip to")."""
    return doc[i - 1].lower_ if i >= 1 else ""
