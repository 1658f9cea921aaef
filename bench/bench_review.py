"""Benchmark: the bureau imports N packages of ~100 answered items with small evidence and writes the 汇总表.

Run: .venv/bin/python bench/bench_review.py [--sizes 15,30,60,240]
Each size runs in a fresh child process (so its peak RSS is its own). Packages are real, sealed and signed:
one real unit-side export gives the report, workbook and answers; each further unit gets its own key, name
and package written by the real package writer (`write_package`). Prints, per size: import seconds,
汇总表 seconds, the ratio to linear growth from the smallest size, and the peak RSS.
Reference (issue 10): 60 packages imported and the 汇总表 written in under 10 s, linear, memory flat.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(root: Path, n: int) -> tuple[Path, list[tuple[str, str]], int, int]:
    """N sealed packages in root/stick; returns the stick and (unit, fingerprint) to register."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from review_corpus import FAST, make_unit

    from fazhi_desktop.package.bagzip import write_package
    from fazhi_desktop.package.keys import UnitKey
    from fazhi_desktop.package.spec import PackageSpec, PayloadEntry

    base = make_unit(root, "县司法局")
    base.answer()
    template = base.export(root / "template")
    with zipfile.ZipFile(template) as zf:
        names = zf.namelist()
        prefix = names[0].split("/")[0] + "/data/"
        report = zf.read(prefix + "report.pdf")
        workbook = zf.read(prefix + "workbook.xlsx")
        results = json.loads(zf.read(prefix + "results.json"))
    stick = root / "stick"
    stick.mkdir()
    keys = []
    created = dt.datetime(2022, 1, 15, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    for i in range(n):
        key = UnitKey(Ed25519PrivateKey.generate(), created=created.isoformat(), kdf=FAST, path=None)
        unit = f"测试{i:03d}镇人民政府"
        pid = str(uuid.uuid4())
        r = copy.deepcopy(results)
        r["unit"].update(name=unit, kind="township", kind_name="镇、街道")
        r["package"].update(id=pid, sequence=1, supersedes=None, key_fingerprint=key.fingerprint)
        evidence = []
        for e in r["evidence"]:
            data = f"{unit} {e['name']}".encode() * 20
            import hashlib

            e.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
            evidence.append(PayloadEntry.from_bytes(e["path"], data))
        payload = [
            PayloadEntry.from_bytes("data/report.pdf", report),
            PayloadEntry.from_bytes("data/workbook.xlsx", workbook),
            PayloadEntry.from_bytes("data/results.json", json.dumps(r, ensure_ascii=False).encode()),
            *evidence,
        ]
        spec = PackageSpec(
            unit_name=unit,
            unit_kind="township",
            contact_name="张三",
            contact_phone="0635-1234567",
            period_label=r["period"]["label"],
            plan_id=r["plan"]["id"],
            plan_version=r["plan"]["version"],
            package_id=pid,
            sequence=1,
            supersedes=None,
            program_version="bench",
            created=created,
            payload=payload,
        )
        write_package(spec, stick, key)
        keys.append((unit, key.fingerprint))
    answered = sum(1 for it in results["items"] if it["answered"])
    return stick, keys, answered, len(results["evidence"])


def run_one(n: int) -> dict[str, float]:
    from review_corpus import BUREAU_PASS, FAST

    from fazhi_desktop.review.bureau import init_bureau
    from fazhi_desktop.review.importer import import_packages
    from fazhi_desktop.review.picture import county_picture
    from fazhi_desktop.review.summary import write_summary
    from fazhi_desktop.review.trust import add_key

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        stick, keys, items, docs = build(root, n)
        store, _ = init_bureau(root / "bureau", BUREAU_PASS, kdf=FAST)
        for unit, fp in keys:
            add_key(store, unit, fp)
        rss_before = peak_rss_mib()
        t0 = time.perf_counter()
        report = import_packages(store, [stick])
        t1 = time.perf_counter()
        write_summary(store, county_picture(store), root / "汇总表.xlsx")
        t2 = time.perf_counter()
        stored = report.count("stored")
        store.close()
    assert stored == n, (stored, n)
    return {
        "n": n,
        "items": items,
        "evidence": docs,
        "import": t1 - t0,
        "summary": t2 - t1,
        "rss_before": rss_before,
        "rss": peak_rss_mib(),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="15,30,60,240")
    ap.add_argument("--one", type=int)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"每个上报包 {rows[0]['items']} 个已作答事项、{rows[0]['evidence']} 份佐证材料（各单位内容不同）")
    first = rows[0]
    per = (first["import"] + first["summary"]) / first["n"]
    print("包数  导入(s)  汇总表(s)  合计(s)  每包(ms)  与线性之比  峰值RSS(MiB)  参考：60 包 < 10 s")
    for r in rows:
        total = r["import"] + r["summary"]
        print(
            f"{r['n']:>4}  {r['import']:7.2f}  {r['summary']:8.2f}  {total:7.2f}  {1000 * total / r['n']:8.1f}"
            f"  {total / (per * r['n']):9.2f}  {r['rss']:11.1f}"
        )


if __name__ == "__main__":
    main()
