"""Defects found by fault injection and fuzzing (issue 13): control characters, text limits, unbounded
reads, an empty --data-dir, huge numbers in a package, messages. Each test failed before its fix."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fazhi_desktop.errors import UsageError
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.evidence.sniff import display_name
from fazhi_desktop.hashchain import check_lines
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key
from fazhi_desktop.selfcheck.assessments import get_assessment, save_assessment
from fazhi_desktop.selfcheck.profile import set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import DB_NAME
from fazhi_desktop.textclean import FIELD_LIMITS, clean_input, printable

PASS = "正确的口令 horse battery"


@pytest.fixture
def unit(data_dir: Path, tmp_path: Path) -> Path:
    ws = Workspace.open(data_dir)
    set_up_unit(ws, "燕店镇", contact="张三", phone="0635-1234567")
    key = create_unit_key(data_dir, PASS, kdf=KdfParams(n=2**10))
    set_key_fingerprint(ws, key.fingerprint)
    ws.close()
    (tmp_path / "pass.txt").write_text(PASS, encoding="utf-8")
    return data_dir


# --- (1) control characters -------------------------------------------------------------------------
def test_word_shift_enter_becomes_a_line_break_and_other_controls_go(cli, unit):
    r = cli("check", "T10", "--text", "第一行\x0b第二行\x0c第三行\u2028第四行\x07\x1b[31m红\x7f")
    assert r.code == 0, r.err
    with Workspace.open(unit) as ws:
        assert get_assessment(ws, "T10").narrative == "第一行\n第二行\n第三行\n第四行[31m红"


def test_nul_in_a_text_file_is_refused_naming_the_field(cli, unit, tmp_path):
    f = tmp_path / "utf16.txt"
    f.write_bytes("工作开展情况".encode("utf-16-le"))
    r = cli("check", "T10", "--text", f"@{f}")
    assert r.code == 2 and "工作开展情况" in r.err and "NUL" in r.err, r.err
    r = cli("check", "T10", "--problems", f"@{f}")
    assert r.code == 2 and "存在问题" in r.err


def test_nul_in_an_evidence_note_is_removed(unit, tmp_path):
    f = tmp_path / "纪要.pdf"
    f.write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    with Workspace.open(unit) as ws:
        r = add_evidence(ws, ["T01"], f, description="会议\x00纪要\x0b第二行")
    assert r.description == "会议纪要\n第二行"


def test_every_output_survives_any_character_already_in_the_database(cli, unit, tmp_path):
    """An older version stored control characters: export and report still work, and drop them."""
    with Workspace.open(unit) as ws:
        save_assessment(ws, "T10", strict=False, work_status="推进中", narrative="正常内容")
    bad = "第一行\x0b第二行\x00\x01\x1f\ufffe尾"
    db = sqlite3.connect(unit / DB_NAME)
    db.execute("UPDATE assessments SET narrative = ?, problems = ? WHERE item_id = 'T10'", [bad, "问题\x0c"])
    db.commit()
    db.close()
    out = tmp_path / "report"
    out.mkdir()
    r = cli("report", "--out", str(out))
    assert r.code == 0, r.err
    xlsx = next(out.glob("*.xlsx"))
    texts = [c.value for ws in openpyxl.load_workbook(xlsx) for row in ws.iter_rows() for c in row]
    assert "第一行\n第二行尾" in texts
    results = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert any(i["narrative"] == "第一行\n第二行尾" for i in results["items"])
    pdf = next(out.glob("*.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "第二行尾" in text
    stick = tmp_path / "stick"
    stick.mkdir()
    r = cli("export", "--out", str(stick), "--yes", "--passphrase-file", str(tmp_path / "pass.txt"))
    assert r.code == 0, r.err
    assert len(list(stick.glob("*.zip"))) == 1


def test_printable_keeps_text_and_line_breaks():
    assert printable("甲\n乙\t丙") == "甲\n乙\t丙"
    assert printable("甲\r\n乙\x0b丙\x00") == "甲\n乙\n丙"


# --- (5) limits per field ----------------------------------------------------------------------------
def test_each_text_field_has_a_limit_and_says_why(cli, unit):
    r = cli("check", "T10", "--text", "字" * (FIELD_LIMITS["narrative"] + 1))
    assert r.code == 2 and "工作开展情况太长" in r.err and "上限 20000 字" in r.err and "佐证材料" in r.err
    r = cli("check", "T10", "--person", "张" * 101)
    assert r.code == 2 and "责任人太长" in r.err and "姓名" in r.err
    assert cli("check", "T10", "--text", "字" * FIELD_LIMITS["narrative"]).code == 0
    # the GUI's draft save has the same limit
    with Workspace.open(unit) as ws, pytest.raises(UsageError, match="工作开展情况太长"):
        save_assessment(ws, "T10", strict=False, narrative="字" * 20_001)


def test_a_text_file_is_read_with_a_limit(cli, unit, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (2 << 20))
    r = cli("check", "T05", "--text", f"@{big}")
    assert r.code == 2 and "文件太大" in r.err, r.err


def test_clean_input_strips_and_limits():
    assert clean_input("  甲\r\n乙  ", "narrative", "工作开展情况") == "甲\n乙"


# --- (6) only regular files, read with a size limit ----------------------------------------------------
def _run(data_dir: Path, *args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fazhi_desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_text_from_dev_zero_is_refused_quickly(unit):
    r = _run(unit, "check", "T05", "--text", "@/dev/zero")
    assert r.returncode == 2 and "设备文件" in r.stderr, r.stderr


def test_text_from_a_fifo_does_not_hang(unit, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = _run(unit, "check", "T05", "--text", f"@{fifo}")
    assert r.returncode == 2 and "命名管道" in r.stderr, r.stderr


def test_verify_a_fifo_and_trust_from_a_fifo_or_dev_zero(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = _run(tmp_path / "unused", "verify", str(fifo))
    assert r.returncode != 0 and "命名管道" in r.stdout + r.stderr, (r.stdout, r.stderr)
    pkg = tmp_path / "p.zip"
    with zipfile.ZipFile(pkg, "w") as zf:
        zf.writestr("x.txt", "x")
    for trust in ("/dev/zero", str(fifo)):
        r = _run(tmp_path / "unused", "verify", str(pkg), "--trust", trust)
        assert r.returncode == 2 and ("设备文件" in r.stderr or "命名管道" in r.stderr), r.stderr
    assert not (tmp_path / "unused").exists()


# --- (7) --data-dir '' ------------------------------------------------------------------------------
def test_an_empty_data_dir_is_refused(cli_at, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    r = cli_at("", "init", "--unit", "燕店镇", "--no-key")
    assert r.code == 2 and "--data-dir 不能为空" in r.err
    assert not (tmp_path / "home").exists()


# --- (3) a huge number in a package -----------------------------------------------------------------
def test_verify_with_a_5000_digit_payload_oxum(tmp_path, small_package):
    bad = tmp_path / "oxum.zip"
    with zipfile.ZipFile(small_package) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("bag-info.txt"):
                lines = [
                    ("Payload-Oxum: " + "9" * 5000 + ".3") if ln.startswith(b"Payload-Oxum") else ln.decode()
                    for ln in data.splitlines()
                ]
                data = ("\n".join(lines) + "\n").encode()
            dst.writestr(info, data)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    r = _run(data_dir, "verify", str(bad))
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert "没有保存" not in r.stderr and "程序内部出错" not in r.stderr
    assert "Payload-Oxum" in r.stderr and len(r.stderr) < 20_000
    assert not (data_dir / "logs").exists()


def test_an_unexpected_error_in_a_read_only_verb_says_nothing_about_saving(cli_at, tmp_path, monkeypatch):
    import fazhi_desktop.package.verify as pv

    def boom(*a, **k):
        raise RuntimeError("bug")

    monkeypatch.setattr(pv, "verify_package", boom)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    r = cli_at(data_dir, "verify", str(tmp_path / "x.zip"))
    assert r.code == 70 and "程序内部出错" in r.err and "没有保存" not in r.err
    assert not (data_dir / "logs").exists()


# --- (4) a long history line ------------------------------------------------------------------------
def test_history_check_is_linear_in_the_line_length_and_bounded():
    """Fed in 64 KiB blocks like the verifier does; 64 MB + 1 bytes of one line is refused."""
    block = b"x" * (64 << 10)
    blocks = [b'{"at":"' + block] + [block] * 1024  # 64 MB and more, never a newline
    checker = check_lines(blocks)
    assert checker.problem is not None and "超过 64 MB" in checker.problem
    assert checker._pending_len == 0


def test_deeply_nested_json_in_history_is_a_change_not_unreadable():
    checker = check_lines([b"[" * 200_000 + b"]" * 200_000 + b"\n"])
    assert checker.problem == "第 1 行不是完整的修改记录"


# --- (10) messages ----------------------------------------------------------------------------------
def test_a_single_failed_file_does_not_claim_the_others_were_added(cli, unit, tmp_path):
    r = cli("evidence", "add", "T01", str(tmp_path / "没有这个文件.pdf"))
    assert r.code != 0 and "其余已添加" not in r.err, r.err
    ok = tmp_path / "有.pdf"
    ok.write_bytes(b"%PDF-1.4\n" + b"y" * 50)
    r = cli("evidence", "add", "T01", str(ok), str(tmp_path / "没有.pdf"))
    assert r.code == 1 and "1 个文件未能添加，其余已添加" in r.err


def test_an_undecodable_file_name_keeps_its_bytes_visibly(tmp_path):
    raw = b"\xe6\x96\x87\xff\xfe.pdf"  # 文 + two bytes that are neither UTF-8 nor GB18030
    name = display_name(Path(os.fsdecode(raw)))
    assert "\ufffd" not in name and "\\xff" in name
    assert name.startswith("文")
    parts = re.split(r"(\\x[0-9a-f]{2})", name)
    recovered = b"".join(bytes([int(p[2:], 16)]) if p.startswith("\\x") else p.encode() for p in parts)
    assert recovered == raw


def test_check_on_a_full_disk_is_a_clear_message_without_a_traceback(cli, unit, monkeypatch):
    import errno

    import fazhi_desktop.selfcheck.assessments as assessments  # the `check` handler imports it from here

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(assessments, "save_assessment", full)
    r = cli("check", "T01", "--text", "内容")
    assert r.code == 1 and "磁盘空间不足" in r.err and "详细信息" not in r.err, r.err
    assert not (unit / "logs").exists()


@pytest.fixture
def small_package(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("pkg")
    ws = Workspace.open(d / "data")
    set_up_unit(ws, "燕店镇", contact="张三", phone="0635-1234567")
    key = create_unit_key(d / "data", PASS, kdf=KdfParams(n=2**10))
    set_key_fingerprint(ws, key.fingerprint)
    save_assessment(ws, "T01", strict=True, work_status="已完成", result="已完成", narrative="学法4次。")
    ws.close()
    (d / "pass.txt").write_text(PASS, encoding="utf-8")
    out = d / "out"
    out.mkdir()
    r = subprocess.run(
        [sys.executable, "-m", "fazhi_desktop", "--data-dir", str(d / "data"), "export", "--out", str(out)]
        + ["--yes", "--passphrase-file", str(d / "pass.txt")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    return next(out.glob("*.zip"))
