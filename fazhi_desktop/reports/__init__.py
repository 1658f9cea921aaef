"""The report outputs of a package: the PDF 自查报告, the Excel workbook and results.json (no Qt).

Each renderer takes a `ReportData` (reports/data.py) and returns bytes; `write_*` write a file atomically:
`pdf.render_pdf`, `xlsx.render_xlsx`, `results.render_results`.
"""

from fazhi_desktop.reports.data import EvidenceInfo, ItemReport, PlanInfo, ProgressInfo, ReportData, UnitInfo

__all__ = ["EvidenceInfo", "ItemReport", "PlanInfo", "ProgressInfo", "ReportData", "UnitInfo"]
