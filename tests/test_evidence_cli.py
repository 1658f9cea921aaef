"""`fazhi-desktop evidence …`: the verbs, their output, and clear errors that lose nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from evidence_checks import assert_healthy, evidence_rows, make_file, open_unit, temp_leftovers

from fazhi_desktop.evidence.attachments import list_evidence
from fazhi_desktop.selfcheck.workspace import Workspace


@pytest.fixture
def unit(data_dir):
    open_unit(data_dir).close()
    return data_dir


def test_add_list_link_unlink_edit_remove(cli, unit, tmp_path):
    a = make_file(tmp_path / "会议纪要.pdf", 150_000, seed=1)
    b = make_file(tmp_path / "台账.pdf", 50_000, seed=2)
    r = cli("evidence", "add", "t1,T2", str(a), str(b), "--date", "2021-05-06", "--note", "党委会")
    assert r.code == 0, r.err
    assert "已添加 1：会议纪要.pdf（146 KB，application/pdf）→ T01、T02" in r.out
    assert "已添加 2：台账.pdf" in r.out and "佐证材料 2 个，上报包约" in r.out

    r = cli("evidence", "add", "T03", str(a))
    assert r.code == 0 and "“会议纪要.pdf”已存在（编号 1），已关联到 T03" in r.out

    r = cli("evidence", "list")
    assert "1\t会议纪要.pdf\t146 KB\t2021-05-06\tT01、T02、T03\t党委会" in r.out
    assert cli("evidence", "list", "T03").out.count("\n") == 3  # title, one document, size line

    data = json.loads(cli("evidence", "list", "--json").out)
    assert data["period"] == "2021年度"
    assert [e["original_name"] for e in data["evidence"]] == ["会议纪要.pdf", "台账.pdf"]
    assert data["evidence"][0]["item_ids"] == ["T01", "T02", "T03"] and data["evidence"][0]["size"] == 150_000
    assert data["budget"]["evidence_bytes"] == 200_000 and data["budget"]["file_count"] == 2

    assert "已关联到 T05" in cli("evidence", "link", "2", "T5").out
    assert "已取消关联" in cli("evidence", "unlink", "2", "T01").out
    r = cli("evidence", "edit", "2", "--date", "2021/6/1", "--note", "")
    assert r.code == 0 and "2021-06-01" in r.out
    r = cli("evidence", "remove", "1")
    assert r.code == 0 and "已删除佐证材料 1：会议纪要.pdf（原关联 T01、T02、T03）" in r.out
    assert cli("evidence", "unlink", "2", "T02").code == 0
    r = cli("evidence", "unlink", "2", "T05")
    assert r.code == 0 and "已删除" in r.out
    assert "（无）" in cli("evidence", "list").out
    assert not [p for p in (unit / "evidence").rglob("*") if p.is_file()]
    assert_healthy(unit)


def test_an_unknown_item_stops_everything_before_copying(cli, unit, tmp_path):
    a = make_file(tmp_path / "a.pdf", 1000)
    r = cli("evidence", "add", "T01,T99", str(a))
    assert (
        r.code == 2
        and r.err.strip() == "错误：计划中没有编号为“T99”的事项（任务如 T07，指标如 I48，附加项如 B1、D1）"
    )
    r = cli("evidence", "add", "I01", str(a))
    assert r.code == 2 and "不属于“燕店镇人民政府”的填报范围" in r.err
    assert evidence_rows(unit) == 0 and list((unit / "evidence").rglob("*")) == []


def test_bad_files_are_reported_one_by_one_and_the_good_ones_added(cli, unit, tmp_path):
    empty = tmp_path / "空白扫描.pdf"
    empty.write_bytes(b"")
    folder = tmp_path / "文件夹"
    folder.mkdir()
    big = make_file(tmp_path / "超大.pdf", 3 << 20)
    good = make_file(tmp_path / "好的.pdf", 5000)
    assert cli("settings", "set", "evidence.max_file_bytes", "2MB").code == 0
    r = cli(
        "evidence", "add", "T01", str(empty), str(folder), str(tmp_path / "不存在.pdf"), str(big), str(good)
    )
    assert r.code == 1
    lines = r.err.strip().splitlines()
    assert lines[0].startswith("错误：文件“空白扫描.pdf”是空文件")
    assert lines[1].startswith("错误：“文件夹”是一个文件夹")
    assert lines[2].startswith("错误：找不到文件“不存在.pdf”")
    assert lines[3].startswith("错误：文件“超大.pdf”有 3 MB，超过单个文件上限 2 MB")
    assert lines[4] == "错误：4 个文件未能添加，其余已添加"
    assert "Traceback" not in r.err
    assert "已添加 1：好的.pdf" in r.out
    assert evidence_rows(unit) == 1 and temp_leftovers(unit) == []
    assert_healthy(unit)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("edit", "1"), 2, "请用 --date 或 --note"),
        (("edit", "1", "--date", "2021-02-30"), 2, "不是一个真实存在的日期"),
        (("remove", "42"), 2, "没有编号为 42 的佐证材料"),
        (("link", "42", "T01"), 2, "没有编号为 42"),
        (("unlink", "1", "T09"), 2, "没有关联到 T09"),
        (("add", "T01", "x.pdf", "--date", "下周"), 2, "看不懂"),
        (("list", "T99"), 2, "没有编号为“T99”"),
    ],
)
def test_usage_errors(cli, unit, tmp_path, args, code, message):
    cli("evidence", "add", "T01", str(make_file(tmp_path / "a.pdf", 1000)))
    r = cli("evidence", *args)
    assert r.code == code and r.err.startswith("错误：") and message in r.err, r.err


def test_without_a_unit(cli, data_dir, tmp_path):
    r = cli("evidence", "add", "T01", str(make_file(tmp_path / "a.pdf", 10)))
    assert r.code == 1 and "尚未设置本单位信息" in r.err


def test_a_gbk_named_file_through_the_real_entry_point(cli_subprocess, unit, tmp_path):
    raw = os.fsencode(tmp_path) + b"/" + "整改措施 第2版.pdf".encode("gbk")
    with open(raw, "wb") as f:
        f.write(b"%PDF-1.4 from a usb stick")
    r = cli_subprocess("evidence", "add", "T01", os.fsdecode(raw), env={**os.environ, "LANG": "C.UTF-8"})
    assert r.returncode == 0, r.stderr
    assert "整改措施 第2版.pdf" in r.stdout
    assert_healthy(unit)


def test_a_second_program_holding_the_write_lock(cli, unit, tmp_path, monkeypatch):
    monkeypatch.setattr("fazhi_desktop.store.db.BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(str(unit / "fazhi.db"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        r = cli("evidence", "add", "T01", str(make_file(tmp_path / "a.pdf", 2 << 20)))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert r.code == 1 and "错误：数据库正被另一个程序写入" in r.err
    assert evidence_rows(unit) == 0 and temp_leftovers(unit) == []
    assert not [p for p in (unit / "evidence").rglob("*") if p.is_file()]
    assert_healthy(unit)


def _spawn(data_dir: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "fazhi_desktop", "--data-dir", str(data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_programs_adding_at_once(unit, tmp_path):
    files = [make_file(tmp_path / f"{n}.pdf", 20 << 20, seed=n) for n in range(2)]
    shared = make_file(tmp_path / "共用.pdf", 10 << 20, seed=9)
    procs = [_spawn(unit, "evidence", "add", f"T0{n + 1}", str(files[n]), str(shared)) for n in range(2)]
    outs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with Workspace.open(unit) as ws:
        records = {r.original_name: r for r in list_evidence(ws)}
    assert set(records) == {"0.pdf", "1.pdf", "共用.pdf"}
    assert records["共用.pdf"].item_ids == ("T01", "T02")
    assert len([p for p in (unit / "evidence").rglob("*") if p.is_file()]) == 3
    assert temp_leftovers(unit) == []
    assert_healthy(unit)
