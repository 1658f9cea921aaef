"""`init`, `period`, `check`, `show`, `progress`, `history` on the command line, as a clerk's script would."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import DB_NAME

REPO = Path(__file__).resolve().parent.parent


def _file(folder: Path, name: str, content: str) -> Path:
    """A small real document on disk."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def _ok(result):
    assert result.code == 0, result.err
    assert result.err == ""
    return result


def _fails(result, code: int, pattern: str):
    assert result.code == code, (result.out, result.err)
    assert result.err.startswith("错误："), result.err
    assert re.search(pattern, result.err), result.err
    assert "Traceback" not in result.err
    return result


# --- init and periods ----------------------------------------------------------------------------
def test_init_prints_unit_kind_period_and_counts(cli):
    r = _ok(cli("init", "--unit", "县发改局", "--contact", "张三", "--phone", "0635-1234567"))
    assert "本单位：县发展和改革局（政府部门）" in r.out
    assert "联系人：张三　联系电话：0635-1234567" in r.out
    assert "报告期：2021年度（计划 shen-2021" in r.out
    assert "须填报 25 项，可选 24 项" in r.out


def test_init_half_year_and_again_keeps_contact(cli):
    _ok(cli("init", "--unit", "燕店镇", "--contact", "张三"))
    r = _ok(cli("init", "--unit", "燕店镇", "--year", "2021", "--period", "上半年"))
    assert "报告期：2021年上半年" in r.out and "联系人：张三" in r.out
    assert "须填报 30 项，可选 4 项" in r.out


def test_init_unknown_unit_suggests(cli):
    _fails(cli("init", "--unit", "县发改委x"), 1, "找不到单位“县发改委x”；您是不是要找：县发展和改革局")


def test_init_bad_period_kind_is_a_usage_error(cli):
    r = cli("init", "--unit", "燕店镇", "--period", "quarterly")
    assert r.code == 2 and "annual（年度）" in r.err


def test_verbs_before_init_ask_for_it(cli):
    for args in (["check", "T01", "--status", "推进中"], ["progress"], ["show", "T01"], ["period", "list"]):
        _fails(cli(*args), 1, "尚未设置本单位信息")


def test_period_add_list_switch_with_carry_forward(cli):
    _ok(cli("init", "--unit", "燕店镇"))
    _ok(cli("check", "T01", "--status", "已完成", "--result", "已完成", "--text", "学习 4 次"))
    r = _ok(cli("period", "add", "2022", "--carry-from", "2021年度"))
    assert "已新增报告期：2022年度（已设为当前报告期）" in r.out and "带入 1 项" in r.out
    shown = json.loads(_ok(cli("show", "T01", "--json")).out)
    assert shown["period"] == "2022年度"
    assert (shown["assessment"]["work_status"], shown["assessment"]["narrative"]) == ("推进中", "学习 4 次")
    periods = json.loads(_ok(cli("period", "list", "--json")).out)
    assert [(p["label"], p["current"], p["assessments"], p["carried_from"]) for p in periods] == [
        ("2021年度", False, 1, None),
        ("2022年度", True, 1, periods[0]["id"]),
    ]
    _ok(cli("period", "switch", "2021"))
    assert json.loads(_ok(cli("show", "T01", "--json")).out)["assessment"]["work_status"] == "已完成"
    text = _ok(cli("period", "list")).out.splitlines()
    assert text[0].startswith("* ") and "2021年度" in text[0]
    _fails(cli("period", "add", "2022"), 2, "已经存在")
    _fails(cli("period", "switch", "2030年度"), 2, "找不到报告期")
    _ok(cli("period", "add", "2023", "--kind", "first_half", "--no-switch"))
    assert json.loads(_ok(cli("progress", "--json")).out)["period"]["label"] == "2021年度"


# --- check and show -------------------------------------------------------------------------------------
@pytest.fixture
def township(cli):
    _ok(cli("init", "--unit", "燕店镇"))
    return cli


def test_check_reports_what_changed_and_what_is_missing(township):
    r = _ok(
        township(
            "check",
            "t2",
            "--status",
            "推进中",
            "--result",
            "未完成",
            "--problems",
            "计划未印发",
            "--measures",
            "年底前印发",
            "--deadline",
            "2021年12月31日",
            "--person",
            "王五",
        )
    )
    assert r.out.splitlines() == [
        "已保存 T02：修改了工作状态、自评结果、存在问题、整改措施、整改时限、责任人",
        "填报状态：填写中；尚缺：未填写工作开展情况",
    ]
    r = _ok(township("check", "T02", "--text", "已起草计划"))
    assert r.out.splitlines()[1] == "填报状态：已填完"
    assert _ok(township("check", "T02", "--text", "已起草计划")).out.startswith("T02 没有变化")


@pytest.mark.parametrize(
    ("args", "code", "pattern"),
    [
        (["T99", "--status", "推进中"], 2, "计划中没有编号为“T99”的事项"),
        (["I01", "--status", "推进中"], 2, "事项 I01 不属于“燕店镇人民政府”的填报范围"),
        (["T01"], 2, "没有要修改的内容"),
        (["T01", "--status", "完成"], 2, "工作状态“完成”无效"),
        (
            ["T01", "--result", "达标"],
            2,
            "T01 是任务，自评结果“达标”无效，可选：已完成、部分完成、未完成、不适用",
        ),
        (["T01", "--deadline", "2021-02-30"], 2, "整改时限“2021-02-30”不是有效日期"),
        (["T01", "--result", "不适用"], 2, "事项 T01 未保存：不适用未说明理由"),
        (["T01", "--status", "推进中", "--result", "未完成"], 2, "未填写存在问题和整改措施"),
        (["T01", "--measures", "整改"], 2, "整改措施缺少整改时限"),
        (["T01", "--result", "已完成"], 2, "两者矛盾"),
        (["T01", "--opt-in"], 2, "T01 是本单位必须填报的事项"),
        (["B1", "--result", "有"], 2, "尚未选择参与.*--opt-in"),
        (["B1", "--opt-out", "--text", "x"], 2, "--opt-out（不参与）不能与其他修改同时使用"),
        (["T01", "--text", "@/nonexistent/x.txt"], 2, "无法读取工作开展情况文件"),
        (["T01", "--text", "-", "--problems", "-"], 2, "只能有一项内容从标准输入"),
    ],
)
def test_check_refuses_bad_input_clearly_and_writes_nothing(township, data_dir, args, code, pattern):
    _fails(township("check", *args), code, pattern)
    conn = sqlite3.connect(data_dir / DB_NAME)
    assert conn.execute("SELECT COUNT(*) FROM assessments").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM history WHERE entity = 'assessment'").fetchone()[0] == 0
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_check_opt_in_and_fields_in_one_command(township):
    r = _ok(township("check", "B1", "--opt-in", "--result", "有", "--text", "获省级表彰"))
    assert "是否参与" in r.out and "尚缺：未上传佐证材料" in r.out
    shown = json.loads(_ok(township("show", "B1", "--json")).out)
    assert shown["assessment"]["opted_in"] is True and shown["assignment"]["optional"] is True
    _ok(township("check", "B1", "--opt-out"))
    assert json.loads(_ok(township("show", "B1", "--json")).out)["state"] == "不参与"


def test_text_from_stdin_and_from_files(township, tmp_path, monkeypatch):
    long_text = "一、组织学习\n二、制度建设\n" + "开展法治宣传。" * 200
    monkeypatch.setattr("sys.stdin", io.StringIO(long_text))
    _ok(township("check", "T03", "--text", "-"))
    gbk = tmp_path / "问题.txt"
    gbk.write_bytes("制度不健全".encode("gbk"))
    bom = tmp_path / "措施.txt"
    bom.write_bytes("\ufeff建立制度\r\n".encode())
    _ok(
        township(
            "check",
            "T03",
            "--status",
            "推进中",
            "--result",
            "部分完成",
            "--problems",
            f"@{gbk}",
            "--measures",
            f"@{bom}",
            "--deadline",
            "2021-12-31",
            "--na-reason",
            "@@不是文件",
        )
    )
    a = json.loads(_ok(township("show", "T03", "--json")).out)["assessment"]
    assert a["narrative"] == long_text.strip()
    assert (a["problems"], a["measures"], a["na_reason"]) == ("制度不健全", "建立制度", "@不是文件")


def test_show_text_and_json(township, data_dir, tmp_path):
    _ok(
        township(
            "check", "T05", "--status", "已完成", "--result", "已完成", "--text", "完成行政规范性文件清理"
        )
    )
    _ok(
        township(
            "evidence", "add", "T05", str(_file(tmp_path, "清理结果.txt", "清理结果")), "--date", "2021-06-01"
        )
    )
    r = _ok(township("show", "T5"))
    assert r.out.startswith("T05 任务 · 压实法治建设第一责任人职责")
    assert "工作开展情况：完成行政规范性文件清理" in r.out
    assert "佐证材料：1 份" in r.out and "清理结果.txt（12 字节，形成日期 2021-06-01）" in r.out
    assert r.out.rstrip().endswith("填报状态：已填完")
    d = json.loads(_ok(township("show", "T05", "--json")).out)
    assert d["item"]["id"] == "T05" and d["item"]["kind"] == "task"
    assert d["assignment"] == {"role": "责任", "optional": False, "via": "各镇人民政府（街道办事处）"}
    assert d["state"] == "已填完" and d["missing"] == []
    assert [(e["name"], e["size"], e["made_date"]) for e in d["evidence"]] == [
        ("清理结果.txt", 12, "2021-06-01")
    ]
    _fails(township("show", "I48"), 2, "不属于")


# --- progress and history ---------------------------------------------------------------------------------
def test_progress_text(township):
    _ok(township("check", "T02", "--result", "不适用", "--na-reason", "镇级不单独制定"))
    _ok(
        township(
            "check",
            "T03",
            "--status",
            "推进中",
            "--result",
            "未完成",
            "--text",
            "x",
            "--problems",
            "p",
            "--measures",
            "m",
            "--deadline",
            "2021-12-31",
            "--person",
            "王五",
        )
    )
    out = _ok(township("progress")).out
    assert out.splitlines()[0] == "燕店镇人民政府　2021年度　填报进度：2/30（6%）"
    assert "  2. 压实法治建设第一责任人职责　2/5（40%）" in out
    assert "  T01　未填写：未填写工作开展情况；未选择自评结果；未上传佐证材料" in out
    assert "可选事项尚未选择是否参与（4 项，不计入进度）：B1 B2 D1 D2" in out
    assert re.search(r"2021-12-31　T03（(已逾期|还有) \d+ 天）王五", out)


def test_history_lists_filters_and_verifies(township, data_dir):
    _ok(township("check", "T01", "--status", "推进中", "--text", "第一版"))
    _ok(township("check", "T01", "--text", "第二版"))
    _ok(township("check", "T02", "--status", "推进中"))
    rows = json.loads(_ok(township("history", "--json", "--item", "t1")).out)
    assert [(r["field"], r["old"], r["new"]) for r in rows] == [
        ("work_status", "未开始", "推进中"),
        ("narrative", "", "第一版"),
        ("narrative", "第一版", "第二版"),
    ]
    assert set(rows[0]) == {"id", "at", "period_id", "item", "entity", "field", "old", "new", "hash"}
    text = _ok(township("history", "--item", "T01")).out
    assert "T01　自评·工作开展情况：第一版 → 第二版" in text and "共 3 条修改记录" in text
    assert json.loads(_ok(township("history", "--json", "--since", "2000-01-01")).out)
    assert json.loads(_ok(township("history", "--json", "--since", "2999-01-01")).out) == []
    _fails(township("history", "--since", "上周"), 2, "无法识别")
    _fails(township("history", "--item", "T99"), 2, "T99")
    r = _ok(township("history", "--verify"))
    assert r.out.startswith("修改记录完整：共 7 条")  # 3 set-up rows + 2 + 1 + 1

    conn = sqlite3.connect(data_dir / DB_NAME)
    target = conn.execute("SELECT id FROM history WHERE new_value = '第一版'").fetchone()[0]
    conn.execute("UPDATE history SET new_value = '第一版（改）' WHERE id = ?", [target])
    conn.commit()
    conn.close()
    _fails(
        township("history", "--verify"),
        1,
        f"修改记录已被改动：第 {target} 条记录（.*T01，工作开展情况）与哈希链不符，共 1 处",
    )


def test_every_selfcheck_verb_is_documented():
    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for verb in ("init", "period", "check", "show", "progress", "history"):
        assert f"## `{verb}`" in doc, verb
    for option in ("--carry-from", "--na-reason", "--opt-in", "--opt-out", "--person", "--since", "--verify"):
        assert option in doc, option


# --- a whole unit, start to finish ---------------------------------------------------------------------------
def _script_for(assignments) -> tuple[list[list[str]], dict[str, bool]]:
    """One `check` command per item of 县发展和改革局, every kind of answer; which items need evidence."""
    commands: list[list[str]] = []
    needs_evidence: dict[str, bool] = {}
    optional_seen = 0
    for n, a in enumerate(assignments):
        item, kind = a.item.id, a.item.kind
        if kind in ("bonus", "deduction"):
            script = {
                "B1": ["--opt-in", "--result", "有", "--text", "获省级法治政府建设先进集体"],
                "B2": ["--opt-out"],
                "D1": ["--opt-in", "--result", "无"],
                "D2": [
                    "--opt-in",
                    "--result",
                    "有",
                    "--text",
                    "一起行政复议被撤销",
                    "--problems",
                    "程序瑕疵",
                    "--measures",
                    "开展案卷评查",
                    "--deadline",
                    "2021-12-15",
                    "--person",
                    "李科长",
                ],
            }[item]
            commands.append([item, *script])
            needs_evidence[item] = item == "B1"
            continue
        done, partial, failed = (
            ("已完成", "部分完成", "未完成") if kind == "task" else ("达标", "基本达标", "未达标")
        )
        if a.optional:
            optional_seen += 1
            if optional_seen % 2:
                commands.append([item, "--opt-out"])
                needs_evidence[item] = False
                continue
            commands.append(
                [item, "--opt-in", "--status", "已完成", "--result", done, "--text", f"{item} 配合完成"]
            )
            needs_evidence[item] = True
            continue
        pattern = n % 4
        if pattern == 0:
            args = ["--status", "已完成", "--result", done, "--text", f"{item} 全面完成"]
        elif pattern == 1:
            args = [
                "--status",
                "推进中",
                "--result",
                partial,
                "--text",
                f"{item} 大部分完成",
                "--problems",
                "个别环节滞后",
                "--measures",
                "倒排工期",
                "--deadline",
                "2021-11-30",
                "--person",
                "张科长",
            ]
        elif pattern == 2:
            args = [
                "--status",
                "推进中",
                "--result",
                failed,
                "--text",
                f"{item} 已启动",
                "--problems",
                "人手不足",
                "--measures",
                "抽调人员",
                "--deadline",
                "2021年12月31日",
                "--person",
                "王科长",
            ]
        else:
            args = ["--result", "不适用", "--na-reason", "本单位无此项职能"]
        commands.append([item, *args])
        needs_evidence[item] = pattern in (0, 1)
    return commands, needs_evidence


def _fields_written(args: list[str]) -> int:
    """How many history rows a `check` on a fresh item writes: one per option (and one for the opt choice)."""
    return sum(1 for a in args if a.startswith("--"))


def test_a_scripted_session_fills_every_item_of_a_unit(cli, data_dir, tmp_path):
    _ok(cli("init", "--unit", "县发改局", "--contact", "张三", "--phone", "0635-1234567"))
    with Workspace.open(data_dir) as ws:
        assignments = ws.assignments()
    assert len(assignments) == 49
    commands, needs_evidence = _script_for(assignments)
    for args in commands:
        _ok(cli("check", *args))

    # Real files through `evidence add`: an annual summary shared by every item that needs evidence, a
    # ledger per lead item, minutes shared by two items and the same minutes again under another name.
    docs = tmp_path / "佐证"
    evidenced = [i for i, need in needs_evidence.items() if need]
    summary = _file(docs, "2021年度法治政府建设工作总结.txt", "工作总结\n" * 50)
    _ok(cli("evidence", "add", ",".join(evidenced), str(summary), "--date", "2021-12-20"))
    added, links = 1, len(evidenced)
    for a in assignments:
        if a.role == "牵头" and needs_evidence[a.item.id]:
            _ok(
                cli(
                    "evidence",
                    "add",
                    a.item.id,
                    str(_file(docs, f"{a.item.id}-台账.txt", f"{a.item.id} 台账")),
                )
            )
            added, links = added + 1, links + 1
    minutes = _file(docs, "党组会议纪要.txt", "会议纪要：研究法治政府建设")
    _ok(cli("evidence", "add", f"{evidenced[0]},{evidenced[1]}", str(minutes)))
    copy = _file(docs, "会议纪要（复印件）.txt", minutes.read_text(encoding="utf-8"))
    r = _ok(
        cli("evidence", "add", evidenced[2], str(copy))
    )  # same content: the stored document, linked again
    assert "已存在" in r.out
    added, links = added + 1, links + 3

    report = json.loads(_ok(cli("progress", "--json")).out)
    counted = [i for i in report["items"] if i["counted"]]
    opted_out = [c for c in commands if "--opt-out" in c]
    assert report["overall"] == {"done": 49 - len(opted_out), "total": 49 - len(opted_out), "percent": 100}
    assert all(i["missing"] == [] for i in report["items"] if i["counted"])
    assert all(g["percent"] == 100 for g in report["groups"])
    assert report["undecided_optional"] == 0
    assert report["states"]["不参与"] == len(opted_out)
    assert report["states"]["已填完"] + report["states"]["不适用"] == len(counted)
    assert sum(i["evidence_count"] for i in report["items"]) == links
    assert {i["id"]: i["evidence_count"] > 0 for i in counted} == {
        i: need for i, need in needs_evidence.items() if i in {c["id"] for c in counted}
    }
    assert "填报进度：" in _ok(cli("progress")).out and "尚未填完" not in _ok(cli("progress")).out

    rows = json.loads(_ok(cli("history", "--json")).out)
    expected_assessment_rows = sum(_fields_written(c[1:]) for c in commands)
    assert sum(r["entity"] == "assessment" for r in rows) == expected_assessment_rows
    assert sum(r["entity"] == "evidence" and r["field"] == "linked" for r in rows) == links
    assert sum(r["entity"] == "evidence" and r["field"] == "added" for r in rows) == added
    # + set-up: unit, period created, period current
    assert len(rows) == 3 + expected_assessment_rows + added + links
    assert _ok(cli("history", "--verify")).out.startswith(f"修改记录完整：共 {len(rows)} 条")
    doctor = json.loads(_ok(cli("doctor", "--json")).out)
    assert doctor["ok"] is True and doctor["problems"] == [] and doctor["history_broken"] == []
    assert doctor["checked_files"] == added
    conn = sqlite3.connect(data_dir / DB_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM assessments").fetchone()[0] == 49
