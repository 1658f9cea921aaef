"""`fazhi-desktop PACKAGE.zip` — what a double-click on a package file runs (the .desktop entry's `%f`, the
Windows "打开方式" entry): verify the package and show the result in a window, or print it without a screen."""

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


def show_verification(package: Path) -> int:
    """Verify `package` with the `verify` verb; show its words in a message box (or print them)."""
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
