"""Is this capital the city, or the state acting through it?

"Seoul must ...", "Moscow has been advancing its ties", "Pyongyang-Moscow ties" are the states;
"in southern Seoul", "schools in Pyongyang" are the cities. News about states uses the capital
for the state far more often than for the city, so the state is the default and only clear place
cues (a locative preposition, a place noun, "the mayor of") make it the city. The cue words live
in `data/knowledge/lexicon/en.toml`.

Text in other languages is read on its characters (`names_the_place_written`): only a locative
word before the name ("in Moskau", "в Москве", "在平壤", "抵达平壤") or a locative particle after it
("평양에서", "平壌に到着") makes it the city; a capital that acts stays the state ("Seul ha
stimato", "помощи Москве", "平壤正计划").
"""

from __future__ import annotations

import re

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


_DATELINE_MARKS = frozenset({",", "/", "(", "-", "–", "—"})


def _is_dateline(doc: Doc, first: int, last: int) -> bool:
    """A city opening a paragraph as the place of filing: in capitals and followed by a comma,
    a slash, a bracket or a dash ("SEOUL, May 8", "MOSCOW/SEOUL -", "PYONGYANG (dpa-AFX)"),
    or followed by its country and a dash ("Pyongyang, North Korea - Russian President ...")."""
    if last >= len(doc):
        return False
    opens = _opens_paragraph(doc, first) or _after_dateline_slash(doc, first)
    if not opens:
        return False
    upper = all(t.is_upper for t in doc[first:last] if t.is_alpha)
    if upper:
        return doc[last].text in _DATELINE_MARKS
    return doc[last].text == "," and _dash_after_names(doc, last + 1)


def _opens_paragraph(doc: Doc, first: int) -> bool:
    return first == 0 or (doc[first - 1].is_space and "\n" in doc[first - 1].text)


def _after_dateline_slash(doc: Doc, first: int) -> bool:
    """ "SEOUL" in "MOSCOW/SEOUL -"."""
    return (
        first >= 2
        and doc[first - 1].text == "/"
        and doc[first - 2].is_upper
        and _opens_paragraph(doc, first - 2)
    )


def _dash_after_names(doc: Doc, i: int) -> bool:
    """Capitalised words up to a dash: ", North Korea -" closing a dateline."""
    end = min(len(doc), i + 4)
    while i < end and doc[i].is_title:
        i += 1
    return i < len(doc) and doc[i].text in ("-", "–", "—")


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


# Locative words before a capital in the languages the knowledge files name places in. Only
# words that say "in" or "into/to (a place)"; "a" (es, it) is left out: it also marks the
# person helped or addressed ("ayuda a Moscú").
_LOCATIVE_WORDS_BEFORE = frozenset({"in", "im", "nach", "en", "à", "dans", "em", "nel", "в", "во"})
# Written right before the name in Chinese and Japanese: at, in, arrive at, go to, fly to.
_LOCATIVE_BEFORE_UNSPACED = (
    "在",
    "抵达",
    "抵達",
    "到达",
    "到達",
    "飞抵",
    "飛抵",
    "前往",
    "赴",
    "到",
)
# Written right after the name: Korean 에서 (in), 에 도착 (arrive in), 을/를 방문 (visit);
# Japanese で (in), に到着 (arrive in), を訪問 (visit), 入り (enter).
_LOCATIVE_AFTER = (
    "에서",
    "에 도착",
    "에도착",
    "을 방문",
    "를 방문",
    "で",
    "に到着",
    "を訪問",
    "を訪れ",
    "入り",
)
_WORD_BEFORE = re.compile(r"(\w+)\W*$")


def names_the_place_written(text: str, start: int, end: int) -> bool:
    """For text not in English: True when text[start:end] names the city (a locative word
    before it, a locative particle after it), False when the state acts through it."""
    before = text[max(0, start - 24) : start]
    if before.endswith(_LOCATIVE_BEFORE_UNSPACED):
        return True
    word = _WORD_BEFORE.search(before)
    if word and word.group(1).casefold() in _LOCATIVE_WORDS_BEFORE and before[-1:].isspace():
        return True
    return text[end : end + 6].startswith(_LOCATIVE_AFTER)
