"""Measure (not assert) how long the report outputs take for a full unit, and how big they are: the three
of the package (PDF 自查报告, workbook, results.json) and the annual report draft (.docx and PDF).

    .venv/bin/python bench/bench_reports.py [--unit 县司法局] [--evidence 60] [--rounds 3]

Uses the realistic sample data of the tests (every item answered with long narratives, rare characters
in names). Prints figures only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from reportdata_sample import sample_report  # noqa: E402

from fazhi_desktop.reports.annual import build_annual_report  # noqa: E402
from fazhi_desktop.reports.annual_docx import render_docx  # noqa: E402
from fazhi_desktop.reports.annual_pdf import render_annual_pdf  # noqa: E402
from fazhi_desktop.reports.fonts import register_fonts  # noqa: E402
from fazhi_desktop.reports.pdf import render_pdf  # noqa: E402
from fazhi_desktop.reports.results import render_results  # noqa: E402
from fazhi_desktop.reports.xlsx import render_xlsx  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unit", default="县司法局")
    parser.add_argument("--evidence", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    t = time.perf_counter()
    register_fonts()
    print(f"font registration (once per process): {time.perf_counter() - t:.2f} s")
    data = sample_report(args.unit, evidence_count=args.evidence)
    print(f"{data.unit.name}: {len(data.items)} items, {len(data.evidence)} evidence documents")
    renders = (
        ("PDF", render_pdf),
        ("xlsx", render_xlsx),
        ("results.json", render_results),
        ("annual .docx", lambda d: render_docx(build_annual_report(d), d.generated)),
        ("annual PDF", lambda d: render_annual_pdf(build_annual_report(d))),
    )
    for name, render in renders:
        times = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            out = render(data)
            times.append(time.perf_counter() - t)
        pages = out.count(b"/Type /Page\n") if name.endswith("PDF") else None
        extra = f", {pages} pages" if pages else ""
        print(
            f"{name:13s} best {min(times):.2f} s, worst {max(times):.2f} s, {len(out) / 1024:.0f} KB{extra}"
        )


if __name__ == "__main__":
    main()
