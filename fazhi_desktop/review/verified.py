"""The one place the reviewer touches the package verifier and reads what a package says.

Verification is `verify_and_read` (one pass: archive, hashes, signature, and results.json against its
format, `bad_results` otherwise). The answers are then read as plain JSON from the bureau's own copy of
the file (received/, byte for byte the verified file): the typed `reports.results_read.Results` leaves
out the `fazhi-results/1.1` score fields (points, self_score) that scoring needs. When it carries them,
only this module changes. Everything the rest of review/ knows about a package comes through here.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_desktop.package.verify import VerificationReport, verify_and_read
from fazhi_desktop.progress import Cancel, Detail
from fazhi_desktop.reports.results import validate_results
from fazhi_desktop.review.store import InRound

RESULTS = "data/results.json"


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


def verify(path: Path, *, cancel: Cancel = None, detail: Detail | None = None) -> VerificationReport:
    """The full check of a package file (it never raises for a bad package; PackageCancelled on cancel)."""
    report, _verified = verify_and_read(path, cancel=cancel, detail=detail)
    return report


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


class ResultsProblem(Exception):
    """results.json is missing, not JSON, or does not follow docs/results-json.md."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class VerifiedPackage:
    """A package file that verified (our own copy of it, in received/): its results and its members."""

    def __init__(self, path: Path, report: VerificationReport) -> None:
        if not report.ok:
            raise ValueError("only a package that verified can be read")
        self.path = path
        self.report = report
        self.root = (report.package_name or "").rstrip("/")
        self._zip = zipfile.ZipFile(path)
        self._names = {self._rel(i.filename): i for i in self._zip.infolist()}

    def _rel(self, name: str) -> str:
        return name[len(self.root) + 1 :] if self.root and name.startswith(self.root + "/") else name

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> VerifiedPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def results(self) -> dict[str, Any]:
        """The parsed and validated results.json; ResultsProblem otherwise."""
        info = self._names.get(RESULTS)
        if info is None:
            raise ResultsProblem(
                "no_results", "上报包中没有 data/results.json（可能由旧版程序生成），无法汇总"
            )
        try:
            obj = json.loads(self._zip.read(info).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ResultsProblem("bad_results", f"data/results.json 不是有效的 JSON：{exc}") from None
        problems = validate_results(obj)
        if problems:
            raise ResultsProblem("bad_results", "data/results.json 格式不符：" + "；".join(problems[:3]))
        result: dict[str, Any] = obj
        return result

    def open_member(self, bag_path: str) -> Iterator[bytes]:
        """The bytes of one payload file, in blocks (its hash was checked against the manifest)."""
        info = self._names[bag_path]
        with self._zip.open(info) as fh:
            while block := fh.read(1024 * 1024):
                yield block
