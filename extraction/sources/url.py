"""Fetch one article from a URL, safely: http(s) only, public addresses only, bounded.

:func:`fetch_url` downloads a page with httpx (streamed, stopped at ``max_bytes``)
and extracts its main text with :func:`documents.parse_html` (trafilatura).

One deadline (``timeout`` seconds from the call) covers the whole fetch: resolving
host names, connecting, TLS, sending, the response headers, the body and every
redirect hop. It is enforced below httpx, in the network backend of its connection
pool (:class:`DeadlineBackend`): every socket operation waits at most until the
deadline, so a server that sends its headers one byte at a time, drips its body or
redirects slowly is cut off when the time is up, not when it pauses. Host names
are resolved in a helper thread that is abandoned at the deadline.

It refuses (:class:`~extraction.errors.FetchRefused`):

* schemes other than http and https, URLs with credentials;
* hosts that resolve to a private, loopback, link-local, multicast, reserved,
  unspecified or otherwise non-global address — every resolved address is
  checked, the address actually connected to is checked again (so a DNS answer
  that changes between the check and the connection is caught), and redirects
  are followed by hand (at most :data:`config.MAX_REDIRECTS`) with the same checks.

unless ``allow_private`` is true (setting ``RELDASH_ALLOW_PRIVATE_URLS=1``).
Network errors, HTTP errors, the deadline, oversize pages and non-text content
raise :class:`~extraction.errors.FetchFailed`. Both are :class:`InputProblem`
subclasses, so a caller adding documents can report them as rejected inputs.

Environment proxies are ignored (``trust_env=False``): the address checks only
mean something for direct connections.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpcore
import httpx
from httpcore._backends.sync import SyncStream

from extraction import config
from extraction.documents import Document, decode_bytes, parse_html, parse_plain
from extraction.errors import FetchFailed, FetchRefused, InputProblem

USER_AGENT = "reldash/0.1 (+article fetch for a relationship dashboard)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/markdown")
_PRIVATE_HINT = "a private, loopback or reserved address; refused (set RELDASH_ALLOW_PRIVATE_URLS=1 to allow)"


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


def check_url(url: str, *, allow_private: bool, deadline: float | None = None) -> httpx.URL:
    """The parsed URL when it may be fetched; FetchRefused otherwise. Resolving the host waits
    until ``deadline`` (a :func:`time.monotonic` time) at most, then raises DeadlineExceeded."""
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
        if deadline is None:
            addresses = resolve(host, port)
        else:
            addresses = within(deadline, f"resolving {host}", resolve, host, port)
        for address in addresses:
            if not address_allowed(address):
                raise FetchRefused(f"{url[:200]}: {host} resolves to {address}, {_PRIVATE_HINT}")
    return parsed


# --------------------------------------------------------------------------- one deadline


class DeadlineExceeded(Exception):
    """The fetch's deadline passed while ``what`` was going on."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


_T = TypeVar("_T")


def within(deadline: float, what: str, func: Callable[..., _T], *args: Any) -> _T:
    """``func(*args)`` run in a helper thread and waited for until ``deadline`` at most (a name
    look-up takes no timeout); DeadlineExceeded when it is not done by then. A thread still
    running is abandoned: a daemon, it ends when the look-up does."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = func(*args)
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="reldash-fetch-resolve", daemon=True)
    thread.start()
    thread.join(max(0.0, deadline - time.monotonic()))
    if thread.is_alive():
        raise DeadlineExceeded(what)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation waits at most until the fetch's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def _timeout(self, timeout: float | None, error: type[Exception], what: str) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error(f"the time limit passed while {what}")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._timeout(timeout, httpcore.ReadTimeout, "reading the response"))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._timeout(timeout, httpcore.WriteTimeout, "sending the request"))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        timeout = self._timeout(timeout, httpcore.ConnectTimeout, "starting TLS")
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's synchronous network backend under one deadline, refusing disallowed peers.

    The host name is resolved in a helper thread (bounded by the deadline), each address is
    tried with the time left, and the address actually connected to is checked with
    :func:`address_allowed` (unless ``allow_private``) before anything is sent, so a DNS
    answer that changes after :func:`check_url` is caught.
    """

    def __init__(self, deadline: float, *, allow_private: bool) -> None:
        self.deadline = deadline
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options=None,
    ) -> httpcore.NetworkStream:
        try:
            infos = within(self.deadline, f"resolving {host}", socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM)
        except DeadlineExceeded as exc:
            raise httpcore.ConnectTimeout(f"the time limit passed while {exc.what}") from None
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from exc
        error: Exception = httpcore.ConnectError(f"{host} has no address")
        for family, kind, proto, _name, address in infos:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise httpcore.ConnectTimeout("the time limit passed while connecting")
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(left if timeout is None else min(timeout, left))
                if local_address:
                    sock.bind((local_address, 0))
                sock.connect(address)
                for option in socket_options or ():
                    sock.setsockopt(*option)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                peer = str(sock.getpeername()[0])
            except TimeoutError:
                sock.close()
                error = httpcore.ConnectTimeout("the time limit passed while connecting")
                continue
            except OSError as exc:
                sock.close()
                error = httpcore.ConnectError(str(exc))
                continue
            if not self.allow_private and not address_allowed(peer):
                sock.close()
                raise FetchRefused(f"connected to {peer}, {_PRIVATE_HINT}")
            return DeadlineStream(SyncStream(sock), self.deadline)
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, max(0.0, self.deadline - time.monotonic())))


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool with a :class:`DeadlineBackend` (no proxies)."""

    def __init__(self, backend: DeadlineBackend) -> None:
        super().__init__(trust_env=False)
        # httpx 0.28 does not pass a network backend through; its pool is httpcore's, which takes one
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            http1=True,
            http2=False,
            network_backend=backend,
        )


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

    ``timeout`` is the one deadline of the whole fetch, in seconds (default
    ``RELDASH_FETCH_TIMEOUT`` or 10 s): name look-ups, connections, headers, body and
    every redirect hop together. ``max_bytes`` bounds the page size (default
    ``RELDASH_FETCH_MAX_BYTES`` or 5 MB); ``allow_private`` defaults to the
    ``RELDASH_ALLOW_PRIVATE_URLS`` setting. Raises FetchRefused or FetchFailed.
    """
    timeout = config.fetch_timeout() if timeout is None else float(timeout)
    max_bytes = config.fetch_max_bytes() if max_bytes is None else int(max_bytes)
    allow = config.allow_private_urls() if allow_private is None else bool(allow_private)
    url = (url or "").strip()
    deadline = time.monotonic() + timeout
    state = {"current": url}
    try:
        return _fetch(url, state, deadline, max_bytes, allow, date_override)
    except (DeadlineExceeded, httpx.TimeoutException) as exc:
        raise FetchFailed(
            f"{state['current'][:200]}: timed out after {timeout:g} s (one limit for the whole fetch)"
        ) from exc


def _fetch(
    url: str, state: dict[str, str], deadline: float, max_bytes: int, allow: bool, date_override: str
) -> Document:
    """The fetch itself; ``state["current"]`` follows the redirects (for the timeout message)."""
    current = check_url(url, allow_private=allow, deadline=deadline)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    }
    transport = DeadlineTransport(DeadlineBackend(deadline, allow_private=allow))
    # httpx's per-operation timeouts: the whole budget (each operation is cut to what is left)
    budget = httpx.Timeout(max(0.001, deadline - time.monotonic()))
    with httpx.Client(
        transport=transport, timeout=budget, follow_redirects=False, trust_env=False, headers=headers
    ) as client:
        for _hop in range(config.MAX_REDIRECTS + 1):
            state["current"] = str(current)
            if time.monotonic() >= deadline:
                raise DeadlineExceeded(f"fetching {current}")
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        target = str(response.url.join(response.headers["location"]))
                        current = check_url(target, allow_private=allow, deadline=deadline)
                        continue
                    if not 200 <= response.status_code < 300:
                        raise FetchFailed(
                            f"{current}: HTTP {response.status_code} {response.reason_phrase}".rstrip()
                        )
                    body = _read_limited(response, max_bytes, deadline, str(current))
                    return _to_document(body, response, str(current), date_override)
            except httpx.TimeoutException:
                raise
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
            raise DeadlineExceeded(f"reading {url}")
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
