"""A full disk during export (issue 13): the stick full, or the data disk full when the package is to be
recorded. Either a clear message and nothing half-written, or a complete package the database knows.
(Attach and a plain edit on a full disk: tests/test_evidence_bad_input.py, tests/test_cli_bad_input.py.)"""

from __future__ import annotations

import os
import sqlite3

import pytest
from evidence_checks import assert_healthy, fill_disk, make_file, mount_small_disk, open_unit, unmount

from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.package.bagzip import PART_PREFIX
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key
from fazhi_desktop.package.verify import verify_package
from fazhi_desktop.selfcheck.profile import set_key_fingerprint

PASS = "正确的口令 horse battery"


@pytest.fixture
def disks(tmp_path):
    data = mount_small_disk(tmp_path / "data-disk", 24, tmp_path)
    stick = mount_small_disk(tmp_path / "stick", 8, tmp_path)
    if "patched" in (data.how, stick.how):
        unmount(data)
        unmount(stick)
        pytest.fail("cannot mount a small disk (needs root): the full-disk tests need a real one")
    yield data.path, stick.path
    unmount(data)
    unmount(stick)


def _unit(data_dir, tmp_path, evidence_bytes: int) -> None:
    ws = open_unit(data_dir)
    key = create_unit_key(data_dir, PASS, kdf=KdfParams(n=2**10))
    set_key_fingerprint(ws, key.fingerprint)
    add_evidence(ws, ["T01"], make_file(tmp_path / "扫描件.pdf", evidence_bytes, seed=3))
    ws.close()
    (tmp_path / "pass.txt").write_text(PASS, encoding="utf-8")


def _agree(data_dir, stick) -> list[str]:
    conn = sqlite3.connect(str(data_dir / "fazhi.db"))
    known = {r[0]: r[1] for r in conn.execute("SELECT file_name, sha256 FROM packages")}
    conn.close()
    names = []
    for z in stick.glob("*.zip"):
        report = verify_package(z)
        assert report.ok and report.sealed, report.problems
        assert known.get(z.name) == report.zip_sha256, f"{z.name} is on the stick, not in the database"
        names.append(z.name)
    assert not list(stick.glob(f"{PART_PREFIX}*")), "half-written package left on the stick"
    return names


def test_export_to_a_full_stick(disks, tmp_path, cli_at):
    data_root, stick = disks
    data = data_root / "data"
    _unit(data, tmp_path, 6 << 20)
    filler = fill_disk(stick, leave=2 << 20)  # room for less than the 6 MB package
    r = cli_at(data, "export", "--out", str(stick), "--yes", "--passphrase-file", str(tmp_path / "pass.txt"))
    assert r.code != 0 and "空间" in r.err and "Traceback" not in r.err, r.err
    assert _agree(data, stick) == []
    filler.unlink()
    r = cli_at(data, "export", "--out", str(stick), "--yes", "--passphrase-file", str(tmp_path / "pass.txt"))
    assert r.code == 0, r.err
    assert len(_agree(data, stick)) == 1
    assert_healthy(data)


@pytest.mark.parametrize("leave", [0, 16 << 10, 96 << 10])
def test_export_with_the_data_disk_full(disks, tmp_path, cli_at, leave):
    """The package fits on the stick, the record may not fit on the data disk: never a package the
    database does not know (defect 2), and the next export works once there is room."""
    data_root, stick = disks
    data = data_root / "data"
    _unit(data, tmp_path, 1 << 20)
    filler = fill_disk(data_root, leave=leave)
    r = cli_at(data, "export", "--out", str(stick), "--yes", "--passphrase-file", str(tmp_path / "pass.txt"))
    os.unlink(filler)  # (reading the database needs room for its -shm file)
    print(f"data disk with {leave} bytes free: export exit {r.code} {r.err.strip()[:120]}")
    placed = _agree(data, stick)
    if r.code == 0:
        assert len(placed) == 1
    else:
        assert placed == [] and "磁盘空间不足" in r.err and "Traceback" not in r.err, r.err
    r = cli_at(data, "export", "--out", str(stick), "--yes", "--passphrase-file", str(tmp_path / "pass.txt"))
    assert r.code == 0, r.err
    assert len(_agree(data, stick)) == len(placed) + 1
    assert_healthy(data)


def test_data_disk_fills_up_while_the_package_is_verified(disks, tmp_path):
    """The disk fills up between writing the package and recording it (the case of defect 2)."""
    from fazhi_desktop.app.export import export_package
    from fazhi_desktop.errors import FazhiError
    from fazhi_desktop.package.keys import load_unit_key
    from fazhi_desktop.progress import PHASE_VERIFY
    from fazhi_desktop.selfcheck.workspace import Workspace

    data_root, stick = disks
    data = data_root / "data"
    _unit(data, tmp_path, 1 << 20)
    fillers = []

    def progress(done: int, total: int, phase: str) -> None:
        if phase == PHASE_VERIFY and not fillers:
            fillers.append(fill_disk(data_root, leave=0))

    ws = Workspace.open(data)
    try:
        key = load_unit_key(data, PASS)
        try:
            export_package(ws, stick, key, progress=progress)
            outcome = "recorded"
        except (sqlite3.Error, OSError, FazhiError) as exc:
            outcome = f"refused: {exc}"
    finally:
        ws.close()
    print(f"disk full during verification: {outcome}")
    assert fillers, "the verification phase was never reached"
    fillers[0].unlink()
    assert len(_agree(data, stick)) == (1 if outcome == "recorded" else 0)
    assert_healthy(data)
