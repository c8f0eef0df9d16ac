"""Which URLs newsdesk may fetch: never the operator's own network, unless the operator says so.

ssrfguard does the real work: it resolves a name once, checks every address, and connects to
the address it checked, on the first request and on every redirect hop. This module turns
`FetchSettings.allow` into an ssrfguard `Policy` and narrows it where a policy cannot:
ssrfguard allows networks and ports separately, so "127.0.0.2:8765" listed as a network and a
port would also open 127.0.0.2:80 and 10.0.0.1:8765. The (host, port) pair is therefore checked
here as well, on the URL before any request and on every resolved address at connect time.
"""

from __future__ import annotations

import socket
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network
from typing import Any
from urllib.parse import urlsplit

from ssrfguard import BlockedAddressError, BlockedURLError, Policy, SSRFGuardError

from newsdesk.errors import FetchError, NewsdeskError
from newsdesk.settings import FETCH_ALLOW_ENV, FetchSettings

IPAddress = IPv4Address | IPv6Address

SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
ORDINARY_PORTS = frozenset(DEFAULT_PORTS.values())


def parse_allow_entry(entry: str) -> tuple[str, int]:
    """'host:port' or '[v6]:port' -> (lower-cased host, port); a bare host means port 80."""
    split = urlsplit(f"//{entry.strip()}")
    try:
        port = split.port
    except ValueError as bad:
        raise NewsdeskError(f"{FETCH_ALLOW_ENV}: {entry!r} has an unusable port ({bad})") from bad
    if not split.hostname or split.path or split.username:
        raise NewsdeskError(f"{FETCH_ALLOW_ENV}: {entry!r} is not host:port")
    return split.hostname.lower().rstrip("."), port or 80


def _literal(host: str) -> IPAddress | None:
    try:
        return ip_address(host)
    except ValueError:
        return None


def _addresses_of(host: str, port: int) -> set[IPAddress]:
    """Every address a listed name resolves to now; none when it does not resolve (yet)."""
    literal = _literal(host)
    if literal is not None:
        return {literal}
    try:
        infos = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    except OSError:
        return set()
    return {ip_address(str(info[4][0]).split("%")[0]) for info in infos}


class Guard:
    """The fetch policy built from settings: `check_url` before a request, `resolve` at connect.

    An entry naming a host is resolved once, here; its addresses are what the entry allows.
    """

    def __init__(self, settings: FetchSettings) -> None:
        self._named: set[tuple[str, int]] = set()
        self._addressed: set[tuple[IPAddress, int]] = set()
        for entry in settings.allow:
            host, port = parse_allow_entry(entry)
            self._named.add((host, port))
            self._addressed |= {(address, port) for address in _addresses_of(host, port)}
        # The table ssrfguard ships, with nothing allowed: what a pair not listed is judged by.
        self._strict = Policy()
        networks = {ip_network(address) for address, _ in self._addressed}
        self.policy = Policy(
            allowed_networks=tuple(sorted(networks, key=str)),
            allowed_ports=ORDINARY_PORTS | {port for _, port in self._named},
            # Redirects are followed (and counted) by the fetcher itself, one hop at a time.
            max_redirects=max(1, settings.max_redirects),
        )

    def check_url(self, url: str) -> None:
        """Raise FetchError(refused=True) for a URL newsdesk must not ask for; no DNS involved."""
        split = urlsplit(url)
        scheme = split.scheme.lower()
        if scheme not in SCHEMES:
            named = f"scheme {scheme!r}" if scheme else "a URL without a scheme"
            reason = f"refused: {named} is not fetched (only http and https)"
            raise FetchError(reason, url, refused=True)
        try:
            port = split.port or DEFAULT_PORTS[scheme]
            host = (split.hostname or "").rstrip(".")
            self._check_pair(host, _literal(host), port)
            self.policy.check_url(url)
        except (ValueError, SSRFGuardError) as refused:
            raise FetchError(describe(refused), url, refused=True) from refused

    def resolve(self, host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        """socket.getaddrinfo for ssrfguard, refusing an answer whose (address, port) is not listed.

        ssrfguard calls this for every new connection, redirect hops included, and checks the
        answers against its policy afterwards.
        """
        infos = socket.getaddrinfo(host, port, *args, **kwargs)
        for info in infos:
            self._check_pair(host.lower().rstrip("."), ip_address(str(info[4][0])), port)
        return infos

    def _check_pair(self, host: str, address: IPAddress | None, port: int) -> None:
        if (host, port) in self._named or (address, port) in self._addressed:
            return
        if port not in ORDINARY_PORTS:
            raise NotListed(
                f"port {port} of {host} is not fetched (only 80 and 443, unless "
                f"{_shown(host)}:{port} is listed in {FETCH_ALLOW_ENV})"
            )
        if address is None:
            return
        try:
            self._strict.check_address(address)
        except BlockedAddressError as blocked:
            named = "" if host == str(address) else f" ({host})"
            hint = (
                ""
                if "metadata" in blocked.reason.lower()
                else (f"; list {_shown(host)}:{port} in {FETCH_ALLOW_ENV} to fetch it anyway")
            )
            raise NotListed(f"{address}{named} is not fetched: {blocked.reason}{hint}") from blocked


class NotListed(SSRFGuardError):
    """A (host, port) pair the allow list does not name; `text` is the whole reason."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(text)


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def describe(refusal: Exception) -> str:
    """One line for a refusal by ssrfguard or by `Guard`."""
    if isinstance(refusal, NotListed):
        return f"refused: {refusal.text}"
    if isinstance(refusal, BlockedAddressError):
        return f"refused: {refusal.address} is not fetched: {refusal.reason}"
    if isinstance(refusal, BlockedURLError):
        return f"refused: {refusal.reason}"
    if isinstance(refusal, ValueError):
        return f"refused: the URL has an unusable port ({refusal})"
    return f"refused: {refusal}"
