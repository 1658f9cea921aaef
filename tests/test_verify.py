"""The verifier against a corpus of hand-made bad packages: each fault has its own reason code."""

from __future__ import annotations

import os
import re
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from package_corpus import (
    CD_FLAGS,
    CD_LOCAL_OFFSET,
    CD_UNCOMPRESSED,
    Member,
    central_record_offset,
    data_offset,
    flip_byte,
    get,
    patch_central,
    read_members,
    resign,
    root_of,
    write_members,
)

from fazhi_desktop.package import bagformat as bf
from fazhi_desktop.package.errors import BadTrustValue, PackageCancelled
from fazhi_desktop.package.keys import UnitKey
from fazhi_desktop.package.verify import verify_package
from fazhi_desktop.package.zipsafe import ZipLimits, name_problems


def test_good_package_is_ok(good: Path, keys) -> None:
    r = verify_package(good, trust=keys[0].fingerprint)
    assert r.ok and r.problems == [] and r.warnings == [] and r.signature_valid and r.trusted
    assert r.signer_fingerprint == keys[0].fingerprint and r.package_name == good.stem
    assert r.file_count == 6 and r.entry_count == 12 and r.zip_size == good.stat().st_size
    assert r.bag_info["Fazhi-Package-Id"] == "6f1c2b9e-0d5a-4c77-9a51-3c1f0e2d4b88"


def test_trust_by_pem_file_and_display_fingerprint(good: Path, keys, tmp_path: Path) -> None:
    pem = tmp_path / "unit.pem"
    pem.write_bytes(keys[0].public_pem())
    assert verify_package(good, trust=pem).ok
    assert verify_package(good, trust=keys[0].fingerprint_display.lower()).ok
    other = tmp_path / "other.pem"
    other.write_bytes(keys[1].public_pem())
    r = verify_package(good, trust=other)
    assert not r.ok and r.codes() == ["untrusted_signer"] and r.trusted is False


@pytest.mark.parametrize("trust", ["not-a-fingerprint", "ABCD", "/no/such/file.pem"])
def test_bad_trust_value_raises(good: Path, trust: str) -> None:
    with pytest.raises(BadTrustValue):
        verify_package(good, trust=trust)


def test_trust_file_that_is_not_a_key(good: Path, tmp_path: Path) -> None:
    (tmp_path / "x.pem").write_text("hello")
    with pytest.raises(BadTrustValue):
        verify_package(good, trust=tmp_path / "x.pem")


# --- the corpus ------------------------------------------------------------------------------------
# Each builder gets (good package, its members, the unit key, another key, a tmp file path) and returns
# the bad package's path. The expected code must be among the problems.

Builder = Callable[[Path, list[Member], UnitKey, UnitKey, Path], Path]


def _add(member_fn: Callable[[str], Member]) -> Builder:
    def build(good, m, key, other, out):
        return write_members([*m, member_fn(root_of(m))], out)

    return build


def _drop(rel: str) -> Builder:
    def build(good, m, key, other, out):
        return write_members([x for x in m if x.name != root_of(m) + rel], out)

    return build


def _edit(
    rel: str, change: Callable[[bytes], bytes], *, sign: bool, signer: int = 0, keep_fp: bool = False
) -> Builder:
    def build(good, m, key, other, out):
        get(m, rel).data = change(get(m, rel).data)
        if sign:
            resign(m, (key, other)[signer], keep_bag_info_fingerprint=keep_fp)
        return write_members(m, out)

    return build


def _bag_info_line(label: str, new: str | None) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        lines = data.decode().splitlines()
        out = [
            (f"{label}: {new}" if new is not None else None) if ln.startswith(label + ":") else ln
            for ln in lines
        ]
        return ("\n".join(x for x in out if x is not None) + "\n").encode()

    return change


def _raw(fn: Callable[[Path, Path], Path]) -> Builder:
    return lambda good, m, key, other, out: fn(good, out)


def _deflated_results(good: Path, m: list[Member], out: Path) -> tuple[Path, str, int]:
    get(m, "data/results.json").compress_type = zipfile.ZIP_DEFLATED
    p = write_members(m, out)
    name = root_of(m) + "data/results.json"
    with zipfile.ZipFile(p) as zf:
        return p, name, zf.getinfo(name).header_offset


def _declared_size_lie(good, m, key, other, out):
    p, name, local = _deflated_results(good, m, out)
    patch_central(p, p, name, CD_UNCOMPRESSED, "<L", 10_000)
    data = bytearray(p.read_bytes())
    struct.pack_into("<L", data, local + 22, 10_000)  # the local header says the same lie
    p.write_bytes(bytes(data))
    return p


def _crc_lie(good, m, key, other, out):
    name = root_of(m) + "data/results.json"
    p = write_members(m, out)
    with zipfile.ZipFile(p) as zf:
        info = zf.getinfo(name)
    patch_central(p, p, name, 16, "<L", info.CRC ^ 1)
    data = bytearray(p.read_bytes())
    struct.pack_into("<L", data, info.header_offset + 14, info.CRC ^ 1)
    p.write_bytes(bytes(data))
    return p


def _overlap(good, m, key, other, out):
    root = root_of(m)
    with zipfile.ZipFile(good) as zf:
        offset = zf.getinfo(root + "data/report.pdf").header_offset
    return patch_central(good, out, root + "data/results.json", CD_LOCAL_OFFSET, "<L", offset)


def _method(good, m, key, other, out):
    return patch_central(good, out, root_of(m) + "data/results.json", 10, "<H", 99)


def _nfd_twin(root: str) -> Member:
    return Member(root + unicodedata.normalize("NFD", "data/evidence/执法监督·检查记录 é.jpg"), b"twin")


def _truncate(good: Path, out: Path) -> Path:
    out.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return out


def _bytes(data: bytes) -> Builder:
    def build(good, m, key, other, out):
        out.write_bytes(data)
        return out

    return build


def _flip_central(good: Path, out: Path) -> Path:
    with zipfile.ZipFile(good) as zf:
        name = zf.infolist()[3].filename
    return flip_byte(good, out, central_record_offset(good, name))


CORPUS: dict[str, tuple[str, Builder]] = {
    "text file": ("not_zip", _bytes(b"this is not a zip\n")),
    "empty file": ("empty_file", _bytes(b"")),
    "cut in half": ("truncated_zip", _raw(_truncate)),
    "central directory damaged": ("truncated_zip", _raw(_flip_central)),
    "absolute path": ("absolute_path", _add(lambda r: Member("/etc/cron.d/evil", b"x"))),
    "dot-dot": ("dotdot_path", _add(lambda r: Member(r + "data/../../evil.txt", b"x"))),
    "drive letter": ("drive_path", _add(lambda r: Member("C:/Windows/evil.dll", b"x"))),
    "device CON": ("device_name", _add(lambda r: Member(r + "data/evidence/CON.pdf", b"x"))),
    "device nul": ("device_name", _add(lambda r: Member(r + "data/nul", b"x"))),
    "device com1": ("device_name", _add(lambda r: Member(r + "data/evidence/com1.txt", b"x"))),
    "backslash": ("backslash", _add(lambda r: Member(r.rstrip("/") + "\\data\\evil.txt", b"x"))),
    "symlink": ("symlink", _add(lambda r: Member(r + "data/link", b"/etc/passwd", 0o120777 << 16))),
    "fifo": ("special_file", _add(lambda r: Member(r + "data/fifo", b"", 0o010644 << 16))),
    "duplicate": ("duplicate_name", _add(lambda r: Member(r + "data/results.json", b"{}"))),
    "case twin": ("case_collision", _add(lambda r: Member(r + "data/RESULTS.json", b"{}"))),
    "NFD twin": ("nfc_collision", _add(_nfd_twin)),
    "file under a file": ("path_conflict", _add(lambda r: Member(r + "data/results.json/x", b"x"))),
    "extra payload file": ("not_in_manifest", _add(lambda r: Member(r + "data/extra.txt", b"x"))),
    "extra tag file": ("not_in_manifest", _add(lambda r: Member(r + "notes.txt", b"x"))),
    "file outside the bag": ("outside_bag", _add(lambda r: Member("readme.txt", b"x"))),
    "second bag": ("multiple_bags", _add(lambda r: Member("other/bagit.txt", bf.BAGIT_TXT))),
    "payload file removed": ("missing_from_zip", _drop("data/results.json")),
    "payload replaced": ("hash_mismatch", _edit("data/report.pdf", lambda d: os.urandom(len(d)), sign=False)),
    "oxum wrong": ("oxum_mismatch", _edit(bf.BAG_INFO, _bag_info_line("Payload-Oxum", "1.6"), sign=True)),
    "oxum malformed": ("bad_oxum", _edit(bf.BAG_INFO, _bag_info_line("Payload-Oxum", "lots"), sign=True)),
    "bagit.txt wrong": ("bad_bagit_txt", _edit(bf.BAGIT, lambda d: b"BagIt-Version: 1.0\n", sign=True)),
    "bagit.txt BOM": ("bad_bagit_txt", _edit(bf.BAGIT, lambda d: b"\xef\xbb\xbf" + d, sign=True)),
    "bagit.txt removed": ("missing_bagit_txt", _drop(bf.BAGIT)),
    "bag-info removed": ("missing_bag_info", _drop(bf.BAG_INFO)),
    "bag-info malformed": ("bad_bag_info", _edit(bf.BAG_INFO, lambda d: d + b"no colon here\n", sign=True)),
    "bag-info field removed": (
        "bag_info_field_missing",
        _edit(bf.BAG_INFO, _bag_info_line("Fazhi-Package-Id", None), sign=True),
    ),
    "bag-info edited after signing": (
        "tag_hash_mismatch",
        _edit(bf.BAG_INFO, _bag_info_line("Contact-Phone", "110"), sign=False),
    ),
    "manifest removed": ("missing_manifest", _drop(bf.MANIFEST)),
    "manifest malformed": ("bad_manifest", _edit(bf.MANIFEST, lambda d: d + b"zz  data/x\n", sign=True)),
    "manifest lists ../": (
        "bad_manifest",
        _edit(bf.MANIFEST, lambda d: d + b"0" * 64 + b"  data/../x\n", sign=True),
    ),
    "tagmanifest removed": ("missing_tagmanifest", _drop(bf.TAGMANIFEST)),
    "tagmanifest malformed": ("bad_tagmanifest", _edit(bf.TAGMANIFEST, lambda d: d + b"bogus\n", sign=False)),
    "tagmanifest incomplete": (
        "tagmanifest_incomplete",
        _edit(
            bf.TAGMANIFEST,
            lambda d: b"\n".join(ln for ln in d.split(b"\n") if b"bagit.txt" not in ln),
            sign=False,
        ),
    ),
    "signature removed": ("missing_signature", _drop(bf.SIGNATURE)),
    "signature random": ("bad_signature", _edit(bf.SIGNATURE, lambda d: os.urandom(64), sign=False)),
    "signature short": ("bad_signature", _edit(bf.SIGNATURE, lambda d: d[:10], sign=False)),
    "public key removed": ("missing_public_key", _drop(bf.PUBLIC_KEY)),
    "public key garbage": (
        "bad_public_key",
        _edit(bf.PUBLIC_KEY, lambda d: b"-----BEGIN PUBLIC KEY-----\n", sign=False),
    ),
    "re-signed, bag-info names the old key": (
        "fingerprint_mismatch",
        _edit(bf.BAG_INFO, lambda d: d, sign=True, signer=1, keep_fp=True),
    ),
    "ZIP bomb (ratio)": (
        "compression_ratio",
        _add(lambda r: Member(r + "data/zeros.bin", bytes(20_000_000), compress_type=zipfile.ZIP_DEFLATED)),
    ),
    "overlapping entries": ("overlapping_entries", _overlap),
    "declared size lies": ("size_mismatch", _declared_size_lie),
    "CRC lies": ("crc_error", _crc_lie),
    "encrypted entry": (
        "encrypted_entry",
        lambda g, m, k, o, out: patch_central(
            g, out, root_of(m) + "data/results.json", CD_FLAGS, "<H", 0x801
        ),
    ),
    "unknown compression": ("unsupported_compression", _method),
    "name neither UTF-8 nor GBK": (
        "bad_name_encoding",
        _add(lambda r: Member("x", b"x", raw_name=b"\xff\xfe\xff.txt")),
    ),
    "data put in front": (
        "truncated_zip",
        _raw(lambda g, out: _with(g, out, lambda b: b"MZ" + bytes(100) + b)),
    ),
    "last 3000 bytes cut off": ("truncated_zip", _raw(lambda g, out: _with(g, out, lambda b: b[:-3000]))),
    "bytes appended after the end": (
        "trailing_data",
        _raw(lambda g, out: _with(g, out, lambda b: b + b"\0" * 16)),
    ),
    "seal cut off": ("trailing_data", _raw(lambda g, out: _with(g, out, lambda b: b[:-101]))),
    "seal edited": (
        "bad_seal",
        _raw(lambda g, out: _with(g, out, lambda b: b[:-1] + b"A" if b[-1:] != b"A" else b[:-1] + b"B")),
    ),
    "seal replaced by a comment": (
        "bad_seal",
        _raw(lambda g, out: _with(g, out, lambda b: b[:-101] + b"x" * 101)),
    ),
    "a directory": ("is_directory", lambda g, m, k, o, out: (out.mkdir(), out)[1]),
}


def _with(good: Path, out: Path, change: Callable[[bytes], bytes]) -> Path:
    out.write_bytes(change(good.read_bytes()))
    return out


# The tag manifest edits above are not re-signed on purpose: the signature then fails as well.
_ALSO_BAD_SIGNATURE = {"tagmanifest malformed", "tagmanifest incomplete"}


@pytest.mark.parametrize("case", CORPUS)
def test_corpus_case_rejected_with_its_code(case: str, good: Path, keys, tmp_path: Path) -> None:
    code, build = CORPUS[case]
    bad = build(good, read_members(good), keys[0], keys[1], tmp_path / "bad.zip")
    r = verify_package(bad)
    assert not r.ok
    assert code in r.codes(), f"{case}: got {r.codes()}"
    for p in r.problems:
        assert p.message and not p.message.isascii()  # a Chinese message for people
    if case in _ALSO_BAD_SIGNATURE:
        assert "bad_signature" in r.codes()


@pytest.mark.parametrize(
    "case",
    [
        "oxum wrong",
        "bagit.txt wrong",
        "bag-info field removed",
        "bag-info edited after signing",
        "payload replaced",
        "signature random",
        "re-signed, bag-info names the old key",
    ],
)
def test_isolated_faults_give_exactly_one_code(case: str, good: Path, keys, tmp_path: Path) -> None:
    code, build = CORPUS[case]
    r = verify_package(build(good, read_members(good), keys[0], keys[1], tmp_path / "bad.zip"))
    assert r.codes() == [code]


def test_untrusted_signer(good: Path, keys, tmp_path: Path) -> None:
    m = resign(read_members(good), keys[1])  # a complete, valid package — by someone else
    bad = write_members(m, tmp_path / "other.zip")
    assert verify_package(bad).ok  # without trust it is a valid package of the other key
    r = verify_package(bad, trust=keys[0].fingerprint)
    assert not r.ok and r.codes() == ["untrusted_signer"] and r.signer_fingerprint == keys[1].fingerprint


@pytest.mark.parametrize(
    "limits, code",
    [(ZipLimits(max_entries=5), "too_many_entries"), (ZipLimits(max_total_bytes=100_000), "too_large")],
)
def test_archive_limits(good: Path, limits: ZipLimits, code: str) -> None:
    assert verify_package(good, limits=limits).codes() == [code]


def test_missing_file(tmp_path: Path) -> None:
    assert verify_package(tmp_path / "nope.zip").codes() == ["not_found"]


def test_the_end_record_is_read_before_the_directory(good: Path, tmp_path: Path) -> None:
    """An end record that declares a huge directory is refused before zipfile builds it."""
    raw = bytearray(good.read_bytes())
    eocd = raw.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", raw, eocd + 8, 60_000, 60_000)  # entries on this disk, entries in total
    bad = tmp_path / "declared.zip"
    bad.write_bytes(bytes(raw))
    assert verify_package(bad, limits=ZipLimits(max_entries=1000)).codes() == ["too_many_entries"]
    struct.pack_into("<L", raw, eocd + 12, 200 * 1024 * 1024)  # directory size
    bad.write_bytes(bytes(raw))
    assert verify_package(bad).codes() == ["too_many_entries"]


def test_a_good_package_is_sealed_and_a_repacked_one_is_not(good: Path, tmp_path: Path) -> None:
    assert verify_package(good).sealed
    repacked = write_members(read_members(good), tmp_path / "repacked.zip")
    r = verify_package(repacked)
    assert r.ok and not r.sealed and [w.code for w in r.warnings] == ["unsealed_zip"]
    assert "其他压缩工具" in r.warnings[0].message


# One flipped byte in each kind of file, straight in the ZIP (CRC left stale): the verdict names it.
FLIPS = {
    "payload": ("data/report.pdf", ("hash_mismatch", "data/report.pdf")),
    "manifest": (bf.MANIFEST, ("tag_hash_mismatch", bf.MANIFEST)),
    "tagmanifest": (bf.TAGMANIFEST, ("bad_signature", bf.SIGNATURE)),
    "bag-info": (bf.BAG_INFO, ("tag_hash_mismatch", bf.BAG_INFO)),
    "bagit.txt": (bf.BAGIT, ("bad_bagit_txt", bf.BAGIT)),
    "signature": (bf.SIGNATURE, ("bad_signature", bf.SIGNATURE)),
    "public key": (bf.PUBLIC_KEY, ("bad_public_key", bf.PUBLIC_KEY)),
}


@pytest.mark.parametrize("kind", FLIPS)
def test_flipped_byte_in_each_kind_of_file(kind: str, good: Path, tmp_path: Path) -> None:
    rel, expected = FLIPS[kind]
    bad = flip_byte(good, tmp_path / "flip.zip", data_offset(good, rel) + 5)
    r = verify_package(bad)
    found = [(p.code, p.file) for p in r.problems]
    assert not r.ok and expected in found, found
    assert ("crc_error", rel) in found


@pytest.mark.parametrize("where", [0, 14, 31])  # local header signature, its CRC field, its file name
def test_flipped_byte_in_a_zip_header(where: int, good: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(good) as zf:
        offset = zf.infolist()[2].header_offset
    r = verify_package(flip_byte(good, tmp_path / "hdr.zip", offset + where))
    assert not r.ok and "bad_local_header" in r.codes(), r.codes()


def test_gbk_named_zip_from_windows_is_read_and_verified(good: Path, tmp_path: Path) -> None:
    m = read_members(good)
    for x in m:
        x.raw_name = x.name.encode("gbk")  # what 7-Zip/WinRAR/Explorer write on a Chinese Windows
    r = verify_package(write_members(m, tmp_path / "gbk.zip"))
    assert r.ok, r.codes()
    # Re-zipped by another tool: the seal is gone, which is said, but the content is fully checked.
    assert [w.code for w in r.warnings] == ["gbk_names", "unsealed_zip"] and r.package_name == good.stem
    assert not r.sealed and r.signature_valid


def test_zip_made_by_windows_explorer_is_read_and_verified(good: Path, tmp_path: Path) -> None:
    """What "发送到 → 压缩(zipped)文件夹" on a Chinese Windows makes of an unpacked package: GBK names
    without the UTF-8 flag, folder entries of their own, DOS attributes, deflated data."""
    m = read_members(good)
    root = root_of(m)
    folders = [root, root + "data/", root + "data/evidence/"]
    members = [Member(f, b"", 0x10, zipfile.ZIP_STORED, f.encode("gbk"), 0) for f in folders]
    for x in m:
        members.append(Member(x.name, x.data, 0x20, zipfile.ZIP_DEFLATED, x.name.encode("gbk"), 0))
    r = verify_package(write_members(members, tmp_path / "explorer.zip"))
    assert r.ok and r.signature_valid and r.file_count == 6, r.codes()
    assert [w.code for w in r.warnings] == ["gbk_names", "unsealed_zip"]


def test_a_zip_of_100k_entries_is_refused_without_reading_them(tmp_path: Path) -> None:
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(100_001):
            zf.writestr(f"pkg/data/{i}.txt", b"")
    r = verify_package(many)
    assert r.codes() == ["too_many_entries"] and "100001" in r.problems[0].message


def test_a_huge_file_that_is_not_a_zip(tmp_path: Path) -> None:
    huge = tmp_path / "huge.bin"
    with open(huge, "wb") as f:
        f.truncate(3 * 1024**3)  # sparse: 3 GiB of zeros that take no disk
    r = verify_package(huge)
    assert r.codes() == ["not_zip"] and r.zip_size == 3 * 1024**3


def test_utf8_names_without_the_flag_are_read(good: Path, tmp_path: Path) -> None:
    m = read_members(good)
    for x in m:
        x.raw_name = x.name.encode("utf-8")
    r = verify_package(write_members(m, tmp_path / "u8.zip"))
    assert r.ok and [w.code for w in r.warnings] == ["utf8_names_without_flag", "unsealed_zip"]


def test_deflated_repack_is_still_valid(good: Path, tmp_path: Path) -> None:
    # A clerk who unzips and re-zips with a Windows tool gets deflated entries: still the same bag.
    m = read_members(good)
    for x in m:
        x.compress_type = zipfile.ZIP_DEFLATED
    assert verify_package(write_members(m, tmp_path / "deflated.zip")).ok


def test_nfd_names_are_a_warning_only_when_the_manifest_agrees(good: Path, tmp_path: Path) -> None:
    m = read_members(good)
    for x in m:
        x.name = unicodedata.normalize("NFD", x.name)
    r = verify_package(write_members(m, tmp_path / "nfd.zip"))
    assert not r.ok and "name_not_nfc" in [w.code for w in r.warnings]
    assert {"not_in_manifest", "missing_from_zip"} <= set(r.codes())


def test_cancel_and_progress(good: Path) -> None:
    seen = []
    verify_package(good, progress=lambda d, t, p: seen.append((d, t, p)))
    assert seen[-1][0] == seen[-1][1] and {p for _, _, p in seen} == {"校验"}
    with pytest.raises(PackageCancelled):
        verify_package(good, cancel=lambda: True)


@pytest.mark.parametrize(
    "name, code",
    [
        ("a/../../b", "dotdot_path"),
        ("/abs", "absolute_path"),
        ("C:/x", "drive_path"),
        ("c:x", "drive_path"),
        ("a\\b", "backslash"),
        ("data/AUX.txt", "device_name"),
        ("data/lpt1", "device_name"),
        ("data/CON .txt", "device_name"),
        ("data/a:b", "bad_name"),
        ("data/x. ", "bad_name"),
        ("data//x", "bad_name"),
        ("data/./x", "bad_name"),
        ("data/\x00x", "bad_name"),
        ("", "bad_name"),
    ],
)
def test_name_rules(name: str, code: str) -> None:
    assert code in [c for c, _ in name_problems(name)]


@pytest.mark.parametrize(
    "name",
    [
        "pkg/data/evidence/会议纪要（2021）.pdf",
        "pkg/data/CONSOLE.txt",
        "pkg/data/.hidden",
        "pkg/data/com10.txt",
        "pkg/data/a.b.c",
    ],
)
def test_clean_names_pass(name: str) -> None:
    assert name_problems(name) == []


def test_every_problem_code_is_documented() -> None:
    """Each code the verifier can report appears in docs/verify-by-hand.md (scripts branch on them)."""
    src = Path(__file__).resolve().parent.parent / "fazhi_desktop" / "package"
    text = "".join(
        (src / f).read_text(encoding="utf-8")
        for f in ("verify.py", "bagcheck.py", "zipread.py", "zipsafe.py")
    )
    codes = set(re.findall(r'(?:found|warn)\(\s*"([a-z0-9_]+)"', text))
    codes |= set(re.findall(r'OpenFailed\(\s*"([a-z0-9_]+)"', text))
    codes |= set(re.findall(r'\("([a-z_]+)", (?:f?"|"[^"]*")', text)) - {"utf8", "ascii", "gbk", "utf-8"}
    codes |= set(re.findall(r'ReadResult\([^)]*?"([a-z_]+)"', text))
    assert len(codes) > 50, codes
    doc = (Path(__file__).resolve().parent.parent / "docs" / "verify-by-hand.md").read_text(encoding="utf-8")
    assert sorted(c for c in codes if f"`{c}`" not in doc) == []


def test_the_end_record_of_a_zip64_archive_is_read(tmp_path: Path) -> None:
    """More than 65,535 entries makes zipfile write ZIP64 end records: the counts come from those, and
    the directory is found where it should be (no false "incomplete")."""
    from fazhi_desktop.package.seal import read_tail

    path = tmp_path / "z64.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(65_537):
            zf.writestr(f"pkg/data/{i}", b"")
        zf.comment = b"note"
    with open(path, "rb") as fh:
        tail = read_tail(fh, path.stat().st_size)
    assert tail is not None and (tail.entries, tail.misplaced, tail.trailing, tail.comment) == (
        65_537,
        0,
        0,
        b"note",
    )
    r = verify_package(path, limits=ZipLimits(max_entries=65_536))
    assert r.codes() == ["too_many_entries"]
