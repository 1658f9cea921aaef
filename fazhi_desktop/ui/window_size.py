"""How big the main window opens: maximised on an office screen (1366×768 and the like), the
remembered geometry on a big one; and the size the `--screenshot` pictures are taken at."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# At or below this the window opens maximised: a 1366×768 or 1440×900 screen has no room to spare.
SMALL_SCREEN = QSize(1440, 900)
# The client area of a maximised window on a 1366×768 screen (a ~40 px task bar, a ~28 px title
# bar): what most clerks see, so the pictures in docs/ show it.
SCREENSHOT_SIZE = (1366, 700)


def is_small_screen(available: QSize) -> bool:
    return available.width() <= SMALL_SCREEN.width() or available.height() <= SMALL_SCREEN.height()


def screen_room(window: QWidget) -> QSize | None:
    """What the window's screen leaves for windows (the task bar taken off); None without a screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else None


def within(size: QSize, room: QSize) -> QSize:
    """A default window size that never reaches the screen's edges."""
    return size.boundedTo(room * 0.92)


def nav_width(em: int, window_width: int) -> int:
    """The navigation tree's share: 58 characters, but never more than a third of the window."""
    return min(em * 58, max(window_width // 3, em * 36))
