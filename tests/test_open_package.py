"""A double-clicked package (`fazhi-desktop PACKAGE.zip`) is verified; without a screen the result is printed."""

from __future__ import annotations

import os
import subprocess
import sys

from fazhi_desktop import selftest
from fazhi_desktop.cli.open_package import opened_package


def _open(path, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-m", "fazhi_desktop", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_package_given_alone_is_verified_and_a_tampered_one_refused(tmp_path, monkeypatch):
    monkeypatch.setenv(selftest.PASS_ENV, "open-package-test-口令")
    run = selftest._Run(tmp_path)
    run.database()
    run.package_signed()
    assert run.package is not None
    good = _open(run.package, tmp_path)
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith("核验通过：") and "签名密钥指纹" in good.stdout
    bad = _open(run.package.parent / "篡改.zip", tmp_path)
    assert bad.returncode == 1 and "[hash_mismatch]" in bad.stderr and "Traceback" not in bad.stderr


def test_only_an_existing_zip_on_its_own_counts_as_a_package(tmp_path):
    pkg = tmp_path / "县司法局_2021年度_第1版.ZIP"
    pkg.write_bytes(b"PK")
    assert opened_package([str(pkg)]) == pkg
    assert opened_package([str(tmp_path / "无.zip")]) is None
    assert opened_package(["verify", str(pkg)]) is None
    assert opened_package(["plan"]) is None and opened_package([]) is None
