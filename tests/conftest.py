"""Shared fixtures: every test gets its own data directory; Qt runs offscreen unless told otherwise."""

from __future__ import annotations

import io
import os
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

# Without a display Qt aborts the whole run (exit 134); the Xvfb smoke test sets its own environment.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Times are shown in the PC's own zone (dates.local_moment); the suite runs in one zone whatever the
# machine's, so that a date shown and a date stored agree wherever it runs. test_dates_local checks
# another zone on purpose.
os.environ["TZ"] = "UTC"
if hasattr(time, "tzset"):
    time.tzset()

pytest_plugins = ["review_corpus"]  # real unit-side packages for the reviewer tests, built once a session

REPO = Path(__file__).resolve().parent.parent
SOURCE_TEXT = REPO / "tests" / "data" / "shen-2021-plan.txt"  # verbatim copy of the OCR source


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


def run_cli(data_dir: Path, *args: str) -> CliResult:
    """Run `fazhi-desktop --data-dir DATA_DIR ARGS…` in-process, capturing its output."""
    from fazhi_desktop.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data_dir), *args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(data_dir: Path):
    """Run `fazhi-desktop ARGS…` in-process against the test's data directory."""

    def run(*args: str) -> CliResult:
        return run_cli(data_dir, *args)

    return run


@pytest.fixture
def cli_at():
    """Run `fazhi-desktop ARGS…` in-process against a data directory of the test's choosing."""
    return run_cli


@pytest.fixture
def cli_subprocess(data_dir: Path):
    """Run the real console entry point in a child process (for kill/concurrency tests)."""
    import subprocess

    def run(*args: str, **kw) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fazhi_desktop", "--data-dir", str(data_dir), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            **kw,
        )

    return run


# --- signed packages shared by the verifier's test files (test_verify*.py) -------------------------


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory):
    """Two unit keys (cheap KDF): the signer's, and somebody else's."""
    from package_corpus import FAST_KDF, PASSPHRASE

    from fazhi_desktop.package.keys import generate_key_file

    d = tmp_path_factory.mktemp("keys")
    return (
        generate_key_file(d / "unit.json", PASSPHRASE, kdf=FAST_KDF),
        generate_key_file(d / "other.json", PASSPHRASE, kdf=FAST_KDF),
    )


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, keys) -> Path:
    """A good package written by our writer: report, workbook, results, history and two evidence files."""
    from package_corpus import make_spec, standard_payload

    from fazhi_desktop.package.bagzip import write_package

    d = tmp_path_factory.mktemp("good")
    out = d / "out"
    out.mkdir()
    return write_package(make_spec(standard_payload(d / "ev", sizes=(1_000_000, 300_000))), out, keys[0]).path


@pytest.fixture
def read_only_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A read-only folder: a real read-only tmpfs where mounting works (root here), a 0500 folder for a
    normal user; as root without mount rights, the refusals the OS would give are simulated."""
    import errno
    import subprocess
    import tempfile

    mnt = tmp_path / "ro"
    mnt.mkdir()
    if os.geteuid() != 0:
        mnt.chmod(0o500)
        yield mnt
        mnt.chmod(0o700)
        return
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode == 0:
        try:
            yield mnt
        finally:
            subprocess.run(["umount", str(mnt)], check=False)
        return
    real_access, real_mkstemp = os.access, tempfile.mkstemp

    def access(path, mode, *a, **kw):
        return False if Path(path) == mnt and mode & os.W_OK else real_access(path, mode, *a, **kw)

    def mkstemp(*a, dir=None, **kw):  # noqa: A002 - tempfile's own parameter name
        if dir is not None and Path(dir) == mnt:
            raise OSError(errno.EROFS, "Read-only file system", str(dir))
        return real_mkstemp(*a, dir=dir, **kw)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    yield mnt
