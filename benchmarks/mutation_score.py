"""Mutation score of the core rule modules: mutmut, one module at a time, killed/total per module.

    .venv/bin/python benchmarks/mutation_score.py [dedupe search wordpress feeds stories
        figures entities numbers]
        [--report] [--survivors] [--show NAME] [--only-survivors] [--workers 2]

Each module is mutated alone and tested only with the test files that exercise it (see
`MODULES`), so one module finishes in minutes on two cores. Every mutant of the module is run
again each time (mutmut would otherwise keep the verdicts it cached); `--only-survivors` reruns
just the mutants that survived last time, to check new tests quickly (the others keep their
verdicts: valid while tests are only added). `--report` prints the scores from the last runs
without running anything.

mutmut works in a copy of the tree under mutants/ (see `[tool.mutmut]` in pyproject.toml); the
tests there run against that copy, with the SQLite and PostgreSQL stores of tests/conftest.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Module:
    sources: tuple[str, ...]  # globs of the files to mutate, relative to the repository root
    tests: tuple[str, ...]  # the test files that exercise them (missing ones are left out)
    pytest_args: tuple[str, ...] = ()  # e.g. a -k expression that leaves out slow tests

    def mutant_globs(self) -> list[str]:
        """mutmut's names for every mutant of these files: `newsdesk.dedupe.index.<function>`."""
        names = []
        for source in self.sources:
            dotted = source.removeprefix("src/").removesuffix(".py").replace("/", ".")
            names.append(dotted if dotted.endswith("*") else dotted + ".*")
        return names


MODULES = {
    "dedupe": Module(
        ("src/newsdesk/dedupe/*",),
        ("tests/test_dedupe.py", "tests/test_dedupe_rules.py"),
    ),
    "search": Module(
        # Ranking, paging and query syntax; highlight.py (presentation) and vectors.py (a
        # matrix product) are left out to keep a run within minutes on a shared machine.
        ("src/newsdesk/search/find.py", "src/newsdesk/search/query.py"),
        ("tests/test_search.py", "tests/test_search_rules.py"),
        # On SQLite only: the same search code runs on both stores (the store tests cover
        # PostgreSQL's index). Left out as too slow to run for every mutant: the entity filter
        # test (it runs the enrich stage over the samples, 14 s) and the commands' tests.
        ("-k", "not postgresql and not command and not test_entity_and_story_filters_keep_only"),
    ),
    "wordpress": Module(
        ("src/newsdesk/ingest/wordpress.py",),
        ("tests/ingest/test_wordpress.py", "tests/ingest/test_wordpress_rules.py"),
    ),
    "feeds": Module(
        (
            "src/newsdesk/ingest/feeds.py",
            "src/newsdesk/ingest/rss.py",
            "src/newsdesk/ingest/jsonfeed.py",
            "src/newsdesk/ingest/feed_entry.py",
        ),
        ("tests/ingest/test_feeds.py", "tests/ingest/test_feed_rules.py"),
    ),
    "stories": Module(
        (
            "src/newsdesk/stories/cluster.py",
            "src/newsdesk/stories/storylines.py",
            "src/newsdesk/stories/state.py",
            "src/newsdesk/stories/open_table.py",
        ),
        ("tests/test_stories.py", "tests/test_stories_beat.py", "tests/test_stories_rules.py"),
        # The words-only path: the MiniLM tests embed the fixtures again for every mutant. The
        # embedding paths are covered by test_stories_rules.py, whose articles carry small
        # hand-made embeddings (one test there loads the model: what the embedder is given).
        ("-k", "not minilm and not test_without_a_lead_threshold"),
    ),
    "figures": Module(
        # What a figure measures, whose it is, who claims it. figures.py, figure_patterns.py and
        # numbers.py (reading the numbers) are left out to keep a run within half an hour on the
        # shared machine; so is test_figures.py, whose fixture enriches the 15 fixture articles
        # for every mutant (its claims on these rules are restated in the rule test files).
        (
            "src/newsdesk/enrich/measures.py",
            "src/newsdesk/enrich/subjects.py",
            "src/newsdesk/enrich/claimants.py",
        ),
        (
            "tests/enrich/test_figures_ledger.py",
            "tests/enrich/test_figures_ledger_rules.py",
            "tests/enrich/test_figures_words.py",
            "tests/enrich/test_claimants.py",
            "tests/enrich/test_numbers.py",
            "tests/enrich/test_figures_mutation_rules.py",
            "tests/enrich/test_figures_ledger_transfer.py",
            "tests/enrich/test_figures_fresh_rules.py",
        ),
    ),
    "entities": Module(
        # The linking rules: candidates, name forms, the rules that pick one; roles.py is left out
        # to keep a run within half an hour.
        (
            "src/newsdesk/enrich/link_rules.py",
            "src/newsdesk/enrich/candidates.py",
            "src/newsdesk/enrich/name_forms.py",
        ),
        (
            "tests/enrich/test_entities.py",
            "tests/enrich/test_entities_languages.py",
            "tests/enrich/test_entities_namesakes.py",
            "tests/enrich/test_entities_spans.py",
            "tests/enrich/test_roles.py",
            "tests/enrich/test_knowledge.py",
            "tests/enrich/test_knowledge_roles.py",
            "tests/enrich/test_metonyms.py",
            "tests/enrich/test_entity_rules.py",
        ),
    ),
    "numbers": Module(
        # Which numbers are figures and what they read: the number reader, its filters (URLs,
        # ids, dates, clock times), ranges and qualifiers, units and scale words, the figure
        # patterns and number words, and figures.py which puts them together. test_figures.py
        # is left out (its fixture enriches the 15 fixture articles for every mutant).
        (
            "src/newsdesk/enrich/numbers.py",
            "src/newsdesk/enrich/number_filters.py",
            "src/newsdesk/enrich/number_rules.py",
            "src/newsdesk/enrich/number_units.py",
            "src/newsdesk/enrich/figure_patterns.py",
            "src/newsdesk/enrich/figure_words.py",
            "src/newsdesk/enrich/figures.py",
        ),
        (
            "tests/enrich/test_numbers.py",
            "tests/enrich/test_number_rules.py",
            "tests/enrich/test_figures_words.py",
            "tests/enrich/test_figures_ledger.py",
            "tests/enrich/test_figures_ledger_rules.py",
            "tests/enrich/test_figures_ledger_transfer.py",
            "tests/enrich/test_figures_ledger_findings.py",
            "tests/enrich/test_figures_fresh_rules.py",
            "tests/enrich/test_figures_mutation_rules.py",
        ),
    ),
    "claims": Module(
        # Who claims a figure, the second round (after the "figures" row): the cue words, the
        # actor phrases, the choice among several, and follow-on sentences.
        (
            "src/newsdesk/enrich/claim_actors.py",
            "src/newsdesk/enrich/claim_choice.py",
            "src/newsdesk/enrich/claim_cues.py",
            "src/newsdesk/enrich/claim_follow.py",
            "src/newsdesk/enrich/claim_phrases.py",
        ),
        (
            "tests/enrich/test_claim_actors.py",
            "tests/enrich/test_claim_choice.py",
            "tests/enrich/test_claim_cues.py",
            "tests/enrich/test_claim_follow.py",
            "tests/enrich/test_claimants.py",
            "tests/enrich/test_claims_mutation_rules.py",
        ),
    ),
    "merges": Module(
        # Two open stories whose centroids come close merge (streaming clustering).
        ("src/newsdesk/stories/merge.py",),
        ("tests/stories/test_merge.py", "tests/store/test_story_merges.py"),
        ("-k", "not postgresql"),
    ),
}

DETECTED = {"killed", "timeout"}  # a mutant that hangs the tests is caught too


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=list(MODULES), help=", ".join(MODULES))
    parser.add_argument("--report", action="store_true", help="print the last scores, run nothing")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--show", metavar="NAME", help="print one mutant's diff")
    parser.add_argument("--only-survivors", action="store_true", help="rerun last survivors only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", metavar="MODULE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if unknown := set(args.modules) - set(MODULES):
        parser.error(f"unknown module(s) {', '.join(sorted(unknown))}: use {', '.join(MODULES)}")
    os.chdir(ROOT)  # mutmut reads pyproject.toml and writes mutants/ in the working directory
    if args.child:
        return run_in_this_process(args.child, args.only_survivors, args.workers)
    if args.show:
        return show(args.show, args.modules)
    if not args.report:
        for name in args.modules:
            refresh_copy(name)
            command = [sys.executable, __file__, "--child", name, "--workers", str(args.workers)]
            if args.only_survivors:
                command.append("--only-survivors")
            # A process per module: mutmut keeps its configuration and state in globals.
            if subprocess.run(command, check=False).returncode != 0:
                print(f"mutmut failed on {name}", file=sys.stderr)
                return 1
    print_scores(args.modules, args.survivors)
    return 0


def refresh_copy(name: str) -> None:
    """Bring mutants/src up to date with src/ before a run.

    mutmut copies src/ once and afterwards refreshes only the Python files it does not mutate:
    data files others changed since would be stale, and the mutated files of this module would
    be taken as current when another module's run has overwritten them with plain copies.
    """
    data_files = (
        p for p in (ROOT / "src").rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
    )
    for path in data_files:
        copy = ROOT / "mutants" / path.relative_to(ROOT)
        if not copy.exists() or copy.read_bytes() != path.read_bytes():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
    for source in MODULES[name].sources:
        for path in ROOT.glob(f"mutants/{source}"):
            if path.suffix == ".py":
                path.unlink()  # generated again from the current source


def configure(name: str) -> None:
    """mutmut's configuration from pyproject.toml, narrowed to one module and its tests."""
    from mutmut import configuration

    module = MODULES[name]
    tests = [t for t in module.tests if (ROOT / t).exists()]
    configuration._config = dataclasses.replace(
        configuration.config(),
        only_mutate=list(module.sources),
        pytest_add_cli_args_test_selection=[*tests, *module.pytest_args],
    )


def run_in_this_process(name: str, only_survivors: bool, workers: int) -> int:
    configure(name)
    from mutmut.__main__ import _run

    names = survivors(name) if only_survivors else MODULES[name].mutant_globs()
    if not names:
        print(f"{name}: no survivors to rerun")
        return 0
    earlier = exit_codes(name)
    _run(names, max_children=workers)
    if only_survivors:
        # mutmut forgets every verdict when the test selection changes (a new test file); the
        # mutants not rerun keep the verdict they had, which new tests cannot turn to survived.
        keep_verdicts(name, {k: c for k, c in earlier.items() if k not in names})
    return 0


def meta_files(name: str) -> list[Path]:
    return [
        m for source in MODULES[name].sources for m in sorted(ROOT.glob(f"mutants/{source}.meta"))
    ]


def exit_codes(name: str) -> dict[str, int | None]:
    """{mutant name: the exit code of its tests} from mutmut's mutants/*.meta files."""
    codes: dict[str, int | None] = {}
    for meta in meta_files(name):
        codes.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return codes


def keep_verdicts(name: str, codes: dict[str, int | None]) -> None:
    for meta in meta_files(name):
        data = json.loads(meta.read_text(encoding="utf-8"))
        for key, code in codes.items():
            if data["exit_code_by_key"].get(key, code) is None:
                data["exit_code_by_key"][key] = code
        meta.write_text(json.dumps(data, indent=4), encoding="utf-8")


def verdicts(name: str) -> dict[str, str]:
    """{mutant name: mutmut's status} for every mutant of the module."""
    from mutmut.stats import status_by_exit_code

    return {key: status_by_exit_code[code] for key, code in exit_codes(name).items()}


def survivors(name: str) -> list[str]:
    return sorted(k for k, status in verdicts(name).items() if status not in DETECTED)


def print_scores(names: list[str], list_survivors: bool) -> None:
    print(f"{'module':<10} {'killed':>7} {'total':>6} {'score':>6}  other verdicts")
    for name in names:
        found = verdicts(name)
        counts = Counter(found.values())
        killed = sum(counts[s] for s in DETECTED)
        score = f"{killed / len(found):.0%}" if found else "-"
        other = ", ".join(f"{s} {n}" for s, n in sorted(counts.items()) if s not in DETECTED)
        print(f"{name:<10} {killed:>7} {len(found):>6} {score:>6}  {other}")
        if list_survivors:
            for key in survivors(name):
                print(f"    {found[key]:<10} {key}")


def show(mutant: str, names: list[str]) -> int:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    for name in names:
        for source in MODULES[name].sources:
            for path in sorted(Path().glob(source)):
                meta = Path("mutants") / f"{path}.meta"
                if meta.exists() and mutant in json.loads(meta.read_text())["exit_code_by_key"]:
                    print(get_diff_for_mutant(mutant, path=path))
                    return 0
    print(f"no mutant called {mutant}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
