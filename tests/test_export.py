"""Export end to end: a filled-in self-check becomes a signed package that every checker accepts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import bagit
import openpyxl
import pytest
from package_corpus import zip_regions

from fazhi_desktop.app.export import build_spec, export_package, list_packages, preflight
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.package.bagzip import write_package
from fazhi_desktop.package.errors import HistoryChainBroken, PackageCancelled, WrongPassphrase
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key, load_unit_key
from fazhi_desktop.package.verify import verify_package
from fazhi_desktop.progress import Step
from fazhi_desktop.reports.results import validate_results
from fazhi_desktop.reports.xlsx import SHEET_NAMES
from fazhi_desktop.selfcheck.assessments import save_assessment, set_opt_in
from fazhi_desktop.selfcheck.profile import set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

CST = dt.timezone(dt.timedelta(hours=8))

PASS = "正确的口令 horse battery"
FAST = KdfParams(n=2**12)  # test speed only; the program's default is n=2**17


@pytest.fixture
def filled(data_dir: Path, tmp_path: Path):
    """A township with every item answered, evidence attached (one file shared by two items)."""
    ws = Workspace.open(data_dir)
    set_up_unit(ws, "燕店镇", contact="张三", phone="0635-1234567")
    key = create_unit_key(data_dir, PASS, kdf=FAST)
    set_key_fingerprint(ws, key.fingerprint)
    shared = tmp_path / "学习记录（2021）.pdf"
    shared.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 400)
    add_evidence(ws, ["T01", "T02"], shared, made_date="2021-05-01", description="理论学习中心组记录")
    for n, a in enumerate(ws.assignments(), start=1):
        if a.optional:
            set_opt_in(ws, a.item.id, False)
            continue
        scan = tmp_path / f"扫描件{n:02d}.jpg"
        scan.write_bytes(b"\xff\xd8\xff\xe0" + n.to_bytes(2, "big") * 3000)
        add_evidence(ws, [a.item.id], scan, made_date="2021-06-30")
        save_assessment(
            ws,
            a.item.id,
            strict=True,
            work_status="已完成",
            result="已完成",
            narrative=f"{a.item.short_title}：已按计划完成，形成制度文件并归档。",
            responsible_person="李四",
        )
    yield ws, key
    ws.close()


def test_preflight_of_a_complete_self_check(filled):
    ws, _ = filled
    pf = preflight(ws)
    assert (pf.done, pf.total, pf.missing, pf.blockers) == (30, 30, (), ())
    assert pf.sequence == 1 and pf.supersedes is None
    assert pf.evidence_count == 31


def test_exported_package_passes_our_verifier_bagit_and_openssl(filled, cli, tmp_path):
    """Done when: a package exported from a filled-in self-check passes `fazhi-desktop verify`, a BagIt
    validator and openssl on its own, and its PDF has every font embedded."""
    ws, key = filled
    out = tmp_path / "usb"
    out.mkdir()
    done = export_package(ws, out, key)
    # Only the package, and the report and workbook to print beside it: no temporary files left.
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [done.package.path.name, done.report_path.name, done.workbook_path.name]
    )
    assert done.package.path.name.startswith("燕店镇人民政府_2021年度_")

    report = verify_package(done.package.path, trust=key.fingerprint)
    assert report.ok and report.sealed and report.warnings == [], report.problems
    assert report.bag_info["Fazhi-Unit"] == "燕店镇人民政府"
    r = cli("verify", str(done.package.path), "--trust", key.fingerprint_display)
    assert r.code == 0 and "核验通过" in r.out and "ZIP 封签完好" in r.out, r.err

    bag_dir = tmp_path / "extracted"
    with zipfile.ZipFile(done.package.path) as zf:
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        zf.extractall(bag_dir)
    (root,) = bag_dir.iterdir()
    bagit.Bag(str(root)).validate()
    subprocess.run(["sha256sum", "--quiet", "-c", "manifest-sha256.txt"], cwd=root, check=True)
    subprocess.run(["sha256sum", "--quiet", "-c", "tagmanifest-sha256.txt"], cwd=root, check=True)
    subprocess.run(
        [
            "openssl",
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            "unit-public-key.pem",
            "-rawin",
            "-in",
            "tagmanifest-sha256.txt",
            "-sigfile",
            "signature.ed25519",
        ],
        cwd=root,
        check=True,
    )

    results = json.loads((root / "data/results.json").read_text(encoding="utf-8"))
    assert validate_results(results) == []
    assert (results["plan"]["id"], results["plan"]["version"]) == ("shen-2021", ws.period.plan_version)
    assert results["package"]["id"] == done.package.package_id
    evidence = sorted(p.name for p in (root / "data/evidence").iterdir())
    assert "学习记录（2021）.pdf" in evidence and len(evidence) == 31
    assert openpyxl.load_workbook(root / "data/workbook.xlsx").sheetnames == list(SHEET_NAMES)

    pdf = root / "data/report.pdf"
    pdf_text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "燕店镇人民政府" in pdf_text and done.package.package_id in pdf_text
    assert key.fingerprint_display in pdf_text  # the cover the unit stamps names its key
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes " in row for row in rows), fonts  # embedded and subset, every one


def test_history_in_the_package_is_the_whole_chain_and_checks_out_alone(filled, tmp_path):
    ws, key = filled
    done = export_package(ws, tmp_path, key)
    with zipfile.ZipFile(done.package.path) as zf:
        root = zf.namelist()[0].split("/")[0]
        raw = zf.read(f"{root}/data/history.jsonl")
        info = zf.read(f"{root}/bag-info.txt").decode()
    lines = [json.loads(line) for line in raw.decode().splitlines()]
    db_rows = ws.db.execute("SELECT id, hash FROM history ORDER BY id").fetchall()
    # Every row up to the export itself (whose own row is written after the package), from the first.
    assert [(r["id"], r["hash"]) for r in lines] == db_rows[:-1]
    assert lines[0]["prev"] == "0" * 64
    # Recomputed with the standard library alone, as docs/verify-by-hand.md shows.
    prev = "0" * 64
    for row in lines:
        body = json.dumps(
            [
                row["at"],
                row["period_id"],
                row["item_id"],
                row["entity"],
                row["field"],
                row["old"],
                row["new"],
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        assert row["prev"] == prev
        prev = hashlib.sha256((prev + body).encode()).hexdigest()
        assert row["hash"] == prev
    assert f"Fazhi-History-Head: {prev}\n" in info and f"Fazhi-History-Rows: {len(lines)}\n" in info
    report = verify_package(done.package.path)
    assert report.ok and (report.history_rows, report.history_head) == (len(lines), prev)


def test_the_doc_snippet_recomputes_the_chain_head(filled, tmp_path):
    """The stdlib-only snippet in docs/verify-by-hand.md prints the head that bag-info names."""
    ws, key = filled
    done = export_package(ws, tmp_path, key)
    doc = (Path(__file__).resolve().parent.parent / "docs" / "verify-by-hand.md").read_text(encoding="utf-8")
    snippet = doc.split("```python\n", 1)[1].split("```", 1)[0]
    with zipfile.ZipFile(done.package.path) as zf:
        zf.extractall(tmp_path / "x")
    (root,) = (tmp_path / "x").iterdir()
    r = subprocess.run([sys.executable, "-c", snippet], cwd=root, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    head = verify_package(done.package.path).history_head
    assert head and head in r.stdout


def test_export_refuses_a_tampered_local_history(filled, tmp_path, cli, monkeypatch):
    ws, key = filled
    ws.db.execute("UPDATE history SET new_value = '已完成（改）' WHERE id = 5")
    ws.db.conn.commit()
    pf = preflight(ws)
    assert any("修改记录已被改动" in b for b in pf.blockers)
    with pytest.raises(HistoryChainBroken) as exc:
        export_package(ws, tmp_path, key)
    assert "第 5 行" in exc.value.message
    assert list(tmp_path.glob("*.zip")) == [] and list_packages(ws) == []
    monkeypatch.setenv("FAZHI_PASSPHRASE", PASS)
    r = cli("export", "--out", str(tmp_path), "--yes")
    assert r.code == 2 and "修改记录已被改动" in r.err and "Traceback" not in r.err


def test_progress_counts_files_and_bytes(filled, tmp_path):
    """Progress shown (files, bytes): every step carries both, and each phase ends complete."""
    ws, key = filled
    steps: list[Step] = []
    plain: list[tuple[int, int, str]] = []
    done = export_package(
        ws, tmp_path, key, detail=steps.append, progress=lambda d, t, p: plain.append((d, t, p))
    )
    assert len(steps) == len(plain) and [(s.bytes_done, s.bytes_total, s.phase) for s in steps] == plain
    writing = [s for s in steps if s.phase == "写入"]
    checking = [s for s in steps if s.phase == "校验"]
    assert writing and checking and steps.index(checking[0]) > steps.index(writing[-1])
    files = done.package.file_count
    assert writing[-1].files_done == writing[-1].files_total == files == 35
    assert writing[-1].bytes_done == writing[-1].bytes_total == done.package.payload_bytes
    assert {s.current for s in writing} >= {"data/report.pdf", "data/evidence/学习记录（2021）.pdf"}
    assert checking[-1].files_done == checking[-1].files_total >= files  # payload plus the tag files
    assert checking[-1].bytes_done == checking[-1].bytes_total
    for phase in (writing, checking):
        assert all(
            a.bytes_done <= b.bytes_done and a.files_done <= b.files_done
            for a, b in zip(phase, phase[1:], strict=False)
        )
        assert all(s.bytes_done <= s.bytes_total and s.files_done <= s.files_total for s in phase)


def test_resubmission_gets_the_next_sequence_and_supersedes(filled, tmp_path):
    ws, key = filled
    first = export_package(
        ws, tmp_path, key, package_id="pkg-1", created=dt.datetime(2021, 12, 1, 9, tzinfo=dt.UTC)
    )
    second = export_package(ws, tmp_path, key)
    assert (first.sequence, first.supersedes) == (1, None)
    assert (second.sequence, second.supersedes) == (2, "pkg-1")
    assert verify_package(second.package.path).bag_info["Fazhi-Supersedes"] == "pkg-1"
    assert first.package.package_id == "pkg-1" and second.package.package_id not in ("pkg-1", "")
    assert [p["sequence"] for p in list_packages(ws)] == [2, 1]
    assert preflight(ws).sequence == 3


def test_same_inputs_give_the_same_manifests(filled, tmp_path):
    ws, key = filled
    created = dt.datetime(2021, 12, 1, 9, 30, tzinfo=dt.UTC)
    manifests = []
    for n in (1, 2):
        out = tmp_path / f"run{n}"
        out.mkdir()
        spec, _, _ = build_spec(ws, key, package_id="same-id", sequence=1, supersedes=None, created=created)
        path = write_package(spec, out, key).path
        with zipfile.ZipFile(path) as zf:
            manifests.append(
                [
                    zf.read(n)
                    for n in sorted(zf.namelist())
                    if n.endswith(("manifest-sha256.txt", "bag-info.txt"))
                ]
            )
    assert len(manifests[0]) == 3
    assert manifests[0] == manifests[1]


def test_cancel_leaves_no_package_and_no_record(filled, tmp_path):
    ws, key = filled
    stop = threading.Event()
    with pytest.raises(PackageCancelled):
        export_package(ws, tmp_path, key, progress=lambda done, total, phase: stop.set(), cancel=stop)
    assert list(tmp_path.glob("*.zip")) == [] and list(tmp_path.glob(".fazhi-*")) == []
    assert list_packages(ws) == []


def test_wrong_passphrase_is_refused_clearly(filled, data_dir):
    with pytest.raises(WrongPassphrase) as info:
        load_unit_key(data_dir, "错误口令")
    assert "口令" in info.value.message


@pytest.fixture(scope="module")
def small_export(tmp_path_factory):
    """A small real package: a township, one answer, one evidence file (about 180 KB, mostly the PDF)."""
    d = tmp_path_factory.mktemp("small")
    ws = Workspace.open(d / "data")
    set_up_unit(ws, "燕店镇", contact="张三", phone="0635-1234567")
    key = create_unit_key(d / "data", PASS, kdf=KdfParams(n=2**10))
    set_key_fingerprint(ws, key.fingerprint)
    save_assessment(
        ws, "T01", strict=True, work_status="已完成", result="已完成", narrative="组织集中学法4次。"
    )
    scan = d / "会议纪要.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    add_evidence(ws, ["T01"], scan, made_date="2021-05-01")
    out = d / "out"
    out.mkdir()
    path = export_package(ws, out, key, created=dt.datetime(2022, 1, 15, 10, 30, tzinfo=CST)).package.path
    ws.close()
    return path, key


def test_any_one_byte_change_anywhere_is_caught(small_export, tmp_path):
    """Every byte of the ZIP's structure (each local header, each central-directory record, the end
    record, the seal) and a spread of payload bytes — about 3,000 positions over the whole file — each
    flipped alone: verify rejects every one, without an exception. See docs/verify-by-hand.md."""
    path, _ = small_export
    raw = path.read_bytes()
    regions = zip_regions(path)
    # The regions tile the file: nothing in it is outside a header, a record, an entry or the seal.
    assert regions[0][2] == 0 and regions[-1][3] == len(raw)
    assert all(
        a[3] == b[2]
        for a, b in zip(
            sorted(regions, key=lambda r: r[2]), sorted(regions, key=lambda r: r[2])[1:], strict=False
        )
    )
    assert [k for k, *_ in regions].count("comment") == 1 and regions[-1][3] - regions[-1][2] == 101
    positions: set[int] = set()
    for kind, _name, start, end in regions:
        if kind == "data":
            positions.update({start, (start + end) // 2, end - 1} if end > start else set())
        else:
            positions.update(range(start, end))
    positions.update(random.Random(2021).sample(range(len(raw)), 300))
    assert len(positions) > 2500
    bad = tmp_path / "bad.zip"
    passed, crashed = [], []
    for n, pos in enumerate(sorted(positions)):
        flipped = bytearray(raw)
        flipped[pos] ^= (0x01, 0x80, 0xFF)[n % 3]
        bad.write_bytes(flipped)
        try:
            report = verify_package(bad)
        except Exception as exc:  # noqa: BLE001 - any exception is a finding here
            crashed.append((pos, repr(exc)))
            continue
        if report.ok or not report.problems:
            passed.append(pos)
    assert crashed == [] and passed == []


@pytest.mark.parametrize("cut", [1, 101, 2000, 5000, 20000, 60000])
def test_a_package_cut_short_is_called_incomplete(small_export, tmp_path, cut):
    """A copy interrupted at any point: the workbook inside is itself a ZIP, and its end record must not
    be taken for the package's (which once gave the misleading "not a BagIt package")."""
    path, _ = small_export
    bad = tmp_path / "cut.zip"
    bad.write_bytes(path.read_bytes()[:-cut])
    codes = verify_package(bad).codes()
    assert codes[0] in ("truncated_zip", "trailing_data") and "missing_bagit_txt" not in codes, codes


@pytest.mark.parametrize("field, offset", [("file time", 10), ("version needed", 4), ("flag bit 1", 6)])
def test_a_changed_zip_header_byte_that_no_hash_covers_is_caught_by_the_seal(
    small_export, tmp_path, field, offset
):
    path, _ = small_export
    with zipfile.ZipFile(path) as zf:
        header = zf.infolist()[2].header_offset
    raw = bytearray(path.read_bytes())
    raw[header + offset] ^= 0x02
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(raw))
    report = verify_package(bad)
    assert report.codes() == ["bad_seal"], (field, report.codes())
    assert report.signature_valid  # the content is intact: only the seal knows


def test_cli_export_then_verify(cli, filled, tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_PASSPHRASE", PASS)
    out = tmp_path / "stick"
    out.mkdir()
    r = cli("export", "--out", str(out), "--json")
    assert r.code == 0, r.err
    written = json.loads(r.out)
    assert written["sequence"] == 1
    r = cli("verify", written["path"], "--trust", written["fingerprint"])
    assert r.code == 0, r.err
    monkeypatch.setenv("FAZHI_PASSPHRASE", "wrong passphrase")
    r = cli("export", "--out", str(out))
    assert r.code != 0 and "口令" in r.err and "Traceback" not in r.err
    assert len(list(out.glob("*.zip"))) == 1


def test_cli_export_refuses_incomplete_without_yes(cli, data_dir, tmp_path, monkeypatch):
    assert cli("init", "--unit", "燕店镇", "--no-key").code == 0
    create_unit_key(data_dir, PASS, kdf=FAST)
    monkeypatch.setenv("FAZHI_PASSPHRASE", PASS)
    r = cli("export", "--out", str(tmp_path))
    assert r.code == 2 and "--yes" in r.err and "尚有" in r.err  # the missing items are listed first
    assert list(tmp_path.glob("*.zip")) == []
    r = cli("export", "--out", str(tmp_path), "--yes")
    assert r.code == 0, r.err
    assert len(list(tmp_path.glob("*.zip"))) == 1


def test_cli_export_without_a_key_says_how_to_make_one(cli, tmp_path, monkeypatch):
    assert cli("init", "--unit", "燕店镇", "--no-key").code == 0
    monkeypatch.setenv("FAZHI_PASSPHRASE", PASS)
    r = cli("preflight")
    assert r.code == 1 and "尚未创建本单位签名密钥" in r.out
    out = tmp_path / "stick"
    out.mkdir()
    r = cli("export", "--out", str(out), "--yes")
    assert r.code == 2 and "尚未创建本单位签名密钥" in r.err and "init --passphrase-file" in r.err
    assert list(out.iterdir()) == []


def _run_doc_script(package: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """docs/verify-by-hand.md's shell block, with PKG set to `package`, run by bash -e in `cwd`."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "verify-by-hand.md").read_text(encoding="utf-8")
    script = doc.split("```sh\n", 1)[1].split("```", 1)[0]
    script = re.sub(r"^PKG=.*$", f"PKG={package.stem}", script, count=1, flags=re.M)
    shutil.copy(package, cwd / package.name)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")  # bagit.py
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, capture_output=True, text=True, env=env)


def test_the_by_hand_steps_pass_on_a_real_export_and_step_5_catches_a_header_byte(small_export, tmp_path):
    path, key = small_export
    good_dir, bad_dir = tmp_path / "good", tmp_path / "bad"
    good_dir.mkdir(), bad_dir.mkdir()
    r = _run_doc_script(path, good_dir)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("Signature Verified Successfully") == 2 and key.fingerprint.lower() in r.stdout
    # One byte of a local header's file time: no manifest covers it, the seal does.
    tampered = bad_dir / "src" / path.name
    tampered.parent.mkdir()
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        raw[zf.infolist()[3].header_offset + 10] ^= 0x01
    tampered.write_bytes(bytes(raw))
    r = _run_doc_script(tampered, bad_dir)
    assert (
        r.returncode != 0 and r.stdout.count("Signature Verified Successfully") == 1
    )  # step 1 yes, step 5 no
    assert "is valid" in r.stderr and r.stdout.count(": OK") > 5  # steps 2 and 3 could not see it


def test_terminal_progress_line_names_files_and_megabytes(capsys):
    from fazhi_desktop.cli.export_cmds import _TerminalProgress

    shown = _TerminalProgress()
    shown(Step("写入", 3, 35, 5 * 1024**2, 20 * 1024**2, "data/report.pdf"))
    shown(Step("写入", 3, 35, 5 * 1024**2, 20 * 1024**2, "data/report.pdf"))  # unchanged: not rewritten
    shown(Step("校验", 41, 41, 40 * 1024**2, 40 * 1024**2))
    shown.finish()
    err = capsys.readouterr().err
    assert err.count("\r") == 2 and err.endswith("\n")
    assert "写入：3/35 个文件，5.0 MB / 20.0 MB" in err and "校验：41/41 个文件，40.0 MB / 40.0 MB" in err


def test_report_and_workbook_beside_the_package_under_chinese_names(filled, tmp_path):
    ws, key = filled
    out = tmp_path / "U盘"
    out.mkdir()
    first = export_package(ws, out, key)
    unit = ws.require_profile().unit_name
    assert first.report_path == out / f"{unit}_2021年度_自查报告.pdf"
    assert first.workbook_path == out / f"{unit}_2021年度_自查表.xlsx"
    with zipfile.ZipFile(first.package.path) as zf:
        inside = {n.split("/", 1)[1]: zf.read(n) for n in zf.namelist() if n.count("/") >= 2}
    assert first.report_path.read_bytes() == inside["data/report.pdf"]
    assert first.workbook_path.read_bytes() == inside["data/workbook.xlsx"]
    assert openpyxl.load_workbook(first.workbook_path).sheetnames  # a real workbook
    assert not list(out.glob(".part-*"))  # written through a temporary name
    second = export_package(ws, out, key)
    assert second.report_path.name == f"{unit}_2021年度_第2版_自查报告.pdf"


def test_a_report_that_cannot_be_written_beside_is_a_warning_not_a_failure(filled, tmp_path):
    ws, key = filled
    unit = ws.require_profile().unit_name
    (tmp_path / f"{unit}_2021年度_自查报告.pdf").mkdir()  # a folder in the way: the rename fails
    result = export_package(ws, tmp_path, key)
    assert result.package.path.is_file() and verify_package(result.package.path).ok
    assert result.report_path is None and result.workbook_path is not None
    assert any("未能在旁边另存" in w and "自查报告.pdf" in w for w in result.warnings)
