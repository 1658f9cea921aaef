"""The report outputs of a package: the PDF 自查报告, the Excel workbook and results.json (no Qt).

Each renderer takes a `ReportData` (reports/data.py) and returns bytes; `write_*` write a file atomically:
`pdf.render_pdf`, `xlsx.render_xlsx`, `results.render_results`. Import from the modules themselves: this
file re-exports nothing, so reading a package's results.json (results_read.py, for the verifier) does not
load the self-check and the database layer that building a report from a workspace needs.
"""
