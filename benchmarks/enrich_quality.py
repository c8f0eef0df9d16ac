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

It then scores the beat gold set, real published excerpts (benchmarks/data/beat_gold/, see the
README there), `dev` and `test` apart, overall and per language:
- entity mentions: P / R / F1 of mention spans (overlapping the gold place), the share of matched
  mentions linked to the gold id, and merges (two different gold people given one id);
- figures: P / R / F1, a figure matching when its text overlaps the gold figure's place and its
  value agrees; then per field of the matched figures (unit, measure, subject, claimant, as_of,
  qualifier) the share that agrees with the gold (value: among figures overlapping a gold one).
Misses are listed for `dev` only; `--test-misses` lists the test ones too. Rules are tuned on dev
alone: read the test numbers as a whole, never its misses. `--halves` also scores the two halves
of dev split by site (the parity of the site's SHA-1): a rule that fits the text rather than the
beat helps one half and not the other. `--beat-split dev` scores dev alone (while tuning).

    .venv/bin/python benchmarks/enrich_quality.py --only beat [--quiet] [--halves]
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
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


# --- the beat gold set: real published excerpts, dev and test apart ----------------------------

BEAT_GOLD = ROOT / "benchmarks" / "data" / "beat_gold"
BEAT_SPLITS = ("dev", "test")
FIGURE_FIELDS = ("value", "unit", "measure", "subject", "claimant", "as_of", "qualifier")
PUBLISHER = "publisher"  # the gold's claimant when the page states a figure in its own voice


def load_beat_gold(split: str | None = None) -> list[dict]:
    """The beat gold files (every split, or only `split`), in file name order."""
    cases = []
    for path in sorted(BEAT_GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if split is None or gold.get("split") == split:
            cases.append(gold)
    return cases


def _places(text: str, phrases: list[str]) -> list[tuple[int, int] | None]:
    """Where each phrase sits, in order: the next occurrence after the previous phrase, else the
    first anywhere (labels are in text order, but a nested or repeated label may not be)."""
    places: list[tuple[int, int] | None] = []
    cursor = 0
    for phrase in phrases:
        start = text.find(phrase, cursor)
        if start < 0:
            start = text.find(phrase)
        if start < 0:
            places.append(None)
            continue
        places.append((start, start + len(phrase)))
        cursor = start + len(phrase)
    return places


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class BeatScores:
    """Tallies for one split, or one language of a split."""

    mentions: Tally = field(default_factory=Tally)
    linked: list[bool] = field(default_factory=list)
    figures: Tally = field(default_factory=Tally)
    fields: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))
    excerpts: int = 0


@dataclass
class BeatReport:
    split: str
    overall: BeatScores = field(default_factory=BeatScores)
    languages: dict[str, BeatScores] = field(default_factory=lambda: defaultdict(BeatScores))
    # system person id -> the distinct gold person ids of the mentions it was given to
    people: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    misses: list[str] = field(default_factory=list)

    def scores(self, gold: dict) -> tuple[BeatScores, BeatScores]:
        return self.overall, self.languages[gold.get("language") or "und"]

    @property
    def merges(self) -> list[tuple[str, set[str]]]:
        return [(got, wanted) for got, wanted in sorted(self.people.items()) if len(wanted) > 1]


def f1(tally: Tally) -> float:
    p, r = tally.precision, tally.recall
    return 2 * p * r / (p + r) if p + r else 0.0


def score_beat_mentions(gold: dict, got: Enrichment, report: BeatReport) -> None:
    """Mention spans matched by overlap, one to one; linking judged on the matched ones."""
    name, text = gold["id"], gold["text"]
    wanted = gold.get("entities", [])
    places = _places(text, [m[0] for m in wanted])
    unmatched = list(got.mentions)
    tallies = report.scores(gold)
    for (mention_text, gold_id), place in zip(wanted, places, strict=True):
        match = None
        if place is not None:
            match = next((m for m in unmatched if _overlaps(place, (m.start, m.end))), None)
        if match is None:
            for scores in tallies:
                scores.mentions.false_neg += 1
            report.misses.append(f"{name}: missed mention {mention_text!r} -> {gold_id}")
            continue
        unmatched.remove(match)
        ok = match.entity_id == gold_id
        for scores in tallies:
            scores.mentions.true_pos += 1
            scores.linked.append(ok)
        if gold_id and gold_id.startswith("person:") and match.entity_id:
            report.people[match.entity_id].add(gold_id)
        if not ok:
            report.misses.append(
                f"{name}: mention {mention_text!r} linked to {match.entity_id}, want {gold_id}"
            )
    for extra in unmatched:
        for scores in tallies:
            scores.mentions.false_pos += 1
        report.misses.append(f"{name}: spurious mention {extra.text!r} -> {extra.entity_id}")


def score_beat_figures(gold: dict, got: Enrichment, report: BeatReport) -> None:
    """A figure matches a gold one when their texts overlap in place; it counts as found when
    the value agrees too. Fields are compared on the found ones."""
    name, text = gold["id"], gold["text"]
    wanted = gold.get("figures", [])
    places = _places(text, [f["text"] for f in wanted])
    unmatched = list(got.figures)
    tallies = report.scores(gold)
    for want, place in zip(wanted, places, strict=True):
        near = [f for f in unmatched if place is not None and _overlaps(place, (f.start, f.end))]
        match = next((f for f in near if _same_value(want["value"], f.value)), None)
        if near:
            for scores in tallies:
                scores.fields["value"].append(match is not None)
        if match is None:
            for scores in tallies:
                scores.figures.false_neg += 1
            got_value = f" (got {near[0].value:g})" if near else ""
            report.misses.append(
                f"{name}: missed figure {want['text']!r} = {want['value']:g} {want.get('unit')} "
                f"[{want.get('measure')}]{got_value}"
            )
            continue
        unmatched.remove(match)
        for scores in tallies:
            scores.figures.true_pos += 1
        _score_beat_fields(name, want, match, tallies, report)
    for extra in unmatched:
        for scores in tallies:
            scores.figures.false_pos += 1
        report.misses.append(
            f"{name}: spurious figure {extra.text!r} = {extra.value:g} {extra.unit} "
            f"[{extra.measure}]"
        )


def _score_beat_fields(name: str, want: dict, got, tallies, report: BeatReport) -> None:
    checks = {
        "unit": ((want.get("unit") or "").lower() or None, (got.unit or "").lower() or None),
        "measure": (want.get("measure"), got.measure),
        "subject": (want.get("subject"), got.subject_entity_id),
        "claimant": (want.get("claimant") or PUBLISHER, got.claimant_entity_id or PUBLISHER),
        "as_of": (want.get("as_of"), got.as_of),
        "qualifier": (want.get("qualifier"), got.qualifier),
    }
    for field_name, (expected, actual) in checks.items():
        ok = expected == actual
        for scores in tallies:
            scores.fields[field_name].append(ok)
        if not ok:
            report.misses.append(
                f"{name}: figure {want['text']!r} {field_name}: want {expected!r}, got {actual!r}"
            )


def _published(stamp: str | None) -> date | None:
    """ "2024-12-19", or "2024-05" / "2024" when the page gives no more: its first day."""
    if not stamp:
        return None
    parts = [int(p) for p in stamp.split("-")]
    return date(*parts, *[1] * (3 - len(parts)))


def site_half(gold: dict) -> str:
    """ "A" or "B": the half of its split an excerpt's site falls in (the parity of the site's
    SHA-1, as fixed as the split itself), so that both halves hold whole sites."""
    return "AB"[int(hashlib.sha1(gold["site"].encode()).hexdigest(), 16) % 2]


def run_beat(
    split: str,
    options: EnrichOptions | None = None,
    half: str | None = None,
    ids: str | None = None,
    exclude: str | None = None,
) -> BeatReport:
    """Enrich and score every beat excerpt of `split` ("dev" or "test"), or of one `half` of
    it ("A" or "B", see `site_half`), or those whose id matches the glob `ids` and not the
    glob `exclude`."""
    from newsdesk.enrich.stage import EnrichInput, enrich_inputs

    cases = [g for g in load_beat_gold(split) if half is None or site_half(g) == half]
    cases = [g for g in cases if ids is None or fnmatch.fnmatchcase(g["id"], ids)]
    cases = [g for g in cases if exclude is None or not fnmatch.fnmatchcase(g["id"], exclude)]
    inputs = [EnrichInput(g["id"], g["text"], _published(g.get("published"))) for g in cases]
    report = BeatReport(f"{split} half {half}" if half else split)
    for gold, got in zip(cases, enrich_inputs(inputs, options), strict=True):
        for scores in report.scores(gold):
            scores.excerpts += 1
        score_beat_mentions(gold, got, report)
        score_beat_figures(gold, got, report)
    return report


def _share(oks: list[bool]) -> str:
    return f"{sum(oks) / len(oks):6.1%} ({sum(oks)}/{len(oks)})" if oks else "     - (0/0)"


def _scores_lines(label: str, scores: BeatScores) -> list[str]:
    m, f = scores.mentions, scores.figures
    lines = [
        f"  {label:<8} {scores.excerpts:>3} excerpts"
        f"   mentions P {m.precision:6.1%} R {m.recall:6.1%} F1 {f1(m):6.1%}"
        f"   linked {_share(scores.linked)}",
        f"  {'':<8} figures  P {f.precision:6.1%} R {f.recall:6.1%} F1 {f1(f):6.1%}"
        f"   (tp {f.true_pos}, fp {f.false_pos}, fn {f.false_neg})",
    ]
    fields = "  ".join(f"{n} {_share(scores.fields[n])}" for n in FIGURE_FIELDS)
    lines.append(f"  {'':<8} fields   {fields}")
    return lines


def print_beat_report(report: BeatReport, show_misses: bool, by_language: bool = True) -> None:
    print(f"=== BEAT gold set, split {report.split.upper()}")
    if not report.overall.excerpts:
        print("  no excerpts")
        return
    for line in _scores_lines("all", report.overall):
        print(line)
    for language in sorted(report.languages) if by_language else ():
        for line in _scores_lines(language, report.languages[language]):
            print(line)
    merges = report.merges
    print(f"  merges of distinct people: {len(merges)}")
    if show_misses:
        for got_id, wanted in merges:
            print(f"    {got_id} <- {', '.join(sorted(wanted))}")
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
        help="fixtures: dev: the rules were tuned on them; heldout: written after, "
        "never tuned on; all: both (default), reported one after the other",
    )
    parser.add_argument(
        "--only",
        choices=["fixtures", "beat"],
        help="score only the hand-made fixtures or only the beat gold set (default: both)",
    )
    parser.add_argument(
        "--test-misses",
        action="store_true",
        help="also list the misses of the beat TEST split (never while tuning rules)",
    )
    parser.add_argument(
        "--beat-split",
        choices=["dev", "test", "both"],
        default="both",
        help="which split of the beat gold set to score (default: both)",
    )
    parser.add_argument(
        "--halves",
        action="store_true",
        help="also score the two halves of the beat dev split (by site), to see whether a "
        "rule helps both",
    )
    parser.add_argument(
        "--ids",
        help="score only the beat excerpts whose id matches this glob (a new batch, scored "
        "before any rule is tuned on it: '*-g-*')",
    )
    parser.add_argument(
        "--exclude",
        help="leave out the beat excerpts whose id matches this glob (a batch being labelled, "
        "not to be seen before it is scored alone: '*-l-*')",
    )
    args = parser.parse_args(argv)
    if args.only != "beat":
        _print_fixtures(args.split, args.quiet)
    if args.only != "fixtures":
        _print_beat(args)
    return 0


def _print_beat(args: argparse.Namespace) -> None:
    splits = BEAT_SPLITS if args.beat_split == "both" else (args.beat_split,)
    for split in splits:
        show = not args.quiet and (split == "dev" or args.test_misses)
        report = run_beat(split, ids=args.ids, exclude=args.exclude)
        print_beat_report(report, show_misses=show)
        print()
        if split == "dev" and args.halves:
            for half in "AB":
                print_beat_report(run_beat(split, half=half), show_misses=False, by_language=False)
                print()


def _print_fixtures(split: str, quiet: bool) -> None:
    splits = {"dev": [False], "heldout": [True], "all": [False, True]}[split]
    for heldout in splits:
        title = (
            "HELD-OUT fixtures (never tuned on)"
            if heldout
            else "DEVELOPMENT fixtures (rules tuned on these)"
        )
        print(f"=== {title}")
        print_report(run(heldout=heldout), quiet=quiet)
        print()


if __name__ == "__main__":
    sys.exit(main())
