"""The ``reldash`` console script (pyproject.toml) is ``python -m extraction``."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import extraction.__main__ as dunder_main
from extraction.cli.main import main

REPO = Path(__file__).resolve().parents[3]


def declared_target() -> str:
    """``module:function`` of the ``reldash`` script in pyproject.toml."""
    with open(REPO / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["scripts"]["reldash"]


def installed_target() -> str | None:
    """``module:function`` of the installed ``reldash`` script; None when the project is not installed."""
    for ep in importlib.metadata.entry_points(group="console_scripts", name="reldash"):
        if ep.dist is None or ep.dist.name == "reldash":
            return ep.value
    return None


def resolve(target: str):
    module, _, attr = target.partition(":")
    obj = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def test_reldash_entry_point_is_the_main_of_python_m_extraction():
    assert dunder_main.main is main
    assert resolve(declared_target()) is main
    installed = installed_target()
    if installed is not None:
        assert installed == declared_target()
        assert resolve(installed) is main


def _reldash_command() -> list[str]:
    """The installed script next to this Python, or the same call the script makes."""
    script = Path(sys.executable).parent / "reldash"
    if script.exists():
        return [str(script)]
    module, _, attr = declared_target().partition(":")
    return [sys.executable, "-c", f"import sys; from {module} import {attr}; sys.argv[0] = 'reldash'; sys.exit({attr}())"]


@pytest.mark.parametrize("args", [["--help"], ["add", "--help"], [], ["list", "--no-such-option"]])
def test_reldash_and_python_m_extraction_agree(args):
    # this checkout's code, even when the installed script is another checkout's
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = {"cwd": REPO, "env": env, "capture_output": True, "text": True, "timeout": 120}
    script = subprocess.run([*_reldash_command(), *args], **run)
    module = subprocess.run([sys.executable, "-m", "extraction", *args], **run)
    assert (script.returncode, script.stdout, script.stderr) == (module.returncode, module.stdout, module.stderr)
    assert module.returncode == (0 if "--help" in args else 2)
    assert "usage: python -m extraction" in module.stdout + module.stderr
