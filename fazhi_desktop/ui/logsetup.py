"""The program's log: `<data dir>/logs/fazhi.log`, rotating, where every detail a clerk never sees goes."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_DIR = "logs"
LOG_NAME = "fazhi.log"
_HANDLER_NAME = "fazhi-gui-file"


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_DIR / LOG_NAME


def setup_logging(data_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send the `fazhi_desktop` logger to the rotating log file (idempotent); returns the file's path."""
    path = log_path(data_dir)
    root = logging.getLogger("fazhi_desktop")
    for h in list(root.handlers):
        if h.get_name() == _HANDLER_NAME:
            root.removeHandler(h)
            h.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        # A read-only or full data directory must not stop the program from starting.
        handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
