"""A double-clicked package (`fazhi-desktop PACKAGE.zip`) is verified; without a screen the result is printed.
In the bureau's reviewer mode it is imported into the reviewer store and the outcome said."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest
from review_corpus import bureau_trusting, sent_twice

from fazhi_desktop import selftest
from fazhi_desktop.cli.open_package import opened_package, show_verification
from fazhi_desktop.review import received
from fazhi_desktop.review.store import ReviewStore
from fazhi_desktop.selftest import _tamper


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


@pytest.fixture
def reviewer(tmp_path, unit_factory, monkeypatch):
    """A bureau's data directory as the double-click finds it ($FAZHI_DATA_DIR), and a unit with two packages."""
    unit = unit_factory("县人力资源和社会保障局")
    sent_twice(unit, tmp_path)
    monkeypatch.setenv("FAZHI_DATA_DIR", str(bureau_trusting(tmp_path, unit)))
    return tmp_path / "bureau", unit


def _stored(bureau_dir):
    with ReviewStore.open(bureau_dir) as store:
        return {(p.sequence, p.standing) for p in received.packages(store.db)}


def test_in_reviewer_mode_an_opened_package_is_imported_not_only_verified(tmp_path, reviewer):
    bureau_dir, unit = reviewer
    first, second = unit.packages
    run = _open(first, tmp_path)  # the real entry point, no screen: the outcome is printed
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"已接收：{unit.name} 第1版") and str(bureau_dir) in run.stdout
    assert _stored(bureau_dir) == {(1, "current")}


def test_each_outcome_of_an_opened_package_is_said(tmp_path, reviewer, monkeypatch, capsys):
    bureau_dir, unit = reviewer
    first, second = unit.packages
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert show_verification(first) == 0 and "已接收" in capsys.readouterr().out
    assert show_verification(first) == 0
    assert capsys.readouterr().out.startswith("重复，已忽略")
    assert show_verification(second) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"已接收：{unit.name} 第2版") and "取代此前的第 1 版" in out
    assert _stored(bureau_dir) == {(1, "superseded"), (2, "current")}
    tampered = tmp_path / "篡改.zip"
    _tamper(second, tampered)
    assert show_verification(tampered) == 3
    err = capsys.readouterr().err
    assert err.startswith("未通过核验，已隔离") and "[hash_mismatch" in err
    assert _stored(bureau_dir) == {(1, "superseded"), (2, "current")}
    other = tmp_path / "照片.zip"  # a zip that is no package at all
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("照片.jpg", b"\xff\xd8\xff")
    assert show_verification(other) == 1 and "不是上报包" in capsys.readouterr().err


def test_in_a_units_data_directory_an_opened_package_is_only_verified(
    tmp_path, reviewer, monkeypatch, capsys
):
    _bureau_dir, unit = reviewer
    monkeypatch.setenv("FAZHI_DATA_DIR", str(unit.data_dir))
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert show_verification(unit.packages[0]) == 0
    assert capsys.readouterr().out.startswith("核验通过：")
    assert not (unit.data_dir / "review.db").exists()


def test_with_a_screen_the_import_outcome_is_shown_in_a_message_box(qapp, tmp_path, reviewer, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    _bureau_dir, unit = reviewer
    shown: list[tuple[str, str, str, QMessageBox.Icon]] = []
    monkeypatch.setattr(
        QMessageBox,
        "exec",
        lambda box: shown.append((box.windowTitle(), box.text(), box.informativeText(), box.icon())) or 0,
    )
    tampered = tmp_path / "篡改.zip"
    _tamper(unit.packages[0], tampered)
    assert show_verification(unit.packages[0]) == 0
    assert show_verification(tampered) == 3
    (title, text, detail, icon), (_t, bad_text, bad_detail, bad_icon) = shown
    assert title == "导入上报包（审核）" and text.startswith(f"已接收：{unit.name} 第1版")
    assert "已核验并接收" in detail and icon == QMessageBox.Icon.Information
    assert bad_text.startswith("未通过核验，已隔离") and "hash_mismatch" in bad_detail
    assert bad_icon == QMessageBox.Icon.Warning
