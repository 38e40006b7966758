"""Fetch one article from a URL, safely: http(s) only, public addresses only, bounded.

:func:`fetch_url` downloads a page with httpx (streamed, stopped at ``max_bytes``,
with a timeout) and extracts its main text with :func:`documents.parse_html`
(trafilatura). It refuses (:class:`~extraction.errors.FetchRefused`):

* schemes other than http and https, URLs with credentials;
* hosts that resolve to a private, loopback, link-local, multicast, reserved,
  unspecified or otherwise non-global address — every resolved address is
  checked, the address actually connected to is checked again (so a DNS answer
  that changes between the check and the connection is caught), and redirects
  are followed by hand (at most :data:`config.MAX_REDIRECTS`) with the same checks.

unless ``allow_private`` is true (setting ``RELDASH_ALLOW_PRIVATE_URLS=1``).
Network errors, HTTP errors, oversize pages and non-text content raise
:class:`~extraction.errors.FetchFailed`. Both are :class:`InputProblem` subclasses,
so a caller adding documents can report them as rejected inputs.

Environment proxies are ignored (``trust_env=False``): the address checks only
mean something for direct connections.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import socket
import time
from urllib.parse import urlsplit

import httpx

from extraction import config
from extraction.documents import Document, decode_bytes, parse_html, parse_plain
from extraction.errors import FetchFailed, FetchRefused, InputProblem

USER_AGENT = "reldash/0.1 (+article fetch for a relationship dashboard)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/markdown")


# --------------------------------------------------------------------------- address policy


def address_allowed(address: str) -> bool:
    """True for a globally routable unicast address (IPv4 or IPv6, scope id allowed)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if mapped is not None and not address_allowed(str(mapped)):
            return False
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (a literal address resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchFailed(f"{host}: cannot resolve host name ({exc})") from exc
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str, *, allow_private: bool) -> httpx.URL:
    """The parsed URL when it may be fetched; FetchRefused otherwise."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchRefused(f"{url[:200]}: not a valid URL ({exc})") from exc
    scheme = parsed.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused(
            f"{url[:200]}: only http and https URLs are fetched, not {scheme or 'no scheme'!r}"
        )
    host = parsed.host
    if not host:
        raise FetchRefused(f"{url[:200]}: the URL has no host")
    if parsed.userinfo:
        raise FetchRefused(f"{url[:200]}: URLs with a user name or password are not fetched")
    if not allow_private:
        port = parsed.port or (443 if scheme == "https" else 80)
        for address in resolve(host, port):
            if not address_allowed(address):
                raise FetchRefused(
                    f"{url[:200]}: {host} resolves to {address}, a private, loopback or reserved address; "
                    "refused (set RELDASH_ALLOW_PRIVATE_URLS=1 to allow)"
                )
    return parsed


def _connect_guard(allow_private: bool):
    """httpx trace hook: refuse a connection whose peer address is not allowed, before sending."""

    def trace(event: str, info: dict) -> None:
        if allow_private or event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        address = str(peer[0]) if peer else ""
        if not address_allowed(address):
            raise FetchRefused(
                f"connected to {address or 'an unknown address'}, a private, loopback or reserved address; "
                "refused (set RELDASH_ALLOW_PRIVATE_URLS=1 to allow)"
            )

    return trace


# --------------------------------------------------------------------------- fetch


def doc_id_for_url(url: str) -> str:
    """A readable, stable document id: host and path slug plus a short hash."""
    parts = urlsplit(url)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.hostname or ''}{parts.path}").strip("-").lower()
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return f"{slug[:60].rstrip('-') or 'url'}-{digest}"


def fetch_url(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    allow_private: bool | None = None,
    date_override: str = "",
) -> Document:
    """The article at ``url`` as a :class:`Document` (``source_file`` and ``url`` = final URL).

    ``timeout`` bounds each network operation and the whole download (default
    ``RELDASH_FETCH_TIMEOUT`` or 10 s); ``max_bytes`` the page size (default
    ``RELDASH_FETCH_MAX_BYTES`` or 5 MB); ``allow_private`` defaults to the
    ``RELDASH_ALLOW_PRIVATE_URLS`` setting.
    """
    timeout = config.fetch_timeout() if timeout is None else float(timeout)
    max_bytes = config.fetch_max_bytes() if max_bytes is None else int(max_bytes)
    allow = config.allow_private_urls() if allow_private is None else bool(allow_private)
    url = (url or "").strip()
    deadline = time.monotonic() + timeout
    current = check_url(url, allow_private=allow)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    }
    with httpx.Client(
        timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False, headers=headers
    ) as client:
        for _hop in range(config.MAX_REDIRECTS + 1):
            try:
                with client.stream("GET", current, extensions={"trace": _connect_guard(allow)}) as response:
                    if response.is_redirect:
                        target = str(response.url.join(response.headers["location"]))
                        current = check_url(target, allow_private=allow)
                        continue
                    if not 200 <= response.status_code < 300:
                        raise FetchFailed(
                            f"{current}: HTTP {response.status_code} {response.reason_phrase}".rstrip()
                        )
                    body = _read_limited(response, max_bytes, deadline, str(current))
                    return _to_document(body, response, str(current), date_override)
            except httpx.TimeoutException as exc:
                raise FetchFailed(f"{current}: timed out after {timeout:g} s") from exc
            except httpx.HTTPError as exc:
                raise FetchFailed(f"{current}: {type(exc).__name__}: {exc}") from exc
        raise FetchRefused(f"{url[:200]}: more than {config.MAX_REDIRECTS} redirects")


def _read_limited(response: httpx.Response, max_bytes: int, deadline: float, url: str) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FetchFailed(f"{url}: page is larger than the {max_bytes:,} byte limit ({int(length):,} bytes)")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchFailed(f"{url}: page is larger than the {max_bytes:,} byte limit; download stopped")
        if time.monotonic() > deadline:
            raise FetchFailed(f"{url}: download took longer than the time limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _to_document(body: bytes, response: httpx.Response, url: str, date_override: str) -> Document:
    content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    is_html = content_type in _HTML_TYPES or (not content_type and body.lstrip()[:1] == b"<")
    if not is_html and content_type not in _TEXT_TYPES:
        raise FetchFailed(f"{url}: content type {content_type or '(none)'!r} is not an HTML or text page")
    doc_id = doc_id_for_url(url)
    try:
        text = None
        if response.charset_encoding and body.strip():
            try:
                text = body.decode(response.charset_encoding)
            except (LookupError, UnicodeDecodeError):
                text = None
        if text is None:
            text = decode_bytes(body, url)
        if is_html:
            doc = parse_html(text, doc_id=doc_id, source_file=url, date_override=date_override, url=url)
        else:
            doc = parse_plain(text, doc_id=doc_id, source_file=url, date_override=date_override)
    except InputProblem as exc:
        raise FetchFailed(str(exc).split("] ", 1)[-1]) from exc
    # the page's canonical URL (from its metadata) may differ; keep the one fetched when absent
    return doc._replace(url=doc.url or url)
