"""The running size of the period's package, known while working rather than discovered at export."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi_desktop import settings
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.settings import KIB, MIB, format_size

# The reports (PDF with an embedded font subset, the workbook, the JSON results) and the bag's manifests
# and ZIP headers: generous round figures, so the budget is never exceeded by what we cannot see yet.
REPORTS_BASE_BYTES = 4 * MIB
PER_ITEM_BYTES = 4 * KIB
PER_FILE_BYTES = 1 * KIB


@dataclass(frozen=True)
class SizeBudget:
    used_bytes: int  # evidence plus the estimate for reports and manifests
    limit_bytes: int
    file_count: int
    evidence_bytes: int = 0
    reports_estimate_bytes: int = 0

    @property
    def remaining_bytes(self) -> int:
        """Room left (negative when over the limit)."""
        return self.limit_bytes - self.used_bytes

    @property
    def fraction(self) -> float:
        """Share of the budget used (may exceed 1.0 after the limit was lowered)."""
        return self.used_bytes / self.limit_bytes if self.limit_bytes else 1.0

    @property
    def over(self) -> bool:
        """The package would be larger than the limit."""
        return self.used_bytes > self.limit_bytes

    def summary(self) -> str:
        """`佐证材料 12 个，上报包约 35.2 MB / 上限 2 GB（1.7%）`."""
        return (f"佐证材料 {self.file_count} 个，上报包约 {format_size(self.used_bytes)} / "
                f"上限 {format_size(self.limit_bytes)}（{self.fraction:.1%}）")  # fmt: skip


def reports_estimate(item_count: int, file_count: int) -> int:
    """Bytes the package needs besides the evidence files themselves."""
    return REPORTS_BASE_BYTES + PER_ITEM_BYTES * item_count + PER_FILE_BYTES * file_count


def size_budget(ws: Workspace, period_id: int | None = None) -> SizeBudget:
    """The package size of a period (default: the current one): distinct evidence plus reports."""
    if period_id is None:
        ws.require_profile()
        period_id = ws.period.id
    count, total = ws.db.execute(
        "SELECT count(*), coalesce(sum(b.size), 0) FROM evidence e JOIN blobs b ON b.sha256 = e.sha256"
        " WHERE e.period_id = ?",
        [period_id],
    ).fetchone()
    items = len(ws.assignments()) if period_id == ws.period.id else 0
    estimate = reports_estimate(items, count)
    return SizeBudget(used_bytes=total + estimate, limit_bytes=settings.get(ws.db, "evidence.max_period_bytes"),
                      file_count=count, evidence_bytes=total, reports_estimate_bytes=estimate)  # fmt: skip
