"""The verifier against a corpus of hand-made bad packages: each fault has its own reason code."""

from __future__ import annotations

import json
import os
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
    FAST_KDF,
    PASSPHRASE,
    Member,
    central_record_offset,
    data_offset,
    flip_byte,
    get,
    make_spec,
    patch_central,
    read_members,
    resign,
    root_of,
    standard_payload,
    write_members,
)

from fazhi_desktop.package import UnitKey, generate_key_file, verify_package, write_package
from fazhi_desktop.package import bagformat as bf
from fazhi_desktop.package.errors import BadTrustValue, PackageCancelled
from fazhi_desktop.package.zipsafe import ZipLimits, name_problems


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[UnitKey, UnitKey]:
    d = tmp_path_factory.mktemp("keys")
    return (generate_key_file(d / "unit.json", PASSPHRASE, kdf=FAST_KDF),
            generate_key_file(d / "other.json", PASSPHRASE, kdf=FAST_KDF))  # fmt: skip


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, keys) -> Path:
    d = tmp_path_factory.mktemp("good")
    out = d / "out"
    out.mkdir()
    return write_package(make_spec(standard_payload(d / "ev", sizes=(1_000_000, 300_000))), out, keys[0]).path


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


def _edit(rel: str, change: Callable[[bytes], bytes], *, sign: bool, signer: int = 0,
          keep_fp: bool = False) -> Builder:  # fmt: skip
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
    "empty file": ("not_zip", _bytes(b"")),
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
    "bag-info field removed": ("bag_info_field_missing",
                               _edit(bf.BAG_INFO, _bag_info_line("Fazhi-Package-Id", None), sign=True)),
    "bag-info edited after signing": ("tag_hash_mismatch",
                                      _edit(bf.BAG_INFO, _bag_info_line("Contact-Phone", "110"), sign=False)),
    "manifest removed": ("missing_manifest", _drop(bf.MANIFEST)),
    "manifest malformed": ("bad_manifest", _edit(bf.MANIFEST, lambda d: d + b"zz  data/x\n", sign=True)),
    "manifest lists ../": ("bad_manifest", _edit(bf.MANIFEST, lambda d: d + b"0" * 64 + b"  data/../x\n", sign=True)),
    "tagmanifest removed": ("missing_tagmanifest", _drop(bf.TAGMANIFEST)),
    "tagmanifest malformed": ("bad_tagmanifest", _edit(bf.TAGMANIFEST, lambda d: d + b"bogus\n", sign=False)),
    "tagmanifest incomplete": ("tagmanifest_incomplete",
                               _edit(bf.TAGMANIFEST, lambda d: b"\n".join(ln for ln in d.split(b"\n")
                                                                          if b"bagit.txt" not in ln), sign=False)),
    "signature removed": ("missing_signature", _drop(bf.SIGNATURE)),
    "signature random": ("bad_signature", _edit(bf.SIGNATURE, lambda d: os.urandom(64), sign=False)),
    "signature short": ("bad_signature", _edit(bf.SIGNATURE, lambda d: d[:10], sign=False)),
    "public key removed": ("missing_public_key", _drop(bf.PUBLIC_KEY)),
    "public key garbage": ("bad_public_key", _edit(bf.PUBLIC_KEY, lambda d: b"-----BEGIN PUBLIC KEY-----\n", sign=False)),
    "re-signed, bag-info names the old key": ("fingerprint_mismatch",
                                              _edit(bf.BAG_INFO, lambda d: d, sign=True, signer=1, keep_fp=True)),
    "ZIP bomb (ratio)": ("compression_ratio", _add(lambda r: Member(r + "data/zeros.bin", bytes(20_000_000),
                                                                    compress_type=zipfile.ZIP_DEFLATED))),
    "overlapping entries": ("overlapping_entries", _overlap),
    "declared size lies": ("size_mismatch", _declared_size_lie),
    "CRC lies": ("crc_error", _crc_lie),
    "encrypted entry": ("encrypted_entry",
                        lambda g, m, k, o, out: patch_central(g, out, root_of(m) + "data/results.json",
                                                              CD_FLAGS, "<H", 0x801)),
    "unknown compression": ("unsupported_compression", _method),
    "name neither UTF-8 nor GBK": ("bad_name_encoding",
                                   _add(lambda r: Member("x", b"x", raw_name=b"\xff\xfe\xff.txt"))),
}  # fmt: skip
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


@pytest.mark.parametrize("case", ["oxum wrong", "bagit.txt wrong", "bag-info field removed",
                                  "bag-info edited after signing", "payload replaced", "signature random",
                                  "re-signed, bag-info names the old key"])  # fmt: skip
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


@pytest.mark.parametrize("limits, code", [(ZipLimits(max_entries=5), "too_many_entries"),
                                          (ZipLimits(max_total_bytes=100_000), "too_large")])  # fmt: skip
def test_archive_limits(good: Path, limits: ZipLimits, code: str) -> None:
    assert verify_package(good, limits=limits).codes() == [code]


def test_missing_file(tmp_path: Path) -> None:
    assert verify_package(tmp_path / "nope.zip").codes() == ["not_found"]


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
    assert [w.code for w in r.warnings] == ["gbk_names"] and r.package_name == good.stem


def test_utf8_names_without_the_flag_are_read(good: Path, tmp_path: Path) -> None:
    m = read_members(good)
    for x in m:
        x.raw_name = x.name.encode("utf-8")
    r = verify_package(write_members(m, tmp_path / "u8.zip"))
    assert r.ok and [w.code for w in r.warnings] == ["utf8_names_without_flag"]


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


@pytest.mark.parametrize("name, code", [
    ("a/../../b", "dotdot_path"), ("/abs", "absolute_path"), ("C:/x", "drive_path"), ("c:x", "drive_path"),
    ("a\\b", "backslash"), ("data/AUX.txt", "device_name"), ("data/lpt1", "device_name"),
    ("data/CON .txt", "device_name"), ("data/a:b", "bad_name"), ("data/x. ", "bad_name"),
    ("data//x", "bad_name"), ("data/./x", "bad_name"), ("data/\x00x", "bad_name"), ("", "bad_name"),
])  # fmt: skip
def test_name_rules(name: str, code: str) -> None:
    assert code in [c for c, _ in name_problems(name)]


@pytest.mark.parametrize("name", ["pkg/data/evidence/会议纪要（2021）.pdf", "pkg/data/CONSOLE.txt", "pkg/data/.hidden",
                                  "pkg/data/com10.txt", "pkg/data/a.b.c"])  # fmt: skip
def test_clean_names_pass(name: str) -> None:
    assert name_problems(name) == []


# --- command line -------------------------------------------------------------------------------


def test_cli_verify_ok(cli, good: Path, keys) -> None:
    r = cli("verify", str(good))
    assert r.code == 0 and "核验通过" in r.out and keys[0].fingerprint_display in r.out
    r = cli("verify", str(good), "--trust", keys[0].fingerprint_display)
    assert r.code == 0 and "与所信任的公钥一致" in r.out


def test_cli_verify_bad(cli, good: Path, keys, tmp_path: Path) -> None:
    bad = flip_byte(good, tmp_path / "bad.zip", data_offset(good, "data/report.pdf") + 100)
    r = cli("verify", str(bad))
    assert r.code == 1 and "[hash_mismatch] data/report.pdf" in r.err and "核验未通过" in r.err
    r = cli("verify", str(bad), "--json")
    doc = json.loads(r.out)
    assert r.code == 1 and doc["ok"] is False
    assert {"code": "hash_mismatch", "file": "data/report.pdf"} in [
        {"code": p["code"], "file": p["file"]} for p in doc["problems"]
    ]


def test_cli_verify_untrusted_and_bad_trust(cli, good: Path, keys) -> None:
    r = cli("verify", str(good), "--trust", keys[1].fingerprint)
    assert r.code == 1 and "untrusted_signer" in r.err
    r = cli("verify", str(good), "--trust", "nonsense")
    assert r.code == 2 and "无法识别信任的公钥或指纹" in r.err


def test_cli_verify_json_ok(cli, good: Path) -> None:
    r = cli("verify", str(good), "--json")
    doc = json.loads(r.out)
    assert r.code == 0 and doc["ok"] and doc["bag_info"]["Fazhi-Unit"] == "莘县司法局"


def test_cli_verify_in_a_subprocess(cli_subprocess, good: Path) -> None:
    r = cli_subprocess("verify", str(good))
    assert r.returncode == 0, r.stderr
    assert write_package  # the writer is exercised in test_package_write.py
