"""The one sequential pass (package/zipscan.py): it stands in for zipfile's reads only where it read the
very same bytes, and a package verified with it gets exactly the verdict it gets without it."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from package_corpus import flip_byte, make_spec, read_members, standard_payload, write_members

from fazhi_desktop.hashchain import GENESIS, render_line, row_hash
from fazhi_desktop.package import bagcheck, zipscan
from fazhi_desktop.package.bagzip import write_package
from fazhi_desktop.package.spec import PayloadEntry
from fazhi_desktop.package.verify import verify_package
from fazhi_desktop.package.zipread import read_entry


@pytest.fixture
def zipfile_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the entries read through zipfile (not taken from the pass)."""
    reads: list[str] = []

    def counting(zf, entry, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(entry.name)
        return read_entry(zf, entry, *args, **kwargs)

    monkeypatch.setattr(bagcheck, "read_entry", counting)
    return reads


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, keys) -> Path:
    """A good package of a few KB, so that every byte of it can be flipped in turn."""
    d = tmp_path_factory.mktemp("small")
    payload = [
        PayloadEntry.from_bytes("data/results.json", b"{}\n"),
        PayloadEntry.from_bytes("data/history.jsonl", b'{"field": "status"}\n'),
        PayloadEntry.from_bytes("data/evidence/会议纪要.txt", "组织集中学法".encode() * 4),
    ]
    return write_package(make_spec(payload), d, keys[0]).path


def test_our_package_is_read_once_front_to_back(good: Path, keys, zipfile_reads: list[str]) -> None:
    r = verify_package(good, trust=keys[0].fingerprint)
    assert r.ok and r.sealed
    assert r.zip_sha256 == hashlib.sha256(good.read_bytes()).hexdigest()
    assert zipfile_reads == []  # every entry, tag files and history included, came from the pass


def test_the_writer_checks_its_package_in_the_sealing_pass(
    keys, tmp_path: Path, zipfile_reads: list[str]
) -> None:
    (tmp_path / "out").mkdir()
    result = write_package(
        make_spec(standard_payload(tmp_path / "ev", sizes=(5000, 3000))), tmp_path / "out", keys[0]
    )
    assert zipfile_reads == []
    assert result.sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert verify_package(result.path, trust=keys[0].fingerprint).sealed


def test_the_history_chain_is_checked_from_the_pass(keys, tmp_path: Path, zipfile_reads: list[str]) -> None:
    prev, lines = GENESIS, []
    for n in (1, 2):
        old, new = (None if n == 1 else "第1稿"), f"第{n}稿"
        row = {"id": n, "at": f"2021-09-0{n}T06:12:00+00:00", "period_id": 1, "item_id": "T01"}
        row |= {"entity": "assessment", "field": "narrative", "old": old, "new": new, "prev": prev}
        row["hash"] = prev = row_hash(prev, str(row["at"]), 1, "T01", "assessment", "narrative", old, new)
        lines.append(render_line(row))
    payload = [
        PayloadEntry.from_bytes("data/results.json", b"{}\n"),
        PayloadEntry.from_bytes("data/history.jsonl", b"".join(lines)),
    ]
    path = write_package(make_spec(payload, history_head=prev, history_rows=2), tmp_path, keys[0]).path
    r = verify_package(path)
    assert r.ok and r.history_rows == 2 and r.history_head == prev
    assert zipfile_reads == []


def test_a_deflated_repack_is_read_through_zipfile(
    good: Path, tmp_path: Path, zipfile_reads: list[str]
) -> None:
    m = read_members(good)
    for x in m:
        x.compress_type = zipfile.ZIP_DEFLATED
    r = verify_package(write_members(m, tmp_path / "deflated.zip"))
    assert r.ok and not r.sealed
    assert len(zipfile_reads) == 12  # 6 tag files and 6 payload files, none taken from the pass


def test_an_entry_whose_local_name_disagrees_is_read_through_zipfile(
    good: Path, tmp_path: Path, zipfile_reads: list[str]
) -> None:
    with zipfile.ZipFile(good) as zf:
        info = zf.infolist()[3]
    bad = flip_byte(good, tmp_path / "name.zip", info.header_offset + 30 + len(info.filename.encode()) - 1)
    r = verify_package(bad)
    assert "bad_local_header" in r.codes()
    assert info.filename in zipfile_reads and len(zipfile_reads) == 1


def _without_the_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every entry be read through zipfile, as before the pass existed."""
    monkeypatch.setattr(zipscan.Scan, "result_for", lambda self, entry: None)


def _verdict(path: Path) -> tuple[object, ...]:
    r = verify_package(path)
    return (
        [(p.code, p.file, p.message) for p in r.problems],
        [(w.code, w.file) for w in r.warnings],
        r.ok,
        r.sealed,
        r.zip_sha256,
        r.history_rows,
        r.history_head,
        r.file_count,
        r.payload_bytes,
    )


def test_every_flipped_byte_gets_the_verdict_it_got_without_the_pass(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = small.stat().st_size
    bad = tmp_path / "flip.zip"
    with_pass = []
    for offset in range(size):
        with_pass.append(_verdict(flip_byte(small, bad, offset, 0x41)))
    _without_the_pass(monkeypatch)
    for offset in range(size):
        assert _verdict(flip_byte(small, bad, offset, 0x41)) == with_pass[offset], offset
    assert all(not v[2] for v in with_pass)  # and every one of them is caught


def test_the_fast_crc_is_zlibs_crc():
    """package/crc.py: ISA-L's CRC-32 (installed with the program) gives zlib's values, run on in pieces
    of any size as the pass feeds it."""
    import random
    import zlib

    from fazhi_desktop.package.crc import crc32

    assert crc32.__module__.startswith("isal"), crc32.__module__  # the dependency is there, not the fallback
    rng = random.Random(7)
    data = rng.randbytes(3 * 1024 * 1024 + 17)
    for cut, length in ((1, 10_000), (63, len(data)), (4096, len(data)), (1 << 20, len(data))):
        running = 0
        for at in range(0, length, cut):
            running = crc32(memoryview(data)[at : min(at + cut, length)], running)
        assert running == zlib.crc32(data[:length]), cut
    assert crc32(b"") == 0 and crc32(b"123456789") == 0xCBF43926  # the check value of CRC-32/ISO-HDLC
