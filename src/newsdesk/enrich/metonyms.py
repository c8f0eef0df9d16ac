"""Is this capital the city, or the state acting through it?

"Seoul must ...", "Moscow has been advancing its ties", "Pyongyang-Moscow ties" are the states;
"in southern Seoul", "schools in Pyongyang" are the cities. News about states uses the capital
for the state far more often than for the city, so the state is the default and only clear place
cues (a locative preposition, a place noun, "the mayor of", a route "between" two cities) make it
the city. The cue words live in `data/knowledge/lexicon/en.toml`, and a few more in this module.

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
# Cue words beyond the lexicon's (`data/knowledge/lexicon/en.toml`, [places]), kept here while
# that file is shared with the figure rules: verbs that move people or things to a city ("were
# brought to Kyiv", "departs Pyongyang"), nouns that make a capital before them its city's
# ("a Seoul police officer", "the Pyongyang-Moscow train").
_MOVED = frozenset(
    {
        "brought",
        "taken",
        "sent",
        "transferred",
        "evacuated",
        "deported",
        "departs",
        "depart",
        "departed",
        "departing",
        "leaves",
        "left",
        "reached",
        "reach",
        "landed",
        "bound",
        "shipped",
        "delivered",
        "transported",
        "flown",
        "driven",
        "relocated",
    }
)
_CITY_NOUNS_AFTER = frozenset(
    {
        "police",
        "court",
        "prosecutors",
        "hospital",
        "university",
        "metro",
        "railway",
        "train",
        "trains",
        "route",
        "routes",
        "flight",
        "flights",
        "bridge",
        "highway",
        "line",
        "service",
        "services",
        "rail",
        "railroad",
        "ferry",
    }
)


def names_the_place(doc: Doc, first: int, last: int, lexicon: Lexicon, depth: int = 0) -> bool:
    """True when tokens [first, last) name the city or building, False when the state acts."""
    if _is_dateline(doc, first, last):
        return True  # "SEOUL, May 8 (Yonhap) --"
    if _in_compound_pair(doc, first, last):
        # "Pyongyang-Moscow ties": two states; "the Pyongyang-Moscow train": two cities
        return _city_noun_after_pair(doc, first, last)
    if _place_noun_follows(doc, last, lexicon):
        return True
    if _route_between(doc, first, lexicon):
        return True  # "one air route is serviced between Vladivostok and Pyongyang"
    if last < len(doc) and doc[last].text in _POSSESSIVES:
        # "into Pyongyang's weapons programme", "at Moscow's request": what the capital owns
        # is the state's, whatever the preposition; "in Seoul's Gangnam district" is the city's
        return _name_after_possessive(doc, last + 1, lexicon)
    if (
        depth < 2
        and first >= 2
        and doc[first - 1].lower_ in ("and", "or")
        and doc[first - 2].is_title
    ):
        # "concern in Seoul and Washington": the second name is read like the first
        return names_the_place(doc, first - 2, first - 1, lexicon, depth + 1)
    return _place_cue_before(doc, first, lexicon)


_DATELINE_MARKS = frozenset({",", "/", "(", "-", "–", "—", "--", ":"})
_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september"}
    | {"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug"}
    | {"sep", "sept", "oct", "nov", "dec"}
)


def _is_dateline(doc: Doc, first: int, last: int) -> bool:
    """A city opening a paragraph as the place of filing: in capitals and followed by a comma,
    a slash, a bracket, a colon or a dash ("SEOUL, May 8", "MOSCOW/SEOUL -", "SEOUL--",
    "PYONGYANG (dpa-AFX)"), or followed by its country and a dash ("Pyongyang, North Korea -
    Russian President ...") or by the date ("Seoul, April 30 (IANS)")."""
    if last >= len(doc):
        return False
    opens = _opens_paragraph(doc, first) or _after_dateline_slash(doc, first)
    if not opens:
        return False
    if doc[last].text == "/" or (_after_dateline_slash(doc, first) and doc[first - 2].is_title):
        return True  # "Seoul/Pyongyang." or "MOSCOW/SEOUL -": two cities of filing
    upper = all(t.is_upper for t in doc[first:last] if t.is_alpha)
    if upper:
        # "MOSCOW Russian Foreign Minister ...": a capitalised word after it opens the story
        return doc[last].text in _DATELINE_MARKS or doc[last].is_title
    if doc[last].text != ",":
        return False
    return _dash_after_names(doc, last + 1) or _date_after(doc, last + 1)


def _date_after(doc: Doc, i: int) -> bool:
    """ "April 30", "Dec. 3": a month and a day number."""
    if i + 1 >= len(doc) or doc[i].lower_.rstrip(".") not in _MONTHS:
        return False
    day = doc[i + 1] if doc[i + 1].text != "." else doc[min(i + 2, len(doc) - 1)]
    return day.is_digit


def _opens_paragraph(doc: Doc, first: int) -> bool:
    return first == 0 or (doc[first - 1].is_space and "\n" in doc[first - 1].text)


def _after_dateline_slash(doc: Doc, first: int) -> bool:
    """ "SEOUL" in "MOSCOW/SEOUL -"."""
    return (
        first >= 2
        and doc[first - 1].text == "/"
        and (doc[first - 2].is_upper or doc[first - 2].is_title)
        and _opens_paragraph(doc, first - 2)
    )


def _dash_after_names(doc: Doc, i: int) -> bool:
    """Capitalised words up to a dash: ", North Korea -" closing a dateline."""
    end = min(len(doc), i + 4)
    while i < end and doc[i].is_title:
        i += 1
    return i < len(doc) and doc[i].text in ("-", "–", "—")


def _city_noun_after_pair(doc: Doc, first: int, last: int) -> bool:
    """ "Pyongyang-Moscow train": the word after the whole pair names a thing of cities."""
    end = last
    while end + 1 < len(doc) and doc[end].text in "-–" and doc[end + 1].is_title:
        end += 2
    return end < len(doc) and doc[end].lower_ in _CITY_NOUNS_AFTER


def _route_between(doc: Doc, first: int, lexicon: Lexicon) -> bool:
    """ "between X and Y" (either name) after a word of travel within a few words: "flights
    between", "a route is serviced between"; "talks between Seoul and Washington" are states."""
    i = first - 1
    if i >= 2 and doc[i].lower_ in ("and", "or") and doc[i - 1].is_title:
        i -= 2
    if i < 0 or doc[i].lower_ != "between":
        return False
    before = {t.lower_ for t in doc[max(0, i - 4) : i]}
    return bool(before & (lexicon.movement_words | _CITY_NOUNS_AFTER))


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
    nouns = lexicon.place_nouns_after | _CITY_NOUNS_AFTER
    return i < len(doc) and doc[i].lower_ in nouns


def _name_after_possessive(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """A part of the city after the possessive, past area words: "Kyiv's center", "Seoul's
    southern Gangnam district" (a place spaCy tagged); "Seoul's National Intelligence Service"
    is the state's."""
    while i < len(doc) and doc[i].lower_ in lexicon.area_words and doc[i].lower_ != "the":
        i += 1
    if i >= len(doc):
        return False
    return doc[i].lower_ in lexicon.place_nouns_before_of or doc[i].ent_type_ in _PLACE_LABELS


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _place_cue_before(doc: Doc, first: int, lexicon: Lexicon) -> bool:
    """ "in southern Seoul", "the capital Pyongyang", "a trip to Moscow", "the mayor of Seoul"."""
    i = first - 1
    skipped = []
    # "at a White House briefing", "in a Seoul court": the article goes with the thing after
    # the name, the preposition with the place
    while i >= 0 and (doc[i].lower_ in lexicon.area_words or doc[i].lower_ in ("a", "an", ",")):
        skipped.append(doc[i].lower_)
        i -= 1
    if "capital" in skipped or "city" in skipped:
        return True
    if i < 0:
        return False
    word = doc[i].lower_
    moving = lexicon.movement_words | _MOVED
    if word in lexicon.locative_prepositions or (word in moving and not skipped):
        return True
    if word in ("to", "from", "toward", "towards", "for"):
        return _previous_word(doc, i) in moving
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
# "the capital" right before the name, a comma allowed: "die Hauptstadt Pjöngjang", "la
# capital, Seúl", "столица Пхеньян": the city, as in English ("the capital Pyongyang").
_CAPITAL_WORDS = frozenset({"hauptstadt", "capital", "capitale", "столица", "столиця", "stolica"})


def names_the_place_written(text: str, start: int, end: int) -> bool:
    """For text not in English: True when text[start:end] names the city (a locative word
    before it, a locative particle after it), False when the state acts through it."""
    before = text[max(0, start - 24) : start]
    if before.endswith(_LOCATIVE_BEFORE_UNSPACED):
        return True
    word = _WORD_BEFORE.search(before)
    if word and word.group(1).casefold() in _LOCATIVE_WORDS_BEFORE and before[-1:].isspace():
        return True
    if word and word.group(1).casefold() in _CAPITAL_WORDS and before.endswith((" ", ", ")):
        return True
    return text[end : end + 6].startswith(_LOCATIVE_AFTER)
