"""A realistic township self-check for screenshots and GUI tests: 燕店镇, several items answered,
scans attached, a few rectification deadlines. Written only through the domain API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fazhi_desktop.evidence.attachments import add_evidence, update_evidence
from fazhi_desktop.selfcheck.assessments import answer_adjustment, save_assessment
from fazhi_desktop.selfcheck.profile import set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

UNIT = "燕店镇"

# One row an item: work status, result, narrative, problems, measures, responsible person
# ("" where the clerk has not filled the field in; such fields are not passed at all).
_ANSWER_FIELDS = ("work_status", "result", "narrative", "problems", "measures", "responsible_person")
_ANSWER_ROWS = {
    "T01": (
        "已完成",
        "已完成",
        "镇党委理论学习中心组开展习近平法治思想专题学习 4 次；举办全镇干部法治讲座 2 场，"
        "参训 186 人次；在各村“法治文化广场”设置宣传栏 32 处。",
        "无",
    ),
    "T02": (
        "已完成",
        "已完成",
        "将法治建设写入镇年度工作要点，与经济社会发展同部署；党委会专题研究法治工作 3 次。",
        "无",
    ),
    "T03": (
        "推进中",
        "部分完成",
        "镇政府常务会听取法治政府建设情况汇报 1 次。",
        "听取汇报的次数未达到每季度一次的要求。",
        "将法治政府建设列入常务会固定议题，每季度至少研究一次。",
        "王建国",
    ),
    "T07": (
        "推进中",
        "部分完成",
        "镇便民服务中心设置“综合受理”窗口 3 个，实现 126 项事项“一窗受理”。",
        "部分村级代办点人员业务不熟，群众仍需往返。",
        "对 28 个村级代办员开展集中培训，并实行帮办代办台账管理。",
        "李秀梅",
    ),
    "T08": ("已完成", "已完成", "按县里统一部署完成镇级权责清单动态调整，公布 152 项。"),
    "T12": ("推进中", "", "在镇政府网站和公开栏公开财政预决算、重大项目等信息 47 条。"),
    "T28": (
        "已完成",
        "未完成",
        "建立镇、村两级调解组织 29 个，全年调处矛盾纠纷 214 件。",
        "“诉源治理”工作站尚未建成。",
        "协调场地和人员，建成镇诉源治理工作站。",
        "赵明",
    ),
    "T30": ("推进中", "", "开展“民主法治示范村”创建，3 个村通过县级验收。"),
}
_ANSWERS = {
    item_id: {field: value for field, value in zip(_ANSWER_FIELDS, row, strict=False) if value}
    for item_id, row in _ANSWER_ROWS.items()
}

_FILES = {
    "T01": [
        ("燕店镇2021年党委理论学习中心组学习记录.pdf", 420_000, "2021-06-30", "中心组学习记录（扫描件）"),
        ("法治讲座现场照片.jpg", 1_350_000, "2021-05-12", ""),
    ],
    "T02": [("燕店镇2021年工作要点.pdf", 260_000, "2021-02-20", "印发文件")],
    "T07": [("便民服务中心一窗受理事项清单.xlsx", 48_000, "2021-08-01", "")],
    "T08": [("燕店镇权责清单（2021年调整）.pdf", 910_000, "2021-09-15", "")],
    "T28": [("矛盾纠纷调处台账.xlsx", 75_000, "2021-11-30", "全年台账")],
}

_DEADLINES = {"T03": 20, "T07": 45, "T28": -5}  # days from today


def _fake_scan(path: Path, size: int, seed: str) -> None:
    """Deterministic bytes of the right size (the store hashes content, so each file differs)."""
    import hashlib

    block = hashlib.sha256(seed.encode()).digest() * 2048
    with open(path, "wb") as out:
        left = size
        while left > 0:
            out.write(block[: min(left, len(block))])
            left -= len(block)


def fill_demo(data_dir: Path, *, files_dir: Path | None = None, today: dt.date | None = None) -> None:
    """Set up 燕店镇 in `data_dir` and answer part of its self-check."""
    today = today or dt.date.today()
    files_dir = files_dir or Path(data_dir).parent / "demo-files"
    files_dir.mkdir(parents=True, exist_ok=True)
    with Workspace.open(Path(data_dir)) as ws:
        set_up_unit(ws, UNIT, contact="刘晓燕", phone="0635-7361234", year=2021)
        for item_id, answer in _ANSWERS.items():
            save_assessment(ws, item_id, strict=False, **answer)
        for item_id, days in _DEADLINES.items():
            save_assessment(ws, item_id, strict=False, deadline=(today + dt.timedelta(days=days)).isoformat())
        for item_id, files in _FILES.items():
            for name, size, made, desc in files:
                path = files_dir / name
                _fake_scan(path, size, name)
                record = add_evidence(ws, [item_id], path, made_date=made, description=desc)
                update_evidence(ws, record.id, made_date=made)
        answer_adjustment(ws, "B1", False)  # 无此项加分情况
        answer_adjustment(ws, "D1", False)  # 未发生
