"""Where things live: the per-user data directory (overridable) and the shipped resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "FAZHI_DATA_DIR"
APP_NAME = "fazhi-desktop"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: `--data-dir`, else $FAZHI_DATA_DIR, else the per-user data directory.

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
    return default_data_dir()


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
