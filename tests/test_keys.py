"""The unit key: create, unlock, wrong passphrase, corrupted files, passphrase change, export, backup."""

from __future__ import annotations

import base64
import io
import json
import shutil
import stat
import subprocess
import unicodedata
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from package_corpus import FAST_KDF, PASSPHRASE

from fazhi_desktop.package import keyfile
from fazhi_desktop.package.errors import (
    KeyExists,
    KeyFileCorrupt,
    KeyFileMissing,
    TargetExists,
    WeakPassphrase,
    WrongPassphrase,
)
from fazhi_desktop.package.fingerprint import (
    display_fingerprint,
    fingerprint_matches,
    fingerprint_of,
    normalize_fingerprint,
)
from fazhi_desktop.package.keyfile import DEFAULT_KDF
from fazhi_desktop.package.keys import (
    backup_key_file,
    change_passphrase,
    create_unit_key,
    export_public_key,
    generate_key_file,
    key_path,
    load_key_file,
    load_unit_key,
    read_key_info,
    restore_key_file,
)


@pytest.fixture
def keyfile_path(tmp_path: Path) -> Path:
    generate_key_file(tmp_path / "keys" / "unit-key.json", PASSPHRASE, kdf=FAST_KDF)
    return tmp_path / "keys" / "unit-key.json"


def test_defaults_are_not_weakened() -> None:
    assert keyfile.KdfParams(n=2**17, r=8, p=1) == keyfile.DEFAULT_KDF


def test_key_file_is_documented_json_without_the_secret(keyfile_path: Path) -> None:
    doc = json.loads(keyfile_path.read_text(encoding="utf-8"))
    assert doc["format"] == "fazhi-unit-key" and doc["version"] == 1 and doc["algorithm"] == "Ed25519"
    assert doc["kdf"] | {"salt": None} == {"name": "scrypt", "n": 4096, "r": 8, "p": 1, "salt": None}
    assert doc["cipher"]["name"] == "AES-256-GCM"
    assert len(base64.b64decode(doc["ciphertext"])) == 48
    assert doc["fingerprint"] == fingerprint_of(base64.b64decode(doc["public_key"]))
    assert stat.S_IMODE(keyfile_path.stat().st_mode) == 0o600
    seed = load_key_file(keyfile_path, PASSPHRASE)._private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    assert (
        base64.b64encode(seed) not in keyfile_path.read_bytes() and seed.hex() not in keyfile_path.read_text()
    )
    assert sorted(p.name for p in keyfile_path.parent.iterdir()) == ["unit-key.json"]  # no temp left


def test_unlock_signs_with_the_recorded_public_key(keyfile_path: Path) -> None:
    key = load_key_file(keyfile_path, PASSPHRASE)
    assert key.fingerprint == read_key_info(keyfile_path).fingerprint
    Ed25519PublicKey.from_public_bytes(key.public_raw).verify(key.sign(b"tag manifest"), b"tag manifest")
    assert "UnitKey(" in repr(key) and key.fingerprint_display in repr(key)


def test_wrong_passphrase_has_its_own_error(keyfile_path: Path) -> None:
    with pytest.raises(WrongPassphrase) as exc:
        load_key_file(keyfile_path, PASSPHRASE + "x")
    assert "口令不正确" in exc.value.message


def test_passphrase_is_compared_in_nfc(tmp_path: Path) -> None:
    composed = "café-口令-2021"
    generate_key_file(tmp_path / "k.json", composed, kdf=FAST_KDF)
    load_key_file(tmp_path / "k.json", unicodedata.normalize("NFD", composed))


@pytest.mark.parametrize("passphrase", ["", "short", "       12"])
def test_weak_passphrase_refused(tmp_path: Path, passphrase: str) -> None:
    with pytest.raises(WeakPassphrase):
        generate_key_file(tmp_path / "k.json", passphrase, kdf=FAST_KDF)
    assert not (tmp_path / "k.json").exists()


def test_never_overwrites_a_key(keyfile_path: Path) -> None:
    before = keyfile_path.read_bytes()
    with pytest.raises(KeyExists):
        generate_key_file(keyfile_path, PASSPHRASE, kdf=FAST_KDF)
    assert keyfile_path.read_bytes() == before


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(KeyFileMissing):
        load_key_file(tmp_path / "nope.json", PASSPHRASE)


def _edit(path: Path, change) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def _other_public(doc: dict) -> None:
    raw = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    doc["public_key"] = base64.b64encode(raw).decode()
    doc["fingerprint"] = fingerprint_of(raw)


CORRUPTIONS = {
    "not json": lambda p: p.write_bytes(b"\x00\x01 not json"),
    "truncated": lambda p: p.write_bytes(p.read_bytes()[:100]),
    "empty": lambda p: p.write_bytes(b""),
    "other format": lambda p: _edit(p, lambda d: d.update(format="openssh")),
    "future version": lambda p: _edit(p, lambda d: d.update(version=2)),
    "missing salt": lambda p: _edit(p, lambda d: d["kdf"].pop("salt")),
    "bad base64": lambda p: _edit(p, lambda d: d.update(ciphertext="@@@@")),
    "short nonce": lambda p: _edit(p, lambda d: d["cipher"].update(nonce="AAAA")),
    "n not power of two": lambda p: _edit(p, lambda d: d["kdf"].update(n=5000)),
    "n as bool": lambda p: _edit(p, lambda d: d["kdf"].update(n=True)),
    "memory bomb": lambda p: _edit(p, lambda d: d["kdf"].update(n=2**24)),
    "fingerprint edited": lambda p: _edit(p, lambda d: d.update(fingerprint="0" * 64)),
    "other public key": lambda p: _edit(p, _other_public),
}


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_corrupted_key_file_has_its_own_error(keyfile_path: Path, how: str) -> None:
    CORRUPTIONS[how](keyfile_path)
    with pytest.raises(KeyFileCorrupt) as exc:
        load_key_file(keyfile_path, PASSPHRASE)
    assert "密钥文件已损坏" in exc.value.message


def test_damaged_ciphertext_cannot_be_told_from_a_wrong_passphrase(keyfile_path: Path) -> None:
    # AES-GCM only says "tag mismatch": the message for WrongPassphrase says so honestly.
    def flip(d: dict) -> None:
        ct = bytearray(base64.b64decode(d["ciphertext"]))
        ct[0] ^= 1
        d["ciphertext"] = base64.b64encode(bytes(ct)).decode()

    _edit(keyfile_path, flip)
    with pytest.raises(WrongPassphrase):
        load_key_file(keyfile_path, PASSPHRASE)


def test_change_passphrase_keeps_the_key(keyfile_path: Path) -> None:
    before = read_key_info(keyfile_path)
    key = change_passphrase(keyfile_path, PASSPHRASE, "新的口令 new-2022", kdf=FAST_KDF)
    assert key.fingerprint == before.fingerprint
    with pytest.raises(WrongPassphrase):
        load_key_file(keyfile_path, PASSPHRASE)
    assert load_key_file(keyfile_path, "新的口令 new-2022").fingerprint == before.fingerprint
    assert read_key_info(keyfile_path).created == before.created


def test_change_passphrase_wrong_old_changes_nothing(keyfile_path: Path) -> None:
    before = keyfile_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        change_passphrase(keyfile_path, "not the passphrase", "新的口令 new-2022", kdf=FAST_KDF)
    assert keyfile_path.read_bytes() == before


@pytest.mark.slow
def test_change_passphrase_raises_cost_to_the_default(keyfile_path: Path) -> None:
    key = change_passphrase(keyfile_path, PASSPHRASE, "新的口令 new-2022")
    assert key.kdf == keyfile.DEFAULT_KDF and read_key_info(keyfile_path).kdf == keyfile.DEFAULT_KDF
    assert not load_key_file(keyfile_path, "新的口令 new-2022").kdf_outdated


def test_public_pem_verifies_with_openssl(keyfile_path: Path, tmp_path: Path) -> None:
    assert shutil.which("openssl"), "openssl must be installed for this check"
    pem = export_public_key(keyfile_path, tmp_path / "pub.pem")
    assert pem.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    key = load_key_file(keyfile_path, PASSPHRASE)
    (tmp_path / "msg").write_bytes(b"tag manifest bytes\n")
    (tmp_path / "sig").write_bytes(key.sign(b"tag manifest bytes\n"))
    run = subprocess.run(
        [
            "openssl",
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            str(pem),
            "-rawin",
            "-in",
            str(tmp_path / "msg"),
            "-sigfile",
            str(tmp_path / "sig"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0 and "Signature Verified Successfully" in run.stdout
    with pytest.raises(TargetExists):
        export_public_key(keyfile_path, pem)


def test_backup_and_restore(keyfile_path: Path, tmp_path: Path) -> None:
    backups = tmp_path / "stick"
    backups.mkdir()
    copy = backup_key_file(keyfile_path, backups)
    assert copy.parent == backups and copy.name.startswith("fazhi-unit-key-")
    assert copy.read_bytes() == keyfile_path.read_bytes()

    fresh = tmp_path / "new-pc" / "keys" / "unit-key.json"
    with pytest.raises(WrongPassphrase):
        restore_key_file(copy, fresh, "wrong passphrase")
    assert not fresh.exists()
    key = restore_key_file(copy, fresh, PASSPHRASE)
    assert key.fingerprint == read_key_info(keyfile_path).fingerprint == read_key_info(fresh).fingerprint


def test_restore_over_a_different_key_needs_replace_and_keeps_the_old(tmp_path: Path) -> None:
    a = generate_key_file(tmp_path / "a.json", PASSPHRASE, kdf=FAST_KDF)
    dest = tmp_path / "keys" / "unit-key.json"
    b = generate_key_file(dest, PASSPHRASE, kdf=FAST_KDF)
    with pytest.raises(KeyExists):
        restore_key_file(tmp_path / "a.json", dest, PASSPHRASE)
    assert read_key_info(dest).fingerprint == b.fingerprint
    restore_key_file(tmp_path / "a.json", dest, PASSPHRASE, replace=True)
    assert read_key_info(dest).fingerprint == a.fingerprint
    aside = [p for p in dest.parent.iterdir() if ".replaced-" in p.name]
    assert len(aside) == 1 and read_key_info(aside[0]).fingerprint == b.fingerprint


def test_backup_refuses_a_corrupt_key(keyfile_path: Path, tmp_path: Path) -> None:
    keyfile_path.write_bytes(b"{}")
    with pytest.raises(KeyFileCorrupt):
        backup_key_file(keyfile_path, tmp_path / "b.json")
    assert not (tmp_path / "b.json").exists()


def test_data_dir_helpers(data_dir: Path) -> None:
    key = create_unit_key(data_dir, PASSPHRASE, kdf=FAST_KDF)
    assert key_path(data_dir) == data_dir / "keys" / "unit-key.json" == key.path
    assert load_unit_key(data_dir, PASSPHRASE).fingerprint == key.fingerprint
    assert key.kdf_outdated  # FAST_KDF is below the default: the GUI can suggest a passphrase change


def test_fingerprint_forms() -> None:
    full = fingerprint_of(bytes(32))
    assert len(full) == 64 and full == full.upper()
    shown = display_fingerprint(full)
    assert shown == " ".join(full[i : i + 4] for i in range(0, 32, 4))
    assert fingerprint_matches(shown.lower(), full) and fingerprint_matches(full, full)
    assert fingerprint_matches(":".join(full[i : i + 2] for i in range(0, 64, 2)), full)
    assert not fingerprint_matches(full[:8], full)  # too short to mean anything
    assert normalize_fingerprint("xyz") is None


# --- command line -------------------------------------------------------------------------------


@pytest.fixture
def cli_key(data_dir: Path, tmp_path: Path):
    key = create_unit_key(data_dir, PASSPHRASE, kdf=FAST_KDF)
    pw = tmp_path / "pw.txt"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return key, pw


def test_cli_key_show(cli, cli_key) -> None:
    key, _ = cli_key
    r = cli("key", "show")
    assert r.code == 0 and key.fingerprint_display in r.out and "修改一次口令即可升级" in r.out
    r = cli("key", "show", "--json")
    assert json.loads(r.out)["fingerprint"] == key.fingerprint


def test_cli_key_show_without_key(cli) -> None:
    r = cli("key", "show")
    assert r.code == 1 and "找不到本单位签名密钥文件" in r.err


def test_cli_export_public(cli, cli_key, tmp_path: Path) -> None:
    key, _ = cli_key
    r = cli("key", "export-public", str(tmp_path / "pub.pem"))
    assert r.code == 0, r.err
    assert (tmp_path / "pub.pem").read_bytes() == key.public_pem()
    assert cli("key", "export-public", str(tmp_path / "pub.pem")).code == 1
    assert cli("key", "export-public", str(tmp_path / "pub.pem"), "--force").code == 0


@pytest.mark.slow
def test_cli_change_passphrase(cli, cli_key, data_dir: Path, tmp_path: Path) -> None:
    key, pw = cli_key
    new = tmp_path / "new.txt"
    new.write_text("新的口令 new-2022\n", encoding="utf-8")
    # The CLI always re-encrypts at today's default cost (about half a second here).
    r = cli("key", "change-passphrase", "--passphrase-file", str(pw), "--new-passphrase-file", str(new))
    assert r.code == 0, r.err
    assert load_unit_key(data_dir, "新的口令 new-2022").fingerprint == key.fingerprint
    r = cli("key", "change-passphrase", "--passphrase-file", str(pw), "--new-passphrase-file", str(new))
    assert r.code == 1 and "口令不正确" in r.err


def test_cli_passphrase_from_environment(cli, cli_key, tmp_path: Path, monkeypatch) -> None:
    _, _ = cli_key
    copy = tmp_path / "backup.json"
    assert cli("key", "backup", str(copy)).code == 0
    monkeypatch.setenv("FAZHI_PASSPHRASE", PASSPHRASE)
    r = cli("key", "restore", str(copy))
    assert r.code == 0, r.err  # same key: restoring it again is harmless


def test_cli_without_passphrase_source_explains(cli, cli_key, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("FAZHI_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())  # not a terminal
    r = cli("key", "restore", str(tmp_path / "x.json"))
    assert r.code == 2 and "--passphrase-file" in r.err


def test_cli_restore_wrong_passphrase(cli, cli_key, tmp_path: Path) -> None:
    _, _ = cli_key
    copy = tmp_path / "backup.json"
    assert cli("key", "backup", str(copy)).code == 0
    bad = tmp_path / "bad.txt"
    bad.write_text("wrong passphrase", encoding="utf-8")
    r = cli("key", "restore", str(copy), "--passphrase-file", str(bad))
    assert r.code == 1 and "口令不正确" in r.err


def test_exclusive_write_never_replaces_a_key_made_meanwhile(tmp_path: Path) -> None:
    from fazhi_desktop.package.keys import _write_exclusive

    target = tmp_path / "unit-key.json"
    target.write_bytes(b"the key another window just made")
    with pytest.raises(KeyExists):
        _write_exclusive(target, b"ours")
    assert target.read_bytes() == b"the key another window just made"
    assert [p.name for p in tmp_path.iterdir()] == ["unit-key.json"]


@pytest.mark.slow
@pytest.mark.parametrize("source", ["file", "environment"])
def test_cli_init_creates_the_key_without_a_prompt(
    cli, data_dir: Path, tmp_path: Path, monkeypatch, source: str
) -> None:
    """`init … --passphrase-file F` (or FAZHI_PASSPHRASE) makes the key at the default cost, no terminal."""
    monkeypatch.setattr("sys.stdin", io.StringIO())  # not a terminal: a prompt would fail
    monkeypatch.delenv("FAZHI_PASSPHRASE", raising=False)
    args = ["init", "--unit", "燕店镇"]
    if source == "file":
        pw = tmp_path / "pw.txt"
        pw.write_text(PASSPHRASE + "\r\n", encoding="utf-8")  # a Windows line ending is not part of it
        args += ["--passphrase-file", str(pw)]
    else:
        monkeypatch.setenv("FAZHI_PASSPHRASE", PASSPHRASE)
    r = cli(*args)
    assert r.code == 0, r.err
    key = load_unit_key(data_dir, PASSPHRASE)
    assert f"签名密钥：已创建，指纹 {key.fingerprint_display}" in r.out
    assert key.kdf == DEFAULT_KDF
    r = cli(*args)  # again: the key is kept, never replaced
    assert (
        r.code == 0
        and "已存在" in r.out
        and load_unit_key(data_dir, PASSPHRASE).fingerprint == key.fingerprint
    )


def test_cli_init_without_a_passphrase_source_leaves_the_key_for_later(
    cli, data_dir: Path, monkeypatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO())
    monkeypatch.delenv("FAZHI_PASSPHRASE", raising=False)
    r = cli("init", "--unit", "燕店镇")
    assert r.code == 0 and "尚未创建" in r.out and not key_path(data_dir).exists()


def test_cli_key_files_to_a_read_only_stick_are_plain_chinese(cli, cli_key, read_only_dir: Path) -> None:
    for args in (
        ("key", "export-public", str(read_only_dir / "pub.pem")),
        ("key", "backup", str(read_only_dir)),
    ):
        r = cli(*args)
        assert r.code == 1 and r.err.startswith("错误：无法写入") and ("只读" in r.err or "权限" in r.err), (
            r.err
        )
        assert ".part-" not in r.err and "Traceback" not in r.err
    assert list(read_only_dir.iterdir()) == []
