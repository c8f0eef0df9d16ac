"""OPML subscription lists in and out: what another feed reader exported, what newsdesk exports.

    parse_opml(path.read_bytes(), str(path))  ->  OpmlImport(outlines=[...], skipped=[...])
    write_opml(outlines)                      ->  OPML 2.0 bytes, UTF-8, one folder per category

Reading is pure and closed: only the bytes given are parsed, by an lxml parser that never
loads a DTD, never expands an external entity and never touches the network or the file system,
and a document that declares entities is refused outright (OPML never needs one; they are how
XXE and "billion laughs" documents attack). Only absolute http(s) feed addresses are taken:
every other outline is listed in `skipped` with the reason, never followed.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urlsplit

from lxml import etree

from newsdesk.errors import IngestError
from newsdesk.urls import canonical_url

_SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
_STRICT = etree.XMLParser(**_SAFE, encoding="utf-8")
# Exports in the wild have bare ampersands and are cut off: read what stands before the damage.
_SALVAGE = etree.XMLParser(**_SAFE, encoding="utf-8", recover=True)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*\?>", re.I)
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"']", re.I)
# An ampersand that starts no reference XML knows (hand-edited lists write "News & Politics").
_BARE_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)")
# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ROOT_NAMES = {"rss": "an RSS feed", "rdf": "an RSS 1.0 feed", "feed": "an Atom feed"}
_ROOT_NAMES |= {"html": "an HTML page"}
# FreshRSS's outlines for pages it scrapes: their xmlUrl is a web page, not a feed.
_SCRAPED = re.compile(r"xpath|dotnotation", re.I)
OPML_DOCS = "http://opml.org/spec2.opml"


@dataclass
class Outline:
    """One subscription: a feed's address and what the list said about it."""

    url: str  # the feed URL (xmlUrl)
    title: str | None  # the outline's title, else its text
    site_url: str | None  # htmlUrl, when an absolute http(s) address
    category: str | None  # the enclosing folders' names, "A/B" when nested


@dataclass
class OpmlImport:
    outlines: list[Outline]
    # (what, why in words) for every outline not taken; ("the document", why) first when the
    # XML was damaged and only the part before the damage could be read.
    skipped: list[tuple[str, str]]


def parse_opml(data: bytes, origin: str) -> OpmlImport:
    """The feeds an OPML 1.0/1.1/2.0 document lists, in document order, duplicates collapsed.

    Raises IngestError(reason, origin) when the bytes are not an OPML document at all (an HTML
    page, a feed, nothing) or declare XML entities.
    """
    text = _decoded(data)
    if not text.strip():
        raise IngestError("empty: no OPML document to read", origin)
    if "<!ENTITY" in text:
        raise IngestError(
            "declares XML entities, which OPML never needs and which can be used to read "
            "files or fetch addresses: refused",
            origin,
        )
    text = _BARE_AMPERSAND.sub("&amp;", _DECLARATION.sub("", text, count=1))
    root, damage = _root(text.encode("utf-8"), origin)
    name = _local(root.tag)
    if name != "opml":
        what = _ROOT_NAMES.get(name, f"an XML document whose root is <{name}>")
        raise IngestError(f"not an OPML subscription list: it is {what}", origin)
    body = next((child for child in _elements(root) if _local(child.tag) == "body"), root)
    result = OpmlImport([], [("the document", damage)] if damage else [])
    _walk(body, [], result, {})
    return result


def _decoded(data: bytes) -> str:
    """The document as text: a byte-order mark wins; then UTF-8 when the bytes are valid UTF-8
    (publishers often declare an encoding they do not use, as Miniflux's reader also assumes);
    then the declared encoding; then Windows-1252, which decodes anything."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    if data[:2] in (b"<\x00", b"\x00<"):  # UTF-16 without a byte-order mark
        return data.decode("utf-16-le" if data[:1] == b"<" else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_ENCODING.match(data)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("cp1252", errors="replace")


def _root(xml: bytes, origin: str) -> tuple[etree._Element, str | None]:
    """The root element, and a note when the XML was damaged and only partly read."""
    try:
        return etree.fromstring(xml, _STRICT), None
    except etree.XMLSyntaxError as error:
        problem = str(error.msg)
    try:
        root = etree.fromstring(xml, _SALVAGE)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise IngestError(f"not XML: {problem}", origin)
    return root, f"damaged XML, {problem}: outlines after the damage may be missing"


def _walk(
    container: etree._Element, folders: list[str], result: OpmlImport, seen: dict[str, str]
) -> None:
    for element in _elements(container):
        if _local(element.tag) != "outline":
            continue
        attrs = _attributes(element)
        title = _words(attrs.get("title")) or _words(attrs.get("text"))
        children = [c for c in _elements(element) if _local(c.tag) == "outline"]
        if "xmlurl" in attrs:
            _take(attrs, title, folders, result, seen)
        elif not children:
            result.skipped.append((title or "an untitled outline", _not_a_feed(attrs)))
        if children:
            _walk(element, [*folders, title] if title else folders, result, seen)


def _take(
    attrs: dict[str, str],
    title: str | None,
    folders: list[str],
    result: OpmlImport,
    seen: dict[str, str],
) -> None:
    url = attrs["xmlurl"].strip()
    kind = attrs.get("type", "").strip()
    problem = _address_problem(url)
    if not problem and _SCRAPED.search(kind):
        problem = f"a FreshRSS web-scraping recipe (type={kind}), not a feed"
    if problem:
        result.skipped.append((url or title or "an untitled outline", problem))
        return
    key = canonical_url(url) or url
    if key in seen:
        first = seen[key]
        why = "listed twice: the first kept" if first == url else f"the same feed as {first}"
        result.skipped.append((url, why))
        return
    seen[key] = url
    site = attrs.get("htmlurl", "").strip()
    category = "/".join(folders) or None
    title = None if title == url else title  # exporters write the address when untitled
    result.outlines.append(Outline(url, title, None if _address_problem(site) else site, category))


def _address_problem(url: str) -> str | None:
    """Why a feed address cannot be followed, or None when it is an absolute http(s) URL."""
    if not url:
        return "empty xmlUrl: no feed address"
    if any(c.isspace() or ord(c) < 32 for c in url):
        return "the address holds spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return "not a valid address"
    scheme = parts.scheme.lower()
    if not scheme:
        return "a relative address: an OPML list has no base to resolve it against"
    if scheme not in ("http", "https"):
        return f"not an http(s) address ({scheme}:): newsdesk never follows it"
    if not parts.hostname:
        return "an http(s) address without a host"
    return None


def _not_a_feed(attrs: dict[str, str]) -> str:
    kind = attrs.get("type", "").strip().lower()
    if kind in ("rss", "atom"):
        return f"marked as a feed (type={kind}) but without an xmlUrl"
    if kind:
        target = attrs.get("url", "").strip()
        return f"a {kind} outline{' to ' + target if target else ''}, not a feed"
    return "no xmlUrl: an empty folder or a note, not a feed"


def _attributes(element: etree._Element) -> dict[str, str]:
    """Plain attributes by lower-cased name (old exports write xmlurl, XMLURL); namespaced
    extensions (FreshRSS's frss:...) are left out."""
    return {str(k).lower(): str(v) for k, v in element.attrib.items() if not str(k).startswith("{")}


def _words(value: str | None) -> str | None:
    """An attribute's text: OPML allows encoded HTML in `text`, so entities are decoded once."""
    if value is None:
        return None
    return " ".join(html.unescape(value).split()) or None


def _elements(parent: etree._Element) -> list[etree._Element]:
    return [child for child in parent if isinstance(child.tag, str)]


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def write_opml(outlines: list[Outline], title: str = "newsdesk subscriptions") -> bytes:
    """An OPML 2.0 document (UTF-8) of these feeds, grouped in one folder per category ("A/B" is
    folder B in folder A), folders and feeds in the order they first appear."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = _xml_text(title)
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    etree.SubElement(head, "docs").text = OPML_DOCS
    body = etree.SubElement(root, "body")
    folders: dict[tuple[str, ...], etree._Element] = {(): body}
    for outline in outlines:
        parent = _folder(folders, _folder_path(outline.category))
        attrs = {"type": "rss", "text": _xml_text(outline.title or outline.url)}
        if outline.title:
            attrs["title"] = _xml_text(outline.title)
        attrs["xmlUrl"] = _xml_text(outline.url)
        if outline.site_url:
            attrs["htmlUrl"] = _xml_text(outline.site_url)
        etree.SubElement(parent, "outline", attrs)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _folder_path(category: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (category or "").split("/") if part.strip())


def _folder(
    folders: dict[tuple[str, ...], etree._Element], path: tuple[str, ...]
) -> etree._Element:
    if path not in folders:
        name = _xml_text(path[-1])
        folders[path] = etree.SubElement(_folder(folders, path[:-1]), "outline", text=name)
        folders[path].set("title", name)
    return folders[path]


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)
