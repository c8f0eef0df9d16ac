"""WordPress REST API posts (`/wp-json/wp/v2/posts`): one post or a list, damaged ones too.

Real exports arrive cut off mid-string and with raw control characters inside strings. The
decoder tolerates control characters, and a record cut off at the end is closed and salvaged:
every complete field is kept, the cut field is named, and the article is marked truncated.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any, NamedTuple

from newsdesk.errors import IngestError
from newsdesk.ingest.decode import decode_text
from newsdesk.ingest.fragments import fragment_sections, plain_text
from newsdesk.model import Article, RawDocument, Timestamp
from newsdesk.sources import source_for_url
from newsdesk.urls import canonical_url

_MAX_SALVAGE_TRIES = 8


def parse(raw: RawDocument) -> list[Article]:
    """Articles from a WordPress posts response; IngestError if no post can be read."""
    text = decode_text(raw)
    salvaged = salvage_json(text, raw.origin)
    data = salvaged.data
    posts = data if isinstance(data, list) else [data]
    last_prefix = f"[{len(posts) - 1}]" if isinstance(data, list) else ""
    last_was_cut = salvaged.note is not None and salvaged.open_path.startswith(last_prefix)
    articles = []
    for index, post in enumerate(posts):
        if not isinstance(post, dict) or not _looks_like_post(post):
            continue
        is_cut = last_was_cut and index == len(posts) - 1
        articles.append(_article(post, salvaged.note if is_cut else None))
    if not articles:
        raise IngestError("JSON holds no WordPress post (no title, content or link)", raw.origin)
    if salvaged.note and not articles[-1].is_truncated:
        # The cut fell after the last whole post: that post is complete, but what came after it
        # is lost, and the reader must know.
        articles[-1].notes.append(_lost_after_note(last_was_cut))
    return articles


def _lost_after_note(cut_in_next_post: bool) -> str:
    if cut_in_next_post:
        return (
            "input is cut off in the next post, before its title, content or link: "
            "that post and any after it are missing"
        )
    return "input is cut off after this post, which is whole: any posts after it are missing"


class Salvaged(NamedTuple):
    data: Any
    note: str | None  # where the input was cut off; None when it was whole
    open_path: str  # the innermost container the cut fell in ("" the document, "[1]" a post)


def salvage_json(text: str, origin: str) -> Salvaged:
    """Parse JSON; if it was cut off, close it and say where it was cut and what it cut into."""
    try:
        return Salvaged(json.loads(text, strict=False), None, "")
    except RecursionError:
        raise IngestError("JSON is nested too deeply to read", origin) from None
    except json.JSONDecodeError as error:
        first_error = error
    attempt: str | None = text
    for tries in range(_MAX_SALVAGE_TRIES):
        if attempt is None:
            break
        closed, cut_in_string = close_truncated_json(attempt)
        try:
            data = json.loads(closed, strict=False)
        except json.JSONDecodeError:
            attempt = _drop_last_member(attempt)
            continue
        except RecursionError:
            break
        path = _last_leaf_path(data) or "the document"
        open_path = _open_path(data, len(_open_closers(attempt)[0]))
        if cut_in_string and tries == 0:
            return Salvaged(
                data, f"input is cut off inside {path}: that field is partial", open_path
            )
        return Salvaged(data, f"input is cut off after {path}", open_path)
    raise IngestError(
        f"malformed JSON at line {first_error.lineno} column {first_error.colno}: "
        f"{first_error.msg}",
        origin,
    )


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*("?)|[\[\]{}]', re.S)


def close_truncated_json(text: str) -> tuple[str, bool]:
    """Close the strings, arrays and objects left open at the end of a cut-off JSON text.

    Returns the closed text and whether the cut fell inside a string.
    """
    closers, in_string = _open_closers(text)
    closed = text
    if in_string:
        closed = re.sub(r"\\(u[0-9a-fA-F]{0,3})?$", "", closed) + '"'
    closed = closed.rstrip()
    if closed.endswith(","):
        closed = closed[:-1]
    elif closed.endswith(":"):
        closed += "null"
    return closed + "".join(reversed(closers)), in_string


def _open_closers(text: str) -> tuple[list[str], bool]:
    """The closing brackets a cut-off JSON text still needs, outermost first, and whether the
    cut fell inside a string."""
    closers: list[str] = []
    in_string = False
    for token in _TOKENS.finditer(text):
        first = token.group()[0]
        if first == '"':
            in_string = not token.group(1) and token.end() == len(text)
        elif first in "{[":
            closers.append("}" if first == "{" else "]")
        elif closers:
            closers.pop()
    return closers, in_string


def _open_path(data: Any, depth: int) -> str:
    """The path of the innermost of `depth` containers left open at the cut: open containers
    are always the last value of the one around them."""
    path = ""
    for _ in range(depth - 1):
        if isinstance(data, dict) and data:
            key = list(data)[-1]
            data, path = data[key], f"{path}.{key}" if path else str(key)
        elif isinstance(data, list) and data:
            data, path = data[-1], f"{path}[{len(data) - 1}]"
        else:
            break
    return path


def _drop_last_member(text: str) -> str | None:
    """Cut back to before the last comma, giving up the incomplete member after it.

    Only a cut-off tail is given up: a tail that closes brackets is damage in the middle of the
    document, which is not salvaged (None).
    """
    cut = text.rstrip().rfind(",")
    if cut <= 0 or any(bracket in text[cut:] for bracket in "]}"):
        return None
    return text[:cut]


def _last_leaf_path(data: Any, path: str = "") -> str | None:
    """The dotted path of the last value in document order: the one a cut-off ended in."""
    if isinstance(data, dict) and data:
        key = list(data)[-1]
        return _last_leaf_path(data[key], f"{path}.{key}" if path else str(key))
    if isinstance(data, list) and data:
        return _last_leaf_path(data[-1], f"{path}[{len(data) - 1}]")
    return path or None


def _looks_like_post(post: dict[str, Any]) -> bool:
    return any(key in post for key in ("title", "content", "link", "guid"))


def _article(post: dict[str, Any], cut_note: str | None) -> Article:
    link = _string(post.get("link"))
    yoast = post.get("yoast_head_json") if isinstance(post.get("yoast_head_json"), dict) else {}
    article = Article(
        title=plain_text(_rendered(post.get("title"))),
        sections=fragment_sections(_rendered(post.get("content"))),
        url=link,
        canonical_url=canonical_url(_string(yoast.get("canonical")) or link),
        guid=_rendered(post.get("guid")) or None,
        source=_string(yoast.get("og_site_name")) or source_for_url(link),
        authors=_authors(post, yoast),
        published=_timestamp(post.get("date_gmt"), post.get("date")),
        updated=_timestamp(post.get("modified_gmt"), post.get("modified")),
        language=_language(_string(yoast.get("og_locale"))),
        excerpt=plain_text(_rendered(post.get("excerpt"))) or None,
        tags=_terms(post),
        extra={k: post[k] for k in ("id", "slug", "status", "type") if k in post},
    )
    if article.published is None and post.get("date"):
        article.date_text = f"{post['date']} (site time, zone unknown)"
    if cut_note:
        article.is_truncated = True
        article.notes.append(f"{cut_note}; the fields after it are missing")
    return article


def _rendered(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else ""


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _timestamp(utc_text: Any, local_text: Any) -> Timestamp | None:
    """UTC from the *_gmt field; the site's offset from the difference to the local field."""
    utc = _parse_datetime(utc_text)
    if utc is None:
        return None
    utc = utc.astimezone(UTC) if utc.tzinfo else utc.replace(tzinfo=UTC)
    local = _parse_datetime(local_text)
    offset = None
    if local is not None and local.tzinfo is not None:
        offset = int(local.utcoffset().total_seconds() // 60)
    elif local is not None:
        minutes = (local - utc.replace(tzinfo=None)).total_seconds() / 60
        if abs(minutes) <= 14 * 60:
            offset = int(round(minutes / 15) * 15)
    return Timestamp(utc=utc, utc_offset_minutes=offset)


def _parse_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _authors(post: dict[str, Any], yoast: dict[str, Any]) -> list[str]:
    embedded = post.get("_embedded") if isinstance(post.get("_embedded"), dict) else {}
    names = [
        plain_text(a.get("name"))
        for a in embedded.get("author", [])
        if isinstance(a, dict) and isinstance(a.get("name"), str)
    ]
    if not names and _string(yoast.get("author")):
        names = [plain_text(yoast["author"])]
    return [n for n in names if n]


def _terms(post: dict[str, Any]) -> list[str]:
    embedded = post.get("_embedded") if isinstance(post.get("_embedded"), dict) else {}
    names: list[str] = []
    for group in embedded.get("wp:term", []):
        for term in group if isinstance(group, list) else []:
            if isinstance(term, dict) and isinstance(term.get("name"), str):
                name = plain_text(term["name"])
                if name and name not in names:
                    names.append(name)
    return names


def _language(locale: str | None) -> str | None:
    return locale.replace("-", "_").split("_")[0].lower() if locale else None
