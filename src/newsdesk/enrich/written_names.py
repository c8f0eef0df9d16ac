"""Known names found in text as written, in any language: "Nordkoreas", "Северной Кореи", "북한군".

spaCy's English model reads other languages badly: no NER worth keeping, and a tokenizer that
leaves Korean particles on their nouns ("북한은") and whole Chinese or Japanese clauses in one
token, so the entity ruler's phrase patterns find little. This matcher reads the characters
instead, with every name, alias and demonym of the knowledge files:
- a name in a script without spaces between words (Chinese, Japanese, Thai) matches anywhere;
- in Korean it must start a word (particles may follow: "북한은", "북한군");
- in other scripts it must be a whole word, or, for a stem ending in `*` ("Nordkorea*",
  "Путин*"), a word starting with the stem (its inflections: "Nordkoreas", "Путина"); the
  vowel signs of Indic scripts (Tamil "உக்ரைனில்") are part of the word, though Python's word
  class leaves them out;
- a name written with capitals matches only so written ("NIS", "Nato", "Kursk": "Uno", an
  Italian "one", is not "UNO"); one written in lower case in any case ("nordkorea*" finds
  "Nordkorea" and "nordkoreanische"); the later words of a name of several words may start in
  lower case ("Corea del nord" for "Corea del Nord"), as some pages write them;
- a name in Latin or another spaced script may be glued to Chinese or Japanese characters
  ("ByBit被盗案"), which are written without spaces.
Where two names overlap the longer one wins ("北朝鮮" over "朝鮮").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from newsdesk.enrich.knowledge import Knowledge
from newsdesk.enrich.spans import Candidate
from newsdesk.model.enrichment import COUNTRY, GROUP, ORG, PERSON, PLACE

_LABELS = {PERSON: "PERSON", ORG: "ORG", COUNTRY: "GPE", PLACE: "GPE", GROUP: "NORP"}
# Scripts written without spaces between words: a name may sit anywhere in a run of them.
# Thai, Lao, Myanmar and Khmer are written so too.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
    r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
# Combining marks that `\w` leaves out but that belong to the word: Latin diacritics written
# apart (decomposed text) and the Indic blocks (Devanagari to Sinhala) less their full stops.
_MARKS = r"[\u0300-\u036f\u0900-\u0963\u0966-\u0dff]"
_WORD_CHAR = rf"(?:[^\W_]|{_MARKS})"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# A letter or digit of a spaced script: one that may not touch a name of such a script. The
# unspaced scripts' characters may ("ByBit被盗案", "据Chainalysis").
_SPACED_WORD_CHAR = (
    r"(?:(?![\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
    r"\u4e00-\u9fff\uf900-\ufaff])[^\W_])"
)


@dataclass(frozen=True)
class _Form:
    entity_id: str
    label: str


@dataclass(frozen=True)
class _Pattern:
    """One alternation of names, longest first; group i + 1 captures `forms[i]`."""

    regex: re.Pattern[str]
    forms: list[_Form]


@dataclass(frozen=True)
class _Matcher:
    """The names grouped by their first character, so that at each place in a text only the
    few names that can start there are tried (one alternation of all of them is ~1,000 times
    slower)."""

    cased: dict[str, _Pattern]  # names written with capitals, by first character
    uncased: dict[str, _Pattern]  # names written in lower case, by first character


def written_name_spans(
    doc: Doc, knowledge: Knowledge, candidates: list[Candidate]
) -> list[Candidate]:
    """`candidates` (from spaCy's spans) plus every known name this matcher finds in the doc's
    text, overlaps resolved in favour of the longer span, in text order."""
    matcher = _matcher(knowledge)
    found = [*candidates, *_matches(doc, matcher)]
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    for c in found:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


def _matches(doc: Doc, matcher: _Matcher) -> list[Candidate]:
    """The longest known name starting at each place, left to right, without overlaps."""
    text = doc.text
    found = []
    i = 0
    while i < len(text):
        longest = _longest_at(text, i, matcher)
        if longest is None:
            i += 1
            continue
        end, form = longest
        span = doc.char_span(i, end, alignment_mode="expand")
        if span is not None:
            found.append(
                Candidate(
                    first=span.start,
                    last=span.end,
                    text=text[i:end],
                    start=i,
                    end=end,
                    label=form.label,
                    hint_id=form.entity_id,
                    title=None,
                )
            )
        i = end
    return found


def _longest_at(text: str, i: int, matcher: _Matcher) -> tuple[int, _Form] | None:
    char = text[i]
    longest = None
    for pattern in (matcher.cased.get(char), matcher.uncased.get(char.lower())):
        match = pattern.regex.match(text, i) if pattern else None
        if match and (longest is None or match.end() > longest[0]):
            longest = (match.end(), pattern.forms[match.lastindex - 1])
    return longest


_MATCHERS: dict[str, _Matcher] = {}


def _matcher(knowledge: Knowledge) -> _Matcher:
    """One compiled matcher per knowledge set (the fingerprint names the files and their times)."""
    key = knowledge.fingerprint or str(id(knowledge))
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = _build(knowledge)
        _MATCHERS[key] = matcher
    return matcher


def _build(knowledge: Knowledge) -> _Matcher:
    claimed: set[str] = set()
    cased: dict[str, dict[str, _Form]] = {}
    uncased: dict[str, dict[str, _Form]] = {}
    for entity in knowledge.entities.values():
        for form in entity.written_forms:
            if (len(form.replace("*", "")) < 2 and not _ideograph(form)) or form in claimed:
                continue  # the first entity to claim a spelling keeps it, as in the index
            claimed.add(form)
            label = "NORP" if form in entity.demonyms else _LABELS[entity.type]
            group = cased if _has_capitals(form) else uncased
            group.setdefault(form[0], {})[form] = _Form(entity.id, label)
    return _Matcher(
        {first: _compile(forms, 0) for first, forms in cased.items()},
        {first: _compile(forms, re.IGNORECASE) for first, forms in uncased.items()},
    )


def _ideograph(form: str) -> bool:
    """One Chinese character that is a name on its own ("俄" in "俄乌战争", "駐俄"): listed one
    by one in the knowledge files, where one letter of another script never is a name."""
    return len(form) == 1 and "\u4e00" <= form <= "\u9fff"


def _compile(forms: dict[str, _Form], flags: int) -> _Pattern:
    """Longest names first, so that at one position the longest one matches."""
    ordered = sorted(forms, key=lambda f: -len(f.replace("*", "")))
    regex = re.compile("|".join(_pattern(f) for f in ordered), flags)
    return _Pattern(regex, [forms[f] for f in ordered])


def _pattern(form: str) -> str:
    """A regular expression for one form, with the boundaries its script needs and one
    capturing group (the alternation's index of the form)."""
    stem = form.replace("*", "")
    words = form.split()
    body = r"\s+".join(
        _word_pattern(word, later=n > 0 and _has_capitals(form)) for n, word in enumerate(words)
    )
    first = stem[0]
    if _UNSPACED.match(first):
        before = ""
    elif _HANGUL.match(first):
        before = r"(?<![\uac00-\ud7a3])"
    else:
        before = rf"(?<!{_SPACED_WORD_CHAR})(?<!{_MARKS})"
    spaced_end = not (_UNSPACED.match(stem[-1]) or _HANGUL.match(stem[-1]))
    after = rf"(?!{_MARKS})(?!{_SPACED_WORD_CHAR})" if spaced_end else ""
    return f"{before}({body}){after}"


def _word_pattern(word: str, later: bool = False) -> str:
    """One word of a name; a later title-case word of a cased name also in lower case."""
    stem = word.removesuffix("*")
    text = re.escape(stem)
    if later and stem[:1].isupper() and stem[1:].islower():
        text = f"[{re.escape(stem[0])}{re.escape(stem[0].lower())}]{re.escape(stem[1:])}"
    return text + rf"(?:\w|{_MARKS})*" if word.endswith("*") else text


def _has_capitals(form: str) -> bool:
    """Written with capitals: matched only as written ("NIS", "Nato", "Kursk"); a name in
    lower case ("nordkorea*", "росі*") matches in any case."""
    return any(ch.isupper() for ch in form)
