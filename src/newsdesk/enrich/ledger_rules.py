"""The figures ledger's word lists, one file per language: `data/knowledge/lexicon/<code>.toml`.

Each file has a `[ledger]` table (what a figure measures, who claims it, the date it refers to);
files for languages other than English also have a `[numbers]` table saying how that language
writes numbers (read by `numbers.py`). Data, not code: a language is taught by adding a file.

A cue phrase is matched lower case; "_" in it stands for any one word, or none. In languages
written with spaces a phrase must stand as whole words, and a trailing "*" lets the last word
take any ending ("getötet*", "ранен*"); in Korean, Japanese and Chinese
(`word_boundaries = false`) a phrase matches anywhere.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

# Measures in the order a tie between equally near cues is broken: what happened to people
# first, then what the counted noun says.
CASUALTY_MEASURES = ("casualties", "killed", "wounded", "captured", "missing")


@dataclass(frozen=True)
class Cue:
    """One phrase of a word list, compiled."""

    phrase: str
    pattern: re.Pattern[str]
    value: str  # what the phrase means: a measure, a unit, a direction


@dataclass(frozen=True)
class LedgerRules:
    language: str
    measure_cues: tuple[Cue, ...]  # value: the measure
    unit_measures: dict[str, str]  # English unit -> measure
    troop_units: frozenset[str]  # units that count a force: `deployed` unless a cue says else
    claimant_after: tuple[Cue, ...]  # "according to X": the claimant follows
    claimant_before: tuple[Cue, ...]  # "李成权说": the speaker comes just before
    claimant_cited_before: tuple[Cue, ...]  # "KCNA zufolge", "국정원에 따르면": a cited source
    speaker_before: tuple[Cue, ...]  # "told", "briefed": the speaker only before (after: listener)
    passive_markers: frozenset[str]  # "were estimated": no speaker before a passive verb
    determiners: frozenset[str]  # "a human rights group told": a noun, not the actor before it
    claimant_either: tuple[Cue, ...]  # "the NIS said" / "said the NIS": the nearest actor
    topic_cues: tuple[Cue, ...]  # "国情院は": the sentence's first topic speaks, if no one else
    topic_verbs: tuple[Cue, ...]  # ... when the sentence reports something ("報告", "밝혔")
    subject_cues: tuple[Cue, ...]  # "서기가": a subject marker, a speaker only after a quote
    quote_ends: tuple[str, ...]  # "했다고": words that close reported speech before its speaker
    speaker_titles: tuple[str, ...]  # "대통령": a title that may carry the marker of a name
    # "우리 돈으로", "umgerechnet", "or": money told again in another currency after these
    conversion_words: tuple[str, ...]
    body_cues: tuple[Cue, ...]  # value: a kind of state body ("civil" spy agency, "central_bank")
    anaphor_cues: tuple[Cue, ...]  # "the report", "he": an earlier claimant speaks again
    pronouns: frozenset[str]  # the anaphors that point at the last person named
    body_pronouns: frozenset[str]  # "it said": the last organisation or state named
    phrase_ends: tuple[str, ...]  # words where reported content starts ("that", "как")
    topic_after: frozenset[str]  # "estimates of X": after a cue, X is the topic, not the speaker
    content_words: frozenset[str]  # "says that": what follows is the claim's, not what came before
    relative_words: frozenset[str]  # "X, which monitors Y, said": a clause about X, X speaks
    data_nouns: frozenset[str]  # "data showed": a cue that names its own (unlinked) speaker
    next_sentence_cues: tuple[Cue, ...]  # "This was announced by": about the sentence before
    carry_cues: tuple[Cue, ...]  # "reportedly": the last source named speaks on
    source_line_cues: tuple[Cue, ...]  # "со ссылкой на X": X stands behind the whole text
    not_cues: tuple[str, ...]  # "数据" (data): words that hold a cue ("据") and are none
    recipient_cues: tuple[Cue, ...]  # "to Russia": the country is where it goes, not whose
    recipient_after_cues: tuple[Cue, ...]  # "ロシアに": the same, written after the country
    as_of_cues: tuple[Cue, ...]  # "as of December": the date the figure refers to
    relative_years: tuple[Cue, ...]  # "last year": value, the years from the article's year
    as_of_ahead: frozenset[str]  # "by December": cues that may look ahead of the article's date
    year_marks: tuple[str, ...]  # "2023 年", "2024년": a year so written dates what follows it
    months: dict[str, int]  # month names (lower case, stems with "*") -> 1..12
    seasons: frozenset[str]  # "autumn 2024": a season gives the year only
    agencies: dict[str, dict[str, str]]  # kind of body -> country id -> its id
    media: frozenset[str]  # ids of news outlets: they pass claims on, others make them
    media_words: tuple[Cue, ...]  # words in a name that make it a news outlet
    word_boundaries: bool = True
    numbers: dict = field(default_factory=dict, compare=False)


def lexicon_dir() -> Path:
    return Path(str(resources.files("newsdesk") / "data" / "knowledge" / "lexicon"))


def ledger_languages() -> frozenset[str]:
    """Codes of the languages with a ledger file."""
    return frozenset(p.stem for p in lexicon_dir().glob("*.toml"))


@cache
def ledger_rules(language: str) -> LedgerRules | None:
    """The rules for `language` (an ISO 639-1 code, or a code `languages.toml` maps to one),
    None when there is no file for it."""
    language = _aliases().get(language, language)
    path = lexicon_dir() / f"{language}.toml"
    if not path.is_file():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if "ledger" not in data:
        return None
    return _build(language, data["ledger"], data.get("numbers", {}))


@cache
def _aliases() -> dict[str, str]:
    path = lexicon_dir() / "languages.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")).get("aliases", {})


def _build(language: str, ledger: dict, numbers: dict) -> LedgerRules:
    bounded = ledger.get("word_boundaries", True)
    shared = _shared(language, ledger)
    claims = ledger.get("claimant", {})

    def cues(value: str, phrases: list[str]) -> tuple[Cue, ...]:
        return compile_cues({value: phrases}, bounded)

    units = shared.get("unit_measures", {})
    return LedgerRules(
        language=language,
        measure_cues=compile_cues(ledger.get("measure_cues", {}), bounded),
        unit_measures={u.lower(): m for m, words in units.items() for u in words},
        troop_units=frozenset(w.lower() for w in shared.get("troop_units", [])),
        claimant_after=cues("after", claims.get("after", [])),
        claimant_before=cues("before", claims.get("before", [])),
        claimant_cited_before=cues("cited_before", claims.get("cited_before", [])),
        speaker_before=cues("speaker_before", claims.get("speaker_before", [])),
        passive_markers=frozenset(w.lower() for w in claims.get("passive_markers", [])),
        determiners=frozenset(w.lower() for w in claims.get("determiners", [])),
        claimant_either=cues("either", claims.get("either", [])),
        topic_cues=cues("topic", claims.get("topic", [])),
        topic_verbs=cues("topic_verb", claims.get("topic_verbs", [])),
        subject_cues=cues("subject", claims.get("subject", [])),
        quote_ends=tuple(claims.get("quote_ends", [])),
        speaker_titles=tuple(claims.get("speaker_titles", [])),
        conversion_words=tuple(numbers.get("conversion_words", ledger.get("conversion_words", []))),
        body_cues=compile_cues(claims.get("bodies", {}), bounded),
        anaphor_cues=cues(
            "anaphor",
            [
                *claims.get("anaphors", []),
                *claims.get("pronouns", []),
                *claims.get("body_pronouns", []),
            ],
        ),
        pronouns=frozenset(w.lower() for w in claims.get("pronouns", [])),
        body_pronouns=frozenset(w.lower() for w in claims.get("body_pronouns", [])),
        phrase_ends=tuple(w.lower() for w in claims.get("phrase_ends", [])),
        topic_after=frozenset(w.lower() for w in claims.get("topic_after", [])),
        content_words=frozenset(w.lower() for w in claims.get("content_words", [])),
        relative_words=frozenset(w.lower() for w in claims.get("relative_words", [])),
        carry_cues=cues("carry", claims.get("carry", [])),
        data_nouns=frozenset(w.lower() for w in claims.get("data_nouns", [])),
        next_sentence_cues=cues("next", claims.get("next_sentence", [])),
        source_line_cues=cues("source", claims.get("source_lines", [])),
        not_cues=tuple(claims.get("not_cues", [])),
        recipient_cues=cues("recipient", ledger.get("recipient_before", [])),
        recipient_after_cues=cues("recipient", ledger.get("recipient_after", [])),
        as_of_cues=cues("as_of", ledger.get("as_of_before", [])),
        relative_years=compile_cues(_by_value(ledger.get("relative_years", {})), bounded),
        as_of_ahead=frozenset(w.lower() for w in ledger.get("as_of_ahead", [])),
        year_marks=tuple(ledger.get("year_marks", [])),
        months={k.lower(): int(v) for k, v in ledger.get("months", {}).items()},
        seasons=frozenset(w.lower() for w in ledger.get("seasons", [])),
        agencies=shared.get("agencies", {}),
        media=frozenset(shared.get("media", [])),
        media_words=compile_cues({"media": shared.get("media_words", [])}, True),
        word_boundaries=bounded,
        numbers=numbers,
    )


def _by_value(table: dict[str, int]) -> dict[str, list[str]]:
    """{"last year": -1} -> {"-1": ["last year"]}: phrases grouped by what they mean."""
    grouped: dict[str, list[str]] = {}
    for phrase, value in table.items():
        grouped.setdefault(str(value), []).append(phrase)
    return grouped


_SHARED_KEYS = ("unit_measures", "troop_units", "agencies", "media", "media_words")


def _shared(language: str, ledger: dict) -> dict:
    """Tables about English units and about sources, which every language shares: they live in
    en.toml and a language file may override them."""
    if language == "en":
        return ledger
    english = tomllib.loads((lexicon_dir() / "en.toml").read_text(encoding="utf-8"))["ledger"]
    merged = {key: ledger.get(key, english.get(key)) for key in _SHARED_KEYS}
    return {key: value for key, value in merged.items() if value is not None}


def compile_cues(table: dict[str, list[str]], bounded: bool = True) -> tuple[Cue, ...]:
    """Every phrase of every list, longest first (so "killed or wounded" beats "killed")."""
    found = [
        Cue(phrase.lower(), _phrase_pattern(phrase.lower(), bounded), value)
        for value, phrases in table.items()
        for phrase in phrases
    ]
    return tuple(sorted(found, key=lambda c: len(c.phrase), reverse=True))


def _phrase_pattern(phrase: str, bounded: bool) -> re.Pattern[str]:
    """A "_" word stands for any one word or none ("révélé _ par": "révélé dimanche par")."""
    open_end = phrase.endswith("*")
    words = [
        r"(?:\w+\s+)?" if w == "_" else re.escape(w) + r"\s+" for w in phrase.rstrip("*").split()
    ]
    body = (
        "".join(words)[: -len(r"\s+")]
        if words and not words[-1].startswith("(?:")
        else "".join(words)
    )
    if not bounded:
        return re.compile(body)
    tail = r"\w*" if open_end else r"(?!\w)"
    return re.compile(rf"(?<!\w){body}{tail}")


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    cue: Cue


def find_cues(
    text: str, cues: tuple[Cue, ...], start: int = 0, end: int | None = None
) -> list[CueHit]:
    """Non-overlapping matches of `cues` in text[start:end] (lower-cased), as offsets into
    `text`; where several start at one place, the longest phrase."""
    if not cues:
        return []
    pattern = _combined(cues)
    end = len(text) if end is None else end
    return [
        CueHit(m.start(), m.end(), cues[m.lastindex - 1])
        for m in pattern.finditer(_lower(text), start, end)
        if m.end() > m.start()
    ]


_COMBINED: dict[int, tuple[tuple[Cue, ...], re.Pattern[str]]] = {}
_WORD_START = r"(?<!\w)"


def _combined(cues: tuple[Cue, ...]) -> re.Pattern[str]:
    """One pattern for a whole list (one pass over the text): group i is cues[i - 1]. Kept by
    the list's identity: the lists live as long as the cached rules that hold them."""
    kept = _COMBINED.get(id(cues))
    if kept is not None and kept[0] is cues:
        return kept[1]
    bodies = [cue.pattern.pattern for cue in cues]
    lead = _WORD_START if all(b.startswith(_WORD_START) for b in bodies) else ""
    alternatives = "|".join(f"({b[len(lead) :]})" for b in bodies)
    pattern = re.compile(f"{lead}(?:{alternatives})")
    _COMBINED[id(cues)] = (cues, pattern)
    return pattern


@lru_cache(maxsize=8)
def _lower(text: str) -> str:
    # the same article text is searched many times in a row
    return text.lower()
