"""Write the annual report draft of a workspace's current period: the .docx and, if asked, the PDF.

One function for the command line and the window's background job (which opens its own Workspace:
SQLite connections stay in their thread). Either every file asked for is written, or none is left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fazhi_desktop.reports.annual import AnnualReport, build_annual_report
from fazhi_desktop.reports.annual_docx import write_docx
from fazhi_desktop.reports.annual_pdf import write_annual_pdf
from fazhi_desktop.reports.data import build_report_data
from fazhi_desktop.selfcheck.workspace import Workspace


@dataclass
class AnnualFiles:
    report: AnnualReport
    files: list[Path]
    warnings: list[str] = field(default_factory=list)

    @property
    def hints(self) -> int:
        """How many 【……】 hints the clerk still has to replace."""
        return sum(1 for part in self.report.parts for b in part.blocks if b.kind == "hint")


def default_name(unit: str, period: str) -> str:
    """`县司法局_2021年度_法治政府建设年度报告（草稿）.docx`."""
    return f"{unit}_{period}_法治政府建设年度报告（草稿）.docx"


def write_annual_files(ws: Workspace, docx_target: Path, pdf_target: Path | None = None) -> AnnualFiles:
    """Draft the report from the current period and write it; on an OSError nothing is left behind."""
    data = build_report_data(ws)
    report = build_annual_report(data)
    out = AnnualFiles(report, [])
    try:
        out.files.append(write_docx(report, data.generated, Path(docx_target)))
        if pdf_target is not None:
            out.files.append(
                write_annual_pdf(report, Path(pdf_target), created=data.generated, warnings=out.warnings)
            )
    except OSError:
        for done in out.files:
            done.unlink(missing_ok=True)
        raise
    return out
