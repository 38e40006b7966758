"""Untrusted text made safe for the page: Markdown code spans, http(s) links, escaped HTML links.
Pure functions, no Streamlit."""

from __future__ import annotations

import html
from urllib.parse import urlsplit


def code_span(text: str, limit: int = 60) -> str:
    """Untrusted text as a Markdown code span: shown literally, never parsed.

    Streamlit renders alerts and captions as Markdown, where a value from a link such as
    ``![x](https://elsewhere/)`` would become an image the browser fetches. Inside a code
    span nothing is interpreted; backticks and line breaks, which could end the span, are
    replaced.
    """
    text = str(text)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    text = text.replace("`", "'").replace("\r", " ").replace("\n", " ")
    return f"`{text}`" if text.strip() else "`(empty)`"


def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (no javascript:, data:, ...)."""
    text = str(url or "").strip()
    if not text or any(c in text for c in "\r\n\t<>\"' "):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def link_html(url: object, missing: str = "no link") -> str:
    """An escaped ``<a>`` that opens ``url`` in a new tab when it is a safe http(s) URL; else
    the value itself as escaped text (``missing`` when empty)."""
    safe = safe_url(url)
    if safe:
        esc = html.escape(safe, quote=True)
        return f'<a href="{esc}" target="_blank" rel="noopener noreferrer nofollow">{html.escape(safe)}</a>'
    return html.escape(str(url or "") or missing)
