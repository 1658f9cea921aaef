"""预览自查报告: the current draft of the report as a PDF, to look at or print before any package exists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fazhi_desktop.package.zipsafe import safe_component
from fazhi_desktop.reports.data import build_report_data
from fazhi_desktop.reports.pdf import write_pdf
from fazhi_desktop.selfcheck.workspace import Workspace


@dataclass(frozen=True)
class DraftReport:
    path: Path
    warnings: tuple[str, ...] = ()


def draft_report_name(unit_name: str, period_label: str) -> str:
    """`燕店镇人民政府_2021年度_自查报告（草稿）.pdf`: the name the viewer shows in its title bar."""
    return safe_component(f"{unit_name}_{period_label}_自查报告（草稿）.pdf".replace(" ", ""), max_bytes=200)


def write_draft_report(ws: Workspace, folder: Path) -> DraftReport:
    """Render the current period's report as a draft (no package id, no fingerprint) into `folder`,
    atomically, replacing an older preview of the same name."""
    data = build_report_data(ws)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    warnings: list[str] = []
    path = write_pdf(data, folder / draft_report_name(data.unit.name, data.period_label), warnings=warnings)
    return DraftReport(path, tuple(warnings))
