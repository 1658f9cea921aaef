"""`fazhi-desktop PACKAGE.zip` — what a double-click on a package file runs (the .desktop entry's `%f`, the
Windows "打开方式" entry): verify the package and show the result in a window, or print it without a screen.
Where the data directory is the bureau's (reviewer mode) the package is imported into the reviewer store
instead — verified and stored, the outcome said (app/review_open.py)."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path


def opened_package(argv: Sequence[str]) -> Path | None:
    """The package when the only argument is an existing `.zip` file (a verb never looks like that)."""
    if len(argv) != 1 or argv[0].startswith("-"):
        return None
    path = Path(argv[0])
    return path if path.suffix.lower() == ".zip" and path.is_file() else None


def _reviewer_dir() -> Path | None:
    """The data directory (--data-dir cannot be given here: $FAZHI_DATA_DIR, portable, per user) when it
    holds the bureau's reviewer store."""
    from fazhi_desktop.app.review_open import is_review_dir
    from fazhi_desktop.errors import FazhiError
    from fazhi_desktop.paths import resolve_data_dir

    try:
        data_dir = resolve_data_dir(None)
    except FazhiError:
        return None
    return data_dir if is_review_dir(data_dir) else None


def show_verification(package: Path) -> int:
    """Verify `package` with the `verify` verb, or in reviewer mode import it; show the outcome in a
    message box (or print it)."""
    if (reviewer := _reviewer_dir()) is not None:
        return show_import(reviewer, package)
    from fazhi_desktop.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["verify", str(package)])
    text = out.getvalue().strip()
    from fazhi_desktop.ui.display import has_display  # imports Qt (fazhi_desktop.ui): only after verifying

    if not has_display(os.environ):
        print(text, file=sys.stdout if code == 0 else sys.stderr)
        return code
    from fazhi_desktop.ui.verification_box import show_verification_box

    return int(show_verification_box(package, code, text))


def show_import(data_dir: Path, package: Path) -> int:
    """Import `package` into the reviewer store in `data_dir`; show what became of it (or print it)."""
    from fazhi_desktop.app.review_open import import_opened_package

    outcome = import_opened_package(data_dir, package)
    from fazhi_desktop.ui.display import has_display  # imports Qt (fazhi_desktop.ui): only after importing

    if not has_display(os.environ):
        print(f"{outcome.headline}\n{outcome.detail}", file=sys.stdout if outcome.code == 0 else sys.stderr)
        return outcome.code
    from fazhi_desktop.ui.verification_box import show_import_box

    return int(show_import_box(outcome.code, outcome.headline, outcome.detail))
