"""Child process of the kill -9 fault suite (tests/test_fault_kill.py).

    python tests/fault_child.py KILL_AT DATA_DIR STEP [STEP …]

Counts I/O events — each SQL statement, each fsync, rename, unlink and low-level write, before and
after it — and kills itself with SIGKILL at event number KILL_AT (0: never; then it prints the total
as `EVENTS n`). The program's code runs unchanged: only the counting is added around the calls.

A STEP is a command line for `fazhi-desktop` (words separated by \\x1f), or `draft\\x1fITEM\\x1fTEXT` for
the window's autosave path (a draft save of the item's 工作开展情况). After each step that finished,
`ACK i` is printed and flushed: the parent knows which edits were acknowledged before the kill.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from pathlib import Path

KILL_AT = int(sys.argv[1])
_count = 0


def _event() -> None:
    global _count
    _count += 1
    if _count == KILL_AT:
        os.kill(os.getpid(), signal.SIGKILL)


def _wrap(module: object, name: str) -> None:
    real = getattr(module, name)

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        _event()
        result = real(*args, **kwargs)
        _event()
        return result

    setattr(module, name, counted)


for _name in ("fsync", "replace", "rename", "unlink", "write", "ftruncate"):
    _wrap(os, _name)

_real_connect = sqlite3.connect


def _connect(*args, **kwargs):  # type: ignore[no-untyped-def]
    conn = _real_connect(*args, **kwargs)
    conn.set_trace_callback(lambda _sql: _event())
    return conn


sqlite3.connect = _connect  # type: ignore[assignment]


def main() -> int:
    data_dir = Path(sys.argv[2])
    from fazhi_desktop.cli.main import main as cli

    for i, step in enumerate(sys.argv[3:], start=1):
        words = step.split("\x1f")
        if words[0] == "draft":
            from fazhi_desktop.selfcheck.assessments import save_assessment
            from fazhi_desktop.selfcheck.workspace import Workspace

            with Workspace.open(data_dir) as ws:  # what ui/item_page.py's autosave calls
                save_assessment(ws, words[1], strict=False, narrative=words[2])
        else:
            code = cli(["--data-dir", str(data_dir), *words])
            if code != 0:
                print(f"FAILED {i} {code}", flush=True)
                return code
        print(f"ACK {i}", flush=True)
    print(f"EVENTS {_count}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
