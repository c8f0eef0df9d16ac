"""How one language writes numbers: its `[numbers]` table (`data/knowledge/lexicon/<code>.toml`),
compiled, with the small readers every part of `numbers.py` shares."""

from __future__ import annotations

import re
from functools import cache

from newsdesk.enrich.ledger_rules import LedgerRules, ledger_rules


class NumberRules:
    """One language's `[numbers]` table, compiled."""

    def __init__(self, rules: LedgerRules) -> None:
        n = rules.numbers
        self.bounded = rules.word_boundaries
        self.decimal = n.get("decimal", ",")
        self.words = {k.lower(): float(v) for k, v in n.get("number_words", {}).items()}
        self.scales = {k.lower(): float(v) for k, v in n.get("scales", {}).items()}
        self.alone = {k.lower(): float(v) for k, v in n.get("standalone_scales", {}).items()}
        # vague plurals ("miles de", "Tausende"): a scale alone that is a lower bound
        self.vague = {k.lower(): float(v) for k, v in n.get("vague_counts", {}).items()}
        self.alone.update(self.vague)
        # how many words a vague plural's noun may end after it: past two, "des centaines
        # d'usines de munitions" counts factories, not munitions; where adjectives stand
        # before the noun that ends its phrase ("हजारों उत्तर कोरियाई सैनिक") a language says more
        self.vague_gap = int(n.get("vague_gap", 2))
        # shares of a whole, as percentages ("la mitad", "zwei Drittel")
        self.shares = {k.lower(): float(v) for k, v in n.get("shares", {}).items()}
        lead, tail = (r"(?<!\w)", r"(?!\w)") if self.bounded else ("", "")
        self.shares_pattern = re.compile(
            rf"{lead}(?:{alternation(self.shares)}){tail}" if self.shares else "(?!)"
        )
        # a span of time written as one word ("이틀": two days, "한 달": a month): value, unit
        # one unit of time after an article ("una hora", "d'un mois"): a figure only with a
        # qualifier before it ("casi una hora"), as English reads "almost an hour"; alone it is
        # mostly a reference ("hace un año", "un mois plus tard")
        qualified = {k.lower(): v for k, v in n.get("qualified_span_words", {}).items()}
        self.qualified_spans = frozenset(qualified)
        self.span_words = {
            k.lower(): (float(v.split()[0]), v.split()[1])
            for k, v in {**n.get("span_words", {}), **qualified}.items()
        }
        self.span_pattern = re.compile(
            rf"{lead}(?:{alternation(self.span_words)}){tail}" if self.span_words else "(?!)"
        )
        self.myriads = {k: float(v) for k, v in n.get("myriads", {}).items()}
        # one myriad may be written with two ("萬億": 10^12), read before its single characters
        self._myriad_units = re.compile(f"{alternation(self.myriads)}|." if self.myriads else ".")
        self.before = {k.lower(): v for k, v in n.get("qualifiers_before", {}).items()}
        self.after = {k.lower(): v for k, v in n.get("qualifiers_after", {}).items()}
        self.units = {k.lower(): v for k, v in n.get("units", {}).items()}
        self.unit_nouns = {k.lower(): v for k, v in n.get("unit_nouns", {}).items()}
        self.currencies = {k.lower(): v for k, v in n.get("currencies", {}).items()}
        self.joiners = [j.lower() for j in n.get("range_joiners", [])]
        # "20만 발에서 100만 발": joiners of a range only after a counter, and the words after
        # its high end that make it a change from one number to the other ("...으로")
        self.counter_joiners = [j.lower() for j in n.get("counter_range_joiners", [])]
        self.change_ends = [w.lower() for w in n.get("change_ends", [])]
        self.months = tuple(rules.months)
        self.name_words = frozenset(w.lower() for w in n.get("name_words", []))
        self.skip_after = tuple(n.get("skip_after", []))
        self.unit_gap = int(n.get("unit_gap", 2))
        # "entre 10.000 y 12.000": a word before a number that opens a range, with its joiners
        self.between = {
            k.lower(): [j.lower() for j in v] for k, v in n.get("range_between", {}).items()
        }
        self.elisions = tuple(n.get("elisions", []))  # "six millions d'obus": "d'" is "de"
        self.rate_words = frozenset(w.lower() for w in n.get("rate_words", []))  # "10.000 par jour"
        # particles between a counted noun and a number after it ("北朝鮮兵は2000人")
        self.noun_particles = tuple(n.get("noun_particles", []))
        # "2시 50분": a minutes word after a number whose number before it took an hour word
        self.clock = re.compile(_clock_pattern(n.get("clock_minutes", {})))
        # counters that say only "people": a noun before the number may say more
        self.generic_units = frozenset(n.get("generic_units", []))
        # Korean writes a native number as a word of its own ("두 시간"), never glued ("열고")
        self.apart = bool(n.get("spelled_apart", False))
        self.clock_before = tuple(w.lower() for w in n.get("clock_before", []))  # "a las" 3
        self.clock_after = frozenset(w.lower() for w in n.get("clock_after", []))  # 3 "Uhr"
        self.ordinal_before = tuple(n.get("ordinal_before", []))  # "第"1回
        self.weekdays = frozenset(w.lower() for w in n.get("weekdays", []))  # "martes" 23
        # verbs of change after which "до" is where a number went, not "up to" it
        self.change_verbs = tuple(w.lower() for w in n.get("change_verbs", []))
        # "152 mm", "152-миллиметровых", "152ミリ": a calibre, which names a kind of gun or shell
        self.calibres = (*_CALIBRES, *(w.lower() for w in n.get("calibre_words", [])))
        # "6 bin 700" (6,700), "1 milyon 200 bin": a smaller number added after a scale word
        self.scale_addends = bool(n.get("scale_addends", False))
        # "528. Pułku": a number with a dot, a word after it, is an ordinal
        self.ordinal_dot = bool(n.get("ordinal_dot", False))
        # "dois dias atrás", "vor zwei Tagen": a span of time that dates an event, not a length
        self.ago_before = tuple(w.lower() for w in n.get("ago_before", []))
        # "yüzde 30", "%30": a unit written before the number
        self.units_before = {k.lower(): v for k, v in n.get("units_before", {}).items()}
        self.ago_after = tuple(w.lower() for w in n.get("ago_after", []))
        self.myriad_not_before = tuple(n.get("myriad_not_before", []))
        self.number = re.compile(self._number_pattern(n.get("group_separators", [])))

    def _number_pattern(self, separators: list[str]) -> str:
        sep = "|".join(re.escape(s) for s in separators) or "(?!)"
        dec = re.escape(self.decimal)
        digits = rf"\d{{1,3}}(?:(?:{sep})\d{{3}})+(?:{dec}\d+)?|\d+(?:{dec}\d+)?"
        if self.decimal == "," and "." in separators:
            # "3.5 millones": a point before one or two digits is a decimal point, as much of
            # Latin America writes it (a thousands group always has three)
            digits = rf"\d+\.\d{{1,2}}(?![\d.])|{digits}"
        parts = []
        if self.myriads:
            # "千米" is a kilometre, "千克" a kilogram: a unit, not a thousand of something
            units = self.myriad_not_before
            myr = rf"[{''.join(re.escape(m) for m in self.myriads)}]" + (
                rf"(?!{alternation(units)})" if units else ""
            )
            # "1만5,000", "1만 5천", "5천만", "3억5천만": groups of digits and myriads
            parts.append(rf"(?:{digits})\s?{myr}(?:\s?(?:{digits})?\s?{myr})*(?:\s?(?:{digits}))?")
        parts.append(digits)
        boundary = (
            r"(?<![\w\-/:])(?<!\d[.,])(?<![\d\W]\.)" if self.bounded else r"(?<![\d.:])(?<!\d,)"
        )
        number = "|".join(parts)
        words = alternation([*self.words, *self.alone])
        if words:
            lead = r"(?<!\w)" if self.bounded else r"(?<!\S)" if self.apart else ""
            tail = r"(?!\w)" if self.bounded else r"(?=\s)" if self.apart else ""
            return rf"{boundary}(?P<num>{number})|{lead}(?P<word>{words}){tail}"
        return rf"{boundary}(?P<num>{number})"

    def to_value(self, digits: str) -> float:
        """ "10.000" -> 10000, "4,7" -> 4.7, "1万1000" -> 11000."""
        if self.myriads and any(m in digits for m in self.myriads):
            return self._myriad_value(digits)
        return self._plain_value(digits)

    def _plain_value(self, digits: str) -> float:
        whole, fraction = digits.strip(), ""
        point = re.fullmatch(r"(\d+)\.(\d{1,2})", whole)
        if point and self.decimal == ",":
            return float(f"{point.group(1)}.{point.group(2)}")
        if self.decimal in whole:
            whole, fraction = whole.rsplit(self.decimal, 1)
            if len(fraction) == 3 and self.decimal == ",":
                # "6,000" where the decimal mark is a comma: a thousands group as much of Latin
                # America writes it (a decimal would not carry three places in news)
                whole, fraction = whole + fraction, ""
        whole = re.sub(r"\D", "", whole) or "0"
        return float(f"{whole}.{fraction}" if fraction.isdigit() else whole)

    def _myriad_value(self, text: str) -> float:
        """ "1만5,000" -> 15000, "4천700" -> 4700, "5천만" -> 5e7: hundreds and thousands add
        up within a group that a myriad (万, 億) then multiplies."""
        total, group, current = 0.0, 0.0, ""
        for ch in re.findall(self._myriad_units, text.replace(" ", "")):
            if ch not in self.myriads:
                current += ch
                continue
            number = self._plain_value(current) if current else None
            if self.myriads[ch] < 1e4:
                group += (number or 1.0) * self.myriads[ch]
            else:
                total += (group + (number or 0.0) or 1.0) * self.myriads[ch]
                group = 0.0
            current = ""
        return total + group + (self._plain_value(current) if current else 0.0)


_CALIBRES = ("mm", "㎜")  # written alike in every language


def _clock_pattern(minutes: dict[str, list[str]]) -> str:
    """Matches the text from an hour ("2시 ") through a number and its minutes word ("50분"),
    anchored at the end of the hour; nothing when the language lists none."""
    if not minutes:
        return "(?!)"
    hours = alternation(h for words in minutes.values() for h in words)
    return rf"\d\s?(?:{hours})\s*\d+\s?(?:{alternation(minutes)})"


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def number_rules(language: str) -> NumberRules | None:
    rules = ledger_rules(language)
    if rules is None or not rules.numbers:
        return None
    return NumberRules(rules)


def skip_space(lowered: str, cursor: int, end: int) -> int:
    while cursor < end and lowered[cursor] in " \u00a0\u202f":
        cursor += 1
    return cursor


def starts_with(rules: NumberRules, lowered: str, cursor: int, end: int, words) -> str | None:
    """The longest of `words` that text starting at `cursor` begins with (as a whole word
    where the language has word boundaries)."""
    for word in sorted(words, key=len, reverse=True):
        stem = word.rstrip("*")
        if not lowered.startswith(stem, cursor) or cursor + len(stem) > end:
            continue
        after = cursor + len(stem)
        if word.endswith("*") or not rules.bounded:
            return word
        if after >= len(lowered) or not lowered[after].isalnum():
            return word
    return None


def word_end(rules: NumberRules, lowered: str, cursor: int, word: str, end: int) -> int:
    after = cursor + len(word.rstrip("*"))
    if word.endswith("*") and rules.bounded:
        while after < end and (lowered[after].isalnum()):
            after += 1
    return after


def after_change(rules: NumberRules, lowered: str, at: int) -> bool:
    """ "упал в 300 раз, до 20 тонн": a change verb in the clause before `at`, so the "до"
    there says where the number went ("fell to 20 tons"), not that it is a ceiling."""
    clause = re.split(r"[.;:!?]", lowered[max(0, at - 60) : at])[-1]
    return any(re.search(rf"(?<!\w){re.escape(verb)}", clause) for verb in rules.change_verbs)
