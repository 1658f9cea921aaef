"""Export end to end: a filled-in self-check becomes a signed package that every checker accepts."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import threading
import zipfile
from pathlib import Path

import bagit
import pytest

from fazhi_desktop.evidence import add_evidence
from fazhi_desktop.package.bagzip import write_package
from fazhi_desktop.package.errors import PackageCancelled, WrongPassphrase
from fazhi_desktop.package.export import build_spec, export_package, list_packages, preflight
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key, load_unit_key
from fazhi_desktop.package.verify import verify_package
from fazhi_desktop.selfcheck.assessments import save_assessment, set_opt_in
from fazhi_desktop.selfcheck.profile import set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

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
        save_assessment(ws, a.item.id, strict=True, work_status="已完成", result="已完成",
                        narrative=f"{a.item.short_title}：已按计划完成，形成制度文件并归档。",
                        responsible_person="李四")  # fmt: skip
    yield ws, key
    ws.close()


def test_preflight_of_a_complete_self_check(filled):
    ws, _ = filled
    pf = preflight(ws)
    assert (pf.done, pf.total, pf.missing, pf.blockers) == (30, 30, (), ())
    assert pf.sequence == 1 and pf.supersedes is None
    assert pf.evidence_count == 31


def test_exported_package_passes_our_verifier_bagit_and_openssl(filled, tmp_path):
    ws, key = filled
    out = tmp_path / "usb"
    out.mkdir()
    done = export_package(ws, out, key)
    assert [p.name for p in out.iterdir()] == [done.package.path.name]
    assert done.package.path.name.startswith("燕店镇人民政府_2021年度_")

    report = verify_package(done.package.path, trust=key.fingerprint)
    assert report.ok, report.problems
    assert report.bag_info["Fazhi-Unit"] == ["燕店镇人民政府"] or report.bag_info["Fazhi-Unit"] == "燕店镇人民政府"

    bag_dir = tmp_path / "extracted"
    with zipfile.ZipFile(done.package.path) as zf:
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        zf.extractall(bag_dir)
    (root,) = bag_dir.iterdir()
    bagit.Bag(str(root)).validate()
    subprocess.run(["sha256sum", "--quiet", "-c", "manifest-sha256.txt"], cwd=root, check=True)
    subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "unit-public-key.pem", "-rawin",
                    "-in", "tagmanifest-sha256.txt", "-sigfile", "signature.ed25519"], cwd=root, check=True)  # fmt: skip

    results = json.loads((root / "data/results.json").read_text(encoding="utf-8"))
    assert results["plan"]["id"] == "shen-2021"
    evidence = sorted(p.name for p in (root / "data/evidence").iterdir())
    assert "学习记录（2021）.pdf" in evidence and len(evidence) == 31
    history_lines = (root / "data/history.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(history_lines) > 60 and all(json.loads(line)["hash"] for line in history_lines)
    pdf_text = subprocess.run(["pdftotext", "-layout", str(root / "data/report.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
    assert "燕店镇人民政府" in pdf_text and done.package.package_id in pdf_text


def test_resubmission_gets_the_next_sequence_and_supersedes(filled, tmp_path):
    ws, key = filled
    first = export_package(ws, tmp_path, key, package_id="pkg-1", created=dt.datetime(2021, 12, 1, 9, tzinfo=dt.UTC))
    second = export_package(ws, tmp_path, key)
    assert (first.sequence, first.supersedes) == (1, None)
    assert (second.sequence, second.supersedes) == (2, "pkg-1")
    assert verify_package(second.package.path).bag_info["Fazhi-Supersedes"] in ("pkg-1", ["pkg-1"])
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
            manifests.append([zf.read(n) for n in sorted(zf.namelist()) if n.endswith(("manifest-sha256.txt", "bag-info.txt"))])
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


def test_a_flipped_byte_anywhere_is_caught(filled, tmp_path):
    ws, key = filled
    path = export_package(ws, tmp_path, key).package.path
    raw = bytearray(path.read_bytes())
    # Flip one byte in the middle of the report, the results and an evidence file.
    with zipfile.ZipFile(path) as zf:
        targets = [i for i in zf.infolist() if i.filename.endswith(("report.pdf", "results.json", "扫描件05.jpg"))]
    for info in targets:
        bad = bytearray(raw)
        offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.file_size // 2
        bad[offset] ^= 0x01
        broken = tmp_path / f"broken-{info.filename.rsplit('/', 1)[-1]}.zip"
        broken.write_bytes(bytes(bad))
        report = verify_package(broken)
        assert not report.ok
        assert any(info.filename.split("/", 1)[1] in (p.file or "") for p in report.problems), report.problems


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
    r = cli("export", "--out", str(tmp_path))
    assert r.code == 2 and "--yes" in r.err
    assert list(tmp_path.glob("*.zip")) == []
