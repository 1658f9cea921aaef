"""The running size of the period's package, known while working rather than discovered at export."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi_desktop import settings
from fazhi_desktop.catalogue.assign import assignments
from fazhi_desktop.evidence import records
from fazhi_desktop.selfcheck import assessments
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.sizes import KIB, format_size

# What the package holds besides the evidence files: the PDF report (with its embedded font subsets), the
# workbook, results.json, the bag's manifests and tag files, the signature and the ZIP headers.
# Measured (bench/bench_reports.py, sample answers): 34 items, no files: 270 KB; 88 items, 60 files:
# 558 KB; longer narratives added 1.65–2.3 bytes per byte of typed text (tests/test_evidence_budget.py
# exports real packages and checks the estimate against them). The model below is
# base + per item + per file + text, each term rounded up generously (about 1.5–2× what was measured),
# so the budget is never exceeded by what cannot be seen yet, without hiding megabytes of room.
# The 公文 report (issue 11) embeds subsets of five faces (仿宋, 黑体, 楷体, 标宋, 花園明朝 for rare
# characters and page numbers) instead of one: measured ~400 KB of base for 34 items without files.
REPORTS_BASE_BYTES = 640 * KIB  # fonts, cover, 电子签名信息, tables' frames, manifests, signature
PER_ITEM_BYTES = 4 * KIB  # measured ~2.4 KB: the item's own text and its rows in all three reports
PER_FILE_BYTES = 2 * KIB  # measured ~0.7 KB in the reports, plus ~0.5 KB of manifest line and ZIP headers
TEXT_FACTOR = 3  # measured 1.65–2.3: typed text appears in the PDF, the workbook and results.json


@dataclass(frozen=True)
class SizeBudget:
    used_bytes: int  # evidence plus the estimate for reports and manifests
    limit_bytes: int
    file_count: int
    evidence_bytes: int = 0
    reports_estimate_bytes: int = 0

    @property
    def fraction(self) -> float:
        """Share of the budget used (may exceed 1.0 after the limit was lowered)."""
        return self.used_bytes / self.limit_bytes if self.limit_bytes else 1.0

    def plus_file(self, size: int, typed_bytes: int) -> SizeBudget:
        """The budget once one more file of `size` bytes (and `typed_bytes` of name and description) is
        attached: what `size_budget` would give afterwards, without asking the database again."""
        extra = PER_FILE_BYTES + TEXT_FACTOR * typed_bytes
        return SizeBudget(
            used_bytes=self.used_bytes + size + extra,
            limit_bytes=self.limit_bytes,
            file_count=self.file_count + 1,
            evidence_bytes=self.evidence_bytes + size,
            reports_estimate_bytes=self.reports_estimate_bytes + extra,
        )

    @property
    def over(self) -> bool:
        """The package would be larger than the limit."""
        return self.used_bytes > self.limit_bytes

    def summary(self) -> str:
        """`佐证材料 12 个，上报包约 35.2 MB / 上限 2 GB（1.7%）`."""
        return (
            f"佐证材料 {self.file_count} 个，上报包约 {format_size(self.used_bytes)} / "
            f"上限 {format_size(self.limit_bytes)}（{self.fraction:.1%}）"
        )


def reports_estimate(item_count: int, file_count: int, text_bytes: int = 0) -> int:
    """Bytes the package needs besides the evidence files themselves (see the measured figures above).

    `text_bytes` is the UTF-8 size of everything typed for the period (answers, file names, descriptions).
    """
    return (
        REPORTS_BASE_BYTES
        + PER_ITEM_BYTES * item_count
        + PER_FILE_BYTES * file_count
        + TEXT_FACTOR * text_bytes
    )


def _typed_bytes(ws: Workspace, period_id: int) -> int:
    """UTF-8 bytes of the text typed in a period: answers, evidence names and descriptions."""
    return assessments.typed_bytes(ws.db, period_id) + records.typed_bytes(ws.db, period_id)


def size_budget(ws: Workspace, period_id: int | None = None) -> SizeBudget:
    """The package size of a period (default: the current one): distinct evidence plus reports."""
    if period_id is None:
        ws.require_profile()
        period_id = ws.period.id
    count, total = records.period_totals(ws.db, period_id)
    period = ws.period_by_id(period_id)
    if period.is_current:
        items = len(ws.assignments())
    else:
        items = len(assignments(ws.plan_for(period.plan_id, period.plan_version), ws.unit))
    estimate = reports_estimate(items, count, _typed_bytes(ws, period_id))
    return SizeBudget(
        used_bytes=total + estimate,
        limit_bytes=settings.get(ws.db, "evidence.max_period_bytes"),
        file_count=count,
        evidence_bytes=total,
        reports_estimate_bytes=estimate,
    )
