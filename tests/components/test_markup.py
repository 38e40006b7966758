"""Untrusted text made safe: code spans, http(s)-only links."""

from __future__ import annotations

from components.markup import code_span, link_html, safe_url


def test_safe_url() -> None:
    assert safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    assert safe_url("http://example.org") == "http://example.org"
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//evil",
        "",
        None,
        "ftp://x",
        'https://x.org/"onmouseover="alert(1)',
        "https://x.org/<script>",
        "https:///nohost",
    ):
        assert safe_url(bad) is None, bad


def test_code_span_shows_text_literally() -> None:
    assert code_span("![x](https://elsewhere/)") == "`![x](https://elsewhere/)`"
    assert code_span("a`b\nc") == "`a'b c`"  # nothing can end the span early
    assert code_span("  ") == "`(empty)`"
    assert code_span("x" * 100, 10) == "`" + "x" * 9 + "…`"


def test_link_html_links_only_safe_urls() -> None:
    assert link_html("https://x.org/?a=1&b=2") == (
        '<a href="https://x.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow">'
        "https://x.org/?a=1&amp;b=2</a>"
    )
    assert link_html("javascript:alert('1')") == "javascript:alert(&#x27;1&#x27;)"
    assert link_html("") == "no link" and link_html(None, "none") == "none"
