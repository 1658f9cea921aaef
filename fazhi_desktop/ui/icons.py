"""Icons: SVG files in resources/icons (sharp at any scale), looked up by name and cached."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from fazhi_desktop.paths import resources_dir
from fazhi_desktop.selfcheck.progress import (
    STATE_DONE,
    STATE_DRAFT,
    STATE_EMPTY,
    STATE_NA,
    STATE_OUT,
    STATE_UNDECIDED,
)

_STATE_FILES = {
    STATE_EMPTY: "state-empty",
    STATE_DRAFT: "state-draft",
    STATE_DONE: "state-done",
    STATE_NA: "state-na",
    STATE_OUT: "state-out",
    STATE_UNDECIDED: "state-undecided",
}


@cache
def icon(name: str) -> QIcon:
    """The icon `resources/icons/<name>.svg` (an empty icon if the file is missing)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def state_icon(state: str) -> QIcon:
    """The status icon for an answer state of the completeness check."""
    return icon(_STATE_FILES.get(state, "state-empty"))
