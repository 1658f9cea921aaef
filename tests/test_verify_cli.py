"""`fazhi-desktop verify` on the command line: good packages, bad ones, and bad input of every kind."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from package_corpus import (
    Member,
    data_offset,
    flip_byte,
    read_members,
    write_members,
)


def test_cli_verify_ok(cli, good: Path, keys) -> None:
    r = cli("verify", str(good))
    assert r.code == 0 and "核验通过" in r.out and keys[0].fingerprint_display in r.out
    r = cli("verify", str(good), "--trust", keys[0].fingerprint_display)
    assert r.code == 0 and "与所信任的公钥一致" in r.out


def test_cli_verify_bad(cli, good: Path, keys, tmp_path: Path) -> None:
    bad = flip_byte(good, tmp_path / "bad.zip", data_offset(good, "data/report.pdf") + 100)
    r = cli("verify", str(bad))
    assert r.code == 1 and "[hash_mismatch] data/report.pdf" in r.err and "核验未通过" in r.err
    r = cli("verify", str(bad), "--json")
    doc = json.loads(r.out)
    assert r.code == 1 and doc["ok"] is False
    assert {"code": "hash_mismatch", "file": "data/report.pdf"} in [
        {"code": p["code"], "file": p["file"]} for p in doc["problems"]
    ]


def test_cli_verify_untrusted_and_bad_trust(cli, good: Path, keys) -> None:
    r = cli("verify", str(good), "--trust", keys[1].fingerprint)
    assert r.code == 1 and "untrusted_signer" in r.err
    r = cli("verify", str(good), "--trust", "nonsense")
    assert r.code == 2 and "无法识别信任的公钥或指纹" in r.err


def test_cli_verify_json_ok(cli, good: Path) -> None:
    r = cli("verify", str(good), "--json")
    doc = json.loads(r.out)
    assert r.code == 0 and doc["ok"] and doc["bag_info"]["Fazhi-Unit"] == "莘县司法局"


def test_cli_verify_in_a_subprocess(cli_subprocess, good: Path) -> None:
    r = cli_subprocess("verify", str(good))
    assert r.returncode == 0, r.stderr
    assert "核验通过" in r.stdout and "Traceback" not in r.stderr


@pytest.mark.parametrize("what", ["directory", "empty", "text", "random", "truncated", "missing"])
def test_cli_verify_bad_input_is_plain_chinese(what: str, cli, good: Path, tmp_path: Path) -> None:
    target = tmp_path / "pkg.zip"
    if what == "directory":
        target.mkdir()
    elif what == "empty":
        target.write_bytes(b"")
    elif what == "text":
        target.write_text("不是上报包\n", encoding="utf-8")
    elif what == "random":
        target.write_bytes(os.urandom(300_000))
    elif what == "truncated":
        target.write_bytes(good.read_bytes()[:-5000])
    r = cli("verify", str(target))
    assert r.code == 1 and r.out == "" and "核验未通过" in r.err
    assert "Traceback" not in r.err and "Errno" not in r.err
    message = r.err.split("]", 1)[1]
    assert re.search(r"[\u4e00-\u9fff]", message) and not re.search(r"[A-Za-z]{4,} [a-z]{3,}", message), r.err


def test_cli_verify_writes_nothing(cli, good: Path, keys, tmp_path: Path, monkeypatch) -> None:
    """Verify unpacks nothing: a package full of hostile names leaves the working folder empty."""
    evil = write_members(
        [
            *read_members(good),
            Member("../../evil.txt", b"x"),
            Member("/tmp/evil2.txt", b"x"),
            Member("C:/evil3.txt", b"x"),
        ],
        tmp_path / "evil.zip",
    )
    work = tmp_path / "work" / "deeper"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    before = sorted(p.name for p in tmp_path.iterdir())
    r = cli("verify", str(evil), "--json")
    assert r.code == 1 and {"dotdot_path", "absolute_path", "drive_path"} <= {
        p["code"] for p in json.loads(r.out)["problems"]
    }
    assert list(work.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == before
    assert not Path("/tmp/evil2.txt").exists()
