"""Builders for package tests: a spec from real files, and hand-made bad packages generated in tmp dirs.

Bad packages are made from a good one by rewriting its members (`read_members` → edit →
`write_members`, optionally `resign` so only the intended fault remains) or by patching raw bytes
(`flip_byte`, `patch_central`). Nothing binary is committed.
"""

from __future__ import annotations

import hashlib
import struct
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from fazhi_desktop.package import bagformat as bf
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import UnitKey
from fazhi_desktop.package.spec import PackageSpec, PayloadEntry, evidence_path

# Tests pass a cheap KDF explicitly; the default (n=2**17) is asserted unchanged in test_keys.py.
FAST_KDF = KdfParams(n=2**12, r=8, p=1)
PASSPHRASE = "正确的口令 correct horse"
CST = timezone(timedelta(hours=8))
CREATED = datetime(2026, 5, 12, 10, 30, tzinfo=CST)


def make_spec(payload: list[PayloadEntry], **overrides: object) -> PackageSpec:
    """A complete spec for 莘县司法局, 2021年度, with the given payload."""
    base = PackageSpec(
        unit_name="莘县司法局",
        unit_kind="政府部门",
        contact_name="张三",
        contact_phone="0635-7326001",
        period_label="2021年度",
        plan_id="shen-2021",
        plan_version="1",
        package_id="6f1c2b9e-0d5a-4c77-9a51-3c1f0e2d4b88",
        sequence=1,
        supersedes=None,
        program_version="0.1.0",
        created=CREATED,
        payload=payload,
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def standard_payload(
    evidence_dir: Path, sizes: tuple[int, ...] = (3_000_000, 1_500_000)
) -> list[PayloadEntry]:
    """Report, workbook, results and history in memory, plus random evidence files with Chinese names.

    The second evidence name is given in NFD (as macOS would) to prove the writer stores NFC.
    """
    import os

    evidence_dir.mkdir(parents=True, exist_ok=True)
    names = [
        "会议纪要（2021）.pdf",
        unicodedata.normalize("NFD", "执法监督·检查记录 é.jpg"),
        "台账 2021.xlsx",
    ]
    entries = [
        PayloadEntry.from_bytes("data/report.pdf", b"%PDF-1.7\n" + os.urandom(20_000)),
        PayloadEntry.from_bytes("data/workbook.xlsx", b"PK\x03\x04" + os.urandom(10_000)),
        PayloadEntry.from_bytes("data/results.json", '{"单位": "莘县司法局"}\n'.encode()),
        PayloadEntry.from_bytes("data/history.jsonl", b'{"field": "status"}\n'),
    ]
    for i, size in enumerate(sizes):
        src = evidence_dir / f"blob{i}.bin"
        src.write_bytes(os.urandom(size))
        digest = hashlib.sha256(src.read_bytes()).hexdigest() if i == 0 else None
        entries.append(
            PayloadEntry.from_file(evidence_path(names[i % len(names)]), src, size=size, sha256=digest)
        )
    return entries


@dataclass
class Member:
    """One ZIP entry as plain data, ready to be edited and written back."""

    name: str
    data: bytes
    external_attr: int = 0o100644 << 16
    compress_type: int = zipfile.ZIP_STORED
    raw_name: bytes | None = None  # written as-is, without the UTF-8 flag (GBK and broken names)
    create_system: int = 3  # 3 Unix (our writer), 0 MS-DOS/Windows (Explorer, WinRAR)


def read_members(path: Path) -> list[Member]:
    """All entries of a (trusted, test-made) ZIP."""
    with zipfile.ZipFile(path) as zf:
        return [Member(i.filename, zf.read(i), i.external_attr, i.compress_type) for i in zf.infolist()]


class _RawNameInfo(zipfile.ZipInfo):
    raw: bytes = b""

    def _encodeFilenameFlags(self):  # noqa: N802 - overrides zipfile's private hook
        return self.raw, self.flag_bits & ~0x800


def write_members(members: list[Member], path: Path) -> Path:
    """Write members to a new ZIP at `path` (valid CRCs, so only the intended fault shows)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we make on purpose
        with zipfile.ZipFile(path, "w") as zf:
            for m in members:
                info: zipfile.ZipInfo
                if m.raw_name is not None:
                    info = _RawNameInfo(m.name, date_time=(2026, 5, 12, 10, 30, 0))
                    info.raw = m.raw_name
                else:
                    info = zipfile.ZipInfo(m.name, date_time=(2026, 5, 12, 10, 30, 0))
                info.external_attr = m.external_attr
                info.compress_type = m.compress_type
                info.create_system = m.create_system
                zf.writestr(info, m.data)
    return path


def root_of(members: list[Member]) -> str:
    """The bag folder (with trailing slash)."""
    return next(m.name for m in members if m.name.endswith("/bagit.txt"))[: -len("bagit.txt")]


def get(members: list[Member], rel: str) -> Member:
    """The member at `rel` inside the bag folder."""
    root = root_of(members)
    return next(m for m in members if m.name == root + rel)


def resign(members: list[Member], key: UnitKey, *, keep_bag_info_fingerprint: bool = False) -> list[Member]:
    """Recompute the tag manifest, public key and signature (optionally the bag-info fingerprint)."""
    if not keep_bag_info_fingerprint:
        info = get(members, bf.BAG_INFO)
        lines = [
            f"Fazhi-Key-Fingerprint: {key.fingerprint}" if ln.startswith("Fazhi-Key-Fingerprint:") else ln
            for ln in info.data.decode().splitlines()
        ]
        info.data = ("\n".join(lines) + "\n").encode()
    tag = bf.render_manifest(
        [(n, hashlib.sha256(get(members, n).data).hexdigest()) for n in (bf.BAGIT, bf.BAG_INFO, bf.MANIFEST)]
    )
    get(members, bf.TAGMANIFEST).data = tag
    get(members, bf.PUBLIC_KEY).data = key.public_pem()
    get(members, bf.SIGNATURE).data = key.sign(tag)
    return members


def data_offset(path: Path, rel: str) -> int:
    """Byte offset of an entry's (stored) data in the ZIP file."""
    with zipfile.ZipFile(path) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith("/" + rel) or i.filename == rel)
    raw = path.read_bytes()
    n, e = struct.unpack("<HH", raw[info.header_offset + 26 : info.header_offset + 30])
    return info.header_offset + 30 + n + e


def flip_byte(src: Path, dst: Path, offset: int, mask: int = 0x01) -> Path:
    """Copy `src` to `dst` with one byte XORed."""
    data = bytearray(src.read_bytes())
    data[offset] ^= mask
    dst.write_bytes(bytes(data))
    return dst


def set_byte(src: Path, dst: Path, offset: int, value: int) -> Path:
    """Copy `src` to `dst` with one byte replaced."""
    data = bytearray(src.read_bytes())
    data[offset] = value
    dst.write_bytes(bytes(data))
    return dst


def central_record_offset(path: Path, name: str) -> int:
    """Offset of the central-directory record for entry `name`."""
    raw = path.read_bytes()
    with zipfile.ZipFile(path) as zf:
        pos = zf.start_dir
    while raw[pos : pos + 4] == b"PK\x01\x02":
        n, e, c = struct.unpack("<HHH", raw[pos + 28 : pos + 34])
        if raw[pos + 46 : pos + 46 + n].decode("utf-8", "replace") == name:
            return pos
        pos += 46 + n + e + c
    raise KeyError(name)


def patch_central(src: Path, dst: Path, name: str, field_offset: int, fmt: str, value: int) -> Path:
    """Copy `src` to `dst` with one field of `name`'s central record replaced (offset within the record)."""
    data = bytearray(src.read_bytes())
    pos = central_record_offset(src, name) + field_offset
    struct.pack_into(fmt, data, pos, value)
    dst.write_bytes(bytes(data))
    return dst


# Central-directory record field offsets (APPNOTE 4.3.12).
CD_FLAGS = 8
CD_UNCOMPRESSED = 24
CD_LOCAL_OFFSET = 42


def zip_regions(path: Path) -> list[tuple[str, str, int, int]]:
    """Every byte range of a ZIP file by what it is: (kind, entry name, start, end), covering the file.

    Kinds: `local header` (fixed part, name and extra field), `data`, `central record`, `end record`
    and `comment` (the seal). The ranges are contiguous from 0 to the file size for a ZIP our writer
    made (no gaps, no data descriptors); the caller asserts that.
    """
    raw = path.read_bytes()
    regions: list[tuple[str, str, int, int]] = []
    with zipfile.ZipFile(path) as zf:
        infos = sorted(zf.infolist(), key=lambda i: i.header_offset)
        start_dir = zf.start_dir
    for info in infos:
        n, e = struct.unpack("<HH", raw[info.header_offset + 26 : info.header_offset + 30])
        data = info.header_offset + 30 + n + e
        regions.append(("local header", info.filename, info.header_offset, data))
        regions.append(("data", info.filename, data, data + info.compress_size))
    pos = start_dir
    while raw[pos : pos + 4] == b"PK\x01\x02":
        n, e, c = struct.unpack("<HHH", raw[pos + 28 : pos + 34])
        name = raw[pos + 46 : pos + 46 + n].decode("utf-8", "replace")
        regions.append(("central record", name, pos, pos + 46 + n + e + c))
        pos += 46 + n + e + c
    (comment_len,) = struct.unpack("<H", raw[pos + 20 : pos + 22])
    regions.append(("end record", "", pos, pos + 22))
    regions.append(("comment", "", pos + 22, pos + 22 + comment_len))
    return regions
