"""Reviewer import against bad input: every bad package of the corpus, another plan or period, revoked
and impostor keys, thousands of unrelated files, a file that vanishes or shrinks mid-read, a full disk,
cancel. Each gets its own outcome and the store stays consistent (doctor clean)."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from package_corpus import get, read_members, resign, write_members
from review_corpus import BUREAU_PASS, FAST, UnitSide, copy_to
from test_verify import CORPUS, _bag_info_line

from fazhi_desktop.package import bagformat as bf
from fazhi_desktop.review.bureau import init_bureau
from fazhi_desktop.review.importer import ImportStep, import_packages
from fazhi_desktop.review.store import ReviewStore, integrity_problems
from fazhi_desktop.review.trust import add_key, revoke_key


@pytest.fixture(scope="session")
def sender(unit_factory, tmp_path_factory: pytest.TempPathFactory) -> UnitSide:
    u = unit_factory("县民政局")
    u.answer(problems=set())
    u.export(tmp_path_factory.mktemp("sent"))
    return u


@pytest.fixture(scope="session")
def stranger(unit_factory) -> UnitSide:
    return unit_factory("县统计局")


@pytest.fixture
def store(tmp_path: Path, sender: UnitSide):
    s, _ = init_bureau(tmp_path / "review", BUREAU_PASS, kdf=FAST)
    add_key(s, sender.name, sender.public_pem(tmp_path))
    yield s
    assert integrity_problems(s) == []
    assert not list((s.data_dir / "received").glob(".part-*"))
    s.close()


def _packages(s: ReviewStore) -> int:
    return int(s.db.execute("SELECT COUNT(*) FROM received_packages").fetchone()[0])


# Faults built for the corpus's own payload: on a real package they show under other codes (the NFD twin
# needs an NFD-named evidence file; the size lie assumes a results.json under 10,000 bytes). They must
# still be refused.
_SHAPE_DEPENDENT = {"NFD twin", "declared size lies"}


def test_every_bad_package_of_the_corpus_is_quarantined_with_its_code(
    store: ReviewStore, sender: UnitSide, stranger: UnitSide, tmp_path: Path
) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    expected = {}
    for n, (case, (code, build)) in enumerate(CORPUS.items()):
        if case == "a directory":
            continue  # a folder named .zip is walked into like any folder (see the next test)
        out = folder / f"bad{n:02d}.zip"
        build(sender.packages[0], read_members(sender.packages[0]), sender.key, stranger.key, out)
        expected[out.name] = (case, code)
    report = import_packages(store, [folder])
    got = {Path(o.source).name: o for o in report.outcomes}
    assert set(got) == set(expected)
    for name, (case, code) in expected.items():
        o = got[name]
        assert o.status == "quarantined", (case, o)
        if case not in _SHAPE_DEPENDENT:
            assert code in o.code.split(","), (case, o.code)
        assert o.message and not o.message.isascii()
    assert _packages(store) == 0
    assert store.db.execute("SELECT COUNT(*) FROM quarantine").fetchone()[0] == len(expected)
    assert not list((store.data_dir / "blobs").rglob("*")) if (store.data_dir / "blobs").exists() else True


def test_a_folder_named_like_a_package_is_walked_into(
    store: ReviewStore, sender: UnitSide, tmp_path: Path
) -> None:
    inner = tmp_path / "stick" / "看起来像.zip"
    copy_to(sender.packages[0], inner)
    report = import_packages(store, [tmp_path / "stick"])
    assert [o.status for o in report.outcomes] == ["stored"]


def _resigned(sender: UnitSide, out: Path, label: str, value: str) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    m = read_members(sender.packages[0])
    get(m, bf.BAG_INFO).data = _bag_info_line(label, value)(get(m, bf.BAG_INFO).data)
    return write_members(resign(m, sender.key), out)


def test_another_plan_or_period_is_put_aside(store: ReviewStore, sender: UnitSide, tmp_path: Path) -> None:
    _resigned(sender, tmp_path / "in" / "2022.zip", "Fazhi-Period", "2022年度")
    _resigned(sender, tmp_path / "in" / "other.zip", "Fazhi-Plan", "xin-2022")
    report = import_packages(store, [tmp_path / "in"])
    got = {Path(o.source).name: o for o in report.outcomes}
    assert (got["2022.zip"].status, got["2022.zip"].code) == ("put_aside", "other_period")
    assert "2022年度" in got["2022.zip"].message and "2021年度" in got["2022.zip"].message
    assert (got["other.zip"].status, got["other.zip"].code) == ("put_aside", "other_plan")
    assert _packages(store) == 0
    codes = {r[0] for r in store.db.execute("SELECT code FROM quarantine")}
    assert codes == {"other_period", "other_plan"}


def test_a_revoked_key_is_refused_and_an_impostor_too(
    store: ReviewStore, sender: UnitSide, stranger: UnitSide, tmp_path: Path
) -> None:
    impostor = write_members(resign(read_members(sender.packages[0]), stranger.key), tmp_path / "冒名.zip")
    r = import_packages(store, [impostor])
    assert [o.code for o in r.outcomes] == ["key_mismatch"]
    revoke_key(store, sender.name, note="U盘遗失")
    r = import_packages(store, [sender.packages[0]])
    assert [(o.status, o.code) for o in r.outcomes] == [("quarantined", "key_revoked")]
    assert "吊销" in r.outcomes[0].message
    assert _packages(store) == 0


def test_five_thousand_unrelated_files_are_passed_over(
    store: ReviewStore, sender: UnitSide, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    for d in range(50):
        folder = stick / f"照片{d:02d}"
        folder.mkdir(parents=True)
        for f in range(100):
            (folder / f"IMG_{f:04d}.jpg").write_bytes(b"\xff\xd8\xff" + bytes([f]) * 50)
    with zipfile.ZipFile(stick / "照片备份.zip", "w") as zf:  # an ordinary archive: not a package
        zf.writestr("a.jpg", b"\xff\xd8\xff")
    (stick / "._上报包.zip").write_bytes(b"\x00\x05\x16\x07")  # macOS shadow file
    (stick / "System Volume Information").mkdir()
    copy_to(sender.packages[0], stick / "照片07")
    steps: list[ImportStep] = []
    report = import_packages(store, [stick], progress=steps.append)
    assert [o.status for o in report.outcomes] == ["stored"]
    assert report.ignored == 1  # the photo archive, sniffed by its directory
    assert steps[-1].files_done == steps[-1].files_total == 2
    assert store.db.execute("SELECT COUNT(*) FROM quarantine").fetchone()[0] == 0


def test_a_file_shrinking_while_it_is_verified(store: ReviewStore, sender: UnitSide, tmp_path: Path) -> None:
    pkg = copy_to(sender.packages[0], tmp_path / "stick")
    size = pkg.stat().st_size

    def pull_out(step: ImportStep) -> None:
        if step.step is not None and step.step.bytes_done > 0 and pkg.stat().st_size == size:
            os.truncate(pkg, size // 3)

    report = import_packages(store, [pkg], progress=pull_out)
    (o,) = report.outcomes
    assert o.status == "quarantined" and o.message
    assert _packages(store) == 0


@pytest.mark.parametrize("how", ["shrink", "vanish"])
def test_a_file_changing_after_it_was_verified(
    store: ReviewStore, sender: UnitSide, tmp_path: Path, how: str
) -> None:
    pkg = copy_to(sender.packages[0], tmp_path / "stick")

    def pull_out(step: ImportStep) -> None:
        s = step.step
        if s is not None and s.bytes_total and s.bytes_done == s.bytes_total and pkg.exists():
            if how == "shrink":
                os.truncate(pkg, pkg.stat().st_size - 100)
            else:
                pkg.unlink()

    report = import_packages(store, [pkg], progress=pull_out)
    (o,) = report.outcomes
    assert (o.status, o.code) == ("quarantined", "changed_while_reading" if how == "shrink" else "vanished")
    assert "U 盘" in o.message
    assert _packages(store) == 0


def test_cancel_stops_between_packages(
    store: ReviewStore, sender: UnitSide, stranger: UnitSide, tmp_path: Path
) -> None:
    copy_to(sender.packages[0], tmp_path / "stick", "a.zip")
    write_members(resign(read_members(sender.packages[0]), stranger.key), tmp_path / "stick" / "b.zip")
    seen: list[str] = []

    def cancel() -> bool:
        return len(seen) >= 1

    def progress(step: ImportStep) -> None:
        if step.current and step.current not in seen and step.step is None:
            seen.append(step.current)

    report = import_packages(store, [tmp_path / "stick"], progress=progress, cancel=cancel)
    assert report.cancelled
    assert _packages(store) <= 1


@pytest.fixture
def tiny_disk(tmp_path: Path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(mnt)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("此环境不能挂载小容量 tmpfs（需要 root），无法模拟磁盘已满")
    yield mnt
    subprocess.run(["umount", str(mnt)], check=True)


def test_a_full_disk_stops_the_batch_cleanly(
    tiny_disk: Path, sender: UnitSide, stranger: UnitSide, tmp_path: Path
) -> None:
    store, _ = init_bureau(tiny_disk / "review", BUREAU_PASS, kdf=FAST)
    add_key(store, sender.name, sender.public_pem(tmp_path))
    stick = tmp_path / "stick"
    copy_to(sender.packages[0], stick, "a.zip")
    copy_to(sender.packages[0], stick, "b.zip")
    free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
    pages = (
        store.db.execute("PRAGMA page_count").fetchone()[0]
        * store.db.execute("PRAGMA page_size").fetchone()[0]
    )
    room = pages + 64 * 1024  # the backup before the import and the batch row, not the package itself
    assert sender.packages[0].stat().st_size > room + 32 * 1024
    (tiny_disk / "filler").write_bytes(bytes(free - room))
    try:
        report = import_packages(store, [stick])
        first = report.outcomes[0]
        assert (first.status, first.code) == ("not_processed", "disk_full"), report.outcomes
        assert "磁盘已满" in first.message and report.stopped
        assert [o.code for o in report.outcomes[1:]] == ["batch_stopped"]
        assert _packages(store) == 0
        assert integrity_problems(store) == []
        assert not [p for p in (tiny_disk / "review" / "received").iterdir()]
        (tiny_disk / "filler").unlink()
        again = import_packages(store, [stick])
        assert [o.status for o in again.outcomes] == ["stored", "duplicate"]
    finally:
        store.close()


def test_registering_a_key_later_counts_its_waiting_packages(
    store: ReviewStore, stranger: UnitSide, tmp_path: Path
) -> None:
    from fazhi_desktop.review.importer import adopt_registered
    from fazhi_desktop.review.picture import county_picture

    stranger.answer()
    pkg = stranger.export(tmp_path / "out")
    report = import_packages(store, [pkg])
    assert [o.status for o in report.outcomes] == ["unregistered"]
    assert stranger.name not in {u.unit_name for u in county_picture(store).units}
    add_key(store, stranger.name, stranger.key.fingerprint)
    assert adopt_registered(store, stranger.name) == 1
    assert stranger.name in {u.unit_name for u in county_picture(store).units}
    assert adopt_registered(store, stranger.name) == 0
