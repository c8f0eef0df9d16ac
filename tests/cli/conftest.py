"""What the CLI tests share: the real `newsdesk` command run in-process against a real store,
the tables it prints read back into cells, and stores the seeds were ingested into."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsdesk.cli import main
from tests.search_support import fresh_database_url

UNREACHABLE_DB = "postgresql://127.0.0.1:1/nope"


def _runner() -> CliRunner:
    try:  # click before 8.2 mixes stderr into stdout unless told not to
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def run(args: list[str], env: dict[str, str] | None = None, input: str | None = None) -> Result:  # noqa: A002
    """Invoke the CLI; an exception other than a deliberate exit is a crash and fails the test."""
    result = _runner().invoke(main, args, env=env, input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"newsdesk {' '.join(args)} crashed") from result.exception
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
    return result


def ok(db: str, *args: str) -> str:
    """`newsdesk --db DB ARGS...`, which must exit 0; its standard output."""
    result = run(["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def export(db: str) -> list[dict]:
    return [json.loads(line) for line in ok(db, "export", "--format", "jsonl").splitlines()]


def table_rows(text: str, lines_between_rows: bool = False) -> list[dict[str, str]]:
    """The rows of the first table in a command's output, as {column: cell}.

    Rich draws cells between │ and the header between ┃. A table drawn with lines between its
    rows (`figures`) may wrap a cell over several lines: those are joined back with spaces.
    """
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("┃"))
    columns = [cell.strip() for cell in lines[start].strip().strip("┃").split("┃")]
    rows: list[list[list[str]]] = []
    pending: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("└"):
            break
        if line.startswith("├") and pending:
            rows.append(pending)
            pending = []
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("│").split("│")]
        if not lines_between_rows:
            rows.append([[cell] for cell in cells])
            continue
        pending = pending or [[] for _ in columns]
        for parts, cell in zip(pending, cells, strict=True):
            parts.append(cell)
    if pending:
        rows.append(pending)
    return [
        {name: " ".join(p for p in parts if p) for name, parts in zip(columns, row, strict=True)}
        for row in rows
    ]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def fresh_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty store of this module's own on each backend, for tests that only read it."""
    with fresh_database_url(backend, tmp_path_factory.mktemp(backend)) as url:
        yield url


def write_posts_by_date(posts_file: Path, folder: Path) -> list[Path]:
    """One file per post of a WordPress JSON list, named so that sorted names are date order
    (as a crawler saving each post it fetched leaves them); the files in that order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for post in json.loads(posts_file.read_text(encoding="utf-8")):
        path = folder / f"{post['date_gmt'].replace(':', '')}_{post['slug']}.json"
        path.write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return sorted(paths)
