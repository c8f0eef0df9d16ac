"""Plain-text scrapes of aggregator pages: the main article and the related articles listed on it.

What is boilerplate, where the article ends, how the publisher and date are written, and how the
related-articles list looks are described per aggregator in `data/layouts/*.toml` (data, not code):
describing a new aggregator is writing one such file. A page no layout recognises is read with
the generic one (first line title, the rest body).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

from newsdesk.errors import IngestError
from newsdesk.ingest.decode import decode_text
from newsdesk.model import Article, RawDocument, Relation, Section, Timestamp

_MIN_BODY_WORDS = 25


@dataclass(frozen=True)
class Layout:
    """How one aggregator lays out its text pages (see data/layouts/daily8.toml)."""

    name: str
    site: str | None = None
    detect_lines: tuple[str, ...] = ()
    detect_min: int = 0
    boilerplate_lines: frozenset[str] = frozenset()
    article_end_lines: frozenset[str] = frozenset()
    related_start_line: str | None = None
    related_end_lines: frozenset[str] = frozenset()
    byline_pattern: re.Pattern[str] | None = None
    byline_date_format: str | None = None
    relative_date_pattern: re.Pattern[str] | None = None
    source_line_pattern: re.Pattern[str] | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @classmethod
    def from_toml(cls, text: str) -> Layout:
        data = tomllib.loads(text)
        pattern = lambda key: re.compile(data[key]) if data.get(key) else None  # noqa: E731
        return cls(
            name=data["name"],
            site=data.get("site"),
            detect_lines=tuple(data.get("detect_lines", [])),
            detect_min=int(data.get("detect_min", 0)),
            boilerplate_lines=frozenset(data.get("boilerplate_lines", [])),
            article_end_lines=frozenset(data.get("article_end_lines", [])),
            related_start_line=data.get("related_start_line"),
            related_end_lines=frozenset(data.get("related_end_lines", [])),
            byline_pattern=pattern("byline_pattern"),
            byline_date_format=data.get("byline_date_format"),
            relative_date_pattern=pattern("relative_date_pattern"),
            source_line_pattern=pattern("source_line_pattern"),
        )

    def matches(self, lines: set[str]) -> bool:
        if not self.detect_lines:
            return False
        return sum(line in lines for line in self.detect_lines) >= max(self.detect_min, 1)


@cache
def bundled_layouts() -> tuple[Layout, ...]:
    folder = resources.files("newsdesk").joinpath("data/layouts")
    texts = [entry.read_text("utf-8") for entry in folder.iterdir() if entry.name.endswith(".toml")]
    return tuple(Layout.from_toml(text) for text in sorted(texts))


def load_layouts(extra_dirs: list[Path] | None = None) -> tuple[Layout, ...]:
    """The bundled layouts plus any `*.toml` layouts in the given folders (a user's own)."""
    layouts = list(bundled_layouts())
    for folder in extra_dirs or []:
        layouts += [Layout.from_toml(p.read_text("utf-8")) for p in sorted(folder.glob("*.toml"))]
    return tuple(layouts)


def choose_layout(lines: list[str], layouts: tuple[Layout, ...]) -> Layout:
    present = {line.strip() for line in lines}
    for layout in layouts:
        if layout.matches(present):
            return layout
    return next((lay for lay in layouts if lay.name == "generic"), Layout(name="generic"))


def parse(raw: RawDocument, layouts: tuple[Layout, ...] | None = None) -> list[Article]:
    """The page's main article first, then one record per related article listed on it."""
    lines = [line.strip() for line in decode_text(raw).splitlines()]
    layout = choose_layout(lines, layouts or bundled_layouts())
    main_lines, related_lines = _split_regions(lines, layout)
    main = _main_article(main_lines, layout, raw)
    related = _related_articles(related_lines, layout, raw)
    for article in related:
        article.found_on = main.id
    return [main, *related]


def _split_regions(lines: list[str], layout: Layout) -> tuple[list[str], list[str]]:
    start = layout.related_start_line
    related_at = lines.index(start) if start and start in lines else len(lines)
    main = _content(lines[:related_at], layout, stop_at=layout.article_end_lines)
    related = _content(lines[related_at + 1 :], layout, stop_at=layout.related_end_lines)
    return main, related


def _content(lines: list[str], layout: Layout, stop_at: frozenset[str]) -> list[str]:
    kept = []
    for line in lines:
        if line in stop_at and kept:
            break
        if line and line not in layout.boilerplate_lines:
            kept.append(line)
    return kept


def _main_article(lines: list[str], layout: Layout, raw: RawDocument) -> Article:
    if not lines:
        raise IngestError("text page holds no article: nothing left after boilerplate", raw.origin)
    title, rest = lines[0], _drop_repeats(lines[1:], lines[0])
    source, published, date_text = None, None, None
    if rest and layout.byline_pattern and (byline := layout.byline_pattern.match(rest[0])):
        source = byline["source"].strip()
        published, date_text = _byline_date(byline["date"], layout)
        rest = rest[1:]
    paragraphs = _drop_repeats(rest, title)
    if sum(len(p.split()) for p in paragraphs) < _MIN_BODY_WORDS:
        raise IngestError(
            f"text page holds no article: under {_MIN_BODY_WORDS} words of body text "
            f"after the title {title[:60]!r}",
            raw.origin,
        )
    return Article(
        title=title,
        sections=[Section(heading=None, paragraphs=paragraphs)],
        source=source or layout.site,
        site=layout.site,
        published=published,
        date_text=date_text,
        extra={"layout": layout.name},
    )


def _related_articles(lines: list[str], layout: Layout, raw: RawDocument) -> list[Article]:
    starts = [i for i in range(len(lines) - 1) if lines[i] == lines[i + 1]]
    ends = [*starts[1:], len(lines)]
    return [_related_article(lines[s:e], layout, raw) for s, e in zip(starts, ends, strict=False)]


def _related_article(lines: list[str], layout: Layout, raw: RawDocument) -> Article:
    title = lines[0]
    source, published, date_text, paragraphs = None, None, None, []
    for line in _drop_repeats(lines[1:], title):
        relative = layout.relative_date_pattern and layout.relative_date_pattern.match(line)
        bullet = layout.source_line_pattern and layout.source_line_pattern.match(line)
        if relative and published is None and date_text is None:
            # The page's own date words, kept whether or not they resolve: only the pattern's
            # `ago` group, not what the layout says surrounds it (Daily8's "time" icon label).
            published, date_text = resolve_relative_date(relative["ago"], raw.crawled_at)
        elif bullet:
            source = bullet["source"].strip()
        elif not paragraphs and date_text is None and len(line.split()) <= 6:
            source = line  # the short publisher line printed above the date
        else:
            paragraphs.append(line)
    article = Article(
        title=title,
        sections=[Section(heading=None, paragraphs=paragraphs)] if paragraphs else [],
        source=source or layout.site,
        site=layout.site,
        published=published,
        date_text=date_text,
        relation=Relation.RELATED,
        extra={"layout": layout.name},
    )
    if date_text and published is None:
        article.notes.append(f"date {date_text!r} is relative and the crawl time is unknown")
    return article


def _drop_repeats(lines: list[str], title: str) -> list[str]:
    return [line for line in lines if line != title]


def _byline_date(text: str, layout: Layout) -> tuple[Timestamp | None, str | None]:
    try:
        day = datetime.strptime(text, layout.byline_date_format or "%d-%m-%Y")
    except ValueError:
        return None, text
    return Timestamp(utc=day.replace(tzinfo=UTC), precision="day"), None


_AGO = re.compile(
    r"^(?:(?P<count>\d+|an?|one)\s+)?(?P<unit>second|minute|min|hour|hr|day|week|month|year)s?\s+ago$",
    re.I,
)
_UNIT_SPANS = {
    "second": (timedelta(seconds=1), "second"),
    "minute": (timedelta(minutes=1), "minute"),
    "min": (timedelta(minutes=1), "minute"),
    "hour": (timedelta(hours=1), "hour"),
    "hr": (timedelta(hours=1), "hour"),
    "day": (timedelta(days=1), "day"),
    "week": (timedelta(weeks=1), "day"),
}


def resolve_relative_date(
    text: str, crawled_at: datetime | None
) -> tuple[Timestamp | None, str | None]:
    """ "2 days ago" becomes a date only when the crawl time is known; else the text is kept."""
    text = text.strip()
    match = _AGO.match("1 day ago" if text.lower() == "yesterday" else text)
    if crawled_at is None or match is None or match["unit"].lower() in ("month", "year"):
        return None, text  # months and years have no fixed length: keep the words
    count_text = (match["count"] or "1").lower()
    count = 1 if count_text in ("a", "an", "one") else int(count_text)
    span, precision = _UNIT_SPANS[match["unit"].lower()]
    moment = crawled_at.astimezone(UTC) - count * span
    if precision == "day":
        moment = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return Timestamp(utc=moment, precision=precision), text
