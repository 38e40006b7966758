"""Who may write from the dashboard: loopback, network addresses, the write password."""

from __future__ import annotations

import pytest

from components.access import WriteAccess, is_loopback, off_message, password_matches, write_access


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("", False),  # Streamlit's default: every interface
        (None, False),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("10.0.0.5", False),
        ("example.org", False),
        ("fe80::1%eth0", False),
    ],
)
def test_loopback(address: str | None, loopback: bool) -> None:
    assert is_loopback(address) is loopback


@pytest.mark.parametrize(
    ("address", "password", "expected"),
    [
        ("127.0.0.1", None, WriteAccess("open", "127.0.0.1")),
        ("127.0.0.1", "", WriteAccess("open", "127.0.0.1")),
        ("127.0.0.1", "s3cret-token", WriteAccess("password", "127.0.0.1")),  # asked on loopback too
        ("0.0.0.0", None, WriteAccess("off", "0.0.0.0")),
        ("", None, WriteAccess("off", "every interface")),
        ("192.168.1.20", "s3cret-token", WriteAccess("password", "192.168.1.20")),
    ],
)
def test_write_access(address: str, password: str | None, expected: WriteAccess) -> None:
    assert write_access(address, password) == expected


@pytest.mark.parametrize(
    ("given", "password", "matches"),
    [
        ("s3cret-token", "s3cret-token", True),
        ("s3cret-tokeN", "s3cret-token", False),
        ("", "s3cret-token", False),
        ("", "", False),  # no password configured: nothing unlocks
        ("日韓", "日韓", True),
    ],
)
def test_password_matches(given: str, password: str, matches: bool) -> None:
    assert password_matches(given, password) is matches


def test_the_off_message_says_how_to_turn_writing_on() -> None:
    message = off_message(WriteAccess("off", "0.0.0.0`<b>"), "Adding articles")
    assert message.startswith("Adding articles is off: this dashboard listens on ")
    assert "RELDASH_WRITE_PASSWORD" in message and "`make run`" in message
    assert "listens on `0.0.0.0'<b>`, reachable" in message  # the address stays inside one code span
