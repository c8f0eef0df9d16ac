"""Precision and recall of the enrichment stage against the hand-made gold set.

    .venv/bin/python benchmarks/enrich_quality.py [--quiet]

Reads the fixture texts in tests/enrich/fixtures/ and their annotations in tests/enrich/gold/
(see the README there), enriches every fixture, and prints:
- entity mentions: precision / recall per entity type, matched on (name text, entity id);
- distinct entities per article: precision / recall of the set of ids;
- figures: precision / recall of (text, value, unit), then the share of matched figures whose
  qualifier, change flag, range, item and subject agree with the gold;
- language: how many fixtures got the gold language;
and lists every miss and every spurious item, so a change can be judged case by case.
Development and held-out fixtures are scored apart: the rules were tuned on the first, the
second were written and annotated after tuning, so they show what to expect on new text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsdesk.enrich import Enrichment, EnrichOptions, enrich_articles
from newsdesk.enrich.knowledge import name_key
from newsdesk.model import Article, Section, Timestamp

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "enrich" / "fixtures"
GOLD = ROOT / "tests" / "enrich" / "gold"


def load_fixture(path: Path) -> Article:
    """A fixture file: `key: value` header lines, a blank line, paragraphs split by blank lines."""
    head, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    published = None
    if "published" in fields:
        stamp = datetime.fromisoformat(fields["published"])
        if stamp.tzinfo is None:  # a bare date: the day is all the source said
            published = Timestamp(
                stamp.replace(tzinfo=datetime.now().astimezone().tzinfo), None, "day"
            )
        else:
            offset = stamp.utcoffset()
            minutes = int(offset.total_seconds() // 60) if offset is not None else None
            published = Timestamp(stamp, minutes)
    return Article(
        title=fields["title"],
        sections=[Section(None, paragraphs)],
        source=fields.get("source"),
        published=published,
    )


def load_gold() -> list[tuple[str, dict, Article]]:
    cases = []
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        cases.append((gold_path.stem, gold, load_fixture(FIXTURES / gold["fixture"])))
    return cases


@dataclass
class Tally:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0

    def line(self, name: str) -> str:
        return (
            f"  {name:<22} P {self.precision:6.1%}  R {self.recall:6.1%}   "
            f"(tp {self.true_pos}, fp {self.false_pos}, fn {self.false_neg})"
        )


@dataclass
class Report:
    mentions: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    entity_sets: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    figures: Tally = field(default_factory=Tally)
    figure_fields: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    languages: list[bool] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def _type(entity_id: str | None) -> str:
    return entity_id.split(":")[0] if entity_id else "unresolved"


def score_mentions(name: str, gold: dict, got: Enrichment, report: Report) -> None:
    wanted = Counter((name_key(m[0]), m[1]) for m in gold["mentions"])
    found = Counter((name_key(m.text), m.entity_id) for m in got.mentions)
    for key in wanted | found:
        hit = min(wanted[key], found[key])
        tally = report.mentions[_type(key[1])]
        tally.true_pos += hit
        tally.false_neg += wanted[key] - hit
        tally.false_pos += found[key] - hit
        if wanted[key] > hit:
            report.misses.append(
                f"{name}: missed mention {key[0]!r} -> {key[1]} x{wanted[key] - hit}"
            )
        if found[key] > hit:
            report.misses.append(
                f"{name}: spurious mention {key[0]!r} -> {key[1]} x{found[key] - hit}"
            )
    wanted_ids = {m[1] for m in gold["mentions"] if m[1]}
    found_ids = {e.id for e in got.entities}
    for entity_id in wanted_ids | found_ids:
        tally = report.entity_sets[_type(entity_id)]
        if entity_id in wanted_ids and entity_id in found_ids:
            tally.true_pos += 1
        elif entity_id in wanted_ids:
            tally.false_neg += 1
        else:
            tally.false_pos += 1


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def score_figures(name: str, gold: dict, got: Enrichment, report: Report) -> None:
    unmatched = list(got.figures)
    for want in gold["figures"]:
        match = next((f for f in unmatched if _figure_matches(want, f)), None)
        if match is None:
            report.figures.false_neg += 1
            report.misses.append(
                f"{name}: missed figure {want['text']!r} = {want['value']} {want['unit']}"
            )
            continue
        unmatched.remove(match)
        report.figures.true_pos += 1
        _score_fields(name, want, match, report)
    for extra in unmatched:
        report.figures.false_pos += 1
        report.misses.append(
            f"{name}: spurious figure {extra.text!r} = {extra.value:g} {extra.unit}"
        )


def _figure_matches(want: dict, got) -> bool:
    overlap = want["text"].lower() in got.text.lower() or got.text.lower() in want["text"].lower()
    return overlap and _same_value(want["value"], got.value) and want["unit"] == got.unit


def _score_fields(name: str, want: dict, got, report: Report) -> None:
    checks = {
        "kind": (want.get("kind"), got.kind),
        "qualifier": (want.get("qualifier"), got.qualifier),
        "is_change": (want.get("is_change", False), got.is_change),
    }
    if "low" in want:
        checks["range"] = ((want["low"], want["high"]), (got.low, got.high))
    if "item" in want:
        checks["item"] = (want["item"].lower(), (got.item or "").lower())
    if "subject" in want:
        checks["subject"] = (want["subject"], got.subject_entity_id)
    for field_name, (expected, actual) in checks.items():
        ok = expected == actual
        report.figure_fields[field_name].append(ok)
        if not ok:
            report.misses.append(
                f"{name}: figure {want['text']!r} {field_name}: want {expected!r}, got {actual!r}"
            )


def run(options: EnrichOptions | None = None, heldout: bool | None = None) -> Report:
    """Score the fixtures; `heldout` True/False keeps only held-out / development fixtures."""
    cases = [c for c in load_gold() if heldout is None or c[1].get("heldout", False) == heldout]
    results = enrich_articles(((name, article) for name, _, article in cases), options)
    report = Report()
    for (name, gold, _), got in zip(cases, results, strict=True):
        report.languages.append(got.language.code == gold["language"])
        if got.language.code != gold["language"]:
            report.misses.append(f"{name}: language {got.language.code}, want {gold['language']}")
        score_mentions(name, gold, got, report)
        score_figures(name, gold, got, report)
    return report


def _total(tallies: dict[str, Tally], skip: tuple[str, ...] = ()) -> Tally:
    total = Tally()
    for key, t in tallies.items():
        if key not in skip:
            total.true_pos += t.true_pos
            total.false_pos += t.false_pos
            total.false_neg += t.false_neg
    return total


def print_report(report: Report, quiet: bool = False) -> None:
    print("Entity mentions (text + canonical id), by entity type")
    for kind in sorted(report.mentions):
        print(report.mentions[kind].line(kind))
    print(_total(report.mentions).line("all mentions"))
    print("Distinct entities per article, by entity type")
    for kind in sorted(report.entity_sets):
        print(report.entity_sets[kind].line(kind))
    print(_total(report.entity_sets).line("all entities"))
    print("Figures (text + value + unit)")
    print(report.figures.line("figures"))
    for field_name, oks in sorted(report.figure_fields.items()):
        print(f"  {field_name:<22} {sum(oks)}/{len(oks)} of matched figures agree")
    print(f"Language: {sum(report.languages)}/{len(report.languages)} fixtures right")
    if not quiet:
        print(f"\nMisses and spurious items ({len(report.misses)}):")
        for line in report.misses:
            print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="only the scores, not the misses")
    parser.add_argument(
        "--split",
        choices=["all", "dev", "heldout"],
        default="all",
        help="dev: fixtures the rules were tuned on; heldout: written after, "
        "never tuned on; all: both (default), reported one after the other",
    )
    args = parser.parse_args(argv)
    splits = {"dev": [False], "heldout": [True], "all": [False, True]}[args.split]
    for heldout in splits:
        title = (
            "HELD-OUT fixtures (never tuned on)"
            if heldout
            else "DEVELOPMENT fixtures (rules tuned on these)"
        )
        print(f"=== {title}")
        print_report(run(heldout=heldout), quiet=args.quiet)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
