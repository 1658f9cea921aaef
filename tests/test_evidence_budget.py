"""The running package size: the estimate for what is not evidence (reports, manifests, ZIP headers) is
checked against real exported packages — never below what they measure, and not wildly above."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence_checks import make_file

from fazhi_desktop.app.export import export_package
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.evidence.budget import REPORTS_BASE_BYTES, reports_estimate, size_budget
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key
from fazhi_desktop.selfcheck.assessments import save_assessment, set_opt_in
from fazhi_desktop.selfcheck.profile import add_period, set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

PASS = "口令 for the budget test"


def _fill(ws: Workspace, tmp_path: Path, *, files: int, words: int) -> None:
    """Answer every required item with `words` repetitions of a sentence; attach `files` documents, each
    linked to two items, with long Chinese names."""
    required = [a for a in ws.assignments() if not a.optional]
    for a in ws.assignments():
        if a.optional:
            set_opt_in(ws, a.item.id, False)
    sentence = "组织开展专题学习，制定工作方案并逐项落实，形成会议纪要和制度文件，按要求归档备查。"
    for a in required:
        result = "已完成" if a.item.kind == "task" else "达标"
        save_assessment(
            ws,
            a.item.id,
            strict=True,
            work_status="已完成",
            result=result,
            narrative=sentence * words,
            responsible_person="王建国",
        )
    for n in range(files):
        items = [required[n % len(required)].item.id, required[(n + 1) % len(required)].item.id]
        name = f"关于印发《{ws.unit.name}2021年度法治政府建设工作要点》的通知（第{n + 1}号）扫描件.pdf"
        add_evidence(
            ws,
            items,
            make_file(tmp_path / "src" / name, 3000 + n, seed=n),
            made_date="2021-06-30",
            description="经主要负责人签批，原件存档" * (1 + n % 3),
        )


@pytest.mark.parametrize(
    ("unit", "files", "words"),
    [("燕店镇", 0, 3), ("燕店镇", 40, 30), ("县司法局", 60, 3), ("县司法局", 10, 40)],
)
def test_the_estimate_covers_a_real_package_and_stays_realistic(data_dir, tmp_path, unit, files, words):
    with Workspace.open(data_dir) as ws:
        set_up_unit(ws, unit)
        key = create_unit_key(data_dir, PASS, kdf=KdfParams(n=2**12))
        set_key_fingerprint(ws, key.fingerprint)
        _fill(ws, tmp_path, files=files, words=words)
        budget = size_budget(ws)
        out = tmp_path / "usb"
        out.mkdir()
        package = export_package(ws, out, key).package
    beside_evidence = package.size - budget.evidence_bytes
    print(
        f"{unit} files={files} words={words}: measured {beside_evidence} B, estimated "
        f"{budget.reports_estimate_bytes} B"
    )
    assert budget.reports_estimate_bytes >= beside_evidence  # on the safe side
    assert budget.reports_estimate_bytes <= 3 * beside_evidence  # and not megabytes of imaginary room
    assert budget.used_bytes >= package.size


def test_typed_text_raises_the_estimate(data_dir):
    with Workspace.open(data_dir) as ws:
        set_up_unit(ws, "燕店镇")
        empty = size_budget(ws).reports_estimate_bytes
        assert empty == reports_estimate(len(ws.assignments()), 0) >= REPORTS_BASE_BYTES
        save_assessment(ws, "T01", strict=False, narrative="字" * 1000)  # 3000 bytes of UTF-8
        assert (
            size_budget(ws).reports_estimate_bytes
            == empty + reports_estimate(0, 0, 3000) - REPORTS_BASE_BYTES
        )


def test_a_period_that_is_not_current_is_estimated_with_its_own_items(data_dir, tmp_path):
    with Workspace.open(data_dir) as ws:
        set_up_unit(ws, "燕店镇")
        first = ws.period.id
        add_evidence(ws, "T01", make_file(tmp_path / "a.pdf", 5000))
        current_view = size_budget(ws, first)
        add_period(ws, 2022)
        assert size_budget(ws, first) == current_view
