"""A package file opened (double-clicked, or given alone on the command line) where the data directory is
the bureau's: it is imported into the reviewer store — verified and stored by the same rules as
`review import` — and the outcome is said in Chinese. In a unit's data directory it is only verified
(cli/open_package.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.review.importer import import_packages
from fazhi_desktop.review.store import REVIEW_DB, ReviewStore

# Exit codes as `review import` gives them: 3 when the package failed verification and was quarantined.
EXIT_QUARANTINED = 3


@dataclass(frozen=True)
class OpenedImport:
    """What became of an opened package: exit code, the one-line outcome, and the reason beneath it."""

    code: int
    headline: str
    detail: str
    status: str | None = None  # the importer's status (importer.STATUS_NAMES); None when nothing was imported


def is_review_dir(data_dir: Path) -> bool:
    """True for the county justice bureau's data directory (it holds the reviewer store)."""
    return (Path(data_dir) / REVIEW_DB).is_file()


def import_opened_package(data_dir: Path, package: Path) -> OpenedImport:
    """Import `package` into the reviewer store in `data_dir`; never raises for a bad package or store."""
    try:
        with ReviewStore.open(data_dir) as store:
            store.require_bureau()
            report = import_packages(store, [package])
    except FazhiError as err:
        return OpenedImport(err.exit_code, f"未能导入：{package.name}", err.message)
    where = f"审核数据目录：{data_dir}"
    if not report.outcomes:
        return OpenedImport(1, f"未能导入：{package.name}", f"这个文件不是上报包，未导入。\n{where}")
    outcome = report.outcomes[0]
    headline, _, reason = outcome.describe().partition("\n")
    code = {"quarantined": EXIT_QUARANTINED, "not_processed": 1}.get(outcome.status, 0)
    return OpenedImport(code, headline, f"{reason}\n{where}", outcome.status)
