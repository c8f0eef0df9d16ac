"""One-line reasons, in words a user can act on, for what went wrong while fetching."""

from __future__ import annotations

import socket
import ssl
from http import HTTPStatus

import httpx


def status_reason(status: int) -> str:
    """'HTTP 404 Not Found' (the standard phrase, never the server's own text)."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _causes(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def network_reason(error: httpx.HTTPError, timeout: float) -> str:
    """'timed out after 20 s', 'connection refused', 'could not resolve example.org', ..."""
    if isinstance(error, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    causes = _causes(error)
    text = " ".join(str(cause) for cause in causes).lower()
    if any(isinstance(c, ConnectionRefusedError) for c in causes) or "refused" in text:
        return "connection refused"
    if any(isinstance(c, socket.gaierror) for c in causes) or "name or service" in text:
        host = error.request.url.host if _has_request(error) else "the host"
        return f"could not resolve {host}"
    if any(isinstance(c, ssl.SSLError) for c in causes) or "certificate" in text:
        return f"TLS failed: {_first_line(error)}"
    if isinstance(error, httpx.DecodingError):
        return f"could not decode the response body: {_first_line(error)}"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server broke off the exchange: {_first_line(error)}"
    if any(isinstance(c, ConnectionResetError) for c in causes):
        return "the server reset the connection"
    return f"{type(error).__name__}: {_first_line(error)}"


def _has_request(error: httpx.HTTPError) -> bool:
    try:
        error.request  # noqa: B018 - httpx raises RuntimeError when no request was attached
    except RuntimeError:
        return False
    return True


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
