"""Benchmark: adding one large evidence file streams it in fixed blocks, so memory stays flat.

Run: .venv/bin/python bench/bench_evidence.py [--size-gb 1.5] [--dir /some/tmp]
Prints the copy throughput (MB/s), the doctor re-hash throughput, and the peak RSS before and after:
peak RSS must not grow with the file size. Nothing is asserted; figures are for the record.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from fazhi_desktop import settings
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.safety.doctor import run_doctor
from fazhi_desktop.selfcheck.profile import set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

MIB = 1 << 20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def make_big_file(path: Path, size: int) -> None:
    """Incompressible content, written a block at a time (a counter keeps every block distinct)."""
    block = bytearray(os.urandom(MIB))
    with open(path, "wb") as f:
        for n in range(size // MIB):
            block[:8] = n.to_bytes(8, "little")
            f.write(block)
        f.flush()
        os.fsync(f.fileno())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-gb", type=float, default=1.5)
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to put the source file and data directory"
    )
    args = parser.parse_args()
    size = int(args.size_gb * 1024) * MIB
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-", dir=args.dir))
    try:
        src = work / "全年扫描件.pdf"
        make_big_file(src, size)
        ws = Workspace.open(work / "data")
        set_up_unit(ws, "燕店镇", contact="张三", phone="0635-1234567")
        settings.set(ws.db, "evidence.max_period_bytes", "3.5GB")
        settings.set(ws.db, "evidence.max_file_bytes", "3.5GB")
        before = peak_rss_mib()
        t0 = time.perf_counter()
        rec = add_evidence(ws, "T01", src)
        copy_s = time.perf_counter() - t0
        after_copy = peak_rss_mib()
        t0 = time.perf_counter()
        report = run_doctor(ws)
        doctor_s = time.perf_counter() - t0
        after_doctor = peak_rss_mib()
        ws.close()
        mb = size / 1e6
        print(
            f"file: {size / MIB:.0f} MiB ({mb:.0f} MB), stored as {rec.sha256[:16]}…, doctor ok={report.ok}"
        )
        print(
            f"add_evidence (read + sha256 + write + fsync + rename): {copy_s:.2f} s, {mb / copy_s:.0f} MB/s"
        )
        print(f"doctor re-hash: {doctor_s:.2f} s, {mb / doctor_s:.0f} MB/s")
        print(
            f"peak RSS: {before:.1f} MiB before the copy, {after_copy:.1f} MiB after, {after_doctor:.1f} MiB after doctor"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
