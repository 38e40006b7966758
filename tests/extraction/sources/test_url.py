"""Safe URL fetching: extraction.sources.url, against a local HTTP server (never the internet)."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
import time

import pytest

from extraction.errors import FetchFailed, FetchRefused, InputProblem
from extraction.sources import url as fetch
from extraction.sources.url import address_allowed, doc_id_for_url, fetch_url

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Japan protests to China over vessels near the Senkakus</title>
<meta property="og:title" content="Japan protests to China over vessels near the Senkakus">
<meta property="article:published_time" content="2016-08-08T09:00:00+09:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Japan protests to China over vessels near the Senkakus</h1>
<p>TOKYO, Aug. 8 — Japan lodged a protest with China on Monday after a fleet of Chinese coast guard ships
and fishing boats sailed into the waters around the Senkaku Islands over the weekend.</p>
<p>Foreign Minister Fumio Kishida summoned the Chinese ambassador and told him the incursions were
unacceptable, a ministry official said. Beijing rejected the protest and repeated its claim to the islands,
which it calls the Diaoyu.</p>
<p>The United States said it was watching the situation closely and urged both sides to avoid steps that
could raise tensions in the East China Sea.</p>
</article>
<footer>Copyright 2016 Example News. All rights reserved.</footer>
</body></html>
"""
PLAIN_TEXT = "Seoul imposes sanctions on Russia\n\nSeoul imposed export sanctions on Russia on Monday.\n"


class Handler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeouts)
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (http.server API)
        Handler.requests.append(self.path)
        path = self.path
        if path == "/article.html":
            self._send(200, ARTICLE_HTML.encode("utf-8"))
        elif path == "/article-latin1.html":
            body = ARTICLE_HTML.replace("utf-8", "iso-8859-1").replace("—", "-")
            body = body.replace("East China Sea.", "East China Sea, said Zoë Müller.")
            self._send(200, body.encode("iso-8859-1"), "text/html; charset=iso-8859-1")
        elif path == "/text.txt":
            self._send(200, PLAIN_TEXT.encode("utf-8"), "text/plain; charset=utf-8")
        elif path == "/redirect":
            self._send(302, headers=[("Location", "/article.html")])
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(301, headers=[("Location", f"/hop/{n - 1}" if n > 1 else "/article.html")])
        elif path == "/loop":
            self._send(302, headers=[("Location", "/loop")])
        elif path == "/to-file":
            self._send(302, headers=[("Location", "file:///etc/passwd")])
        elif path == "/to-private":
            self._send(302, headers=[("Location", "http://10.1.2.3/internal")])
        elif path == "/big":
            self._send(200, b"<html><body>" + b"<p>word</p>" * 20_000 + b"</body></html>")
        elif path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the client must count
            for _ in range(100):
                self.wfile.write(b"<p>" + b"x" * 1000 + b"</p>")
            self.close_connection = True
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, ARTICLE_HTML.encode("utf-8"))
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/empty.html":
            self._send(200, b"<html><head><title>t</title></head><body><script>var a=1;</script></body></html>")
        else:
            self._send(404, b"not found")


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    Handler.requests.clear()
    for var in ("RELDASH_ALLOW_PRIVATE_URLS", "RELDASH_FETCH_TIMEOUT", "RELDASH_FETCH_MAX_BYTES"):
        monkeypatch.delenv(var, raising=False)


# --------------------------------------------------------------------------- fetching


def test_fetch_article_main_text_and_metadata(server):
    doc = fetch_url(f"{server}/article.html", allow_private=True)
    assert doc.title == "Japan protests to China over vessels near the Senkakus"
    assert doc.date == "2016-08-08"
    assert doc.url == f"{server}/article.html"
    assert doc.source_file == f"{server}/article.html"
    assert doc.doc_id == doc_id_for_url(f"{server}/article.html")
    assert doc.doc_id.startswith("127-0-0-1-article-html-")
    assert "Japan lodged a protest with China on Monday" in doc.text
    assert "Copyright" not in doc.text
    assert "Home" not in doc.text
    assert Handler.requests == ["/article.html"]


def test_declared_charset_is_used(server):
    doc = fetch_url(f"{server}/article-latin1.html", allow_private=True)
    assert "East China Sea, said Zoë Müller." in doc.text


def test_plain_text_page(server):
    doc = fetch_url(f"{server}/text.txt", allow_private=True, date_override="2022-02-28")
    assert doc.title == "Seoul imposes sanctions on Russia"
    assert doc.date == "2022-02-28"
    assert doc.text == PLAIN_TEXT


def test_redirects_are_followed_and_the_final_url_kept(server):
    doc = fetch_url(f"{server}/redirect", allow_private=True)
    assert doc.url == f"{server}/article.html"
    assert Handler.requests == ["/redirect", "/article.html"]
    Handler.requests.clear()
    fetch_url(f"{server}/hop/5", allow_private=True)  # five redirects: allowed
    assert Handler.requests == ["/hop/5", "/hop/4", "/hop/3", "/hop/2", "/hop/1", "/article.html"]


def test_too_many_redirects(server):
    with pytest.raises(FetchRefused, match="more than 5 redirects"):
        fetch_url(f"{server}/hop/6", allow_private=True)
    assert Handler.requests == ["/hop/6", "/hop/5", "/hop/4", "/hop/3", "/hop/2", "/hop/1"]
    Handler.requests.clear()
    with pytest.raises(FetchRefused, match="more than 5 redirects"):
        fetch_url(f"{server}/loop", allow_private=True)
    assert Handler.requests == ["/loop"] * 6


def test_size_limit_declared_and_streamed(server):
    with pytest.raises(FetchFailed, match=r"larger than the 50,000 byte limit \(220,026 bytes\)"):
        fetch_url(f"{server}/big", allow_private=True, max_bytes=50_000)
    with pytest.raises(FetchFailed, match="larger than the 50,000 byte limit; download stopped"):
        fetch_url(f"{server}/big-chunked", allow_private=True, max_bytes=50_000)


def test_size_limit_from_setting(server, monkeypatch):
    monkeypatch.setenv("RELDASH_FETCH_MAX_BYTES", "1000")
    with pytest.raises(FetchFailed, match="1,000 byte limit"):
        fetch_url(f"{server}/article.html", allow_private=True)


def test_timeout(server):
    start = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out after 0.3 s"):
        fetch_url(f"{server}/slow", allow_private=True, timeout=0.3)
    assert time.monotonic() - start < 1.5


def test_http_errors_and_content_types(server):
    with pytest.raises(FetchFailed, match="HTTP 404 Not Found"):
        fetch_url(f"{server}/missing", allow_private=True)
    with pytest.raises(FetchFailed, match="content type 'image/png' is not an HTML or text page"):
        fetch_url(f"{server}/image.png", allow_private=True)
    with pytest.raises(FetchFailed, match="no article text found"):
        fetch_url(f"{server}/empty.html", allow_private=True)


def test_connection_refused_is_a_clean_error():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchFailed, match="ConnectError"):
        fetch_url(f"http://127.0.0.1:{port}/", allow_private=True, timeout=2)


def test_fetch_errors_are_input_problems():
    assert issubclass(FetchRefused, InputProblem)
    assert issubclass(FetchFailed, InputProblem)
    assert str(FetchRefused("x")) == "[E030] x"
    assert str(FetchFailed("x")) == "[E031] x"


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/article.html",
        "http://localhost:{port}/article.html",
        "http://[::1]:{port}/article.html",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.0.5/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0:{port}/",
        "http://[::ffff:127.0.0.1]:{port}/",
        "http://224.0.0.1/",
        "http://100.64.0.1/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
    ],
)
def test_private_addresses_are_refused_by_default(server, url):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchRefused, match="private, loopback or reserved address; refused") as info:
        fetch_url(url.format(port=port))
    assert "RELDASH_ALLOW_PRIVATE_URLS=1" in str(info.value)
    assert str(info.value).startswith("[E030] ")
    assert Handler.requests == []  # refused before connecting


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only http and https URLs are fetched, not 'file'"),
        ("ftp://example.com/a.txt", "only http and https URLs are fetched, not 'ftp'"),
        ("gopher://example.com/", "only http and https URLs are fetched, not 'gopher'"),
        ("example.com/article", "only http and https URLs are fetched, not 'no scheme'"),
        ("http:///article", "the URL has no host"),
        ("http://user:secret@93.184.216.34/", "user name or password"),
    ],
)
def test_other_schemes_and_odd_urls_are_refused(url, message):
    with pytest.raises(FetchRefused, match=message):
        fetch_url(url, allow_private=True)


def test_setting_allows_private_addresses(server, monkeypatch):
    monkeypatch.setenv("RELDASH_ALLOW_PRIVATE_URLS", "1")
    assert fetch_url(f"{server}/article.html").title.startswith("Japan protests")
    monkeypatch.setenv("RELDASH_ALLOW_PRIVATE_URLS", "0")
    with pytest.raises(FetchRefused):
        fetch_url(f"{server}/article.html")


def test_redirects_are_checked_again(server, monkeypatch):
    # Treat the test server's loopback address as public: the redirect target must still be checked.
    real = fetch.address_allowed
    monkeypatch.setattr(fetch, "address_allowed", lambda a: a == "127.0.0.1" or real(a))
    assert fetch_url(f"{server}/redirect", allow_private=False).url == f"{server}/article.html"
    with pytest.raises(FetchRefused, match="10.1.2.3 resolves to 10.1.2.3, a private"):
        fetch_url(f"{server}/to-private", allow_private=False)
    with pytest.raises(FetchRefused, match="not 'file'"):
        fetch_url(f"{server}/to-file", allow_private=False)
    assert Handler.requests == ["/redirect", "/article.html", "/to-private", "/to-file"]


def test_address_connected_to_is_checked_again(server, monkeypatch):
    """A host name whose DNS answer changes after the check (DNS rebinding) is caught at connect time."""
    port = int(server.rsplit(":", 1)[1])
    real_getaddrinfo = socket.getaddrinfo

    def rebinding_getaddrinfo(host, *args, **kwargs):
        if host == "rebind.test":
            return real_getaddrinfo("127.0.0.1", *args, **kwargs)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(fetch, "resolve", lambda host, port: ["93.184.216.34"])  # the check sees a public IP
    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)  # the connection goes to loopback
    with pytest.raises(FetchRefused, match="connected to 127.0.0.1, a private"):
        fetch_url(f"http://rebind.test:{port}/article.html")
    assert Handler.requests == []  # refused before the request was sent


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("8.8.8.8", True),
        ("127.0.0.1", False),
        ("10.20.30.40", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:0001::1", False),  # 6to4 wrapping 127.0.0.1
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("not an address", False),
    ],
)
def test_address_policy(address, allowed):
    assert address_allowed(address) is allowed


# --------------------------------------------------------------------------- into the store


def test_store_add_url(server, tmp_path):
    from extraction.store import Store
    from tests.extraction.store.helpers import FakeExtractor

    store = Store(tmp_path / "r.duckdb")
    report = store.add_url(f"{server}/redirect", allow_private=True, extractor=FakeExtractor())
    assert report.added == 1
    assert report.added_ids == [doc_id_for_url(f"{server}/article.html")]
    stored = store.document(report.added_ids[0])
    assert (stored.url, stored.date) == (f"{server}/article.html", "2016-08-08")
    assert "Japan lodged a protest" in stored.text
    # the same page again: a duplicate, not a second copy
    assert store.add_url(f"{server}/article.html", allow_private=True, extractor=FakeExtractor()).skipped_duplicates == 1

    refused = store.add_url(f"{server}/article.html", extractor=FakeExtractor())  # default: private refused
    assert refused.added == 0
    assert len(refused.rejected) == 1
    assert refused.rejected[0].startswith(f"[E030] {server}/article.html: 127.0.0.1 resolves to 127.0.0.1")
    failed = store.add_url(f"{server}/missing", allow_private=True, extractor=FakeExtractor())
    assert failed.rejected == [f"[E031] {server}/missing: HTTP 404 Not Found"]
    bad_date = store.add_url(f"{server}/article.html", date="someday", allow_private=True, extractor=FakeExtractor())
    assert bad_date.rejected == [f"[E001] {server}/article.html: date: unparseable date 'someday'"]
    assert store.stats()["documents"] == 1


# --------------------------------------------------------------------------- one deadline for the whole fetch


class DripServer:
    """A local HTTP server that answers slowly, in the ways a fetch must not wait for:

    ``/headers`` sends its status line and headers one byte every ``pause`` seconds;
    ``/body`` sends its headers at once, then its body one byte at a time;
    ``/hop/N`` waits ``pause`` seconds, then redirects to ``/hop/N-1`` (``/hop/0`` is a page).
    """

    PAGE = ARTICLE_HTML.encode("utf-8")

    def __init__(self, pause: float) -> None:
        self.pause = pause
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.requests: list[str] = []
        self.sent_bytes = 0
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            request = conn.recv(65536).decode("latin-1")
            path = request.split(" ", 2)[1]
            self.requests.append(path)
            head = "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {length}\r\n{extra}\r\n"
            if path == "/headers":
                data = head.format(status="200 OK", length=len(self.PAGE), extra="X-Padding: " + "p" * 400 + "\r\n")
                for byte in data.encode():
                    if self._stop.is_set():
                        return
                    conn.sendall(bytes([byte]))
                    self.sent_bytes += 1
                    time.sleep(self.pause)
                conn.sendall(self.PAGE)
            elif path == "/body":
                conn.sendall(head.format(status="200 OK", length=len(self.PAGE), extra="").encode())
                for byte in self.PAGE:
                    if self._stop.is_set():
                        return
                    conn.sendall(bytes([byte]))
                    self.sent_bytes += 1
                    time.sleep(self.pause)
            elif path.startswith("/hop/"):
                n = int(path.rsplit("/", 1)[1])
                time.sleep(self.pause)
                if n == 0:
                    conn.sendall(head.format(status="200 OK", length=len(self.PAGE), extra="").encode() + self.PAGE)
                else:
                    extra = f"Location: /hop/{n - 1}\r\nConnection: close\r\n"
                    conn.sendall(head.format(status="302 Found", length=0, extra=extra).encode())

    def close(self) -> None:
        self._stop.set()
        self.sock.close()


@pytest.fixture
def drip():
    server = DripServer(pause=0.05)
    yield server
    server.close()


def _fails_within(url: str, timeout: float, slack: float = 1.0, **kwargs) -> FetchFailed:
    start = time.monotonic()
    with pytest.raises(FetchFailed, match=rf"timed out after {timeout:g} s \(one limit for the whole fetch\)") as info:
        fetch_url(url, timeout=timeout, allow_private=True, **kwargs)
    elapsed = time.monotonic() - start
    assert elapsed < timeout + slack, f"the fetch took {elapsed:.1f} s with a {timeout} s deadline"
    return info.value


def test_headers_sent_one_byte_at_a_time_are_cut_off_at_the_deadline(drip):
    # each byte comes well within any per-read timeout; only a deadline over the whole fetch stops it
    error = _fails_within(f"{drip.url}/headers", 0.5)
    assert str(error).startswith(f"[E031] {drip.url}/headers: timed out")
    assert 0 < drip.sent_bytes < 200  # the headers (about 500 bytes at 20 a second) were never all sent


def test_a_body_sent_one_byte_at_a_time_is_cut_off_at_the_deadline(drip):
    _fails_within(f"{drip.url}/body", 0.5)


def test_the_deadline_covers_every_redirect_hop(drip):
    drip.pause = 0.2
    # five hops of 0.2 s each: no single hop is slow, the chain is
    _fails_within(f"{drip.url}/hop/5", 0.5)
    assert drip.requests[:2] == ["/hop/5", "/hop/4"]
    assert len(drip.requests) <= 4
    # with time enough, the same chain is fetched
    drip.requests.clear()
    doc = fetch_url(f"{drip.url}/hop/2", timeout=5, allow_private=True)
    assert doc.url == f"{drip.url}/hop/0"
    assert drip.requests == ["/hop/2", "/hop/1", "/hop/0"]


@pytest.mark.parametrize("allow_private", [False, True], ids=["checked", "not-checked"])
def test_the_deadline_covers_resolving_the_host(monkeypatch, allow_private):
    real = socket.getaddrinfo

    def slow_getaddrinfo(host, *args, **kwargs):
        if host == "slow-dns.test":
            time.sleep(3)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow_getaddrinfo)
    start = time.monotonic()
    with pytest.raises(FetchFailed, match=r"slow-dns\.test.*timed out after 0.3 s"):
        fetch_url("http://slow-dns.test/article.html", timeout=0.3, allow_private=allow_private)
    assert time.monotonic() - start < 1.3


def test_the_deadline_covers_connecting():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):  # fill the accept queue: further connections hang in the handshake
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        time.sleep(0.1)
        probe = socket.create_connection
        try:
            probe(("127.0.0.1", port), timeout=0.2).close()
            pytest.skip("this system completes connections beyond the listen backlog")
        except TimeoutError:
            pass
        _fails_within(f"http://127.0.0.1:{port}/", 0.4)
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def test_a_fast_page_is_fetched_with_a_short_deadline(server):
    assert fetch_url(f"{server}/article.html", timeout=2, allow_private=True).title.startswith("Japan protests")
