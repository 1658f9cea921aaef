"""What goes into a summary package, as plain data: the caller gathers it, `write_package` writes it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from fazhi_desktop.package.bagformat import oxum
from fazhi_desktop.package.errors import PackageSpecError
from fazhi_desktop.package.zipsafe import collisions, name_problems, path_conflicts, safe_component

FORMAT_VERSION = "1"
# bag-info labels a reader relies on; the verifier reports any that is missing.
REQUIRED_INFO = (
    "Payload-Oxum",
    "Bagging-Date",
    "Fazhi-Unit",
    "Fazhi-Package-Id",
    "Fazhi-Sequence",
    "Fazhi-Key-Fingerprint",
)
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class PayloadEntry:
    """One payload file: in-memory bytes, or a file on disk streamed at write time.

    `path` is the bag path (``data/…``). For a file, `size` and `sha256` may be given when the store
    already knows them: the size sets Payload-Oxum and progress without a stat, and the hash is
    compared with what is actually read, so a damaged evidence store stops the export.
    """

    path: str
    data: bytes | None = None
    source: Path | None = None
    size: int | None = None
    sha256: str | None = None

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> PayloadEntry:
        """An in-memory payload file (report, workbook, results, history)."""
        return cls(path=path, data=bytes(data))

    @classmethod
    def from_file(
        cls, path: str, source: Path, *, size: int | None = None, sha256: str | None = None
    ) -> PayloadEntry:
        """A file on disk (evidence), copied in blocks when the package is written."""
        return cls(path=path, source=Path(source), size=size, sha256=sha256.lower() if sha256 else None)

    def byte_size(self) -> int:
        """The payload size in bytes (stat of the source when not given)."""
        if self.data is not None:
            return len(self.data)
        if self.size is not None:
            return self.size
        assert self.source is not None
        return self.source.stat().st_size


@dataclass(frozen=True)
class PackageSpec:
    """Everything a package says about itself, plus its payload."""

    unit_name: str
    unit_kind: str
    contact_name: str
    contact_phone: str
    period_label: str
    plan_id: str
    plan_version: str
    package_id: str
    sequence: int
    supersedes: str | None
    program_version: str
    created: datetime
    payload: list[PayloadEntry] = field(default_factory=list)
    history_head: str | None = None  # last hash of data/history.jsonl (see hashchain.py), when it has one
    history_rows: int | None = None
    answers_return: str | None = None  # id of the bureau's return (退回包) this package answers

    def normalised_payload(self) -> list[PayloadEntry]:
        """Payload with NFC paths, sorted; PackageSpecError for an unsafe or clashing path."""
        entries = []
        for e in self.payload:
            path = unicodedata.normalize("NFC", e.path)
            if not path.startswith("data/") or path.endswith("/"):
                raise PackageSpecError(f"载荷路径必须是 data/ 下的文件：{e.path}")
            bad = name_problems(path)
            if bad:
                raise PackageSpecError(f"载荷路径不安全：{e.path}（{bad[0][1]}）")
            if (e.data is None) == (e.source is None):
                raise PackageSpecError(f"载荷 {e.path} 必须恰好给出内容或源文件之一")
            if e.sha256 is not None and not _SHA256.fullmatch(e.sha256):
                raise PackageSpecError(f"载荷 {e.path} 的 sha256 格式不对")
            entries.append(PayloadEntry(path, e.data, e.source, e.size, e.sha256))
        entries.sort(key=lambda e: e.path)
        clash = collisions(e.path for e in entries)
        if clash:
            raise PackageSpecError(f"载荷中有重名文件：{clash[0][1]} 与 {clash[0][2]}")
        conflict = path_conflicts(e.path for e in entries)
        if conflict:
            raise PackageSpecError(f"载荷路径冲突：{conflict[0][1]} 既是文件又是文件夹")
        return entries

    def check(self) -> None:
        """PackageSpecError when a required field is empty or the sequence is not positive."""
        for label, value in (
            ("单位名称", self.unit_name),
            ("上报包编号", self.package_id),
            ("自查期间", self.period_label),
        ):
            if not str(value).strip():
                raise PackageSpecError(f"缺少{label}")
        if self.sequence < 1:
            raise PackageSpecError("上报包序号必须从 1 开始")
        if self.created.tzinfo is None:
            raise PackageSpecError("生成时间必须带时区")

    def package_name(self) -> str:
        """The folder inside the ZIP and the file name without `.zip`: unit, period, date, sequence."""
        raw = f"{self.unit_name}_{self.period_label}_{self.created:%Y%m%d}_第{self.sequence}版"
        return safe_component(raw.replace(" ", ""), max_bytes=120)

    def bag_info(self, payload_bytes: int, payload_count: int, fingerprint: str) -> list[tuple[str, str]]:
        """bag-info.txt fields, in a fixed order (standard labels first, then ours)."""
        fields = [
            ("Bagging-Date", f"{self.created:%Y-%m-%d}"),
            ("Payload-Oxum", oxum(payload_bytes, payload_count)),
            ("Bag-Software-Agent", f"fazhi-desktop {self.program_version}"),
            ("Source-Organization", self.unit_name),
            ("Contact-Name", self.contact_name),
            ("Contact-Phone", self.contact_phone),
            ("External-Identifier", self.package_id),
            ("Fazhi-Package-Format", FORMAT_VERSION),
            ("Fazhi-Unit", self.unit_name),
            ("Fazhi-Unit-Kind", self.unit_kind),
            ("Fazhi-Period", self.period_label),
            ("Fazhi-Plan", self.plan_id),
            ("Fazhi-Plan-Version", self.plan_version),
            ("Fazhi-Package-Id", self.package_id),
            ("Fazhi-Sequence", str(self.sequence)),
            ("Fazhi-Supersedes", self.supersedes or ""),
            ("Fazhi-Created", self.created.isoformat(timespec="seconds")),
            ("Fazhi-Program-Version", self.program_version),
            ("Fazhi-Key-Fingerprint", fingerprint),
            ("Fazhi-History-Head", self.history_head or ""),
            ("Fazhi-History-Rows", "" if self.history_rows is None else str(self.history_rows)),
            ("Fazhi-Answers-Return", self.answers_return or ""),
        ]
        # Empty values are left out (a first submission has no Fazhi-Supersedes line).
        return [(label, value) for label, value in fields if value.strip()]


def evidence_path(name: str) -> str:
    """The bag path for an evidence file's original name, made safe (NFC, no reserved characters)."""
    return f"data/evidence/{safe_component(name)}"


def unique_evidence_paths(named: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Evidence id → bag path for (id, original name) pairs, numbering clashes in the order given.

    Two documents may share a name ("通知.pdf"), and names that differ only in case or Unicode form
    clash on Windows: the later ones become "通知（2）.pdf", "通知（3）.pdf".
    """
    taken: set[str] = set()
    out: dict[str, str] = {}
    for key, name in named:
        path = evidence_path(name)
        stem, dot, ext = path.rpartition(".")
        if not dot or "/" in ext:
            stem, dot, ext = path, "", ""
        n = 1
        while path.casefold() in taken:
            n += 1
            path = f"{stem}（{n}）{dot}{ext}"
        taken.add(path.casefold())
        out[key] = path
    return out


@dataclass(frozen=True)
class PackageResult:
    """What was written: where, how big, its hash, and what it claims."""

    path: Path
    size: int
    sha256: str
    package_id: str
    fingerprint: str
    file_count: int
    payload_bytes: int
