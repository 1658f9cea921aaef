"""Per-period 总体情况 and 下一步工作打算: stored per period, history-chained, set from the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fazhi_desktop.errors import UsageError
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.narratives import MAX_CHARS, load_narratives, save_narratives
from fazhi_desktop.selfcheck.workspace import Workspace


def _init(cli) -> None:
    r = cli("init", "--unit", "县司法局", "--contact", "张三")
    assert r.code == 0, r.err


def test_save_and_load_per_period_with_history(cli, data_dir: Path):
    _init(cli)
    with Workspace.open(data_dir) as ws:
        assert load_narratives(ws).is_empty
        saved = save_narratives(ws, overall="  本年度共开展普法活动12次。\r\n完成规范性文件清理。 ")
        assert saved.overall == "本年度共开展普法活动12次。\n完成规范性文件清理。"
        assert saved.next_steps == "" and saved.updated_at
        save_narratives(ws, next_steps="推进行政执法“三项制度”。")
        again = load_narratives(ws)
        assert again.overall.startswith("本年度") and again.next_steps == "推进行政执法“三项制度”。"
        first = ws.period.id
        entries = [e for e in history.changes_since(ws.db) if e.entity == "narrative"]
        assert [e.field for e in entries] == ["overall", "next_steps"]
        assert history.verify_chain(ws.db) == []
        # Saving the same text again changes nothing and records nothing.
        save_narratives(ws, overall="本年度共开展普法活动12次。\n完成规范性文件清理。")
        assert len([e for e in history.changes_since(ws.db) if e.entity == "narrative"]) == 2
    r = cli("period", "add", "2022")
    assert r.code == 0, r.err
    with Workspace.open(data_dir) as ws:
        assert ws.period.id != first
        assert load_narratives(ws).is_empty  # a new period starts blank
        assert load_narratives(ws, first).next_steps.startswith("推进")


def test_too_long_is_refused_and_nothing_written(cli, data_dir: Path):
    _init(cli)
    with Workspace.open(data_dir) as ws:
        with pytest.raises(UsageError, match="超过 20000 字"):
            save_narratives(ws, overall="字" * (MAX_CHARS + 1), next_steps="好")
        assert load_narratives(ws).is_empty


def test_cli_sets_from_files_and_shows(cli, data_dir: Path, tmp_path: Path):
    _init(cli)
    overall = tmp_path / "总体.txt"
    overall.write_bytes("今年本局扎实推进法治政府建设。\r\n".encode("gb18030"))  # Notepad's GBK
    steps = tmp_path / "next.txt"
    steps.write_text("\ufeff一是加强学习。\n二是强化督查。", encoding="utf-8")
    r = cli("narrative", "--overall", f"@{overall}", "--next-steps", f"@{steps}")
    assert r.code == 0, r.err
    assert "已保存2021年度的总体情况、下一步工作打算" in r.out
    r = cli("narrative", "--json")
    shown = json.loads(r.out)
    assert shown["overall"] == "今年本局扎实推进法治政府建设。"
    assert shown["next_steps"] == "一是加强学习。\n二是强化督查。"
    r = cli("narrative", "--next-steps", "")
    assert r.code == 0 and "下一步工作打算\n（未填写）" in r.out.replace("】", "")
    with sqlite3.connect(data_dir / "fazhi.db") as db:
        assert db.execute("SELECT next_steps FROM period_narratives").fetchone() == ("",)


def test_cli_bad_input_is_clear_chinese(cli, tmp_path: Path):
    _init(cli)
    r = cli("narrative", "--overall", f"@{tmp_path / 'missing.txt'}")
    assert r.code != 0 and r.err.startswith("错误：") and "无法读取总体情况文件" in r.err
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\xff\xfe\x00\x81\xff" * 10)
    r = cli("narrative", "--overall", f"@{binary}")
    assert r.code != 0 and "不是文本文件" in r.err and "Traceback" not in r.err
    r = cli("narrative", "--overall", "-", "--next-steps", "-")
    assert r.code != 0 and "只能有一项内容从标准输入" in r.err
