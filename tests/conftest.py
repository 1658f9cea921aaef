"""Shared fixtures: every test gets its own data directory; Qt runs offscreen unless told otherwise."""

from __future__ import annotations

import io
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

# Without a display Qt aborts the whole run (exit 134); the Xvfb smoke test sets its own environment.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SOURCE_TEXT = REPO.parent / "shared" / "source" / "shen-2021-plan.txt"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "data"
    monkeypatch.setenv("FAZHI_DATA_DIR", str(d))
    return d


@pytest.fixture
def cli(data_dir: Path):
    """Run `fazhi-desktop ARGS…` in-process against the test's data directory."""
    from fazhi_desktop.cli.main import main

    def run(*args: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(["--data-dir", str(data_dir), *args])
            except SystemExit as exc:  # argparse usage errors
                code = int(exc.code or 0)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def cli_subprocess(data_dir: Path):
    """Run the real console entry point in a child process (for kill/concurrency tests)."""
    import subprocess

    def run(*args: str, **kw) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fazhi_desktop", "--data-dir", str(data_dir), *args],
            capture_output=True, text=True, encoding="utf-8", **kw,
        )  # fmt: skip

    return run
