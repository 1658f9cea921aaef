"""The `review …` verbs end to end, in-process: clear Chinese output, JSON for scripts, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from review_corpus import UnitSide, copy_to

from fazhi_desktop.package.fingerprint import display_fingerprint
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.workspace import Workspace


@pytest.fixture(scope="session")
def two_units(unit_factory, tmp_path_factory: pytest.TempPathFactory) -> tuple[UnitSide, UnitSide]:
    out = tmp_path_factory.mktemp("cli-stick")
    a, b = unit_factory("县财政局"), unit_factory("燕店镇")
    a.answer(problems={"T01"})
    a.export(out / "first")
    with Workspace.open(a.data_dir) as ws:
        save_assessment(ws, "T01", strict=False, result="部分完成", narrative="已补充整改材料。")
    a.export(out / "second")
    b.answer()
    b.export(out / "first")
    return a, b


@pytest.fixture
def bureau(tmp_path: Path, cli_at):
    d = tmp_path / "bureau"
    pw = tmp_path / "pw.txt"
    pw.write_text("司法局的口令 12345\n", encoding="utf-8")
    r = cli_at(d, "review", "init", "--passphrase-file", str(pw))
    assert r.code == 0, r.err
    assert "县司法局密钥指纹" in r.out
    return d


def test_the_bureau_round_on_the_command_line(bureau: Path, cli_at, two_units, tmp_path: Path) -> None:
    a, b = two_units
    r = cli_at(bureau, "review", "keys", "add", "县财政局", str(a.public_pem(tmp_path)))
    assert r.code == 0 and "已登记 县财政局" in r.out
    r = cli_at(bureau, "review", "keys", "add", "燕店镇", display_fingerprint(b.key.fingerprint))
    assert r.code == 0 and "封面指纹" in r.out
    stick = a.packages[0].parent.parent
    r = cli_at(bureau, "review", "import", str(stick), "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)
    assert report["counts"]["stored"] == 3
    r = cli_at(bureau, "review", "status", "--json")
    status = json.loads(r.out)
    assert {u["unit"] for u in status["units"]} == {"县财政局", "燕店镇人民政府"}
    fin = next(u for u in status["units"] if u["unit"] == "县财政局")
    assert fin["sequence"] == 2 and fin["cells"]["T01"]["result"] == "部分完成"
    assert "县政府办公室" in {m["unit"] for m in status["missing"]}
    assert status["has_points"] is False and "未设分值" in status["basis"]
    r = cli_at(bureau, "review", "status", "--kind", "township", "--json")
    assert [u["unit"] for u in json.loads(r.out)["units"]] == ["燕店镇人民政府"]
    r = cli_at(bureau, "review", "status")
    assert r.code == 0 and "未提交：" in r.out and "等次" in r.out
    r = cli_at(bureau, "review", "unit", "县财政局")
    assert r.code == 0 and "与第1版相比：1 个事项有变化" in r.out and "自查结果：已完成 → 部分完成" in r.out
    pkgs = json.loads(cli_at(bureau, "review", "unit", "县财政局", "--json").out)["packages"]
    r = cli_at(bureau, "review", "diff", pkgs[0]["package_id"][:8], str(a.packages[1]))
    assert r.code == 0 and "第1版 → 第2版" in r.out
    r = cli_at(bureau, "review", "unit", "县财政局", "--evidence", "1", "--out", str(tmp_path / "看"))
    assert r.code == 0 and "只读" in r.out
    copied = next((tmp_path / "看").iterdir())
    assert copied.read_bytes().startswith(b"%PDF") and not copied.stat().st_mode & 0o222

    r = cli_at(bureau, "review", "score", "县财政局", "T01", "--verdict", "退回修改")
    assert r.code != 0 and "请写明意见" in r.err
    r = cli_at(
        bureau, "review", "score", "县财政局", "T01", "--verdict", "退回修改", "--comment", "缺少会议记录"
    )
    assert r.code == 0 and "退回修改" in r.out
    r = cli_at(bureau, "review", "score", "县财政局", "T01", "--score", "5")
    assert r.code != 0 and "没有分值" in r.err
    r = cli_at(bureau, "review", "bands", "优秀=95,良好=85,一般=70")
    assert r.code == 0 and "优秀 ≥ 95" in r.out and "其余为较差" in r.out
    r = cli_at(bureau, "review", "bands", "优秀=abc")
    assert r.code != 0 and "等次写法不对" in r.err

    out = tmp_path / "汇总表.xlsx"
    r = cli_at(bureau, "review", "summary", "--out", str(out))
    assert r.code == 0, r.err
    wb = openpyxl.load_workbook(out)
    rows = list(wb["单位汇总"].iter_rows(min_row=2, values_only=True))
    assert {r[1] for r in rows} == {"县财政局", "燕店镇人民政府"}
    items = {r[0]: r for r in wb["事项汇总"].iter_rows(min_row=2, values_only=True)}
    assert items["T01"][9] == 1  # one unit's T01 sent back

    r = cli_at(bureau, "review", "doctor")
    assert r.code == 0 and "完好" in r.out
    r = cli_at(bureau, "review", "keys", "list")
    assert "县财政局" in r.out and "有效" in r.out
    r = cli_at(bureau, "review", "keys", "revoke", "县财政局", "--note", "遗失")
    assert r.code == 0 and "已吊销" in r.out
    copy_to(a.packages[1], tmp_path / "again", "重发.zip")
    r = cli_at(bureau, "review", "import", str(tmp_path / "again"))
    assert "重复" in r.out  # the same file: nothing to do, whatever became of its key


def test_review_errors_are_plain_chinese(cli_at, tmp_path: Path, bureau: Path) -> None:
    r = cli_at(tmp_path / "none", "review", "status")
    assert r.code != 0 and "review init" in r.err and "Traceback" not in r.err
    r = cli_at(bureau, "review", "import", str(tmp_path / "不存在"))
    assert r.code != 0 and "找不到" in r.err
    r = cli_at(bureau, "review", "keys", "add", "县不存在局", "00" * 16)
    assert r.code != 0 and "找不到单位" in r.err
    r = cli_at(bureau, "review", "unit", "县财政局")
    assert r.code != 0 and "尚未收到" in r.err
    r = cli_at(bureau, "review", "diff", "abc", "def")
    assert r.code != 0 and "太短" in r.err
    r = cli_at(bureau, "review", "init")
    assert r.code != 0 and "已经初始化" in r.err
