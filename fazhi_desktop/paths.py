"""Where things live: the per-user data directory (overridable) and the shipped resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "FAZHI_DATA_DIR"
APP_NAME = "fazhi-desktop"
# Portable use (a copy of the program on a USB stick): this file beside the executable keeps all data in
# PORTABLE_DATA beside the program, so the stick carries program and data from PC to PC.
PORTABLE_MARKER = "fazhi-desktop-portable.txt"
PORTABLE_DATA = "fazhi-data"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: `--data-dir`, else $FAZHI_DATA_DIR, else beside a portable program, else per user.

    An empty `--data-dir` (a script's unset variable) is refused rather than read as "the default":
    silently writing into the clerk's own store is the worst outcome of a typo."""
    if explicit is not None and not os.fspath(explicit).strip():
        from fazhi_desktop.errors import UsageError

        raise UsageError("--data-dir 不能为空：请给出数据目录的路径，或不写该选项以使用默认数据目录")
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return portable_data_dir() or default_data_dir()


def program_dir() -> Path | None:
    """The folder of the bundled executable; None when running from a source checkout."""
    return Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else None


def portable_data_dir(program: Path | None = None) -> Path | None:
    """`<program>/fazhi-data` when the portable marker lies beside the executable, else None."""
    program = program or program_dir()
    if program is not None and (program / PORTABLE_MARKER).is_file():
        return program / PORTABLE_DATA
    return None


def default_data_dir() -> Path:
    """The per-user data directory (created with its parents on first use; a chosen one is not)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resources_dir() -> Path:
    """The shipped `resources/` folder, in a source checkout or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def schema_path() -> Path:
    """`db/schema.sql`, the first migration."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "db" / "schema.sql"
    return Path(__file__).resolve().parent.parent / "db" / "schema.sql"
