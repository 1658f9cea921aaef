"""One running copy per data directory: a second copy would fight the first over the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_NAME = "fazhi-desktop.lock"


class InstanceLock:
    """A `QLockFile` in the data directory; stale locks of crashed copies are taken over by Qt."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / LOCK_NAME
        self._lock = QLockFile(str(self.path))
        # The program holds its lock for hours; Qt's default would call it stale after 30 s and let a
        # second copy in. With 0 only a lock whose process is gone (a crashed copy) is taken over.
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another live copy does."""
        return self._lock.tryLock(200)

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()
