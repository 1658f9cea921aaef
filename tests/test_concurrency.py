"""Two programs writing one database at once, and `kill -9` in the middle of writes.

After each: `PRAGMA integrity_check` is ok, the history chain is intact, nothing committed is lost, and
every row present is complete (its fields and its history rows were written together).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.assessments import list_assessments
from fazhi_desktop.selfcheck.profile import set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import DB_NAME

BUSY = "数据库正被另一个程序写入"


@pytest.fixture
def township(data_dir: Path) -> Path:
    with Workspace.open(data_dir) as ws:
        set_up_unit(ws, "燕店镇")
    return data_dir


def _assert_sound(data_dir: Path) -> None:
    """Integrity ok, chain intact, and every assessment value is the last value its history recorded."""
    conn = sqlite3.connect(data_dir / DB_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    with Workspace.open(data_dir) as ws:
        assert history.verify_chain(ws.db) == []
        last: dict[tuple[str, str], str | None] = {}
        for e in history.changes_since(ws.db, period_id=ws.period.id):
            if e.entity == "assessment" and e.item_id:
                last[(e.item_id, e.field)] = e.new_value
        for item_id, a in list_assessments(ws).items():
            for field in ("narrative", "problems", "measures", "work_status"):
                recorded = last.get((item_id, field))
                if recorded is not None:
                    assert getattr(a, field) == recorded, (item_id, field)


def test_two_command_line_programs_writing_at_once(township, cli_subprocess):
    rounds = 10
    results: dict[str, list[subprocess.CompletedProcess[str]]] = {"A": [], "B": []}

    def writer(name: str, item: str) -> None:
        for i in range(rounds):
            # Each writer has its own item and both write the shared T03.
            results[name].append(cli_subprocess("check", item, "--text", f"{name}{i}"))
            results[name].append(cli_subprocess("check", "T03", "--text", f"{name}{i}", "--status", "推进中"))

    threads = [
        threading.Thread(target=writer, args=("A", "T01")),
        threading.Thread(target=writer, args=("B", "T02")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    for name in ("A", "B"):
        for r in results[name]:
            assert r.returncode == 0 or (r.returncode == 1 and r.stderr.startswith(f"错误：{BUSY}")), r.stderr
            assert "Traceback" not in r.stderr
    with Workspace.open(township) as ws:
        narratives = [e.new_value for e in history.changes_since(ws.db) if e.field == "narrative"]
        for name, item in (("A", "T01"), ("B", "T02")):
            ok = [r for i, r in enumerate(results[name]) if i % 2 == 0 and r.returncode == 0]
            mine = [e.new_value for e in history.changes_since(ws.db, item_id=item) if e.field == "narrative"]
            assert len(mine) == len(ok)  # every successful write recorded, none lost
            shared_ok = sum(1 for i, r in enumerate(results[name]) if i % 2 == 1 and r.returncode == 0)
            assert sum(1 for v in narratives if v and v.startswith(name)) == len(ok) + shared_ok
        t03 = [e.new_value for e in history.changes_since(ws.db, item_id="T03") if e.field == "narrative"]
        assert list_assessments(ws)["T03"].narrative == t03[-1]
    _assert_sound(township)


_WRITER = r"""
import sys
from pathlib import Path
from fazhi_desktop.errors import StoreError
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import write_transaction

data_dir, name, item, rounds = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
done = busy = 0
with Workspace.open(data_dir) as ws:
    for i in range(rounds):
        try:
            with write_transaction(ws.db):  # both or neither, so the counts below are exact
                save_assessment(ws, item, strict=False, narrative=f"{name}{i}", problems=f"{name}{i}")
                save_assessment(ws, "T03", strict=False, narrative=f"{name}{i}")
            done += 1
        except StoreError:
            busy += 1
print(done, busy)
"""


def test_two_writer_loops_lose_nothing(township):
    rounds = 150
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(township), name, item, str(rounds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, item in (("A", "T01"), ("B", "T02"))
    ]
    outcome = {}
    for name, p in zip("AB", procs, strict=True):
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        outcome[name] = tuple(int(x) for x in out.split())
    print("writes done/busy:", outcome)
    with Workspace.open(township) as ws:
        for name, item in (("A", "T01"), ("B", "T02")):
            done, busy = outcome[name]
            assert done + busy == rounds
            rows = [e for e in history.changes_since(ws.db, item_id=item) if e.field == "narrative"]
            assert len(rows) == done
            assert [int(e.new_value[1:]) for e in rows] == sorted(int(e.new_value[1:]) for e in rows)
        t03 = [e.new_value for e in history.changes_since(ws.db, item_id="T03") if e.field == "narrative"]
        assert len(t03) == outcome["A"][0] + outcome["B"][0]  # values never repeat, so each write is a change
        assert {v[0] for v in t03} == {"A", "B"}
        assert list_assessments(ws)["T03"].narrative == t03[-1]
    _assert_sound(township)


def test_a_write_while_another_program_holds_the_lock_gets_the_busy_message(township, cli, monkeypatch):
    monkeypatch.setattr("fazhi_desktop.store.db.BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(township / DB_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = cli("check", "T01", "--text", "等不到锁")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.code == 1 and r.err.startswith(f"错误：{BUSY}"), r.err
    assert cli("check", "T01", "--text", "这次可以").code == 0
    _assert_sound(township)


_LOOP = r"""
import sys
from pathlib import Path
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import write_transaction

data_dir = Path(sys.argv[1])
with Workspace.open(data_dir) as ws:
    start = ws.db.execute("SELECT COUNT(*) FROM history").fetchone()[0]
    for i in range(start, start + 100000):
        item = f"T{i % 20 + 1:02d}"
        value = f"v{i}-" + "内容" * (i % 50)
        save_assessment(ws, item, strict=False, narrative=value, problems=value, measures=value,
                        work_status=("推进中", "已完成")[i % 2])
        # A batch over five items: all or none.
        with write_transaction(ws.db):
            for k in range(21, 26):
                save_assessment(ws, f"T{k}", strict=False, narrative=f"batch{i}")
        print(i, flush=True)
"""


def test_kill_9_in_the_middle_of_writes(township):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    last_reported = -1
    for round_ in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", _LOOP, str(township)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Let it commit a random number of iterations, then kill it wherever it is.
        target = rng.randint(5, 60)
        assert child.stdout is not None
        for seen, line in enumerate(child.stdout, start=1):
            last_reported = int(line)
            if seen >= target:
                break
        if child.poll() is not None:
            pytest.fail(f"writer ended early: {child.stderr.read() if child.stderr else ''}")
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()  # type: ignore[union-attr]
        assert child.returncode == -signal.SIGKILL

        _assert_sound(township)
        with Workspace.open(township) as ws:
            saved = list_assessments(ws)
            for item_id, a in saved.items():
                if item_id <= "T20":
                    assert a.narrative == a.problems == a.measures, (seed, round_, item_id)
            batches = {saved[f"T{k}"].narrative for k in range(21, 26)}
            assert len(batches) == 1, (seed, round_, batches)  # the five-item batch is all or nothing
            assert int(batches.pop().removeprefix("batch")) >= last_reported  # nothing reported was lost
