"""The English number patterns of `figures.py`, built once from the lexicon
(`data/knowledge/lexicon/en.toml`, table `[figures]`): digits with their qualifier, currency,
range, scale and unit ("about $2.3 billion", "1,000-2,000 troops", "60-trillion-won"), and
spelled numbers ("two to three months", "forty-two", "a dozen", "eight-thousand"); vague
plurals ("thousands", "hundreds of millions", "billions": lower bounds); the cue words that make
a figure a change ("rose 5 percent")."""

from __future__ import annotations

import re
from functools import cache

from newsdesk.enrich.lexicon import Lexicon, load_lexicon

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# "five consecutive days": words that may stand between a number and its unit
SERIAL = r"(?:(?i:consecutive|straight|successive|more|additional|further)\s+)?"


class Patterns:
    def __init__(self, lexicon: Lexicon) -> None:
        f = lexicon.figures
        self.lexicon = lexicon
        self.scales = {k.lower(): float(v) for k, v in f["scales"].items()}
        self.currency_prefixes = f["currency_prefixes"]
        self.currency_words = {k.lower(): v for k, v in f["currency_words"].items()}
        self.units = {k.lower(): v for k, v in f["units"].items()}
        self.qualifiers = {k.lower(): v for k, v in f["qualifiers"].items()}
        self.increase = _cue_pattern(f["increase_words"])
        self.decrease = _cue_pattern(f["decrease_words"])
        self.increase_after = frozenset(f["increase_after"])
        self.decrease_after = frozenset(f["decrease_after"])
        self.name_words = frozenset(w.lower() for w in f["name_words"])
        self.months = frozenset(w.lower() for w in f["months"])
        self.scaled_only = {k.lower(): float(v) for k, v in f["scaled_only_words"].items()}
        self.number_words = {k.lower(): float(v) for k, v in f["number_words"].items()}
        self.number_words.update(_hyphen_compounds(f["hyphen_tens"], self.number_words))
        self.number_words.update(self.scaled_only)
        # "two hundred", "over two-hundred": a number word of a hundred or more also scales the
        # number word before it, as "thousand" does
        self.scales.update({k: v for k, v in self.number_words.items() if v >= 100})
        self.not_durations = _cue_after_pattern(f["not_durations"])
        self.vague = {k.lower(): float(v) for k, v in f["vague_counts"].items()}
        self.vague = {**_vague_compounds(self.scales, self.vague), **self.vague}
        self.reference = frozenset(w.lower() for w in f["reference_determiners"])
        self.digits = re.compile(self._digit_pattern(), re.VERBOSE)
        self.words = re.compile(self._word_pattern(), re.VERBOSE)
        # A cheap first look: most sentences hold no number word at all.
        self.word_hint = re.compile(
            rf"(?i)\b(?:{alternatives([*self.number_words, *self.vague])})\b"
        )

    def _digit_pattern(self) -> str:
        word_scales = alternatives(k for k in self.scales if len(k) > 2 or k in ("mn", "bn", "tn"))
        attached = alternatives(k for k in self.scales if len(k) <= 2)
        units = alternatives([*self.units, *self.currency_words])
        cur = alternatives(self.currency_prefixes)
        return rf"""
            (?<![\w\-/.,:$€£¥₩])
            (?P<start>(?<=(?i:from)\s))?
            (?:(?P<between>(?i:between))\s+)?
            (?:(?P<qual>(?i:{alternatives(self.qualifiers)}))\s+)?
            (?:(?P<cur>{cur})\s?)?
            (?P<minus>[-−](?=[\d.,]+\s?(?:%|percent\b|per\scent\b)))?
            (?P<num>{NUMBER})(?:(?P<ascale>{attached})(?![A-Za-z]))?
            (?:\s+(?P<scale1>(?i:{word_scales}))(?=\s*(?:-|–|and|to)\s*(?:{cur})?\s?\d))?
            (?:\s*(?:-|–|(?(between)and|(?(start)(?!)|{_NOT_AFTER_YEAR}to)))\s*(?:{cur})?\s?
               (?P<num2>{NUMBER})(?:(?P<ascale2>{attached})(?![A-Za-z]))?)?
            (?:(?:\s+|-)(?P<scale>(?i:{word_scales}))\b)?
            (?:(?:\s*|-){SERIAL}(?P<unit>(?i:{units}))(?![A-Za-z]))?
        """

    def _word_pattern(self) -> str:
        scales = alternatives(k for k in self.scales if len(k) > 2)
        # "eight-thousand", "two-hundred": a scale hyphened to the word (not "two-hundred-year")
        hyphened = rf"-(?=(?i:{scales})\b(?!-))"
        return rf"""
            (?<![\w\-])
            (?:(?P<qual>(?i:{alternatives(self.qualifiers)}))\s+)?
            (?:(?P<vague>(?i:{alternatives(self.vague)}))(?=\s+of\b)
              |(?P<word>(?i:{alternatives(self.number_words)}))
               (?:-(?P<hunit>(?i:{alternatives(self.units)}))(?![\w-])
                 |(?={hyphened}|\b(?!-))
                  (?:\s+(?:to|or|–)\s+(?P<word2>(?i:{alternatives(self.number_words)}))\b(?!-))?
                  (?:(?:\s+|{hyphened})(?P<scale>(?i:{scales}))\b)?
                  (?:\s+{SERIAL}(?P<unit>(?i:{alternatives([*self.units, *self.currency_words])}))
                   (?![A-Za-z]))?))
        """


def _hyphen_compounds(tens: list[str], words: dict[str, float]) -> dict[str, float]:
    """ "twenty-five", "ninety-nine": every ten joined to every unit (one to nine)."""
    units = {w: v for w, v in {**words, "one": 1.0}.items() if 1 <= v <= 9}
    return {f"{t}-{u}": words[t] + v for t in tens for u, v in units.items()}


def _vague_compounds(scales: dict[str, float], vague: dict[str, float]) -> dict[str, float]:
    """ "billions", "hundreds of millions", "tens of billions": a scale in the plural, alone or
    after "tens of" / "hundreds of", is a vague count valued as the lexicon values its own
    ("thousands" 2,000, "tens of thousands" 20,000, "hundreds of thousands" 200,000): a lower
    bound of two of that scale."""
    plurals = {f"{k}s": 2 * v for k, v in scales.items() if len(k) > 2 and v >= 1e3}
    compounds = dict(plurals)
    for plural, value in plurals.items():
        compounds[f"tens of {plural}"] = 10 * value
        compounds[f"hundreds of {plural}"] = 100 * value
    return {k: v for k, v in compounds.items() if k not in vague}


# "from 282 in 2023 to 303": "to" after a year starts the next count, it joins no range
_NOT_AFTER_YEAR = r"(?<!(?:1[89]|20)\d\d\s)"


def alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cue_after_pattern(words: list[str]) -> re.Pattern[str]:
    """Matches when the text after a figure starts with one of the words."""
    return re.compile(rf"^[\s-]*(?:{alternatives(words)})\b", re.IGNORECASE)


def _cue_pattern(words: list[str]) -> re.Pattern[str]:
    """Matches when the text before a figure ends with one of the cue words."""
    return re.compile(rf"\b(?:{alternatives(words)})\s*$", re.IGNORECASE)


@cache
def patterns() -> Patterns:
    return Patterns(load_lexicon())
