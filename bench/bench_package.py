"""Measure (not assert) the unit-key unlock time and package write + verify throughput.

    .venv/bin/python bench/bench_package.py [--mb 200] [--files 8] [--dir DIR]

Prints figures only; nothing is kept (everything lives in a temporary folder unless --dir is given).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from fazhi_desktop.package.bagzip import write_package
from fazhi_desktop.package.keyfile import DEFAULT_KDF
from fazhi_desktop.package.keys import generate_key_file, load_key_file
from fazhi_desktop.package.spec import PackageSpec, PayloadEntry, evidence_path
from fazhi_desktop.package.verify import verify_package

PASSPHRASE = "bench passphrase 口令"


def _mb_s(nbytes: int, seconds: float) -> str:
    return f"{nbytes / 1e6 / seconds:,.0f} MB/s"


def bench_key(folder: Path) -> None:
    t0 = time.perf_counter()
    generate_key_file(folder / "unit-key.json", PASSPHRASE)
    create = time.perf_counter() - t0
    unlocks = []
    for _ in range(3):
        t0 = time.perf_counter()
        load_key_file(folder / "unit-key.json", PASSPHRASE)
        unlocks.append(time.perf_counter() - t0)
    print(
        f"scrypt n={DEFAULT_KDF.n} r={DEFAULT_KDF.r} p={DEFAULT_KDF.p} "
        f"(memory {128 * DEFAULT_KDF.n * DEFAULT_KDF.r / 2**20:.0f} MiB)"
    )
    print(f"  create key: {create:.3f} s; unlock: " + ", ".join(f"{u:.3f}" for u in unlocks) + " s")


def bench_package(folder: Path, total_mb: int, files: int) -> None:
    key = load_key_file(folder / "unit-key.json", PASSPHRASE)
    ev = folder / "evidence"
    ev.mkdir()
    per_file = total_mb * 1024 * 1024 // files
    payload = [PayloadEntry.from_bytes("data/results.json", b"{}\n")]
    for i in range(files):
        src = ev / f"scan{i}.bin"
        with open(src, "wb") as f:
            for _ in range(per_file // (1 << 20)):
                f.write(os.urandom(1 << 20))
        payload.append(
            PayloadEntry.from_file(evidence_path(f"扫描件{i:02d}.pdf"), src, size=src.stat().st_size)
        )
    spec = PackageSpec(
        unit_name="莘县司法局",
        unit_kind="政府部门",
        contact_name="张三",
        contact_phone="1",
        period_label="2021年度",
        plan_id="shen-2021",
        plan_version="1",
        package_id="bench",
        sequence=1,
        supersedes=None,
        program_version="bench",
        created=datetime.now().astimezone(),
        payload=payload,
    )
    out = folder / "out"
    out.mkdir()
    phases: dict[str, float] = {}

    def progress(done: int, total: int, phase: str) -> None:
        phases.setdefault(phase, time.perf_counter())

    t0 = time.perf_counter()
    result = write_package(spec, out, key, progress=progress)
    elapsed = time.perf_counter() - t0
    write_s = phases["校验"] - t0
    verify_s = time.perf_counter() - phases["校验"]
    print(
        f"package: {result.payload_bytes / 1e6:,.0f} MB payload in {result.file_count} files, "
        f"zip {result.size / 1e6:,.0f} MB"
    )
    print(f"  write (copy + hash): {write_s:.2f} s = {_mb_s(result.payload_bytes, write_s)}")
    print(f"  seal + self-verify (re-read for the seal, zip hash + every entry): {verify_s:.2f} s")
    print(f"  write_package total: {elapsed:.2f} s = {_mb_s(result.payload_bytes, elapsed)} of payload")
    t0 = time.perf_counter()
    report = verify_package(result.path)
    v = time.perf_counter() - t0
    assert report.ok
    print(f"  verify_package again (warm cache): {v:.2f} s = {_mb_s(result.size, v)}")
    t0 = time.perf_counter()
    verify_package(result.path, file_hash=False)
    v = time.perf_counter() - t0
    print(
        f"  verify with file_hash=False (a sealed ZIP is still hashed whole, for the seal): {v:.2f} s = "
        f"{_mb_s(result.size, v)}"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"  peak RSS of this process: {rss / 1024:.0f} MiB (includes scrypt's 128 MiB)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=int, default=200, help="evidence size in MiB")
    ap.add_argument("--files", type=int, default=8)
    ap.add_argument("--dir", type=Path, help="work folder (default: a temporary folder)")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        bench_key(Path(tmp))
        bench_package(Path(tmp), args.mb, args.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
