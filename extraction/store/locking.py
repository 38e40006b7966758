"""The store's file lock: readers share, writers exclude, a waiting writer goes before new readers.

DuckDB lets one process write a file, and no other process open it meanwhile, so
every store call takes this lock before it opens DuckDB. It is built from two
``flock``-style locks taken with :mod:`portalocker` (``fcntl.flock`` on POSIX):

* ``<db>.lock``: shared by readers, exclusive for the writer;
* the gate ``<db>.lock-writer``: held exclusively by a writer from the moment it
  starts waiting until it is done. Readers pass through the gate (shared,
  released as soon as they hold the main lock), so a stream of readers cannot
  starve a writer.

Every acquisition opens its own file handle, and ``flock`` locks belong to the
open file, so threads of one process exclude each other just as processes do.
The operating system drops the locks of a process that dies.

Both locks are tried without blocking until a deadline; a lock still held by
someone else then raises :class:`~extraction.errors.StoreBusy`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import portalocker

from extraction.errors import StoreBusy, StoreError

#: Seconds between two tries of a lock held by someone else.
CHECK_INTERVAL = 0.02


class StoreLock:
    """The reader/writer lock of the DuckDB file at ``db_path``."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = db_path.with_name(db_path.name + ".lock")
        self.gate_path = db_path.with_name(db_path.name + ".lock-writer")

    @contextmanager
    def hold(self, *, exclusive: bool, timeout: float) -> Iterator[None]:
        """Hold the lock (exclusive for a writer, shared for a reader) for the ``with`` block.

        Waits at most ``timeout`` seconds in all, then raises StoreBusy.
        """
        deadline = time.monotonic() + timeout
        kind = portalocker.LockFlags.EXCLUSIVE if exclusive else portalocker.LockFlags.SHARED
        flags = kind | portalocker.LockFlags.NON_BLOCKING
        gate = self._take(self.gate_path, flags, deadline)
        try:
            main = self._take(self.path, flags, deadline)
        except BaseException:
            gate.release()
            raise
        if not exclusive:
            gate.release()
        try:
            yield
        finally:
            main.release()
            if exclusive:
                gate.release()

    def _take(self, path: Path, flags: portalocker.LockFlags, deadline: float) -> portalocker.Lock:
        try:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot open the store's lock file {path}: {exc.strerror or exc}") from exc
        lock = portalocker.Lock(
            path,
            mode="a",
            timeout=max(0.0, deadline - time.monotonic()),
            check_interval=CHECK_INTERVAL,
            fail_when_locked=False,
            flags=flags,
        )
        try:
            lock.acquire()
        except portalocker.AlreadyLocked as exc:
            raise StoreBusy(
                "busy, try again in a moment: another session is writing to the store " + self.db_path.name
            ) from exc
        except portalocker.LockException as exc:
            raise StoreError(f"cannot lock {path}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot open the store's lock file {path}: {exc.strerror or exc}") from exc
        return lock
