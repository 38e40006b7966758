"""Who may write to the store from the dashboard: the "Add articles" page and the Articles page's Remove.

* The server listens on loopback by default (``.streamlit/config.toml``: ``server.address =
  "127.0.0.1"``; ``make run``): only this machine reaches the page, and writing is open.
* Listening on any other address (``make run HOST=0.0.0.0``, ``--server.address``,
  ``STREAMLIT_SERVER_ADDRESS``) exposes the dashboard to a network: the write pages are then off,
  unless ``RELDASH_WRITE_PASSWORD`` is set (a password, or better a long random token).
* With ``RELDASH_WRITE_PASSWORD`` set, the write pages ask for it once per browser session,
  on loopback too. Reading the dashboard never needs it.

A reverse proxy in front of a loopback server exposes it just the same: set the password there too.

Pure functions, no Streamlit: the decision (:func:`write_access`), the comparison
(:func:`password_matches`), the message; :func:`components.ui.write_gate` draws the unlock form.
"""

from __future__ import annotations

import hmac
import ipaddress
from typing import Literal, NamedTuple

from .markup import code_span

#: Failed unlock attempts allowed per browser session.
MAX_ATTEMPTS = 10


class WriteAccess(NamedTuple):
    """``open`` (write freely), ``password`` (write after the password), or ``off``."""

    state: Literal["open", "password", "off"]
    address: str


def is_loopback(address: str | None) -> bool:
    """True when a server listening on ``address`` is reachable from this machine only.

    Streamlit listens on every interface when the address is empty (its default), so "" is
    not loopback; nor are ``0.0.0.0``, ``::`` or any other interface's address.
    """
    address = (address or "").strip().strip("[]")
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost: it may be any interface


def write_access(address: str | None, password: str | None) -> WriteAccess:
    """Whether the write pages are open, behind the password, or off, for a server listening on
    ``address`` with the write password ``password`` (None or "": not set)."""
    shown = (address or "").strip() or "every interface"
    if password:
        return WriteAccess("password", shown)
    return WriteAccess("open" if is_loopback(address) else "off", shown)


def password_matches(given: str, password: str) -> bool:
    """Constant-time comparison of what was typed with the configured password."""
    return bool(password) and hmac.compare_digest(given.encode("utf-8"), password.encode("utf-8"))


def off_message(access: WriteAccess, what: str) -> str:
    """Why ``what`` ("Adding articles") is off, and how to turn it on (Markdown, address escaped)."""
    return (
        f"{what} is off: this dashboard listens on {code_span(access.address, 60)}, reachable from the "
        "network, and no write password is set. To allow it, set `RELDASH_WRITE_PASSWORD` (a long random "
        "token) and restart; or run it on loopback only (`make run`, the default)."
    )
