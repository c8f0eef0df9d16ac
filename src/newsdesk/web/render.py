"""Turning stored text into HTML safely: escaping, highlights, dates and links for templates.

Everything from a source is text and is escaped. The only markup built from it is `<mark>` for
search highlights; that HTML is passed through nh3 (an allow-list sanitiser) as a second line of
defence, so even a bug here cannot let a tag or attribute from a source through.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from importlib import resources
from urllib.parse import urlsplit

import jinja2
import nh3
from markupsafe import Markup, escape

from newsdesk.model import StoredArticle, Timestamp
from newsdesk.search import Highlighted

_ALLOWED_TAGS = {"mark"}


def highlighted(value: Highlighted) -> Markup:
    """Escaped text with <mark> around the highlight ranges."""
    parts, cursor = [], 0
    for start, end in sorted(value.highlights):
        if start < cursor or end > len(value.text):
            continue  # overlapping or stale ranges are ignored, never trusted
        parts += [escape(value.text[cursor:start]), Markup("<mark>")]
        parts += [escape(value.text[start:end]), Markup("</mark>")]
        cursor = end
    parts.append(escape(value.text[cursor:]))
    html = "".join(str(p) for p in parts)
    return Markup(nh3.clean(html, tags=_ALLOWED_TAGS, attributes={}, strip_comments=True))


def safe_link(url: str | None) -> str | None:
    """The URL if a browser may follow it from our page (http or https), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def short_url(url: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path if len(parts.path) <= 40 else parts.path[:38] + "…"
    return host + path


def stamp(value: Timestamp | None) -> str:
    """A reader's date: in the source's own zone when known, with the zone named."""
    if value is None:
        return ""
    if value.precision == "day":
        return f"{value.utc:%-d %b %Y}"
    if value.utc_offset_minutes is not None:
        zone = timezone(timedelta(minutes=value.utc_offset_minutes))
        local = value.utc.astimezone(zone)
        hours, minutes = divmod(abs(value.utc_offset_minutes), 60)
        sign = "+" if value.utc_offset_minutes >= 0 else "−"
        zone_name = f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")
        return f"{local:%-d %b %Y, %H:%M} ({zone_name})"
    return f"{value.utc:%-d %b %Y, %H:%M} UTC"


def iso(value: Timestamp | datetime | None) -> str:
    if value is None:
        return ""
    moment = value.utc if isinstance(value, Timestamp) else value
    return moment.isoformat().replace("+00:00", "Z")


def day_label(value: datetime) -> str:
    return f"{value:%A %-d %B %Y}"


def lead(stored: StoredArticle, words: int = 40) -> str:
    """The first words of an article (its excerpt if it has one)."""
    text = stored.article.excerpt or " ".join(stored.article.paragraphs[:2])
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _static_version() -> str:
    css = (resources.files("newsdesk.web") / "static" / "style.css").read_bytes()
    return hashlib.sha256(css).hexdigest()[:10]


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsdesk.web", "templates"),
        autoescape=True,  # every {{ }} is escaped unless a filter above made it Markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters |= {
        "highlighted": highlighted,
        "safe_link": safe_link,
        "short_url": short_url,
        "stamp": stamp,
        "iso": iso,
        "day_label": day_label,
        "lead": lead,
    }
    env.globals["static_version"] = _static_version()
    return env
