"""`fazhi-desktop --self-test` in a real subprocess: the whole path passes, with and without a network."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from fazhi_desktop import selftest


def _self_test(*prefix: str, tmp: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if tmp:
        env["TMPDIR"] = tmp
    return subprocess.run(
        [*prefix, sys.executable, "-m", "fazhi_desktop", "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in done.stdout.splitlines() if line.strip()]


def test_the_self_test_passes_every_step_and_leaves_nothing_behind(tmp_path):
    done = _self_test(tmp=str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = _lines(done)
    steps = [line for line in lines if line.lstrip().startswith("[")]
    assert len(steps) == 6 and all("：通过（" in line for line in steps), lines
    assert lines[-1].startswith("自检通过") and "Traceback" not in done.stderr
    assert any("篡改过的副本被识别" in line for line in steps)
    assert list(tmp_path.iterdir()) == []  # the temporary data directory is gone


@pytest.mark.skipif(
    not (sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("unshare")),
    reason="a network namespace needs root and unshare (CI runs as root)",
)
def test_the_self_test_passes_without_any_network():
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -n not permitted here: {probe.stderr.decode().strip()}")
    done = _self_test("unshare", "-n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _lines(done)[-1].startswith("自检通过")


def test_a_failing_step_is_named_and_stops_the_run(monkeypatch):
    def broken(self):
        raise selftest.SelfTestFailed("报告没有生成 PDF 和 Excel 文件")

    monkeypatch.setattr(selftest._Run, "report", broken)
    monkeypatch.setattr(selftest._Run, "package_signed", lambda self: pytest.fail("ran after a failure"))
    said: list[str] = []
    assert selftest.run_self_test(out=said.append) == 1
    assert "[4/6] 生成报告（PDF 和 Excel）：失败 —— 报告没有生成 PDF 和 Excel 文件" in said[-2]
    assert said[-1].startswith("自检未通过")
