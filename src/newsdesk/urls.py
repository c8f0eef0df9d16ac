"""Canonical URL normalisation: one article, one URL, whatever tracking was added to it."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that say how a reader arrived, never which article they read.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "hsa_", "oly_", "vero_", "_hs")
_TRACKING_NAMES = {
    "fbclid",
    "gclid",
    "dclid",
    "gclsrc",
    "msclkid",
    "yclid",
    "igshid",
    "mkt_tok",
    "ref",
    "ref_src",
    "ref_url",
    "referrer",
    "cmpid",
    "ncid",
    "ocid",
    "sr_share",
    "spm",
    "share",
    "smid",
    "at_medium",
    "at_campaign",
    "__twitter_impression",
    "s_cid",
}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """Normalise a URL so that copies of one address compare equal.

    https and http are folded to https, the host is lower-cased without "www.", default ports,
    fragments, tracking parameters and trailing slashes are dropped, remaining parameters are
    sorted. Returns None for anything that is not an absolute http(s) URL.
    """
    if not url:
        return None
    url = url.strip().replace("\\/", "/")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    try:
        port = parts.port
    except ValueError:
        return None
    if port and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    path = path.rstrip("/") or "/"
    query = urlencode(sorted(_kept_params(parts.query)))
    return urlunsplit(("https", host, path, query, ""))


def _kept_params(query: str) -> list[tuple[str, str]]:
    kept = []
    for name, value in parse_qsl(query, keep_blank_values=True):
        lowered = name.lower()
        if lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES):
            continue
        kept.append((name, value))
    return kept


def host_of(url: str | None) -> str | None:
    """The bare host of a URL ("koreaherald.com"), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host
