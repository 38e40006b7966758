"""Keeping memory bounded: the resident size, trimming, and trimming only above the limit."""

from __future__ import annotations

import sys

import pytest

from components import memory

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and uses glibc's malloc_trim")


@linux
def test_resident_size_is_this_processs() -> None:
    with open("/proc/self/status", encoding="ascii") as handle:
        vm_rss_mb = next(int(line.split()[1]) for line in handle if line.startswith("VmRSS")) / 1024
    size = memory.resident_mb()
    assert size is not None and size > 10  # a Python process with pandas loaded
    assert size == pytest.approx(vm_rss_mb, rel=0.2)


@linux
def test_trim_returns_freed_memory_to_the_system() -> None:
    assert memory._libc() is not None  # glibc: malloc_trim is there
    blocks = [bytearray(64 * 1024) for _ in range(4000)]  # ~256 MB in blocks below the mmap threshold
    pin = bytearray(64 * 1024)  # allocated above them, so glibc cannot give them back on its own
    grown = memory.resident_mb()
    del blocks
    held = memory.resident_mb()
    assert held > grown - 50  # freed, but still resident: what reruns pile up
    memory.trim()
    assert memory.resident_mb() < held - 150
    del pin


def test_trim_if_large_trims_only_above_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    trims: list[dict] = []
    monkeypatch.setattr(memory, "trim", lambda **kwargs: trims.append(kwargs))
    monkeypatch.setattr(memory, "resident_mb", lambda: 500.0)
    assert memory.trim_if_large(limit_mb=900.0) is False and trims == []
    assert memory.trim_if_large(limit_mb=500.0) is False and trims == []  # at the limit: not above it
    assert memory.trim_if_large(limit_mb=400.0) is True and len(trims) == 1
    monkeypatch.setattr(memory, "resident_mb", lambda: None)  # no /proc: never trims
    assert memory.trim_if_large(limit_mb=0.0) is False and len(trims) == 1
