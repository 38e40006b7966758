"""The dashboard listens on loopback by default: the Streamlit config, `make run`, and a real server.

Opening it to a network is a documented setting (`make run HOST=0.0.0.0`); the write pages then
need RELDASH_WRITE_PASSWORD (tests/test_app.py, tests/components/test_access.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.streamlit_server import free_port, stop, wait_until_healthy

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "dash_relations.csv"


def test_streamlit_config_listens_on_loopback() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(("args", "address"), [([], "127.0.0.1"), (["HOST=0.0.0.0"], "0.0.0.0")])
def test_make_run_listens_where_it_is_told(args: list[str], address: str) -> None:
    dry = subprocess.run(["make", "-n", "run", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    (command,) = [line for line in dry.stdout.splitlines() if "streamlit run app.py" in line]
    assert f"--server.address {address} " in command + " "


def _other_address() -> str | None:
    """An address of this machine that is not loopback (None when it has none)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def _reachable(address: str, port: int) -> bool:
    try:
        with socket.create_connection((address, port), timeout=2):
            return True
    except OSError:
        return False


def test_a_server_started_without_an_address_is_reachable_from_this_machine_only(tmp_path: Path) -> None:
    other = _other_address()
    if other is None:
        pytest.skip("this machine has no address other than loopback")
    port = free_port()
    env = {**os.environ, "RELDASH_DATA": str(FIXTURE)}
    env.pop("STREAMLIT_SERVER_ADDRESS", None)
    log = tmp_path / "server.log"
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
               "--server.fileWatcherType", "none"]  # fmt: skip
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", proc, log, 60.0)
        assert _reachable("127.0.0.1", port)
        assert not _reachable(other, port), f"the dashboard answered on {other}"
    finally:
        stop(proc)
