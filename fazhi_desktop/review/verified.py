"""The one place the reviewer touches the package verifier and reads what a package says.

Verification is `verify_and_read` (package/verify.py: one pass over the file — archive, hashes,
signature — that also hands back what it verified: bag-info, the manifest and results.json as typed
`reports.results_read.Results`, validated against docs/results-json.md; `bad_results` otherwise). The
reviewer never parses results.json itself. The bureau's own copy of the file (received/, byte for byte
the verified one) is opened only to stream out evidence files the store does not have yet, each checked
against the verified manifest. Everything the rest of review/ knows about a package comes through here.
"""

from __future__ import annotations

import dataclasses
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_desktop.package.verified import ManifestEntry, VerifiedPackage
from fazhi_desktop.package.verify import VerificationReport, verify_and_read
from fazhi_desktop.progress import Cancel, Detail
from fazhi_desktop.reports.results_read import Results, ResultsEvidence
from fazhi_desktop.review.store import InRound

__all__ = [
    "Claim",
    "ReceivedCopy",
    "Results",
    "ResultsMismatch",
    "VerificationReport",
    "VerifiedPackage",
    "claim_of",
    "evidence_entry",
    "results_record",
    "verify",
]


@dataclass(frozen=True)
class Claim(InRound):
    """What bag-info says (signed), enough to sort a package before it is copied in."""

    unit_name: str
    package_id: str
    sequence: int
    supersedes: str | None
    plan_id: str
    plan_version: str
    period_label: str
    created: str
    fingerprint: str
    answers_return: str | None


def verify(
    path: Path, *, cancel: Cancel = None, detail: Detail | None = None
) -> tuple[VerificationReport, VerifiedPackage | None]:
    """The full check of a package file and what it holds (the package only when the report is ok). It
    never raises for a bad package; PackageCancelled on cancel."""
    return verify_and_read(path, cancel=cancel, detail=detail)


def claim_of(report: VerificationReport) -> Claim:
    """The signed bag-info of a package that verified."""
    info = report.bag_info
    try:
        sequence = int(info.get("Fazhi-Sequence", "0"))
    except ValueError:
        sequence = 0
    return Claim(
        unit_name=info.get("Fazhi-Unit", ""),
        package_id=info.get("Fazhi-Package-Id", ""),
        sequence=sequence,
        supersedes=info.get("Fazhi-Supersedes") or None,
        plan_id=info.get("Fazhi-Plan", ""),
        plan_version=info.get("Fazhi-Plan-Version", ""),
        period_label=info.get("Fazhi-Period", ""),
        created=info.get("Fazhi-Created", ""),
        fingerprint=(report.signer_fingerprint or "").upper(),
        answers_return=info.get("Fazhi-Answers-Return") or None,
    )


def results_record(results: Results) -> dict[str, Any]:
    """The verified results as plain JSON values (field names as in reports.results_read): what the store
    keeps in received_packages.results_json and what answers, package_evidence and the ledger are
    filled from."""
    record: dict[str, Any] = json.loads(json.dumps(dataclasses.asdict(results), ensure_ascii=False))
    return record


class ResultsMismatch(Exception):
    """What results.json lists does not match the verified payload (a file missing or another hash)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def evidence_entry(package: VerifiedPackage, e: ResultsEvidence) -> ManifestEntry:
    """The verified manifest line of an evidence file results.json lists; ResultsMismatch otherwise."""
    if not e.path:
        raise ResultsMismatch(f"佐证材料 {e.name} 没有包内路径")
    entry = package.file(e.path)
    if entry is None:
        raise ResultsMismatch(f"data/results.json 列出的 {e.path} 不在包中")
    if (entry.sha256, entry.size) != (e.sha256, e.size):
        raise ResultsMismatch(f"佐证材料 {e.name} 的哈希或大小与 data/results.json 中记载的不符")
    return entry


class ReceivedCopy:
    """The bureau's copy of a package that verified (in received/): opened only when an evidence file
    has to be streamed out of it, at most once."""

    def __init__(self, path: Path, package: VerifiedPackage) -> None:
        self.path = path
        self.root = package.package_name.rstrip("/")
        self._zip: zipfile.ZipFile | None = None

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> ReceivedCopy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open_member(self, entry: ManifestEntry) -> Iterator[bytes]:
        """The bytes of one payload file, in blocks (the caller checks them against `entry`)."""
        if self._zip is None:
            self._zip = zipfile.ZipFile(self.path)
        name = f"{self.root}/{entry.path}" if self.root else entry.path
        with self._zip.open(name) as fh:
            while block := fh.read(1024 * 1024):
                yield block
