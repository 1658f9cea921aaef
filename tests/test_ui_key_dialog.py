"""文件 → 签名密钥: fingerprint and creation time, 修改口令, 导出公钥, 备份密钥文件; no key yet."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from fazhi_desktop.package.errors import WrongPassphrase
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key, key_path, load_key_file
from fazhi_desktop.ui.key_dialog import ChangePassphraseDialog, KeyDialog

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)

PASS = "yandian-2021!"
NEW = "xin-kouling-2022"
CHEAP = KdfParams(n=2**12)  # a cheap KDF keeps the test fast


@pytest.fixture
def key(window):
    return create_unit_key(window.ws.data_dir, PASS, kdf=CHEAP)


@pytest.fixture
def dialog(window, key, qtbot, monkeypatch):
    monkeypatch.setattr(ChangePassphraseDialog, "key_kdf", CHEAP)
    d = KeyDialog(window.ws, window.runner, window)
    qtbot.addWidget(d)
    return d


def test_menu_has_the_key_entry(window):
    file_menu = window.menuBar().actions()[0].menu()
    assert "签名密钥…" in [a.text() for a in file_menu.actions()]


def test_fingerprint_and_creation_time_are_shown(dialog, key):
    assert dialog.fingerprint_label.text() == key.fingerprint_display
    assert dialog.full_fingerprint_label.text() == key.fingerprint
    assert dialog.created_label.text() == key.created[:16].replace("T", " ")
    assert dialog.change_btn.isEnabled() and dialog.export_btn.isEnabled() and dialog.backup_btn.isEnabled()


def test_no_key_yet_points_to_the_wizard(window, qtbot):
    d = KeyDialog(window.ws, window.runner, window)
    qtbot.addWidget(d)
    assert "单位设置" in d.message.text()
    assert d.change_btn is None and d.export_btn is None and d.backup_btn is None


def _fill_change_dialog(old: str, new: str, repeat: str, seen: list) -> None:
    d = QApplication.activeModalWidget()
    assert isinstance(d, ChangePassphraseDialog)
    seen.append(d)
    d.old.setText(old)
    d.new1.setText(new)
    d.new2.setText(repeat)
    d.ok.click()
    if d.isVisible():  # refused: close it so exec() returns
        d.cancel_btn.click()


def test_change_passphrase(dialog, data_dir):
    seen: list = []
    QTimer.singleShot(0, lambda: _fill_change_dialog(PASS, NEW, NEW, seen))
    dialog.change_btn.click()
    assert seen and "口令已修改" in dialog.status.text()
    path = key_path(data_dir)
    with pytest.raises(WrongPassphrase):
        load_key_file(path, PASS)
    assert load_key_file(path, NEW).fingerprint_display == dialog.fingerprint_label.text()


def test_wrong_old_passphrase_is_refused_and_changes_nothing(dialog, data_dir, captured_dialogs):
    before = key_path(data_dir).read_bytes()
    seen: list = []
    QTimer.singleShot(0, lambda: _fill_change_dialog("not-the-passphrase", NEW, NEW, seen))
    dialog.change_btn.click()
    assert seen
    assert len(captured_dialogs) == 1
    _title, message, _log = captured_dialogs[0]
    assert "口令不正确" in message
    assert key_path(data_dir).read_bytes() == before
    assert "口令已修改" not in dialog.status.text()


def test_new_passphrase_rules(dialog, data_dir, qtbot):
    before = key_path(data_dir).read_bytes()
    d = ChangePassphraseDialog(key_path(data_dir), dialog.runner, dialog)
    qtbot.addWidget(d)
    d.old.setText(PASS)
    d.new1.setText("short")
    d.new2.setText("short")
    d.ok.click()
    assert "口令太短" in d.status.text()
    d.new1.setText(NEW)
    d.new2.setText(NEW + "x")
    d.ok.click()
    assert "不一致" in d.status.text()
    assert key_path(data_dir).read_bytes() == before


def test_export_public_key_writes_a_pem_openssl_reads(dialog, tmp_path, monkeypatch):
    out = tmp_path / "单位公钥.pem"
    asked: list = []

    def save(*args, **kwargs):
        asked.append(args)
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    dialog.export_btn.click()
    assert asked and asked[0][2].endswith("单位公钥.pem")  # the default name offered
    assert out.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    assert str(out) in dialog.status.text()
    assert shutil.which("openssl"), "openssl must be installed for this check"
    subprocess.run(["openssl", "pkey", "-pubin", "-in", str(out), "-noout"], check=True)


def test_backup_writes_a_copy_of_the_key_file(dialog, data_dir, tmp_path, monkeypatch):
    out = tmp_path / "备份" / "unit-key.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dialog.backup_btn.click()
    assert out.read_bytes() == key_path(data_dir).read_bytes()
    assert str(out) in dialog.status.text()


def test_backup_never_replaces_a_file(dialog, tmp_path, monkeypatch, captured_dialogs):
    out = tmp_path / "old.json"
    out.write_bytes(b"keep me")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dialog.backup_btn.click()
    assert out.read_bytes() == b"keep me"
    assert len(captured_dialogs) == 1


def test_cancelled_file_dialog_does_nothing(dialog, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    dialog.export_btn.click()
    dialog.backup_btn.click()
    assert dialog.status.text() == ""
