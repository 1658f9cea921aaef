"""`kill -9` while evidence is being added: never a complete-looking file with a wrong hash, never a
record without its file; doctor lists what the dead copy left behind and `--fix-orphans` removes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from evidence_checks import assert_healthy, evidence_rows, make_file, open_unit, sha256_of, temp_leftovers

from fazhi_desktop.evidence.attachments import list_evidence
from fazhi_desktop.safety.doctor import run_doctor
from fazhi_desktop.selfcheck.workspace import Workspace

MIB = 1 << 20

# A child that adds one big file and stops dead at a chosen point, telling the parent through a marker
# file; the parent then kills it with SIGKILL. Pausing (not mocking) is the only change to the code path.
CHILD = r"""
import sys, time
from pathlib import Path
from fazhi_desktop.evidence import store
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.selfcheck.workspace import Workspace

data, src, marker, point = sys.argv[1:5]

def pause():
    Path(marker).write_text("paused")
    time.sleep(600)

def progress(done, total):
    if point.startswith("block:") and done >= int(point[6:]) * (1 << 20):
        pause()
    if point == "copied" and done == total:
        pause()

if point == "renamed":  # inside the write transaction, after the rename to the hash name
    real = store.commit_blob
    def commit_then_pause(*args):
        created = real(*args)
        pause()
        return created
    store.commit_blob = commit_then_pause

ws = Workspace.open(Path(data))
add_evidence(ws, "T01", src, progress=progress)
print("finished")
"""


def wait_for(predicate, proc: subprocess.Popen, limit_s: float = 120) -> bool:
    """Poll until `predicate()` or the child exits; a generous bound only keeps a broken run from hanging."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.001)
    raise AssertionError("child neither reached the point nor exited")


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    return make_file(tmp_path_factory.mktemp("src") / "全年台账扫描件.pdf", 50 * MIB, seed=50)


@pytest.mark.parametrize("point", ["block:1", "block:25", "copied", "renamed"])
def test_kill_at_a_chosen_point(point, data_dir, tmp_path, big_file, cli):
    open_unit(data_dir).close()
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    marker = tmp_path / "marker"
    proc = subprocess.Popen([sys.executable, str(script), str(data_dir), str(big_file), str(marker), point])
    try:
        assert wait_for(marker.exists, proc), "child exited before reaching the kill point"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    assert_healthy(data_dir)
    assert evidence_rows(data_dir) == 0
    sha = sha256_of(big_file)
    stored = data_dir / "evidence" / sha[:2] / sha
    if point == "renamed":
        # the rename happened, the transaction did not: a correct but unrecorded copy, which the next
        # start removes (nothing knows it, and no copy is between its rename and its commit then)
        assert stored.exists() and sha256_of(stored) == sha
        with Workspace.open(data_dir) as ws:
            report = run_doctor(ws)
        assert report.ok and report.orphans == [] and not stored.exists()
    else:
        with Workspace.open(data_dir) as ws:
            report = run_doctor(ws)
        assert not report.ok and report.in_progress == []
        assert not stored.exists()
        leftovers = temp_leftovers(data_dir)
        assert len(leftovers) == 1 and leftovers[0].name.startswith(".incoming-")
        assert report.orphans == [leftovers[0].name]
        assert report.integrity == [] and report.history_broken == [] and report.missing_blobs == {}
        r = cli("doctor", "--fix-orphans")
        assert r.code == 0, r.out + r.err
        assert "已删除" in r.out
    assert temp_leftovers(data_dir) == [] and not stored.exists()
    assert cli("doctor").code == 0

    # and the same file goes in normally afterwards
    assert cli("evidence", "add", "T01", str(big_file)).code == 0
    with Workspace.open(data_dir) as ws:
        assert [r.sha256 for r in list_evidence(ws)] == [sha]
    assert_healthy(data_dir)


def test_kill_the_real_command_again_and_again(data_dir, big_file, cli):
    """The real entry point, killed at whatever moment it has reached once a temporary copy is growing."""
    open_unit(data_dir).close()
    root = data_dir / "evidence"

    def copying_past(threshold: int):
        old = set(root.glob(".incoming-*")) if root.exists() else set()  # left by earlier rounds

        def check() -> bool:
            if not root.exists():
                return False
            for p in set(root.glob(".incoming-*")) - old:
                try:
                    if p.stat().st_size >= threshold:
                        return True
                except FileNotFoundError:  # committed or dropped meanwhile
                    pass
            return False

        return check

    finished = 0
    for round_ in range(6):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "fazhi_desktop",
                "--data-dir",
                str(data_dir),
                "evidence",
                "add",
                "T01",
                str(big_file),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            reached = wait_for(copying_past(round_ * 8 * MIB + 1), proc)
            if reached:
                os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait()
        finished += proc.returncode == 0
        print(f"round {round_}: {'killed' if proc.returncode == -signal.SIGKILL else 'finished'}")
        assert_healthy(data_dir)
        assert evidence_rows(data_dir) == (1 if finished else 0)
    r = cli("doctor", "--fix-orphans")
    assert r.code == 0, r.out + r.err
    assert temp_leftovers(data_dir) == []
    assert cli("doctor").code == 0
    assert_healthy(data_dir)
