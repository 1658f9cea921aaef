"""What a verified package holds, read in the same pass that verified it (the reviewer's input).

`verify_and_read(path, trust)` (verify.py) returns `(VerificationReport, VerifiedPackage | None)`; the
VerifiedPackage is there only when the report is ok, so everything in it is covered by the signature:

- `bag_info`: bag-info.txt as parsed (Fazhi-Unit, Fazhi-Period, Fazhi-Package-Id, Fazhi-Sequence,
  Fazhi-Supersedes, Fazhi-Plan-Id/-Version, Fazhi-Key-Fingerprint, Payload-Oxum, …).
- `manifest`: every payload file (`data/…`) with the SHA-256 and size that were checked; a reviewer who
  extracts an evidence file later checks it against this line instead of verifying the package again.
- `results`: data/results.json as typed frozen dataclasses (`reports.results_read.Results`: plan id,
  version and catalogue hash, unit, period, package, progress figures, items with their answers,
  evidence entries), already validated against docs/results-json.md.
- `history_rows`, `history_head`: the checked hash chain of data/history.jsonl (head = GENESIS when
  there are no rows; None for a package without a history file).
- `signer_fingerprint` (64 hex, uppercase), `trusted` (None when no trust was asked for), `zip_sha256`.

    report, package = verify_and_read(zip_path, trust=fingerprint)
    if package is None:
        show(report.problems)
    else:
        for item in package.results.items: ...
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fazhi_desktop.reports.results_read import Results

__all__ = ["ManifestEntry", "Results", "VerifiedPackage"]


@dataclass(frozen=True)
class ManifestEntry:
    """One payload file as verified: its path inside the bag, SHA-256 (lowercase hex) and size."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class VerifiedPackage:
    """The verified contents of one package (see the module docstring)."""

    path: Path
    package_name: str  # the bag folder inside the ZIP
    bag_info: Mapping[str, str]
    signer_fingerprint: str
    trusted: bool | None
    zip_sha256: str
    manifest: tuple[ManifestEntry, ...]
    history_rows: int | None
    history_head: str | None
    results: Results

    def file(self, path: str) -> ManifestEntry | None:
        """The manifest line of the payload file `path` (``data/…``), or None."""
        return next((m for m in self.manifest if m.path == path), None)

    @property
    def package_id(self) -> str:
        return self.bag_info.get("Fazhi-Package-Id", "")
