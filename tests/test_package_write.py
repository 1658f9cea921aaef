"""Writing the signed package: read back by bagit, openssl and sha256sum; deterministic; leaves nothing on failure."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import threading
import tracemalloc
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path

import bagit
import pytest
from package_corpus import FAST_KDF, PASSPHRASE, make_spec, standard_payload

from fazhi_desktop.package import bagzip
from fazhi_desktop.package.bagzip import write_package
from fazhi_desktop.package.errors import (
    NotEnoughSpace,
    PackageCancelled,
    PackageSelfCheckFailed,
    PackageSourceChanged,
    PackageSpecError,
    TargetExists,
)
from fazhi_desktop.package.keys import UnitKey, generate_key_file
from fazhi_desktop.package.spec import PayloadEntry, evidence_path
from fazhi_desktop.package.verify import VerificationReport, verify_package
from fazhi_desktop.progress import Step


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> UnitKey:
    return generate_key_file(tmp_path_factory.mktemp("key") / "unit-key.json", PASSPHRASE, kdf=FAST_KDF)


@pytest.fixture
def payload(tmp_path: Path) -> list[PayloadEntry]:
    return standard_payload(tmp_path / "evidence")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    d = tmp_path / "stick"
    d.mkdir()
    return d


def _extract(zip_path: Path, dest: Path) -> Path:
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(dest)  # our own test package: its names are trusted here
        (root,) = {n.split("/")[0] for n in zf.namelist()}
    return dest / root


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    assert shutil.which(args[0]), f"{args[0]} must be installed on this machine"
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True)


def test_package_validates_with_bagit_openssl_and_sha256sum(
    key: UnitKey, payload, out: Path, tmp_path: Path
) -> None:
    result = write_package(make_spec(payload), out, key)
    assert result.path.parent == out and result.path.name == "莘县司法局_2021年度_20260512_第1版.zip"
    assert [p.name for p in out.iterdir()] == [result.path.name]
    assert result.file_count == 6 and result.payload_bytes == sum(e.byte_size() for e in payload)
    assert result.fingerprint == key.fingerprint and result.size == result.path.stat().st_size

    bag_dir = _extract(result.path, tmp_path / "x")
    bag = bagit.Bag(str(bag_dir))
    bag.validate()  # raises on any problem; the unlisted signature and key do not disturb it
    assert bag.algorithms == ["sha256"]
    assert set(bag.info) >= {
        "Payload-Oxum",
        "Bagging-Date",
        "Fazhi-Unit",
        "Fazhi-Package-Id",
        "Fazhi-Sequence",
        "Fazhi-Plan",
        "Fazhi-Period",
        "Contact-Name",
        "Contact-Phone",
        "Fazhi-Program-Version",
        "Fazhi-Key-Fingerprint",
    }
    assert bag.info["Fazhi-Unit"] == "莘县司法局" and bag.info["Bagging-Date"] == "2026-05-12"
    assert "Fazhi-Supersedes" not in bag.info

    r = _run(
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
        bag_dir,
    )
    assert r.returncode == 0 and "Signature Verified Successfully" in r.stdout, r.stderr
    for manifest in ("manifest-sha256.txt", "tagmanifest-sha256.txt"):
        r = _run(["sha256sum", "--strict", "-c", manifest], bag_dir)
        assert r.returncode == 0, r.stdout + r.stderr
    assert (
        "data/evidence/会议纪要（2021）.pdf: OK"
        in _run(["sha256sum", "-c", "manifest-sha256.txt"], bag_dir).stdout
    )


def test_zip_layout(key: UnitKey, payload, out: Path) -> None:
    result = write_package(make_spec(payload), out, key)
    with zipfile.ZipFile(result.path) as zf:
        infos = zf.infolist()
    root = result.path.stem + "/"
    names = [i.filename for i in infos]
    assert all(n.startswith(root) for n in names)
    assert names[:2] == [root + "bagit.txt", root + "bag-info.txt"]
    assert names[-4:] == [
        root + n
        for n in ("manifest-sha256.txt", "tagmanifest-sha256.txt", "unit-public-key.pem", "signature.ed25519")
    ]
    data = [n for n in names if "/data/" in n]
    assert data == sorted(data)
    assert all(i.compress_type == zipfile.ZIP_STORED for i in infos)
    for i in infos:
        assert unicodedata.is_normalized("NFC", i.filename)
        assert bool(i.flag_bits & 0x800) == (not i.filename.isascii())
    nfd_input = unicodedata.normalize("NFD", "执法监督·检查记录 é.jpg")
    assert root + "data/evidence/" + unicodedata.normalize("NFC", nfd_input) in names
    assert root + "data/evidence/" + nfd_input not in names


def test_same_inputs_give_identical_bytes(key: UnitKey, payload, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    ra = write_package(make_spec(payload), a, key)
    rb = write_package(make_spec(list(reversed(payload))), b, key)  # order of the caller does not matter
    with zipfile.ZipFile(ra.path) as za, zipfile.ZipFile(rb.path) as zb:
        for n in ("manifest-sha256.txt", "tagmanifest-sha256.txt", "bag-info.txt", "signature.ed25519"):
            name = f"{ra.path.stem}/{n}"
            assert za.read(name) == zb.read(name)
    assert ra.sha256 == rb.sha256 and ra.path.read_bytes() == rb.path.read_bytes()


def test_supersedes_and_sequence_recorded(key: UnitKey, payload, out: Path) -> None:
    spec = make_spec(
        payload,
        sequence=2,
        supersedes="6f1c2b9e-0d5a-4c77-9a51-3c1f0e2d4b88",
        package_id="0a0b0c0d-1111-2222-3333-444455556666",
    )
    result = write_package(spec, out, key)
    report = verify_package(result.path)
    assert report.ok and report.bag_info["Fazhi-Sequence"] == "2"
    assert report.bag_info["Fazhi-Supersedes"] == "6f1c2b9e-0d5a-4c77-9a51-3c1f0e2d4b88"
    assert result.path.name.endswith("_第2版.zip") and result.package_id.startswith("0a0b")


def test_file_name_is_safe_on_windows(key: UnitKey, out: Path) -> None:
    spec = make_spec(
        [PayloadEntry.from_bytes("data/results.json", b"{}")],
        unit_name='县/局:*?"<>|\\测试',
        period_label="2021 年度",
    )
    result = write_package(spec, out, key)
    assert not set('\\/:*?"<>|') & set(result.path.name)
    assert result.path.name == "县_局________测试_2021年度_20260512_第1版.zip"


def test_long_unit_name_is_shortened(key: UnitKey, out: Path) -> None:
    spec = make_spec([PayloadEntry.from_bytes("data/results.json", b"{}")], unit_name="很长的单位名称" * 20)
    result = write_package(spec, out, key)
    assert len(result.path.name.encode()) <= 124


def test_evidence_names_are_sanitised() -> None:
    assert evidence_path("a/b:c?.pdf") == "data/evidence/a_b_c_.pdf"
    assert evidence_path("CON.txt") == "data/evidence/_CON.txt"
    assert evidence_path("100%完成.pdf") == "data/evidence/100％完成.pdf"
    assert evidence_path("..") == "data/evidence/_"
    assert evidence_path(" 报告. ") == "data/evidence/报告"
    long = evidence_path("很" * 200 + ".pdf")
    assert long.endswith(".pdf") and len(long.encode()) <= len("data/evidence/") + 150


def test_progress_reports_both_phases(key: UnitKey, payload, out: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    steps: list[Step] = []
    write_package(
        make_spec(payload), out, key, progress=lambda d, t, p: seen.append((d, t, p)), detail=steps.append
    )
    assert [(s.bytes_done, s.bytes_total, s.phase) for s in steps] == seen
    written = [s for s in steps if s.phase == "写入"]
    assert [s.files_done for s in written][0] == 0 and written[-1].files_done == written[-1].files_total == 6
    assert {s.current for s in written} >= {e.path for e in make_spec(payload).normalised_payload()}
    phases = [p for _, _, p in seen]
    assert (
        phases[0] == "写入" and phases[-1] == "校验" and phases == sorted(phases, key=["写入", "校验"].index)
    )
    for phase in ("写入", "校验"):
        ticks = [(d, t) for d, t, p in seen if p == phase]
        assert all(a[0] <= b[0] for a, b in zip(ticks, ticks[1:], strict=False))
        assert ticks[-1][0] == ticks[-1][1]


def test_cancel_halfway_leaves_nothing(key: UnitKey, payload, out: Path) -> None:
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(PackageCancelled):
        write_package(make_spec(payload), out, key, cancel=cancel)
    assert list(out.iterdir()) == []


def test_cancel_during_verification_leaves_nothing(key: UnitKey, payload, out: Path) -> None:
    flag = threading.Event()

    def progress(done: int, total: int, phase: str) -> None:
        if phase == "校验" and done > total // 2:
            flag.set()

    with pytest.raises(PackageCancelled):
        write_package(make_spec(payload), out, key, progress=progress, cancel=flag)
    assert list(out.iterdir()) == []


def test_failure_from_progress_callback_leaves_nothing(key: UnitKey, payload, out: Path) -> None:
    def progress(done: int, total: int, phase: str) -> None:
        if done > 2_000_000:
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(NotEnoughSpace):
        write_package(make_spec(payload), out, key, progress=progress)
    assert list(out.iterdir()) == []


def test_bug_in_progress_callback_still_cleans_up(key: UnitKey, payload, out: Path) -> None:
    def progress(done: int, total: int, phase: str) -> None:
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        write_package(make_spec(payload), out, key, progress=progress)
    assert list(out.iterdir()) == []


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 1 MiB tmpfs when mounting is allowed, else None (the test then simulates ENOSPC)."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        yield None
        return
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_too_small_target_is_refused_before_writing(
    key: UnitKey, payload, tiny_disk, out: Path, monkeypatch
) -> None:
    target = tiny_disk or out
    if tiny_disk is None:
        monkeypatch.setattr(bagzip, "_free_space", lambda folder: 1024 * 1024)
    with pytest.raises(NotEnoughSpace) as exc:
        write_package(make_spec(payload), target, key)
    assert "空间不足" in exc.value.message
    assert list(target.iterdir()) == []


def test_disk_full_while_writing_leaves_nothing(
    key: UnitKey, payload, tiny_disk, out: Path, monkeypatch
) -> None:
    # Pretend there is room so the preflight passes, then let the real (or simulated) ENOSPC strike.
    monkeypatch.setattr(bagzip, "_free_space", lambda folder: 1 << 40)
    target = tiny_disk or out
    if tiny_disk is None:
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", fsync)
        assert real_fsync
    with pytest.raises(NotEnoughSpace):
        write_package(make_spec(payload), target, key)
    assert list(target.iterdir()) == []


def test_existing_target_is_not_overwritten(key: UnitKey, payload, out: Path) -> None:
    first = write_package(make_spec(payload), out, key)
    before = first.path.read_bytes()
    with pytest.raises(TargetExists):
        write_package(make_spec(payload), out, key)
    assert first.path.read_bytes() == before
    assert write_package(make_spec(payload), out, key, overwrite=True).sha256 == first.sha256
    assert [p.name for p in out.iterdir()] == [first.path.name]


def test_self_check_failure_deletes_the_package(key: UnitKey, payload, out: Path, monkeypatch) -> None:
    def failing(path, **kw):
        report = VerificationReport(Path(path), signature_valid=True, zip_sha256="0" * 64)
        from fazhi_desktop.package.verify import Problem

        report.problems.append(Problem("hash_mismatch", "data/report.pdf", "模拟的复核失败"))
        return report

    monkeypatch.setattr(bagzip, "verify_package", failing)
    with pytest.raises(PackageSelfCheckFailed) as exc:
        write_package(make_spec(payload), out, key)
    assert "模拟的复核失败" in exc.value.message
    assert list(out.iterdir()) == []


def test_evidence_changed_since_it_was_stored(key: UnitKey, tmp_path: Path, out: Path) -> None:
    src = tmp_path / "scan.bin"
    src.write_bytes(os.urandom(100_000))
    wrong_hash = PayloadEntry.from_file("data/evidence/scan.pdf", src, size=100_000, sha256="ab" * 32)
    with pytest.raises(PackageSourceChanged):
        write_package(make_spec([wrong_hash]), out, key)
    wrong_size = PayloadEntry.from_file("data/evidence/scan.pdf", src, size=99_999)
    with pytest.raises(PackageSourceChanged):
        write_package(make_spec([wrong_size]), out, key)
    gone = PayloadEntry.from_file("data/evidence/gone.pdf", tmp_path / "gone.bin", size=10)
    with pytest.raises(PackageSourceChanged):
        write_package(make_spec([gone]), out, key)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("path", ["report.pdf", "data/../x", "data/a\\b", "data/CON", "/data/x", "data/"])
def test_unsafe_payload_paths_refused(key: UnitKey, out: Path, path: str) -> None:
    with pytest.raises(PackageSpecError):
        write_package(make_spec([PayloadEntry.from_bytes(path, b"x")]), out, key)


@pytest.mark.parametrize("other", ["data/Report.pdf", "data/report.pdf", "data/report.pdf/x"])
def test_clashing_payload_paths_refused(key: UnitKey, out: Path, other: str) -> None:
    entries = [PayloadEntry.from_bytes("data/report.pdf", b"1"), PayloadEntry.from_bytes(other, b"2")]
    with pytest.raises(PackageSpecError):
        write_package(make_spec(entries), out, key)


def test_spec_fields_checked(key: UnitKey, out: Path) -> None:
    one = [PayloadEntry.from_bytes("data/results.json", b"{}")]
    with pytest.raises(PackageSpecError):
        write_package(make_spec(one, sequence=0), out, key)
    with pytest.raises(PackageSpecError):
        write_package(make_spec(one, unit_name=" "), out, key)
    spec = make_spec(one)
    with pytest.raises(PackageSpecError):
        write_package(replace(spec, created=spec.created.replace(tzinfo=None)), out, key)


def test_memory_stays_bounded_for_large_evidence(key: UnitKey, tmp_path: Path, out: Path) -> None:
    big = tmp_path / "big.bin"
    with open(big, "wb") as f:
        for _ in range(48):
            f.write(os.urandom(1024 * 1024))
    tracemalloc.start()
    try:
        write_package(make_spec([PayloadEntry.from_file("data/evidence/录像.mp4", big)]), out, key)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes for a 48 MiB evidence file"


def test_domain_package_imports_no_qt() -> None:
    code = (
        "import sys, fazhi_desktop.package, fazhi_desktop.package.bagzip, fazhi_desktop.package.verify;"
        "assert 'PySide6' not in sys.modules, 'Qt imported'"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_verify_by_hand_doc_runs_as_written(key: UnitKey, payload, out: Path) -> None:
    """The first shell block of docs/verify-by-hand.md, run literally against a fresh package."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "verify-by-hand.md").read_text(encoding="utf-8")
    script = doc.split("```sh\n", 1)[1].split("```", 1)[0]
    result = write_package(make_spec(payload), out, key)
    assert f"PKG={result.path.stem}\n" in script  # the doc's example name is what the writer produces
    for tool in ("bash", "unzip", "openssl", "sha256sum"):
        assert shutil.which(tool), f"{tool} must be installed on this machine"
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")  # bagit.py
    r = subprocess.run(["bash", "-e", "-c", script], cwd=out, capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    # Step 1 (the tag manifest) and step 5 (the archive seal) each verify.
    assert r.stdout.count("Signature Verified Successfully") == 2 and "is valid" in r.stderr
    assert r.stdout.count(": OK") == 3 + len(payload)
    assert key.fingerprint.lower() in r.stdout and f"Fazhi-Key-Fingerprint: {key.fingerprint}" in r.stdout


def test_unique_evidence_paths_number_clashes() -> None:
    from fazhi_desktop.package.spec import unique_evidence_paths

    paths = unique_evidence_paths(
        [
            ("1", "通知.pdf"),
            ("2", "通知.pdf"),
            ("3", "通知.PDF"),
            ("4", "README"),
            ("5", "readme"),
            ("6", unicodedata.normalize("NFD", "é.txt")),
            ("7", "é.txt"),
        ]
    )
    assert paths == {
        "1": "data/evidence/通知.pdf",
        "2": "data/evidence/通知（2）.pdf",
        "3": "data/evidence/通知（3）.PDF",
        "4": "data/evidence/README",
        "5": "data/evidence/readme（2）",
        "6": "data/evidence/é.txt",
        "7": "data/evidence/é（2）.txt",
    }


def test_read_only_target_is_a_clear_error(key: UnitKey, payload, read_only_dir: Path) -> None:
    from fazhi_desktop.package.errors import PackageWriteError

    with pytest.raises(PackageWriteError) as exc:
        write_package(make_spec(payload), read_only_dir, key)
    assert "只读" in exc.value.message and "空间不足" not in exc.value.message
    assert list(read_only_dir.iterdir()) == []


def test_cli_export_to_bad_targets_is_plain_chinese(
    cli, data_dir: Path, tmp_path: Path, tiny_disk, read_only_dir: Path, monkeypatch
) -> None:
    """The command line, as a clerk meets it: no folder, a file, a write-protected stick, a full stick."""
    from fazhi_desktop.package.keys import create_unit_key

    assert cli("init", "--unit", "燕店镇", "--no-key").code == 0
    create_unit_key(data_dir, PASSPHRASE, kdf=FAST_KDF)
    monkeypatch.setenv("FAZHI_PASSPHRASE", PASSPHRASE)
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("x")
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(2 * 1024 * 1024))  # more than the 1 MiB stick
    from fazhi_desktop.evidence.attachments import add_evidence
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(data_dir) as ws:
        add_evidence(ws, ["T01"], big)
    cases = {"不存在": tmp_path / "no" / "such", "不是文件夹": a_file, "只读": read_only_dir}
    if tiny_disk is not None:
        cases["空间不足"] = tiny_disk
    for expected, target in cases.items():
        r = cli("export", "--out", str(target), "--yes")
        assert r.code in (1, 2) and expected in r.err, (target, r.err)
        assert r.err.startswith("错误：") and "Traceback" not in r.err and "Errno" not in r.err
    if tiny_disk is not None:
        assert list(tiny_disk.iterdir()) == []


def test_cli_bad_passphrase_files_are_plain_chinese(cli, data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    from fazhi_desktop.package.keys import create_unit_key

    monkeypatch.delenv("FAZHI_PASSPHRASE", raising=False)
    assert cli("init", "--unit", "燕店镇", "--no-key").code == 0
    create_unit_key(data_dir, PASSPHRASE, kdf=FAST_KDF)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("错误的编码".encode("gbk"))
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    for source, expected in (
        (tmp_path / "none.txt", "找不到口令文件"),
        (tmp_path, "是一个文件夹"),
        (gbk, "不是 UTF-8"),
        (wrong, "口令不正确"),
    ):
        r = cli("export", "--out", str(tmp_path), "--yes", "--passphrase-file", str(source))
        assert r.code in (1, 2) and expected in r.err and "Errno" not in r.err, r.err
    assert list(tmp_path.glob("*.zip")) == []
