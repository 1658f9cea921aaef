"""Benchmark: the plan workbook and the drafter on the real 2021 plan (30 tasks, 94 indicators).

Run: .venv/bin/python bench/bench_plans.py
Prints seconds for export (plan → xlsx), import (xlsx → validated catalogue), draft (OCR text → workbook
content) and sign + verify, against a reference of 5 s each: what a clerk waits for at most without a
progress bar. Nothing is asserted; the figures are for the record.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.doc_text import read_document
from fazhi_desktop.catalogue.draft import draft_plan
from fazhi_desktop.catalogue.plan_import import plan_from_workbook
from fazhi_desktop.catalogue.plan_workbook import plan_sheets, render_workbook
from fazhi_desktop.catalogue.signed_plan import open_signed_plan, sign_plan
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import generate_key_file

REFERENCE_S = 5.0
SOURCE = Path(__file__).resolve().parent.parent / "tests" / "data" / "shen-2021-plan.txt"


def timed(label: str, func):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func()
    took = time.perf_counter() - start
    print(f"{label:<22} {took:6.2f} s   reference {REFERENCE_S:.0f} s   ratio {took / REFERENCE_S:.2f}")
    return result


def main() -> None:
    plan = registry.get_plan("shen-2021")
    raw = timed("export (plan → xlsx)", lambda: render_workbook(plan_sheets(plan)))
    _, catalogue = timed("import (xlsx → plan)", lambda: plan_from_workbook(raw, "shen-2021.xlsx"))
    timed("draft (OCR text)", lambda: draft_plan(read_document(SOURCE)))
    with tempfile.TemporaryDirectory() as tmp:
        key = generate_key_file(Path(tmp) / "k.json", "bench-passphrase", kdf=KdfParams(n=2**12))
        signed = timed("sign", lambda: sign_plan(catalogue, key))
        timed("verify", lambda: open_signed_plan(signed, "shen-2021.signed"))
    print(f"workbook {len(raw) / 1024:.0f} KiB, catalogue {len(catalogue) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
