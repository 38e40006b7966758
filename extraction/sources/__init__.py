"""Where relations and articles come from besides local files.

* :mod:`extraction.sources.url` — one article fetched from a URL, safely;
* :mod:`extraction.sources.gdelt` — GDELT 2.0 event exports read as relation rows.

Importing this package imports neither submodule (httpx loads only with ``url``).
"""
